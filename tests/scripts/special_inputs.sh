#!/bin/sh
# special_inputs.sh - inputs that are not ordinary files, or are too large, must end at once
# with a clear message, never block or read gigabytes:
#   - a FIFO with no writer (tests/scripts/include_fifo.deal includes one beside it),
#     through `include`, `use`, on the command line, for fmt and --tokens;
#   - a file over the 1 GiB limit (sparse: no disk is used), through `include`, on the
#     command line and as standard input (refused from its size, before reading).
# `include`/`use`: exit 1, the error at the string or name. Command line: exit 3.
# $1 = the dealgraph binary. Run from the repository root.
set -u
DG=$1
LIMIT=${SPECIAL_TIMEOUT:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
bad() { echo "FAIL: $*"; failed=1; }

# expect CODE STDERR-LINE ARGS...: exit status CODE within LIMIT s, and that first line.
expect() {
    want=$1 line=$2
    shift 2
    timeout "$LIMIT" "$DG" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
    code=$?
    [ "$code" = "$want" ] || bad "$*: exit $code, expected $want (124: timed out)"
    first=$(head -n 1 "$tmp/err")
    [ "$first" = "$line" ] || bad "$*: said '$first', expected '$line'"
}

mkfifo "$tmp/fifo.deal"
cp tests/scripts/include_fifo.deal "$tmp/include_fifo.deal"
expect 1 "$tmp/include_fifo.deal:2:9: error: cannot read '$tmp/fifo.deal': not a regular file" \
    check "$tmp/include_fifo.deal"
expect 3 "dealgraph: cannot read '$tmp/fifo.deal': not a regular file" check "$tmp/fifo.deal"
expect 3 "dealgraph: cannot read '$tmp/fifo.deal': not a regular file" "$tmp/fifo.deal"
expect 3 "dealgraph fmt: cannot read '$tmp/fifo.deal': not a regular file" fmt "$tmp/fifo.deal"
expect 3 "dealgraph: cannot read '$tmp/fifo.deal': not a regular file" --tokens "$tmp/fifo.deal"
printf 'use fifo\n' >"$tmp/use.deal"
DEALGRAPH_PATH=$tmp expect 1 "$tmp/use.deal:1:5: error: cannot read '$tmp/fifo.deal': not a regular file" \
    check "$tmp/use.deal"

truncate -s 1073741825 "$tmp/big.deal"   # 1 GiB + 1 byte
printf 'include "big.deal"\n' >"$tmp/inc_big.deal"
expect 1 "$tmp/inc_big.deal:1:9: error: cannot read '$tmp/big.deal': larger than 1 GiB, the most one input may hold" \
    check "$tmp/inc_big.deal"
expect 3 "dealgraph: cannot read '$tmp/big.deal': larger than 1 GiB, the most one input may hold" \
    check "$tmp/big.deal"
timeout "$LIMIT" "$DG" check - <"$tmp/big.deal" >/dev/null 2>"$tmp/err"
code=$?
[ "$code" = 3 ] || bad "check - < big.deal: exit $code, expected 3"
grep -qx "dealgraph: cannot read standard input: larger than 1 GiB, the most one input may hold" "$tmp/err" ||
    bad "check - < big.deal said: $(head -c 300 "$tmp/err")"

exit $failed
