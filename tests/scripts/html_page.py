#!/usr/bin/env python3
"""Open a page of `dealgraph report --html` in headless Chromium, offline, and check it.

    html_page.py PAGE.html SCENARIO... [--screenshot OUT.png]

Chromium runs with every host mapped to nowhere and a proxy that does not exist, and is
driven over the DevTools protocol on a pipe (--remote-debugging-pipe: commands on fd 3,
answers on fd 4, NUL-terminated JSON). Checks: the page loads with no console error, no
exception and no request other than the page itself (and its own data: images); the graph
and a section per SCENARIO are there; a click on a heading of the entity table sorts its
rows by that column (ascending, then descending on a second click); with the print styles
at A4's width no table or picture is wider than the paper; a screenshot is not
blank (the pixels of the decoded PNG vary). Python's standard library only."""
import base64
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


class Browser:
    def __init__(self, profile):
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if not exe:
            fail("chromium is missing (Debian package chromium)")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def fds():
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)
            os.set_inheritable(3, True)   # dup2 onto itself keeps close-on-exec
            os.set_inheritable(4, True)

        args = [exe, "--headless", "--disable-gpu", "--no-sandbox", "--remote-debugging-pipe",
                "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
                "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--window-size=1200,900", "about:blank"]
        # close_fds would close fd 4 after preexec_fn made it (it is not in pass_fds)
        self.proc = subprocess.Popen(args, close_fds=False, preexec_fn=fds,
                                     stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_child, json.dumps(msg).encode() + b"\0")
        want = self.next_id
        while True:
            m = self.read()
            if m.get("id") == want:
                if "error" in m:
                    fail("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                fail("chromium closed its pipe")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\0", 1)
        return json.loads(line)

    def wait_event(self, name):
        for i, e in enumerate(self.events):
            if e.get("method") == name:
                del self.events[i]
                return e
        while True:
            m = self.read()
            self.events.append(m)
            if m.get("method") == name:
                self.events.pop()
                return m

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except SystemExit:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def png_pixels(data):
    """(width, height, bytes per pixel, unfiltered rows) of an 8-bit PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("the screenshot is not a PNG")
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, color = hdr[0], hdr[1], hdr[2], hdr[3]
    if depth != 8 or color not in (2, 6):
        fail("unexpected PNG format: depth %d, colour type %d" % (depth, color))
    bpp = 3 if color == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def not_blank(png):
    w, h, bpp, rows = png_pixels(png)
    vals = [sum(r[x:x + 3]) for r in rows[::4] for x in range(0, w * bpp, bpp * 4)]
    mean = sum(vals) / len(vals)
    var = sum((v - mean) ** 2 for v in vals) / len(vals)
    dark = sum(1 for v in vals if v < 384)
    if var < 100 or dark < 50:
        fail("the screenshot looks blank (variance %.1f, %d dark samples)" % (var, dark))


def evaluate(b, expr):
    r = b.send("Runtime.evaluate", {"expression": expr, "returnByValue": True})
    if "exceptionDetails" in r:
        fail("script error in the check: %s" % r["exceptionDetails"])
    return r["result"].get("value")


SORT_CHECK = r"""(function(col){
  var t=document.getElementById('entity-table'); if(!t) return 'no entity table';
  var hs=t.tHead.rows[0].cells, i=-1;
  for(var k=0;k<hs.length;k++) if(hs[k].textContent===col) i=k;
  if(i<0) return 'no column '+col;
  function names(){return Array.prototype.map.call(t.tBodies[0].rows,function(r){return r.cells[0].textContent;});}
  function keys(){return Array.prototype.map.call(t.tBodies[0].rows,function(r){return r.cells[i].getAttribute('data-v');}).filter(function(v){return v!=='';}).map(Number);}
  var before=names().join(',');
  hs[i].click();
  var up=keys(), a=names().join(',');
  for(var k=1;k<up.length;k++) if(up[k-1]>up[k]) return 'not ascending after one click';
  hs[i].click();
  var down=keys();
  for(var k=1;k<down.length;k++) if(down[k-1]<down[k]) return 'not descending after two clicks';
  if(a===before && names().join(',')===before) return 'sorting did not reorder the rows';
  return 'ok';
})"""


# The heading "own" of the entity table reached from the keyboard: Tab from the heading
# before it, then Enter (real key events through the browser's input): the rows come in
# ascending order of own; Space reverses them.
FOCUS_OWN = r"""(function(){
  var t=document.getElementById('entity-table'), hs=t.tHead.rows[0].cells, i=-1;
  for(var k=0;k<hs.length;k++) if(hs[k].textContent==='own') i=k;
  if(i<1) return 'no column own';
  if(hs[i].tabIndex<0) return 'the heading own cannot be reached with Tab';
  hs[i-1].focus();
  return document.activeElement===hs[i-1] ? 'ok' : 'the heading before own takes no focus';
})()"""
OWN_ORDER = r"""(function(){
  var t=document.getElementById('entity-table'), hs=t.tHead.rows[0].cells, i=-1;
  for(var k=0;k<hs.length;k++) if(hs[k].textContent==='own') i=k;
  if(document.activeElement!==hs[i]) return 'Tab did not reach the heading own';
  var v=Array.prototype.map.call(t.tBodies[0].rows,function(r){return r.cells[i].getAttribute('data-v');})
        .filter(function(v){return v!==null&&v!=='';}).map(Number);
  var up=true, down=true;
  for(var k=1;k<v.length;k++){ if(v[k-1]>v[k]) up=false; if(v[k-1]<v[k]) down=false; }
  if(v.length<2 || (up && down)) return 'flat';
  return up ? 'up' : down ? 'down' : 'unsorted';
})()"""


def key(b, name, code, vk, text=None):
    down = {"type": "keyDown", "key": name, "code": code, "windowsVirtualKeyCode": vk}
    if text:
        down["text"] = text
    b.send("Input.dispatchKeyEvent", down)
    b.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": name, "code": code,
                                      "windowsVirtualKeyCode": vk})


def keyboard_sort(b):
    r = evaluate(b, FOCUS_OWN)
    if r != "ok":
        fail("keyboard: " + r)
    key(b, "Tab", "Tab", 9)
    key(b, "Enter", "Enter", 13, "\r")
    if evaluate(b, OWN_ORDER) != "up":
        fail("keyboard: Enter on the heading own did not sort it ascending (%s)" % evaluate(b, OWN_ORDER))
    key(b, " ", "Space", 32, " ")
    if evaluate(b, OWN_ORDER) != "down":
        fail("keyboard: Space on the heading own did not reverse it (%s)" % evaluate(b, OWN_ORDER))


PRINT_CHECK = r"""(function(){
  var w=document.documentElement.clientWidth, wide=[];
  document.querySelectorAll('table, svg, img').forEach(function(e){
    var r=e.getBoundingClientRect();
    if(r.width>0 && r.right>w+1) wide.push(e.tagName.toLowerCase()+' in #'+
      ((e.closest('section')||{}).id||'?')+' is '+Math.round(r.right)+' px wide');});
  return wide.length ? 'wider than the paper ('+w+' px): '+wide.slice(0,5).join('; ') : 'ok';
})()"""


def main():
    argv = sys.argv[1:]
    shot = None
    if "--screenshot" in argv:
        i = argv.index("--screenshot")
        shot = argv[i + 1]
        del argv[i:i + 2]
    page, scenarios = os.path.abspath(argv[0]), argv[1:]
    profile = tempfile.mkdtemp()
    b = Browser(profile)
    try:
        target = b.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        b.session = b.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                           session=False)["sessionId"]
        for d in ("Page", "Runtime", "Log", "Network"):
            b.send(d + ".enable")
        b.send("Emulation.setDeviceMetricsOverride",
               {"width": 1200, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        b.send("Page.navigate", {"url": "file://" + page})
        b.wait_event("Page.loadEventFired")
        if evaluate(b, "document.readyState") != "complete":
            fail("the page did not finish loading")
        if not evaluate(b, "!!document.querySelector('#graph svg, #graph table')"):
            fail("no graph (nor its summary) in the page")
        for s in scenarios:
            if not evaluate(b, "!!document.getElementById('scenario-%s')" % s):
                fail("no section for scenario " + s)
        for col in ("in", "out"):
            r = evaluate(b, SORT_CHECK + "(%s)" % json.dumps(col))
            if r != "ok":
                fail("sorting by %s: %s" % (col, r))
        keyboard_sort(b)
        evaluate(b, "window.scrollTo(0,0)")
        png = base64.b64decode(b.send("Page.captureScreenshot", {"format": "png"})["data"])
        not_blank(png)
        if shot:
            with open(shot, "wb") as f:
                f.write(png)
        # printed on A4 (210 mm less the page's 12 mm margins: 186 mm, 703 CSS pixels) no
        # table or picture runs past the paper's width
        b.send("Emulation.setEmulatedMedia", {"media": "print"})
        b.send("Emulation.setDeviceMetricsOverride",
               {"width": 703, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
        r = evaluate(b, PRINT_CHECK)
        if r != "ok":
            fail("printed on A4: " + r)
        b.send("Emulation.setEmulatedMedia", {"media": ""})
        b.send("Runtime.evaluate", {"expression": "1"})   # collect the events so far
        for e in b.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                fail("console error: %s" % p.get("args"))
            if m == "Runtime.exceptionThrown":
                fail("exception: %s" % p.get("exceptionDetails", {}).get("text"))
            if m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                fail("log error: %s" % p["entry"].get("text"))
            if m == "Network.requestWillBeSent":
                url = p.get("request", {}).get("url", "")
                if url != "file://" + page and not url.startswith("data:"):
                    fail("the page asked for %s" % url)
    finally:
        b.close()
        shutil.rmtree(profile, ignore_errors=True)



main()
