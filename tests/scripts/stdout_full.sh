#!/bin/sh
# stdout_full.sh - every command checks its standard output: into /dev/full (a write fails
# with ENOSPC) each exits 3 with "dealgraph: cannot write standard output", where it used to
# exit 0 with the output lost. `check` writes nothing and still exits 0.
# Usage: sh tests/scripts/stdout_full.sh path/to/dealgraph   (tests/run.sh passes it)
set -u
DG=${1:?usage: stdout_full.sh DEALGRAPH}
[ -w /dev/full ] || { echo "skip: no /dev/full"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
printf 'as of 2025\ncompany a { cash 10B }\ncompany b\na pays 1B to b\nscenario s { a defaults }\n' >"$tmp/a.deal"
printf 'company a\ncompany b\na pays 2B to b\n' >"$tmp/b.deal"
printf 'company   a\n' >"$tmp/messy.deal"
printf 'company a\nshow summary\n' >"$tmp/in.deal"   # the REPL's piped input
full() {   # full ARGS...: dealgraph ARGS > /dev/full must exit 3 and say why
    "$DG" "$@" >/dev/full 2>"$tmp/err" <"$tmp/in.deal"
    got=$?
    if [ "$got" != 3 ] || ! grep -q '^dealgraph: cannot write standard output' "$tmp/err"; then
        echo "FAIL: dealgraph $* >/dev/full: exit $got: $(cat "$tmp/err")"
        fail=1
    fi
}
a=$tmp/a.deal
full "$a"
full report "$a"
full report --json "$a"
full diff "$a" "$tmp/b.deal"
full diff --scenario s "$a"
full fmt "$a"
full fmt --check "$tmp/messy.deal"
full --ast "$a"
full --tokens "$a"
full --help
full --version
full fmt --help
full graph "$a" -o -
full chart timeline "$a" -o -
full repl -
"$DG" check "$a" >/dev/full 2>"$tmp/err" || { echo "FAIL: check into /dev/full: $(cat "$tmp/err")"; fail=1; }
# The exact message when the reason is known (nothing was flushed before the end):
"$DG" --version >/dev/full 2>"$tmp/err"
[ "$(cat "$tmp/err")" = "dealgraph: cannot write standard output: No space left on device" ] ||
    { echo "FAIL: --version >/dev/full said: $(cat "$tmp/err")"; fail=1; }
exit $fail
