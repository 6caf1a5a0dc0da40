"""paste.py DG FILE - paste FILE into `DG repl` through a pseudo-terminal, as fast as the
REPL takes it, and leave once it has answered the last line (make bench: the time a person
waits after pasting a long block). Every read has a deadline: a REPL that hangs fails."""
import os
import pty
import select
import sys
import time

dg, path = sys.argv[1], sys.argv[2]
text = open(path, "rb").read().replace(b"\n", b"\r") + b"1 + 1\r"
pid, fd = pty.fork()
if pid == 0:
    os.environ.update(TERM="xterm", DEALGRAPH_HISTORY="", NO_COLOR="1")
    os.execv(dg, [dg, "repl"])
seen = b""
deadline = time.time() + 600


def pump(timeout):
    """Read what the REPL wrote; keep only the tail (a paste echoes megabytes)."""
    global seen
    if select.select([fd], [], [], timeout)[0]:
        seen = (seen + os.read(fd, 1 << 16))[-4096:]


while b"dg> " not in seen and time.time() < deadline:
    pump(0.1)
os.set_blocking(fd, False)
at = 0
while at < len(text) and time.time() < deadline:
    r, w, _ = select.select([fd], [fd], [], 0.1)
    if r:
        pump(0)
    if w:
        try:
            at += os.write(fd, text[at:at + 512])
        except BlockingIOError:
            pass
while not seen.rstrip().endswith(b"2\r\ndg>") and time.time() < deadline:
    pump(0.1)
os.write(fd, b":quit\r")
_, status = os.waitpid(pid, 0)
sys.exit(0 if time.time() < deadline and status == 0 else 1)
