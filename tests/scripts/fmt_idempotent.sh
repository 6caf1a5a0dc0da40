#!/bin/sh
# `dealgraph fmt` on every script of the project that checks clean (examples, stdlib, tests):
#   - the formatted text checks clean too,
#   - formatting it again changes nothing (idempotence),
#   - its comments are the input's comments, in the same order, with the same text,
#   - `--ast` of the input and of the output are equal once line:col is cut out.
# The examples and the stdlib must already be in that layout (`fmt --check`). Then `-w` and
# `--check`: a file that does not parse is left byte for byte as it was, a
# rewrite keeps the file's mode and goes through rename (no temporary file is left behind), a
# formatted file is not rewritten at all, and the exit statuses are 0 / 1 / 2 / 3.
# $1 = the dealgraph binary. Run from the repository root.
set -u
DG=$1
tmp=$(mktemp -d)
scratch=
cleanup() { rm -rf "$tmp"; [ -z "$scratch" ] || rm -f "$scratch"; }
trap cleanup EXIT
trap 'cleanup; exit 1' HUP INT TERM PIPE
failed=0
bad() { echo "FAIL: $*"; failed=1; }

# The comments of a script, one per line: strings are cut out first so a `#` inside one is
# not taken for a comment; trailing blanks are not part of a comment.
comments() {
    sed -e 's/"\([^"\\]\|\\.\)*"//g' "$1" | sed -n -e 's/^[^#]*\(#.*\)$/\1/p' |
        sed -e 's/[[:space:]]*$//'
}
# `--ast` without positions.
ast() { "$DG" --ast "$1" 2>&1 | sed -E 's/^( *)[0-9]+:[0-9]+ /\1/'; }

n=0
for f in examples/*.deal stdlib/*.deal $(find tests -name '*.deal' | sort); do
    [ -f "$f" ] || continue
    "$DG" check "$f" >/dev/null 2>&1 || continue
    n=$((n + 1))
    # The output sits beside the input so that its `include`s resolve the same way.
    scratch=$(mktemp "$(dirname "$f")/.fmt_test_XXXXXX") || { bad "mktemp beside $f"; continue; }
    if ! "$DG" fmt "$f" >"$scratch" 2>"$tmp/err"; then
        bad "fmt $f failed"; cat "$tmp/err"; rm -f "$scratch"; continue
    fi
    "$DG" check "$scratch" >/dev/null 2>"$tmp/err" || { bad "fmt output of $f does not check"; cat "$tmp/err"; }
    "$DG" fmt "$scratch" >"$tmp/again" 2>&1 || bad "fmt of fmt output of $f failed"
    cmp -s "$scratch" "$tmp/again" || { bad "fmt is not idempotent on $f"; diff "$scratch" "$tmp/again" | head -10; }
    comments "$f" >"$tmp/c.in"
    comments "$scratch" >"$tmp/c.out"
    cmp -s "$tmp/c.in" "$tmp/c.out" || { bad "comments of $f changed"; diff "$tmp/c.in" "$tmp/c.out" | head -10; }
    ast "$f" >"$tmp/a.in"
    ast "$scratch" >"$tmp/a.out"
    cmp -s "$tmp/a.in" "$tmp/a.out" || { bad "--ast of $f changed"; diff "$tmp/a.in" "$tmp/a.out" | head -10; }
    rm -f "$scratch"
    scratch=
done
[ "$n" -ge 3 ] || bad "only $n scripts checked clean; expected the examples and stdlib at least"
echo "fmt: $n scripts idempotent"

# The project's own scripts are kept in the layout it asks of its users.
"$DG" fmt --check examples/*.deal stdlib/*.deal >"$tmp/out" 2>&1 ||
    bad "examples or stdlib are not formatted (run: dealgraph fmt -w examples/*.deal stdlib/*.deal): $(cat "$tmp/out")"

# ---- -w and --check ----
w=$tmp/w
mkdir "$w"
printf 'bank b\ncompany x { cash 1B; debt 2B }\nb lends 5.0B to x   # a loan\n' >"$w/messy.deal"
printf 'bank b;\ncompany x {\n    cash 1B;\n    debt 2B;\n}\nb lends 5B to x; # a loan\n' >"$w/want.deal"
printf 'bank b\nb lends 5.0B to\n' >"$w/broken.deal"
cp "$w/broken.deal" "$w/broken.orig"
chmod 640 "$w/messy.deal"

"$DG" fmt --check "$w/messy.deal" >"$tmp/out" 2>&1
[ $? = 1 ] || bad "--check on unformatted input should exit 1"
[ "$(cat "$tmp/out")" = "$w/messy.deal" ] || bad "--check should print the file name, got: $(cat "$tmp/out")"
cmp -s "$w/messy.deal" "$w/want.deal" && bad "--check must not write"

"$DG" fmt -w "$w/broken.deal" >/dev/null 2>"$tmp/err"
[ $? = 1 ] || bad "-w on a file that does not parse should exit 1"
cmp -s "$w/broken.deal" "$w/broken.orig" || bad "-w changed a file that does not parse"
[ -s "$tmp/err" ] || bad "-w on a broken file printed no error"

"$DG" fmt -w "$w/messy.deal" >"$tmp/out" 2>&1 || bad "-w on a good file failed: $(cat "$tmp/out")"
[ -s "$tmp/out" ] && bad "-w should print nothing, got: $(cat "$tmp/out")"
cmp -s "$w/messy.deal" "$w/want.deal" || { bad "-w wrote the wrong text"; diff "$w/want.deal" "$w/messy.deal"; }
[ "$(stat -c %a "$w/messy.deal")" = 640 ] || bad "-w lost the file mode: $(stat -c %a "$w/messy.deal")"
ls -a "$w" | grep -q tmp && bad "-w left a temporary file: $(ls -a "$w")"

inode=$(stat -c %i "$w/messy.deal")
"$DG" fmt -w "$w/messy.deal" || bad "-w on a formatted file failed"
[ "$(stat -c %i "$w/messy.deal")" = "$inode" ] || bad "-w rewrote a file that was already formatted"
"$DG" fmt --check "$w/messy.deal" >"$tmp/out" 2>&1 || bad "--check on formatted input should exit 0"
[ -s "$tmp/out" ] && bad "--check on formatted input should print nothing"

# A link is followed: the link stays, its target gets the layout.
cp "$w/broken.orig" "$w/target.deal"
printf 'bank   b\n' >"$w/target.deal"
ln -s target.deal "$w/link.deal"
"$DG" fmt -w "$w/link.deal" || bad "-w through a symbolic link failed"
[ -L "$w/link.deal" ] || bad "-w replaced the symbolic link by a file"
[ "$(cat "$w/target.deal")" = "bank b;" ] || bad "-w through a link: target holds $(cat "$w/target.deal")"

# Several files: a broken one does not stop the others; the worst status wins.
printf 'bank   c\n' >"$w/other.deal"
"$DG" fmt -w "$w/broken.deal" "$w/other.deal" 2>/dev/null
[ $? = 1 ] || bad "-w with one broken file among several should exit 1"
[ "$(cat "$w/other.deal")" = "bank c;" ] || bad "-w skipped the good file after a broken one"
"$DG" fmt "$w/nonexistent.deal" "$w/broken.deal" >/dev/null 2>&1
[ $? = 3 ] || bad "an unreadable file should make fmt exit 3"
"$DG" fmt >/dev/null 2>&1
[ $? = 2 ] || bad "fmt without files should exit 2"

exit $failed
