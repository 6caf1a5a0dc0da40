"""lsp_malformed.py - broken protocol input for `dealgraph lsp`, one server per case: each
must answer with a JSON-RPC error of the expected code (and go on serving: a valid request
after it is answered) or exit cleanly (status 0 or 1) when its input ends, never crash, hang
or print a sanitizer report. Usage: python3 lsp_malformed.py DEALGRAPH"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client  # noqa: E402

DG = sys.argv[1]
fails = []


def frame(body):
    if isinstance(body, str):
        body = body.encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


INIT = frame(json.dumps({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}}))
PROBE = {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}


def hover(params):
    return frame(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": params}))


def nest(n):
    return "[" * n + "]" * n


big = "".join("company c%d { cash 1B }\nc%d pays 1B to c%d\n" % (i, i, i + 1) for i in range(200000))
assert len(big) > 10 * 1000 * 1000
open_big = frame(json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
    "textDocument": {"uri": "file:///nonexistent/big.deal", "languageId": "dealgraph", "version": 1,
                     "text": big}}}))

# (name, bytes after initialize (None: send them before it), the error code wanted, or
# "exit" when the input ends inside the message and the server must just exit)
cases = [
    ("not JSON", frame("{not json"), -32700),
    ("empty body", frame(""), -32700),
    ("invalid UTF-8", frame(b'{"jsonrpc": "2.0", "id": 1, "method": "\xff\xfe"}'), -32700),
    ("a JSON array", frame("[]"), -32600),
    ("a JSON string", frame('"hello"'), -32600),
    ("no jsonrpc", frame('{"id": 1, "method": "shutdown"}'), -32600),
    ("jsonrpc 1.0", frame('{"jsonrpc": "1.0", "id": 1, "method": "shutdown"}'), -32600),
    ("method a number", frame('{"jsonrpc": "2.0", "id": 1, "method": 7}'), -32600),
    ("id an object", frame('{"jsonrpc": "2.0", "id": {}, "method": "shutdown"}'), -32600),
    ("unknown method", frame('{"jsonrpc": "2.0", "id": 1, "method": "textDocument/teleport"}'), -32601),
    ("no Content-Length", b"Content-Type: x\r\n\r\n{}", -32600),
    ("Content-Length not a number", b"Content-Length: twelve\r\n\r\n{}", -32600),
    ("Content-Length too short", b"Content-Length: 10\r\n\r\n" + json.dumps(PROBE).encode(), -32700),
    ("Content-Length past the end", b"Content-Length: 500\r\n\r\n{}", "exit"),
    ("Content-Length of 100 GB", b"Content-Length: 100000000000\r\n\r\n{}", "exit"),
    ("a 2 MB header line", b"X-Junk: " + b"a" * (2 << 20) + b"\r\n\r\n{}", -32600),
    ("NUL bytes in the header", b"Content-\x00Length: 2\r\n\r\n{}", -32600),
    ("nested 100000 deep", frame(nest(100000)), -32700),
    ("params a number", hover(5), -32602),
    ("Content-Length negative", b"Content-Length: -5\r\n\r\n{}", -32600),
    ("two Content-Lengths that differ", b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", -32600),
    ("the same Content-Length twice", b"Content-Length: %d\r\ncontent-length: %d\r\n\r\n" % (
        len(json.dumps(PROBE)), len(json.dumps(PROBE))) + json.dumps(PROBE).encode(), "probe"),
    ("an id that is a fraction", frame('{"jsonrpc": "2.0", "id": 1.5, "method": "shutdown"}'), -32600),
    ("a lone surrogate", frame('{"jsonrpc": "2.0", "id": 1, "method": "x\\ud800"}'), -32700),
    ("hover with params null", frame('{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": null}'),
     -32602),
    # a method that takes no params, sent `"params": null`: answered, not refused
    ("shutdown with params null", frame('{"jsonrpc": "2.0", "id": 1, "method": "shutdown", "params": null}'),
     "result"),
    ("hover on no document", hover({"textDocument": {"uri": "file:///none.deal"},
                                    "position": {"line": 0, "character": 0}}), -32602),
    ("a negative position", open_big[:0] + frame(json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": "file:///x.deal", "languageId": "dealgraph", "version": 1,
                                    "text": "company a\n"}}})) +
        hover({"textDocument": {"uri": "file:///x.deal"}, "position": {"line": -1, "character": "x"}}), -32602),
    ("a request before initialize", None, -32002),
    ("a 10 MB document", open_big + hover({"textDocument": {"uri": "file:///nonexistent/big.deal"},
                                           "position": {"line": 0, "character": 9}}), "hover"),
    ("didOpen with no text, then a request", frame(json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": "file:///y.deal"}}})) + hover({"textDocument": {"uri": "file:///y.deal"},
        "position": {"line": 0, "character": 0}}), -32602),
]


def run(name, data, want):
    c = Client(DG, timeout=120)
    try:
        if data is None:   # before initialize
            c.raw(frame(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}})))
        else:
            c.raw(INIT)
            r = c.read()
            assert r.get("id") == 0 and "result" in r, r
            c.raw(data)
        if want == "exit":
            code = c.close()
            assert code in (0, 1), "exit status %r" % code
        else:
            m = c.read()
            while "method" in m:   # published diagnostics come first
                m = c.read()
            if want == "probe":   # the framed request itself was read and answered
                assert m.get("id") == 99 and "result" in m, m
            elif want == "result":
                assert m.get("id") == 1 and "result" in m and "error" not in m, m
            elif want == "hover":
                assert "nvidia" not in json.dumps(m) and m.get("id") == 1 and "c0" in m["result"]["contents"]["value"], m
            else:
                assert "error" in m and m["error"]["code"] == want, "wanted error %d, got %r" % (want, m)
                assert isinstance(m["error"]["message"], str) and m["error"]["message"]
            # still serving: a valid request is answered
            c.raw(frame(json.dumps(PROBE)))
            m = c.read()
            while "method" in m or m.get("id") != 99:
                m = c.read()
            code = c.close()
            assert code in (0, 1), "exit status %r" % code
        err = c.p.stderr.read().decode(errors="replace")
        assert "Sanitizer" not in err and "runtime error" not in err, err[:2000]
    except Exception as e:   # noqa: BLE001
        c.p.kill()
        c.p.wait()
        fails.append(name)
        print("FAIL %s: %s" % (name, str(e)[:1500]))


for name, data, want in cases:
    run(name, data, want)

# exit without shutdown: status 1; requests after shutdown are refused
c = Client(DG)
c.raw(INIT)
c.read()
c.raw(frame('{"jsonrpc": "2.0", "method": "exit"}'))
if c.p.wait(20) != 1:
    fails.append("exit without shutdown")
    print("FAIL exit without shutdown: status", c.p.returncode)
c = Client(DG)
c.raw(INIT)
c.read()
c.request("shutdown")
r = c.request("textDocument/hover", {})
if r.get("error", {}).get("code") != -32600:
    fails.append("request after shutdown")
    print("FAIL request after shutdown:", r)
c.close()

print("%d cases, %d failed" % (len(cases) + 2, len(fails)))
sys.exit(1 if fails else 0)
