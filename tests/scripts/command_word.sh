#!/bin/sh
# command_word.sh - the first word of a command line: a command, else a script to run. A word
# that is no command, names no existing file, has no '/' and no .deal is a mistyped command
# (exit 2, usage); an existing file of any name runs; a missing x.deal is unreadable (exit 3).
# $1 = the dealgraph binary. Run from the repository root.
set -u
DG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
bad() { echo "FAIL: $*"; failed=1; }
expect() {   # expect CODE FIRST-STDERR-LINE ARGS...
    want=$1 line=$2
    shift 2
    (cd "$tmp" && "$DG" "$@") </dev/null >"$tmp/out" 2>"$tmp/err"
    code=$?
    [ "$code" = "$want" ] || bad "$*: exit $code, expected $want"
    [ "$(head -n 1 "$tmp/err")" = "$line" ] || bad "$*: said '$(head -n 1 "$tmp/err")'"
}
printf 'company a\nshow a\n' >"$tmp/web"
expect 0 "" web                        # an existing file without .deal runs
grep -q "^a (company)" "$tmp/out" || bad "web: did not show a"
expect 2 "dealgraph: unknown command 'webb'" webb
expect 2 "dealgraph: unknown command 'frobnicate'" frobnicate web
expect 3 "dealgraph: cannot read 'webb.deal': No such file or directory" webb.deal
expect 3 "dealgraph: cannot read './webb': No such file or directory" ./webb
exit $failed
