#!/usr/bin/env python3
"""A strict reading of a page of `report --html` (html_page.sh): every element that is not
void is closed, in order; ids are unique; nothing is loaded from an address (no src or href
to http(s) but the links of sources, no <link>, no external script); the page starts with
the HTML5 doctype. Python's standard library only."""
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
SVG_EMPTY = {"path", "polygon", "polyline", "ellipse", "circle", "rect", "line", "stop", "use"}


class Strict(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.errors = [], set(), []

    def where(self):
        return "line %d" % self.getpos()[0]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            if a["id"] in self.ids:
                self.errors.append("%s: id %r twice" % (self.where(), a["id"]))
            self.ids.add(a["id"])
        for k in ("src", "href", "xlink:href"):
            v = a.get(k) or ""
            if k == "src" and v and not v.startswith("data:"):
                self.errors.append("%s: <%s> loads %r" % (self.where(), tag, v))
            if k == "href" and tag != "a" and v and not v.startswith("#"):
                self.errors.append("%s: <%s> refers to %r" % (self.where(), tag, v))
        if tag in ("link", "iframe", "object", "embed"):
            self.errors.append("%s: <%s> in the page" % (self.where(), tag))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("%s: </%s> closes <%s>" % (self.where(), tag,
                               self.stack[-1] if self.stack else "nothing"))
            return
        self.stack.pop()


text = open(sys.argv[1], encoding="utf-8").read()
if not text.startswith("<!DOCTYPE html>\n"):
    print("FAIL: no HTML5 doctype")
    sys.exit(1)
p = Strict()
p.feed(text)
p.close()
if p.stack:
    p.errors.append("unclosed at the end: %s" % p.stack)
for e in p.errors[:20]:
    print("FAIL: " + e)
sys.exit(1 if p.errors else 0)
