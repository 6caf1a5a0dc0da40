#!/bin/sh
# The test runner `make check-suite` calls: cmocka unit tests, then script cases.
#
# A script case is a file CASE.deal or CASE.cmd in tests/golden, tests/errors, tests/examples
# or tests/cli, with optional siblings:
#   CASE.cmd    the arguments (shell words; $DG is the binary); default: CASE.deal itself
#   CASE.in     standard input (default /dev/null)
#   CASE.out    expected standard output (checked when present)
#   CASE.err    expected standard error (checked when present)
#   CASE.code   expected exit code (default 0)
# Cases run from the repository root, so paths in messages are relative to it.
# Prints "N passed, N failed" last; exits 1 when anything failed.
DG=$1
UNITDIR=$2
export DG NO_COLOR=1 DEALGRAPH_HISTORY=/dev/null
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for t in "$UNITDIR"/test_*; do
    [ -x "$t" ] || continue
    if "$t" >"$tmp/unit.log" 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL unit $(basename "$t")"
        cat "$tmp/unit.log"
    fi
done

for dir in tests/golden tests/errors tests/examples tests/cli; do
    [ -d "$dir" ] || continue
    for f in "$dir"/*.cmd "$dir"/*.deal; do
        [ -e "$f" ] || continue
        case=${f%.*}
        # A .deal with a .cmd beside it runs through the .cmd only.
        case $f in *.deal) [ -e "$case.cmd" ] && continue ;; esac
        if [ -e "$case.cmd" ]; then args=$(cat "$case.cmd"); else args=$f; fi
        input=/dev/null
        [ -e "$case.in" ] && input=$case.in
        # shellcheck disable=SC2086
        eval "\"\$DG\" $args" <"$input" >"$tmp/out" 2>"$tmp/err"
        code=$?
        want=0
        [ -e "$case.code" ] && want=$(cat "$case.code")
        ok=1
        if [ "$code" != "$want" ]; then
            echo "FAIL $case: exit code $code, expected $want"
            ok=0
        fi
        if [ -e "$case.out" ] && ! diff -u "$case.out" "$tmp/out" >"$tmp/diff"; then
            echo "FAIL $case: stdout differs"; head -40 "$tmp/diff"; ok=0
        fi
        if [ -e "$case.err" ] && ! diff -u "$case.err" "$tmp/err" >"$tmp/diff"; then
            echo "FAIL $case: stderr differs"; head -40 "$tmp/diff"; ok=0
        fi
        # No case may end in a crash or a sanitizer report.
        if [ "$code" -ge 128 ] || grep -q "Sanitizer\|runtime error:" "$tmp/err"; then
            echo "FAIL $case: crashed or sanitizer report"; head -20 "$tmp/err"; ok=0
        fi
        if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
    done
done

for s in tests/scripts/*.sh; do
    [ -e "$s" ] || continue
    if sh "$s" "$DG" >"$tmp/s.log" 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL script $s"; tail -30 "$tmp/s.log"
    fi
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
