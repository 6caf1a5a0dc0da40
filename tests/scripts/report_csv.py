#!/usr/bin/env python3
"""`report --csv DIR` on a small web whose figures are worked out by hand below.

The web (as of 2025; horizon 2025-2026): users (a market) pay lab 10B in 2025; lab buys 12B
from cloud over 2025-2026 (6B a year); cloud pays lab 3B in 2026; lab's letter of intent to
buy 5B from cloud is nonbinding. lab has 2B of cash, cloud 1B and 4B of equity.

Money graph: users->lab 10, lab->cloud 12, cloud->lab 3. own: users 10 (a market's own is
what it pays), lab 2, cloud 1; in: lab 13, cloud 12; gap 0 everywhere.
Sources (proportional tracing): lab's pool is 2 (lab) + 10 (users) + 3 (cloud's mix) = 15,
cloud's is 1 (cloud) + 12 (lab's mix) = 13. With L and C the mixes, L_lab = (2 + 3 C_lab)/15
and C_lab = 12 L_lab / 13 give L_lab = 26/159; likewise L_users = 130/159, L_cloud = 3/159
and C = (24, 120, 15)/159 (lab, users, cloud). So lab's 13B of inflow is users 10 + 3 x
120/159, lab 3 x 24/159, cloud 3 x 15/159; cloud's 12B is 12 x L. circularity(lab) =
(72/159)/13, circularity(cloud) = (36/159)/12. The one cycle, cloud -> lab -> cloud, has
bottleneck min(12, 3) = 3B. paper(cloud) = 5 / (5 + 12).

Scenario cut (demand -50%): 2025: users pay 5; lab has 2 + 5 >= 6, pays cloud 6 and ends
with 1; cloud ends with 1 + 6 = 7. 2026: lab has 1 + 3 < 6: it defaults (round 1), pays all
it has, 4, and ends with 0 (shortfall 2, paid 4/6); cloud pays its 3 in full and ends with
7 - 3 + 4 = 8. The base world ends 2026 with lab 2 + 10 - 6 + 3 - 6 = 3 and cloud 1 + 6 - 3
+ 6 = 10: losses lab 3, cloud 2 (their sum is the 5 of demand lost)."""
import csv
import io
import os
import subprocess
import sys
import tempfile
from fractions import Fraction as F

DG = sys.argv[1]
B = 1e9
WEB = """as of 2025
market users "End users"
company lab { cash 2B }
company cloud { cash 1B; equity 4B }
users pays 10B to lab from 2025
deal rent: lab buys 12B from cloud over 2y from 2025
cloud pays 3B to lab from 2026
lab buys 5B from cloud nonbinding source "a, \\"b\\""
scenario cut "users pay half" { shock demand by -50% }
"""
fails = []


def check(what, got, want):
    if isinstance(want, (int, float, F)) and not isinstance(want, bool):
        ok = got != "" and abs(float(got) - float(want)) <= 1e-9 * max(1.0, abs(float(want)))
    else:
        ok = got == want
    if not ok:
        fails.append("%s: got %r, want %r" % (what, got, want))


def table(d, name, header):
    raw = open(os.path.join(d, name), "rb").read()
    text = raw.decode("utf-8")
    lines = text.split("\r\n")
    if lines[-1] != "" or any("\n" in l for l in lines[:-1] if '"' not in l):
        fails.append("%s: records must end with CRLF" % name)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    check(name + " header", ",".join(rows[0]), header)
    return {tuple(r[:2]) if name in ("sources.csv", "years-cut.csv") else r[0]: r for r in rows[1:]}


def main():
    d = tempfile.mkdtemp()
    web = os.path.join(d, "web.deal")
    open(web, "w").write(WEB)
    out = os.path.join(d, "csv")
    os.mkdir(out)
    r = subprocess.run([DG, "report", "--csv", out, web], capture_output=True, text=True)
    check("exit status", r.returncode, 0)
    check("files", sorted(os.listdir(out)),
          sorted(["entities.csv", "deals.csv", "cycles.csv", "sources.csv", "defaults-cut.csv",
                  "losses-cut.csv", "years-cut.csv"]))
    e = table(out, "entities.csv", "name,kind,display,declared,in,out,own,gap,circularity,"
              "commitments,backlog,commitment_ratio,leverage,concentration,hhi,paper,"
              "vendor_financing,runway,borrowed,credit,equity")
    col = e["name"] if "name" in e else None
    hdr = "name,kind,display,declared,in,out,own,gap,circularity".split(",")
    for name, vals in (("lab", (13, 12, 2, 0, F(72, 159) / 13)), ("cloud", (12, 3, 1, 0, F(36, 159) / 12)),
                       ("users", (0, 10, 10, 0, None))):
        row = e[name]
        for k, v in zip(hdr[4:], vals):
            check("%s %s" % (name, k), row[hdr.index(k)], "" if v is None else (v * B if k != "circularity" else v))
    check("users kind", e["users"][1], "market")
    check("users display", e["users"][2], "End users")
    check("cloud paper", e["cloud"][15], F(5, 17))
    check("lab leverage (no equity)", e["lab"][12], "")
    s = table(out, "sources.csv", "entity,origin,kind,usd")
    for (ent, org), v in {("lab", "users"): 10 + 3 * F(120, 159), ("lab", "lab"): 3 * F(24, 159),
                          ("lab", "cloud"): 3 * F(15, 159), ("cloud", "users"): 12 * F(130, 159),
                          ("cloud", "lab"): 12 * F(26, 159), ("cloud", "cloud"): 12 * F(3, 159)}.items():
        check("sources %s from %s" % (ent, org), s[(ent, org)][3], v * B)
    check("sources rows", len(s), 6)
    raw = open(os.path.join(out, "cycles.csv"), "rb").read()
    check("cycles.csv", raw, b"rank,path,length,bottleneck\r\n1,cloud -> lab -> cloud,2,3000000000\r\n")
    raw = open(os.path.join(out, "deals.csv"), "rb").read()
    check("deals.csv", raw,
          b"label,payer,verb,payee,amount,unit,from,over,due,rate,binding,source,vesting,covers\r\n"
          b",users,pays,lab,10000000000,USD,2025,,,,yes,,,\r\n"
          b"rent,lab,buys,cloud,12000000000,USD,2025,2y,,,yes,,,\r\n"
          b",cloud,pays,lab,3000000000,USD,2026,,,,yes,,,\r\n"
          b",lab,buys,cloud,5000000000,USD,,,,,no,\"a, \"\"b\"\"\",,\r\n")
    df = table(out, "defaults-cut.csv", "entity,year,round,cured,shortfall,paid,cause,base")
    check("defaults", sorted(df), ["lab"])
    for k, v in zip(("year", "round", "cured", "shortfall", "paid", "cause", "base"),
                    ("2026", "1", "", 2 * B, F(2, 3), "clearing", "no")):
        cols = "entity,year,round,cured,shortfall,paid,cause,base".split(",")
        check("lab default " + k, df["lab"][cols.index(k)], v)
    ls = table(out, "losses-cut.csv", "entity,loss,distress,insolvent,shortfall,cash_end")
    check("loss lab", ls["lab"][1], 3 * B)
    check("loss cloud", ls["cloud"][1], 2 * B)
    check("distress lab", ls["lab"][2], 1)
    check("cash_end cloud", ls["cloud"][5], 8 * B)
    check("losses rows (markets left out)", sorted(ls), ["cloud", "lab"])
    y = table(out, "years-cut.csv", "entity,year,cash,dues,paid,received,revenue")
    for key, vals in {("cloud", "2025"): (7, 0, 0, 6), ("cloud", "2026"): (8, 3, 3, 4),
                      ("lab", "2025"): (1, 6, 6, 5), ("lab", "2026"): (0, 6, 4, 3)}.items():
        for k, v in zip(("cash", "dues", "paid", "received"), vals):
            check("%s %s %s" % (key[0], key[1], k), y[key]["entity,year,cash,dues,paid,received".split(",").index(k)], v * B)
    # errors: an unknown scenario writes nothing; a directory that is not there is status 3
    out2 = os.path.join(d, "csv2")
    os.mkdir(out2)
    r = subprocess.run([DG, "report", "--csv", out2, "--scenario", "nope", web], capture_output=True)
    check("unknown scenario status", r.returncode, 1)
    check("unknown scenario writes nothing", os.listdir(out2), [])
    r = subprocess.run([DG, "report", "--csv", os.path.join(d, "missing"), web], capture_output=True)
    check("missing directory status", r.returncode, 3)
    r = subprocess.run([DG, "report", "--csv", out2, "-o", "x.html", web], capture_output=True)
    check("-o without --html status", r.returncode, 2)
    for f in fails:
        print("FAIL: " + f)
    sys.exit(1 if fails else 0)


main()
