#!/bin/sh
# A simulate's result does not depend on how it is cut up (docs/RISK.md "Threads, shards
# and exact sums"): -j1 and -j2 print the same bytes, text and JSON; four shards merged, in
# any order, print the JSON of the unsharded run byte for byte; shards that are not one whole
# run are refused.
# $1 = the dealgraph binary. Run from the repository root.
set -u
DG=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }
cat >"$tmp/web.deal" <<'EOF'
as of 2025
horizon 2028
market users
company lab { cash 5B; revenue 18B/y from users; costs 4B/y }
company cloud { cash 20B; equity 30B }
company chips { cash 3B; equity 15B }
bank lender { cash 50B }
lab buys 60B from cloud over 4y from 2025
cloud buys 40B from chips over 4y from 2025
lender lends 20B to lab from 2025 due 2027 at 8%
chips invests 2B in lab from 2024
users pays 15B/y to cloud
let growth ~ normal(-10%, 30%)
let rates ~ uniform(0%, 20%)
let recov ~ triangular(30%, 60%, 90%)
scenario storm { shock demand by growth; shock cash of cloud by -rates; set recovery recov }
EOF
W=$tmp/web.deal
"$DG" simulate storm 3001 "$W" --seed 9 -j1 --json >"$tmp/j1.json" || no "-j1 run failed"
"$DG" simulate storm 3001 "$W" --seed 9 -j2 --json >"$tmp/j2.json" || no "-j2 run failed"
cmp -s "$tmp/j1.json" "$tmp/j2.json" || no "-j1 and -j2 JSON differ"
"$DG" simulate storm 3001 "$W" --seed 9 -j1 >"$tmp/t1.txt" || no "-j1 text run failed"
"$DG" simulate storm 3001 "$W" --seed 9 -j2 >"$tmp/t2.txt" || no "-j2 text run failed"
cmp -s "$tmp/t1.txt" "$tmp/t2.txt" || no "-j1 and -j2 text differ"
grep -q '"samples": 3001' "$tmp/j1.json" || no "the run does not report 3001 samples"
grep -q '"default_probability": 0\.[0-9]*[1-9]' "$tmp/j1.json" ||
    no "nobody defaults: the case would test nothing"
for k in 0 1 2 3; do
    "$DG" simulate storm 3001 "$W" --seed 9 --shard $k/4 -j2 --json >"$tmp/s$k.json" ||
        no "shard $k/4 failed"
done
"$DG" simulate --merge "$tmp/s0.json" "$tmp/s1.json" "$tmp/s2.json" "$tmp/s3.json" \
    >"$tmp/m.json" || no "--merge failed"
cmp -s "$tmp/j1.json" "$tmp/m.json" || no "four shards merged differ from one run"
"$DG" simulate --merge "$tmp/s3.json" "$tmp/s1.json" "$tmp/s0.json" "$tmp/s2.json" \
    >"$tmp/m2.json" || no "--merge in another order failed"
cmp -s "$tmp/j1.json" "$tmp/m2.json" || no "the merge depends on the order of the shards"
# A shard alone is a run of its own samples: 3001 samples k = 1 mod 4 are 750.
grep -q '"samples": 750' "$tmp/s1.json" || no "shard 1/4 of 3001 does not hold 750 samples"
# Refused: a shard missing, one twice, another seed, a file that is not a shard.
"$DG" simulate --merge "$tmp/s0.json" "$tmp/s1.json" "$tmp/s2.json" 2>"$tmp/e" >/dev/null
[ $? -eq 1 ] && grep -q '3 shards given, the run has 4' "$tmp/e" || no "a missing shard is not refused"
"$DG" simulate --merge "$tmp/s0.json" "$tmp/s1.json" "$tmp/s2.json" "$tmp/s2.json" 2>"$tmp/e" >/dev/null
[ $? -eq 1 ] && grep -q 'shard 2 of 4 appears twice' "$tmp/e" || no "a shard twice is not refused"
"$DG" simulate storm 3001 "$W" --seed 10 --shard 3/4 --json >"$tmp/other.json"
"$DG" simulate --merge "$tmp/s0.json" "$tmp/s1.json" "$tmp/s2.json" "$tmp/other.json" 2>"$tmp/e" >/dev/null
[ $? -eq 1 ] && grep -q 'a shard of another run' "$tmp/e" || no "a shard of another seed is not refused"
"$DG" simulate --merge "$tmp/j1.json" 2>"$tmp/e" >/dev/null
[ $? -eq 1 ] && grep -q 'no "shard" object' "$tmp/e" || no "a whole run's JSON is taken as a shard"
printf '{"scenario": ' >"$tmp/bad.json"
"$DG" simulate --merge "$tmp/bad.json" 2>"$tmp/e" >/dev/null
[ $? -eq 1 ] && grep -q "bad.json:1:.*: error: not JSON" "$tmp/e" || no "broken JSON is not a located error"
: >"$tmp/empty.json"
"$DG" simulate --merge "$tmp/empty.json" 2>"$tmp/e" >/dev/null
[ $? -eq 1 ] && grep -q "empty.json:1:1: error: not JSON" "$tmp/e" || no "an empty shard is not an error at 1:1"
"$DG" simulate --merge "$tmp/nowhere.json" 2>/dev/null >/dev/null
[ $? -eq 3 ] || no "an unreadable shard is not exit 3"
[ $fail -eq 0 ] && echo "simulate: -j1 = -j2, and 4 shards merged = one run, byte for byte"
exit $fail
