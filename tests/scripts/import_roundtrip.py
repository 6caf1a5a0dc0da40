#!/usr/bin/env python3
"""The round trip of `report --csv` and `import` on every example and on the 2025 web: the
deals.csv of a script, imported, gives a world whose money graph is the same (docs/
PICTURES.md "Import"): every entity's in, out, paper, concentration, hhi, borrowed,
vendor_financing and credit, and every cycle with its bottleneck, as `report --json` gives them for
both. These are the figures of the deals alone; the entities' declarations (cash, revenue,
debt, kinds) and `as of` are not in deals.csv, so own, gap, circularity, commitments and the
clearing are not compared. An entity that is in no deal is not in the imported world; its
in and out must be 0."""
import glob
import json
import os
import subprocess
import sys
import tempfile

DG = sys.argv[1]
FIGS = ("in", "out", "paper", "concentration", "hhi", "borrowed", "vendor_financing", "credit")
fails = []


def run(*args):
    r = subprocess.run([DG] + list(args), capture_output=True, text=True)
    if r.returncode != 0:
        fails.append("%s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr[:500]))
        return None
    return r.stdout


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def compare(name, a, b):
    ea = {e["name"]: e for e in a["entities"]}
    eb = {e["name"]: e for e in b["entities"]}
    for n, e in ea.items():
        if n not in eb:
            if e["in"] or e["out"]:
                fails.append("%s: %s has money edges but is not in the imported world" % (name, n))
            continue
        for f in FIGS:
            if not close(e[f], eb[n][f]):
                fails.append("%s: %s(%s) is %r, imported %r" % (name, f, n, e[f], eb[n][f]))
    for n in eb:
        if n not in ea:
            fails.append("%s: the import made an entity %s" % (name, n))
    ca = [(c["path"], c["bottleneck"]) for c in a["cycles"]]
    cb = [(c["path"], c["bottleneck"]) for c in b["cycles"]]
    if len(ca) != len(cb) or any(p != q or not close(x, y) for (p, x), (q, y) in zip(ca, cb)):
        fails.append("%s: the cycles differ: %s vs %s" % (name, ca[:3], cb[:3]))


def main():
    tmp = tempfile.mkdtemp()
    # credit_figures.deal: credit facilities (a limit, not a flow) go round too
    scripts = sorted(glob.glob("examples/*.deal")) + ["stdlib/ai2025.deal", "stdlib/scenarios.deal",
                                                      "tests/golden/credit_figures.deal"]
    for k, s in enumerate(scripts):
        d = os.path.join(tmp, str(k))
        os.mkdir(d)
        if run("report", "--csv", d, s) is None:
            continue
        out = os.path.join(d, "imported.deal")
        if run("import", os.path.join(d, "deals.csv"), "-o", out) is None:
            continue
        if run("check", out) is None:
            continue
        a, b = run("report", "--json", s), run("report", "--json", out)
        if a is None or b is None:
            continue
        compare(s, json.loads(a), json.loads(b))
        # the imported script is fmt's layout already
        if run("fmt", "--check", out) is None:
            fails.append("%s: the imported script is not formatted" % s)
    for f in fails[:30]:
        print("FAIL: " + f)
    sys.exit(1 if fails else 0)


main()
