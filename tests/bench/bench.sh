#!/bin/sh
# make bench: generate large webs and measure dealgraph on them (a benchmark, not a test).
# Targets (README "Performance"): parse+check of 1M deals among 10k entities <= 0.5 s and
# <= 150 MB; full report without per-entity sources <= 2 s; sources of one entity <= 0.5 s;
# clearing of a 1M-obligation world <= 1 s.
set -e
DG=$1
dir=tests/bench
cc -O2 -o build/measure $dir/measure.c
M=build/measure
[ -f $dir/web1m.deal ] || sh $dir/gen.sh 1000000 10000 > $dir/web1m.deal
[ -f $dir/web1m_stress.deal ] || sh $dir/gen.sh 1000000 10000 yes > $dir/web1m_stress.deal
printf 'show sources of e42\n' > $dir/sources.deal
echo "input: $(wc -l < $dir/web1m.deal) lines, $(du -m $dir/web1m.deal | cut -f1) MB"
$M "wc -l (reading the same file)" wc -l $dir/web1m.deal
$M "check (parse + evaluate), 1M deals" "$DG" check $dir/web1m.deal
$M "report --no-sources, 1M deals" "$DG" report --no-sources $dir/web1m.deal
$M "report --json --no-sources, 1M deals" "$DG" report --json --no-sources $dir/web1m.deal
$M "sources of one entity, 1M deals" "$DG" $dir/web1m.deal $dir/sources.deal
$M "what-if clearing (demand shortfall), 1M deals" "$DG" $dir/web1m_stress.deal
