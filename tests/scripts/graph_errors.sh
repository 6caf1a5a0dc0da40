#!/bin/sh
# `dealgraph graph` exit statuses: 2 usage, 1 script errors, unknown scenario or a web too
# large to lay out, 3 files.
set -u
DG=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
expect() {   # expect CODE ARGS...: run graph, compare the exit status
    want=$1; shift
    "$DG" graph "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    [ "$got" = "$want" ] || { cat "$tmp/err"; fail "graph $* exited $got, expected $want"; }
    grep -q "Sanitizer\|runtime error" "$tmp/err" && fail "graph $*: sanitizer report"
    return 0
}
printf 'company a\ncompany b\na pays 1B to b\n' >"$tmp/ok.deal"
printf 'company a {\n' >"$tmp/bad.deal"

expect 2                                       # no script
expect 2 "$tmp/ok.deal" -o "$tmp/web.jpg"      # unknown format
expect 2 "$tmp/ok.deal" --format pdf -o x      # unknown --format
expect 2 "$tmp/ok.deal" --bogus -o "$tmp/x.svg"
expect 2 "$tmp/ok.deal" -o                     # -o without a value
expect 1 "$tmp/bad.deal" -o "$tmp/x.svg"       # script error
[ -e "$tmp/x.svg" ] && fail "a picture was written for a script with errors"
expect 1 "$tmp/ok.deal" --scenario nosuch -o "$tmp/x.svg"
expect 3 "$tmp/missing.deal" -o "$tmp/x.svg"   # unreadable script
expect 3 "$tmp/ok.deal" -o "$tmp/no/such/dir/x.svg"
# A web too large to lay out (130 entities in a ring): SVG refused with 1, DOT written.
i=0; { while [ $i -lt 130 ]; do echo "company e$i"; echo "e$i pays 1B to e$(( (i + 1) % 130 ))"; i=$((i + 1)); done; } >"$tmp/big.deal"
expect 1 "$tmp/big.deal" -o "$tmp/big.svg"
grep -q "write .dot" "$tmp/err" || fail "no hint to write .dot for a large web"
expect 0 "$tmp/big.deal" -o "$tmp/big.dot"
n=$(grep -cE '^[[:space:]]*e[0-9]+[[:space:]]+->' "$tmp/big.dot")
[ "$n" = 130 ] || fail "big.dot has $n edges, expected 130"
# No -o: DOT on standard output.
expect 0 "$tmp/ok.deal"
grep -q '^digraph' "$tmp/out" || fail "graph without -o did not print DOT"
# --format overrides the extension.
expect 0 "$tmp/ok.deal" --format svg -o -
grep -q '</svg>' "$tmp/out" || fail "--format svg -o - did not print SVG"
echo ok
