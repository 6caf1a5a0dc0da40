#!/bin/sh
# make bench: generate large webs and measure dealgraph on them (a benchmark, not a test).
# Targets (README "Performance"): parse+check of 1M deals among 10k entities <= 0.5 s and
# <= 150 MB; full report without per-entity sources <= 2 s; sources of one entity <= 0.5 s;
# clearing of a 1M-obligation world <= 1 s; a what-if fork does not copy the world; a REPL
# question on the 2025 web well under 100 ms.
# Each command runs BENCH_RUNS times (default 3): best and median wall time, peak resident
# memory, exit status. The best is what a noisy shared machine inflates least.
set -e
DG=$1
BUILD=${2:-build}
dir=tests/bench
tmp=$BUILD/bench
mkdir -p "$tmp"
# The measuring programs are built by `make bench` ($BUILD/bench/).
M=$BUILD/bench/measure
[ -f "$tmp/web1m.deal" ] || sh $dir/gen.sh 1000000 10000 > "$tmp/web1m.deal"
printf 'show sources of e42\n' > "$tmp/sources.deal"
printf 'show system\n' > "$tmp/nothing.deal"
printf 'scenario shortfall "demand falls by half" { shock payments of users by -50%% }\nwhat if shortfall { show defaults }\n' > "$tmp/whatif.deal"
printf 'what if shortfall { show defaults }\n' > "$tmp/whatif.in"
echo "input: $(wc -l < "$tmp/web1m.deal") lines, $(du -m "$tmp/web1m.deal" | cut -f1) MB (1M deals, 10k entities)"
$M "wc -l (reading the same file)" wc -l "$tmp/web1m.deal"
$M "check (parse + evaluate)" "$DG" check "$tmp/web1m.deal"
$M "report --no-sources (text)" "$DG" report --no-sources "$tmp/web1m.deal"
$M "report --json --no-sources" "$DG" report --json --no-sources "$tmp/web1m.deal"
$M "run + show system (graph, no sources)" "$DG" "$tmp/web1m.deal" "$tmp/nothing.deal"
$M "run + show sources of e42" "$DG" "$tmp/web1m.deal" "$tmp/sources.deal"
$M "run + what-if demand shortfall (clearing)" "$DG" "$tmp/web1m.deal" "$tmp/whatif.deal"
$M "repl: load, then a what-if" sh -c "\"$DG\" repl \"$tmp/web1m.deal\" \"$tmp/whatif.deal\" < /dev/null"
"$BUILD/bench/forkcost" "$tmp/web1m.deal"
"$BUILD/bench/clearcost"
"$BUILD/bench/question"
printf 'use ai2025\n' > "$tmp/ai2025.deal"
"$BUILD/bench/yearcost" "$tmp/web1m.deal" "$tmp/ai2025.deal"
