#!/bin/sh
# hostile.sh - inputs built to break a parser: a 100 MB line (5.3M terms of one sum), 100k nested parentheses,
# 100k unary minus signs, nested blocks past the parser's stack, NUL bytes, invalid UTF-8
# inside and outside strings. Each must end in exit code 1 with a located error
# (file:line:col), no crash, no sanitizer report, within the time limit.
# Usage: sh tests/scripts/hostile.sh path/to/dealgraph   (tests/run.sh passes the binary)
DG=${1:?usage: hostile.sh DEALGRAPH}
LIMIT=${HOSTILE_TIMEOUT:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# rep N TEXT: TEXT repeated N times, no newline (doubling keeps it fast for 100 MB).
rep() {
    n=$1
    printf '%s' "$2" >"$tmp/rep.1"
    : >"$tmp/rep.out"
    while [ "$n" -gt 0 ]; do
        [ $((n % 2)) = 1 ] && cat "$tmp/rep.1" >>"$tmp/rep.out"
        n=$((n / 2))
        [ "$n" -gt 0 ] && cat "$tmp/rep.1" "$tmp/rep.1" >"$tmp/rep.2" && mv "$tmp/rep.2" "$tmp/rep.1"
    done
    cat "$tmp/rep.out"
}

{ printf 'let x = '; rep 5300000 'tranche_amount_x + '; printf '1\n'; } >"$tmp/long_line.deal"
{ printf 'company a\n# '; rep 10000000 'comment '; printf '\nlet b = 10XB\n'; } >"$tmp/long_comment.deal"
{ printf 'let x = '; rep 100000 '('; printf '1'; rep 100000 ')'; printf '\n'; } >"$tmp/parens.deal"
{ printf 'let x = '; rep 100000 '-'; printf '1\n'; } >"$tmp/minus.deal"
{ rep 50000 'what if { '; printf 'show cycles\n'; } >"$tmp/blocks.deal"
printf 'company a\n\000\000\000 let b = 1\nlet c = 2\000\n' >"$tmp/nul.deal"
printf 'company a\nlet b = \377\376 1\n' >"$tmp/utf8.deal"
printf 'company a "bad \342\202 text"\n' >"$tmp/utf8_string.deal"
printf 'let s = "never closed' >"$tmp/open_string.deal"

for f in long_line long_comment parens minus blocks nul utf8 utf8_string open_string; do
    timeout "$LIMIT" "$DG" check "$tmp/$f.deal" >"$tmp/out" 2>"$tmp/err"
    code=$?
    ok=1
    if [ "$code" != 1 ]; then
        echo "FAIL $f: exit code $code, expected 1 (124 = timed out after ${LIMIT}s)"
        ok=0
    fi
    if ! grep -q "^$tmp/$f.deal:[0-9][0-9]*:[0-9][0-9]*: error: " "$tmp/err"; then
        echo "FAIL $f: no located error"
        ok=0
    fi
    if grep -q "Sanitizer\|runtime error:" "$tmp/err"; then
        echo "FAIL $f: sanitizer report"
        ok=0
    fi
    if [ $ok = 1 ]; then
        echo "ok   $f: $(grep -m1 ': error: ' "$tmp/err" | sed "s|^$tmp/||" | cut -c1-100)"
    else
        head -c 2000 "$tmp/err"
        fail=1
    fi
done
exit $fail
