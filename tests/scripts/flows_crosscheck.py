#!/usr/bin/env python3
"""Cross-check of the flow figures on random webs against an independent model.

For a fixed set of seeds this writes a random deal script (3-25 entities, up to 80 binding
or nonbinding deals with schedules, a users market paying a yearly rate), computes from
DESIGN.md's definitions alone -- not from dealgraph's code -- the money graph w(u,v), own,
in, out, gap and the proportional-tracing sources of every entity (by plain fixed-point
iteration of the mixes, where dealgraph solves a sparse linear system), and compares them
with `dealgraph report --json`. Any difference is printed and the exit status is 1.

The model, from DESIGN.md "The engine: definitions":
  - edges: binding invests/lends/buys/pays, weight = the deal's USD total (a yearly rate
    counts every horizon year);
  - horizon: `as of` to the last year a binding money deal pays (`over N y from D` pays in
    D .. D+N-1);
  - own(v) = cash + revenue over the horizon years, growing by `growth` a year; a market's
    own is what it pays;
  - gap(v) = max(0, out - own - in); pool(v) = own + in + gap;
  - mix(v)[o] = (own(v) [o = v] + gap(v) [o = unfunded at v] + sum_u w(u,v) mix(u)[o]) / pool(v);
  - sources(v)[o] = sum_u w(u,v) mix(u)[o].

usage: flows_crosscheck.py DEALGRAPH [SEEDS]
"""
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import defaultdict

AS_OF = 2025


def random_web(seed):
    """A script, and the facts the model needs, for one seed."""
    r = random.Random(seed)
    ents = [f"e{i}" for i in range(r.randint(3, 25))]
    lines = [f"as of {AS_OF}", "market users"]
    facts = {"cash": {}, "rev": {}, "growth": {}, "deals": [], "users": None}
    for e in ents:
        cash, rev, growth = r.randint(0, 50), r.randint(0, 20), r.choice([0, 10, 50, 100])
        lines.append(f"{r.choice(['company', 'bank'])} {e} {{ cash {cash}B; revenue {rev}B/y; "
                     f"equity {r.randint(1, 90)}B; growth {growth}% }}")
        facts["cash"][e], facts["rev"][e], facts["growth"][e] = cash * 1e9, rev * 1e9, growth / 100
    for _ in range(r.randint(5, 80)):
        a = r.choice(ents + ["users"])
        b = r.choice([e for e in ents if e != a])
        verb, prep = r.choice([("invests", "in"), ("lends", "to"), ("buys", "from"), ("pays", "to")])
        x = r.randint(1, 60)
        text = f"{a} {verb} {x}B {prep} {b}"
        over, start = 1, AS_OF
        if r.random() < 0.4:
            over, start = r.randint(1, 6), r.randint(AS_OF, AS_OF + 5)
            text += f" over {over}y from {start}"
        binding = r.random() >= 0.1
        if not binding:
            text += " nonbinding"
        lines.append(text)
        facts["deals"].append((a, b, x * 1e9, start, over, binding))
    rate, to = r.randint(1, 40), r.choice(ents)
    lines.append(f"users pays {rate}B/y to {to}")
    facts["users"] = (rate * 1e9, to)
    return "\n".join(lines) + "\n", ents, facts


def model(ents, facts):
    """in, out, own, gap and sources of every entity, from the definitions."""
    binding = [d for d in facts["deals"] if d[5]]
    last = max([AS_OF] + [start + over - 1 for (_, _, _, start, over, _) in binding])
    years = last - AS_OF + 1
    w = defaultdict(float)
    for (a, b, x, _, _, _) in binding:
        w[(a, b)] += x
    rate, to = facts["users"]
    w[("users", to)] += rate * years
    nodes = ents + ["users"]
    inn = {v: sum(x for (a, b), x in w.items() if b == v) for v in nodes}
    out = {v: sum(x for (a, b), x in w.items() if a == v) for v in nodes}
    own = {v: facts["cash"][v] + sum(facts["rev"][v] * (1 + facts["growth"][v]) ** k
                                     for k in range(years)) for v in ents}
    own["users"] = out["users"]
    gap = {v: max(0.0, out[v] - own[v] - inn[v]) for v in nodes}
    pool = {v: own[v] + inn[v] + gap[v] for v in nodes}
    preds = defaultdict(list)
    for (a, b), x in w.items():
        preds[b].append((a, x))
    mix = {v: {} for v in nodes}
    for _ in range(100000):
        change = 0.0
        for v in nodes:
            if pool[v] <= 0:
                continue
            m = defaultdict(float)
            m[v] += own[v] / pool[v]
            if gap[v] > 0:
                m["unfunded at " + v] += gap[v] / pool[v]
            for (u, x) in preds[v]:
                for o, s in mix[u].items():
                    m[o] += x * s / pool[v]
            for o in set(m) | set(mix[v]):
                change = max(change, abs(m.get(o, 0.0) - mix[v].get(o, 0.0)))
            mix[v] = dict(m)
        if change < 1e-14:
            break
    sources = {}
    for v in nodes:
        s = defaultdict(float)
        for (u, x) in preds[v]:
            for o, share in mix[u].items():
                s[o] += x * share
        sources[v] = s
    return {"in": inn, "out": out, "own": own, "gap": gap, "sources": sources}


def close(a, b, scale):
    return abs(a - b) <= 1e-6 * max(1.0, scale) + 1.0   # within a dollar, or a millionth


def main():
    dg = sys.argv[1]
    nseeds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "web.deal")
        for seed in range(1, nseeds + 1):
            text, ents, facts = random_web(seed)
            with open(path, "w") as f:
                f.write(text)
            run = subprocess.run([dg, "report", "--json", path], capture_output=True, text=True)
            if run.returncode != 0:
                print(f"seed {seed}: report exited {run.returncode}: {run.stderr[:300]}")
                bad += 1
                continue
            got = {e["name"]: e for e in json.loads(run.stdout)["entities"]}
            want = model(ents, facts)
            for v in ents + ["users"]:
                scale = want["in"][v] + want["out"][v]
                for k in ("in", "out", "own", "gap"):
                    if not close(got[v][k], want[k][v], scale):
                        print(f"seed {seed}: {k}({v}) = {got[v][k]}, model {want[k][v]}")
                        bad += 1
                gs, ws = got[v]["sources"] or {}, want["sources"][v]
                for o in set(gs) | set(ws):
                    if not close(gs.get(o, 0.0), ws.get(o, 0.0), scale):
                        print(f"seed {seed}: sources({v})[{o}] = {gs.get(o, 0.0)}, "
                              f"model {ws.get(o, 0.0)}")
                        bad += 1
    print(f"flows cross-check: {nseeds} random webs, {bad} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
