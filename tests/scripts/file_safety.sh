#!/bin/sh
# file_safety.sh - no user file is ever lost, replaced or opened to others: `fmt -w`, the
# REPL's `:save` and `-o FILE` all write through one routine (README "Writing files"). For
# each rule: a symbolic link is followed and stays a link; a link planted at a temporary
# name is never written through; mode, owner and group are kept; hard links, read-only
# files (for a user without write permission, and for root on a 0444 file), non-regular
# files (a link to a pipe, a FIFO, a device node: fmt does not even read those, so -o and
# :save show the refusal) and files with an access list are refused
# with exit 3 and the reason; a read-only directory is named as the problem; a new file
# gets the umask's mode; SIGTERM, SIGHUP and SIGINT during `fmt -w` leave no temporary file
# and SIGKILL only the hidden one. The parts that act as another user need root (runuser);
# the signal part needs strace (to hold the write open); without them they are skipped.
# Usage: sh tests/scripts/file_safety.sh path/to/dealgraph   (tests/run.sh passes it)
set -u
DG=$(cd "$(dirname "${1:?usage: file_safety.sh DEALGRAPH}")" && pwd)/$(basename "$1")
REPO=$(pwd)
tmp=$(mktemp -d)
chmod 755 "$tmp"   # nobody walks into it
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/failures"
# Failures go to a file: some checks run in a pipeline's subshell.
bad() { echo "FAIL: $*" | tee -a "$tmp/failures"; }
ROOT=0
[ "$(id -u)" = 0 ] && command -v runuser >/dev/null 2>&1 && ROOT=1
as_nobody() { runuser -u nobody -- "$@"; }

TIDY='company a;'                          # what fmt makes of the next line
messy() { printf 'company   a\n' >"$1"; }
is() { [ "$(cat "$1")" = "$2" ] || bad "$1 holds '$(cat "$1")', expected '$2'"; }
is_messy() { [ "$(cat "$1")" = 'company   a' ] || bad "$1 was changed: '$(cat "$1")'"; }
mode_is() { [ "$(stat -c %a "$1")" = "$2" ] || bad "$1 has mode $(stat -c %a "$1"), expected $2"; }
no_temp() {
    left=$(ls -A "$1" | grep '\.dealgraph-')
    [ -z "$left" ] || bad "temporary files left in $1: $left"
}
# refused CODE MESSAGE CMD...: CMD exits CODE and MESSAGE is a line of its stderr.
refused() {
    code=$1 msg=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    [ "$got" = "$code" ] || bad "$*: exit $got, expected $code: $(cat "$tmp/err")"
    grep -qxF "$msg" "$tmp/err" || bad "$*: expected the message: $msg; got: $(cat "$tmp/err")"
}

# ---- fmt -w ----
d=$tmp/fmt
mkdir "$d" && cd "$d" || exit 1
messy m600.deal && chmod 600 m600.deal
"$DG" fmt -w m600.deal || bad "fmt -w m600.deal failed"
is m600.deal "$TIDY"; mode_is m600.deal 600

messy real.deal && ln -s real.deal link.deal
"$DG" fmt -w link.deal || bad "fmt -w through a symbolic link failed"
[ -L link.deal ] && [ "$(readlink link.deal)" = real.deal ] || bad "the symbolic link was replaced"
is real.deal "$TIDY"

# Standard input fed by a pipe: /proc/self/fd/0 leads to "pipe:[N]", which is no file.
# fmt does not read it (only regular files are read), and -o does not write it.
ln -s /proc/self/fd/0 stdin.deal
ln -s /proc/self/fd/0 stdin.dot
printf 'company   a\n' | "$DG" fmt -w stdin.deal 2>/dev/null
[ $? = 3 ] || bad "fmt -w of a link to a pipe should exit 3"
printf 'company   a\n' >web.deal
printf 'x\n' | refused 3 "dealgraph graph: cannot write 'stdin.dot': it is a symbolic link that leads to no file (No such file or directory)" "$DG" graph web.deal -o stdin.dot
[ -L stdin.deal ] && [ -L stdin.dot ] || bad "a link to standard input was replaced"

messy h1.deal && ln h1.deal h2.deal
refused 3 "dealgraph fmt: cannot write 'h1.deal': it has 2 hard links (writing would split them)" "$DG" fmt -w h1.deal
[ "$(stat -c %h:%i h1.deal)" = "2:$(stat -c %i h2.deal)" ] || bad "the hard links were split"
is_messy h1.deal

mkfifo fifo.deal fifo.dot
timeout 10 "$DG" fmt -w fifo.deal 2>/dev/null
[ $? = 3 ] || bad "fmt -w of a FIFO should exit 3"
refused 3 "dealgraph graph: cannot write 'fifo.dot': it is not a regular file (it is a FIFO)" timeout 10 "$DG" graph web.deal -o fifo.dot
[ -p fifo.deal ] && [ -p fifo.dot ] || bad "a FIFO was replaced"

# An access list would be lost with the old file (and a mask in the group bits would open
# the new one to the group): refused. Set as the raw xattr, for want of setfacl.
messy acl.deal
if python3 -c 'import os, struct, sys
e = lambda t, p, i: struct.pack("<HHI", t, p, i)
acl = struct.pack("<I", 2) + e(1, 6, 2**32 - 1) + e(2, 6, 65534) + e(4, 4, 2**32 - 1) + e(16, 6, 2**32 - 1) + e(32, 4, 2**32 - 1)
os.setxattr("acl.deal", "system.posix_acl_access", acl)' 2>/dev/null; then
    refused 3 "dealgraph fmt: cannot write 'acl.deal': it has an access control list, which a rewritten copy would lose" "$DG" fmt -w acl.deal
    is_messy acl.deal
else
    echo "skip: this file system takes no access lists"
fi

"$DG" fmt -w - </dev/null 2>"$tmp/err"
[ $? = 2 ] || bad "fmt -w - should be a usage error"
no_temp "$d"

# ---- acting as root on another user's files, and as that user ----
if [ $ROOT = 1 ]; then
    messy owned.deal && chmod 640 owned.deal && chown nobody:nogroup owned.deal
    "$DG" fmt -w owned.deal || bad "fmt -w owned.deal failed"
    [ "$(stat -c '%U:%G %a' owned.deal)" = "nobody:nogroup 640" ] ||
        bad "owner, group or mode not kept: $(stat -c '%U:%G %a' owned.deal)"
    is owned.deal "$TIDY"

    messy ro.deal && chown nobody:nogroup ro.deal && chmod 444 ro.deal
    refused 3 "dealgraph fmt: cannot write 'ro.deal': it is read-only (mode 0444)" "$DG" fmt -w ro.deal
    is_messy ro.deal; mode_is ro.deal 444

    n=$tmp/shared
    mkdir "$n" && chmod 777 "$n" && cd "$n" || exit 1   # a directory anyone may write to
    messy roots.deal
    refused 3 "dealgraph fmt: cannot write 'roots.deal': you may not write it (Permission denied)" as_nobody "$DG" fmt -w roots.deal
    is_messy roots.deal
    [ "$(stat -c %U roots.deal)" = root ] || bad "root's file now belongs to $(stat -c %U roots.deal)"
    messy own444.deal && chown nobody own444.deal && chmod 444 own444.deal
    refused 3 "dealgraph fmt: cannot write 'own444.deal': it is read-only (mode 0444)" as_nobody "$DG" fmt -w own444.deal
    is_messy own444.deal
    # A group-writable file of root's: nobody may write it but could not keep its owner.
    messy group.deal && chgrp nogroup group.deal && chmod 664 group.deal
    refused 3 "dealgraph fmt: cannot write 'group.deal': it belongs to another user or group, which a rewritten copy could not keep (Operation not permitted)" as_nobody "$DG" fmt -w group.deal
    is_messy group.deal

    r=$tmp/rodir
    mkdir "$r" && messy "$r/x.deal" && chown -R nobody:nogroup "$r" && chmod 555 "$r"
    refused 3 "dealgraph fmt: cannot write '$r/x.deal': the directory '$(realpath "$r")' is not writable (Permission denied)" as_nobody "$DG" fmt -w "$r/x.deal"
    is_messy "$r/x.deal"
    refused 3 "dealgraph graph: cannot write '$r/new.dot': the directory '$r' is not writable (Permission denied)" as_nobody "$DG" graph "$d/real.deal" -o "$r/new.dot"
    no_temp "$n"
else
    echo "skip: not root (or no runuser): owner, read-only and directory checks"
fi

# ---- -o FILE of graph and chart ----
o=$tmp/pictures
mkdir "$o" && cd "$o" || exit 1
printf 'as of 2025\ncompany a { cash 10B }\ncompany b\na pays 1B to b\n' >ok.deal
(umask 027 && "$DG" graph ok.deal -o new.dot) || bad "graph -o new.dot failed"
mode_is new.dot 640
grep -q '^digraph' new.dot || bad "new.dot is not DOT"
echo old >keep.dot && chmod 600 keep.dot
"$DG" graph ok.deal -o keep.dot && mode_is keep.dot 600
grep -q '^digraph' keep.dot || bad "keep.dot was not rewritten"
echo old >target.svg && ln -s target.svg linked.svg
"$DG" chart timeline ok.deal -o linked.svg || bad "chart -o through a link failed"
[ -L linked.svg ] && grep -q '</svg>' target.svg || bad "chart -o did not write through the link"
echo old >hl.dot && ln hl.dot hl2.dot
refused 3 "dealgraph graph: cannot write 'hl.dot': it has 2 hard links (writing would split them)" "$DG" graph ok.deal -o hl.dot
refused 3 "dealgraph graph: cannot write 'no/such/x.dot': the directory 'no/such' does not exist" "$DG" graph ok.deal -o no/such/x.dot
if [ "$(id -u)" = 0 ] && mknod null.dot c 1 3 2>/dev/null; then
    refused 3 "dealgraph graph: cannot write 'null.dot': it is not a regular file (it is a character device)" "$DG" graph ok.deal -o null.dot
    [ -c null.dot ] || bad "the device node was replaced"
fi
no_temp "$o"

# ---- :save through the piped REPL ----
s=$tmp/save
mkdir "$s" && cd "$s" || exit 1
printf 'company a\n:save out.deal\n' >in.txt
(umask 027 && "$DG" repl <in.txt >out.txt 2>err.txt) || bad ":save failed: $(cat err.txt)"
is out.txt "saved out.deal"; is out.deal "$TIDY"; mode_is out.deal 640
# The name :save used to write first was FILE.tmp<pid>, opened through any link there: a
# link planted at it for the REPL's pid (exec keeps the shell's) must not be written through.
echo precious >victim.txt
printf 'company a\n:save shared.deal\n' >in.txt
sh -c 'ln -s victim.txt shared.deal.tmp$$ && exec "$0" repl' "$DG" <in.txt >/dev/null 2>&1
is victim.txt precious; is shared.deal "$TIDY"
[ -f shared.deal ] && [ ! -L shared.deal ] || bad "shared.deal is not a regular file"
echo secret >secret.deal && chmod 600 secret.deal
printf 'company a\n:save secret.deal\n' | "$DG" repl >/dev/null || bad ":save secret.deal failed"
is secret.deal "$TIDY"; mode_is secret.deal 600
echo old >real.deal && ln -s real.deal link.deal
printf 'company a\n:save link.deal\n' | "$DG" repl >/dev/null || bad ":save link.deal failed"
[ -L link.deal ] || bad ":save replaced a symbolic link"
is real.deal "$TIDY"
echo old >h1.deal && ln h1.deal h2.deal
printf 'company a\n:save h1.deal\n' >in.txt
refused 1 "error: cannot write 'h1.deal': it has 2 hard links (writing would split them)" "$DG" repl <in.txt
is h1.deal old
if [ "$(id -u)" = 0 ] && mknod null.deal c 1 3 2>/dev/null; then
    printf 'company a\n:save null.deal\n' >in.txt
    refused 1 "error: cannot write 'null.deal': it is not a regular file (it is a character device)" "$DG" repl <in.txt
    [ -c null.deal ] || bad ":save replaced a device node"
fi
no_temp "$s"

# ---- signals during fmt -w ----
# strace stops the process (SIGSTOP) as it is about to fsync the temporary file: the file
# is whole and pending when the signal comes, and SIGCONT lets the signal act. TERM, HUP
# and INT remove it and end the process as the signal does; after KILL only the hidden name
# is left. The original is intact every time.
g=$tmp/sig
mkdir "$g" && cd "$g" || exit 1
sh "$REPO/tests/bench/gen.sh" 50000 1000 >big.deal
cp big.deal orig.deal
want=$("$DG" fmt big.deal | wc -c)
HOLD="-o /dev/null -e trace=fsync -e inject=fsync:signal=STOP:when=1"
if ! command -v strace >/dev/null 2>&1 || ! strace $HOLD true 2>/dev/null; then
    echo "skip: strace cannot stop a process at a system call here: signal checks"
    cat "$tmp/failures"
    [ ! -s "$tmp/failures" ]
    exit
fi
held() {   # wait (30 s at most) for the temporary file to be whole
    for _ in $(seq 300); do
        t=$(ls -A | grep '^\.big\.deal\.dealgraph-......$')
        [ -n "$t" ] && [ "$(stat -c %s "$t")" = "$want" ] && return 0
        sleep 0.1
    done
    return 1
}
signals="TERM:143 HUP:129 KILL:137"
env --default-signal=INT true 2>/dev/null && signals="$signals INT:130"
for sw in $signals; do
    sig=${sw%:*}
    # A background job starts with SIGINT ignored; env gives it back its default.
    if [ "$sig" = INT ]; then
        strace $HOLD env --default-signal=INT "$DG" fmt -w big.deal 2>/dev/null &
    else
        strace $HOLD "$DG" fmt -w big.deal 2>/dev/null &
    fi
    spid=$!
    if ! held; then
        bad "SIG$sig: the temporary file never became whole"
        kill -KILL "$spid"
        wait "$spid"
        continue
    fi
    child=$(tr -d ' ' </proc/$spid/task/$spid/children)
    kill "-$sig" "$child"
    kill -CONT "$child" 2>/dev/null
    wait "$spid"
    rc=$?
    [ "$rc" = "${sw#*:}" ] || bad "SIG$sig: fmt -w ended with $rc, expected ${sw#*:}"
    cmp -s big.deal orig.deal || bad "SIG$sig: the original file changed"
    left=$(ls -A | grep -v '^big\.deal$\|^orig\.deal$')
    if [ "$sig" = KILL ]; then
        echo "$left" | grep -qx '\.big\.deal\.dealgraph-......' ||
            bad "SIGKILL left '$left', expected the hidden temporary name only"
        rm -f -- $left
    else
        [ -z "$left" ] || bad "SIG$sig left $left"
    fi
done

cat "$tmp/failures"
[ ! -s "$tmp/failures" ]
