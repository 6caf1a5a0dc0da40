#!/bin/sh
# large_input.sh - a script of 1 MB or more is scanned on a second thread (src/front/lexpipe.c);
# its results and errors must be those of the same statements read on one thread:
#   - `report` and `report --json` of a 1.7 MB web equal those of a small script that
#     includes the same web in two halves of under 1 MB each (each read on one thread),
#   - errors planted at known lines of the large web come out at those lines and columns,
#     in line order, with exit status 1.
# $1 = the dealgraph binary. Run from the repository root.
set -u
DG=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
bad() { echo "FAIL: $*"; failed=1; }

# 100 companies, then 32,000 deals among them (deterministic), 1.7 MB in all.
awk 'BEGIN {
    print "as of 2025"
    print "market users \"End users\""
    for (i = 0; i < 100; i++)
        printf "company e%d { cash %dB; revenue %dB/y; debt %dB; equity %dB }\n", i, 5 + i % 40, 1 + i % 30, i % 20, 10 + i % 90
    for (k = 0; k < 32000; k++) {
        a = (k * 37) % 100; b = (k * 61 + 7) % 100
        if (a == b) b = (b + 1) % 100
        v = k % 5
        if (v == 0) printf "e%d pays %d.%dB to e%d over %dy from %d   # deal %d of the web\n", a, 1 + k % 9, k % 10, b, 1 + k % 4, 2025 + k % 3, k
        else if (v == 1) printf "e%d buys %d.%dB from e%d  # a purchase, line %d\n", a, 1 + k % 7, k % 10, b, k
        else if (v == 2) printf "e%d lends %d.%dB to e%d over %dy  # a loan, line %d\n", a, 1 + k % 5, k % 10, b, 1 + k % 3, k
        else if (v == 3) printf "e%d invests %d.%dB in e%d  # a stake, line %d\n", a, 1 + k % 6, k % 10, b, k
        else printf "users pays %d.%dB to e%d  # what users pay, line %d\n", 1 + k % 3, k % 10, b, k
    }
}' > "$tmp/web.deal"
size=$(wc -c < "$tmp/web.deal")
[ "$size" -ge 1048576 ] || bad "the web is only $size bytes: it would not use the scanning thread"
lines=$(wc -l < "$tmp/web.deal")
half=$((lines / 2))
head -n "$half" "$tmp/web.deal" > "$tmp/a.deal"
tail -n +"$((half + 1))" "$tmp/web.deal" > "$tmp/b.deal"
[ "$(wc -c < "$tmp/a.deal")" -lt 1048576 ] && [ "$(wc -c < "$tmp/b.deal")" -lt 1048576 ] ||
    bad "a half is 1 MB or more"
printf 'include "a.deal"\ninclude "b.deal"\n' > "$tmp/halves.deal"

for args in "report" "report --json"; do
    # shellcheck disable=SC2086
    "$DG" $args "$tmp/web.deal" > "$tmp/big.out" 2> "$tmp/big.err" || bad "$args on the large web failed"
    # shellcheck disable=SC2086
    "$DG" $args "$tmp/halves.deal" > "$tmp/halves.out" 2> "$tmp/halves.err" || bad "$args on the halves failed"
    [ -s "$tmp/big.out" ] || bad "$args printed nothing"
    cmp -s "$tmp/big.out" "$tmp/halves.out" || bad "$args differs between one large file and two halves"
done

# Errors at known places: a bad suffix on line 1000, an uppercase keyword on line 20000, a
# stray character on line 31000 and an unclosed string on the last line.
awk 'NR == 1000 { print "e1 pays 5Q to e2"; next }
     NR == 20000 { print "Company e3"; next }
     NR == 31000 { print "e4 pays 1B @ to e5"; next }
     { print }
     END { printf "e1 pays 1B to e2 source \"unclosed" }' "$tmp/web.deal" > "$tmp/errs.deal"
last=$(($(wc -l < "$tmp/errs.deal") + 1))
"$DG" check "$tmp/errs.deal" > /dev/null 2> "$tmp/errs.err"
code=$?
[ "$code" = 1 ] || bad "check of the web with errors exited $code, not 1"
grep -E '^[^ ]+:[0-9]+:[0-9]+: error' "$tmp/errs.err" | sed -E 's/^[^:]*:([0-9]+:[0-9]+): error: /\1 /' \
    > "$tmp/got"
cat > "$tmp/want" <<EOF
1000:10 bad suffix in amount '5Q'
20000:1 names are lowercase: 'Company'
31000:12 unexpected character '@'
$last:25 unclosed string
EOF
cmp -s "$tmp/got" "$tmp/want" || { bad "errors of the large web"; diff "$tmp/want" "$tmp/got"; }

exit $failed
