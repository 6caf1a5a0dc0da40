#!/bin/sh
# history_file.sh - the REPL's history file is used only when it is fit: a name where
# nothing is yet, an empty regular file, or one starting with libedit's _HiStOrY_V2_ line.
# DEALGRAPH_HISTORY=/dev/null means no history, silently, and leaves the device alone
# (libedit used to make it 0600); a script named there is not overwritten with history; a
# directory, another device or a dangling link get a one-line note and no history. History
# only exists in an interactive session, so each case runs one in a pseudo-terminal.
# Usage: sh tests/scripts/history_file.sh path/to/dealgraph   (tests/run.sh passes it)
set -u
DG=$(cd "$(dirname "${1:?usage: history_file.sh DEALGRAPH}")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
NOTE="dealgraph repl: keeping no history in"

# One session: wait for the prompt, type `let k = 6`, then :quit. The terminal's output
# (stdout and stderr both) goes to $tmp/tty.
cat >"$tmp/session.py" <<'PY'
import os, pty, select, sys, termios, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "repl"])
out = b""
def until(want, times=1, limit=10.0):
    global out
    end = time.time() + limit
    while out.count(want) < times and time.time() < end:
        if select.select([fd], [], [], 0.1)[0]:
            try:
                out += os.read(fd, 4096)
            except OSError:
                break
    return out.count(want) >= times
def typed(line):
    # keys typed while the terminal is still cooked would be the terminal's
    end = time.time() + 10
    while termios.tcgetattr(fd)[3] & termios.ICANON and time.time() < end:
        time.sleep(0.01)
    os.write(fd, line)
ok = until(b"dg> ")
if ok:
    typed(b"let k = 6\r")
    ok = until(b"dg> ", 2)
    typed(b":quit\r")
until(b"\0", 1, 5)   # to the end of the output (EIO once the REPL has gone)
_, status = os.waitpid(pid, 0)
open(sys.argv[2], "wb").write(out)
sys.exit(0 if ok and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else 1)
PY
session() {   # session HISTORY: one interactive session with that history file
    DEALGRAPH_HISTORY=$1 TERM=xterm NO_COLOR=1 python3 "$tmp/session.py" "$DG" "$tmp/tty" ||
        bad "the session with history '$1' failed: $(cat "$tmp/tty")"
}
noted() { grep -qF "$NOTE '$1': $2" "$tmp/tty" || bad "no note for '$1' ($2): $(cat "$tmp/tty")"; }
silent() { grep -qF "$NOTE" "$tmp/tty" && bad "a note for '$1': $(cat "$tmp/tty")"; return 0; }

# /dev/null: no history, no note, the device untouched.
before=$(stat -c '%a %u:%g %t,%T' /dev/null)
session /dev/null
silent /dev/null
after=$(stat -c '%a %u:%g %t,%T' /dev/null)
[ "$before" = "$after" ] || { bad "/dev/null went from $before to $after"; chmod 666 /dev/null; }

# A name where nothing is yet: created, with libedit's header and the line typed.
session "$tmp/new_history"
silent "$tmp/new_history"
[ "$(head -n 1 "$tmp/new_history" 2>/dev/null)" = _HiStOrY_V2_ ] || bad "new_history has no header"
grep -q 'let.*k.*=.*6' "$tmp/new_history" || bad "new_history does not hold the line typed"
# ... and it is read again by the next session and kept.
session "$tmp/new_history"
silent "$tmp/new_history"
[ "$(grep -c 'let.*k.*=.*6' "$tmp/new_history")" -ge 1 ] || bad "the history file lost its line"

# An empty file is fit too.
: >"$tmp/empty_history"
session "$tmp/empty_history"
silent "$tmp/empty_history"
[ "$(head -n 1 "$tmp/empty_history")" = _HiStOrY_V2_ ] || bad "empty_history was not used"

# A script is not a history file: it stays as it was.
printf 'company a\ncompany b\na pays 1B to b\n' >"$tmp/script.deal"
cp "$tmp/script.deal" "$tmp/script.orig"
chmod 644 "$tmp/script.deal"
session "$tmp/script.deal"
noted "$tmp/script.deal" "it is not a history file (it does not start with libedit's _HiStOrY_V2_ line)"
cmp -s "$tmp/script.deal" "$tmp/script.orig" || bad "the script was overwritten with history"
[ "$(stat -c %a "$tmp/script.deal")" = 644 ] || bad "the script's mode changed"

mkdir "$tmp/dir"
session "$tmp/dir"
noted "$tmp/dir" "it is not a regular file"

ln -s "$tmp/target_history" "$tmp/dangling"
session "$tmp/dangling"
noted "$tmp/dangling" "it is a symbolic link that leads to no file"
[ -e "$tmp/target_history" ] && bad "the dangling link was written through"

if [ "$(id -u)" = 0 ] && mknod "$tmp/zero" c 1 5 2>/dev/null; then
    chmod 666 "$tmp/zero"
    session "$tmp/zero"
    noted "$tmp/zero" "it is not a regular file"
    [ "$(stat -c %a "$tmp/zero")" = 666 ] || bad "the device's mode changed"
fi
exit $fail
