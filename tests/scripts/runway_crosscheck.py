#!/usr/bin/env python3
"""Cross-check of runway on random webs against an independent yearly cash model.

For a fixed set of seeds this writes a random web whose deals pay in whole years (`over N y
from YEAR`, or all at once in `as of`'s year), with yearly revenue and growth and a users
market paying a yearly rate, and computes each entity's cash year by year from docs/ENGINE.md's
timeline definition: cash starts as declared; each year adds revenue (grown by `growth` a
year from the first year) and what the entity receives, and subtracts what it pays; a deal
`over N y from D` pays evenly in D .. D+N-1; the horizon runs from `as of` to the last year a
binding deal pays; runway = the first year whose year-end cash is negative (null if none;
markets have none). It compares that with `runway` in `dealgraph report --json`.

usage: runway_crosscheck.py DEALGRAPH [SEEDS]
"""
import random
import sys
from collections import defaultdict

from crosscheck import drive

AS_OF = 2025


def random_web(seed):
    r = random.Random(seed)
    ents = [f"e{i}" for i in range(r.randint(2, 12))]
    lines = [f"as of {AS_OF}", "market users"]
    ent = {}
    for e in ents:
        cash, rev, growth = r.randint(0, 40), r.randint(0, 15), r.choice([-50, 0, 20, 100])
        lines.append(f"company {e} {{ cash {cash}B; revenue {rev}B/y; growth {growth}% }}")
        ent[e] = (cash, rev, growth / 100)
    deals = []
    for _ in range(r.randint(1, 40)):
        a = r.choice(ents)
        b = r.choice([x for x in ents + ["users"] if x != a]) if r.random() < 0.9 else "users"
        if b == "users":   # a market only pays; turn it round
            a, b = "users", a
        amt = r.randint(1, 12) * 6   # divisible by 1..6 years, kept in whole B
        over, start = 1, AS_OF
        text = f"{a} pays {amt}B to {b}"
        if r.random() < 0.7:
            over, start = r.randint(1, 6), r.randint(AS_OF, AS_OF + 4)
            text += f" over {over}y from {start}"
        binding = r.random() >= 0.15
        lines.append(text + ("" if binding else " nonbinding"))
        deals.append((a, b, amt, start, over, binding))
    rate, to = r.randint(1, 10), r.choice(ents)
    lines.append(f"users pays {rate}B/y to {to}")
    return "\n".join(lines) + "\n", (ents, ent, deals, (rate, to))


def runways(ents, ent, deals, users):
    binding = [d for d in deals if d[5]]
    last = max([AS_OF] + [s + o - 1 for (_, _, _, s, o, _) in binding])
    flow = defaultdict(float)   # (entity, year) -> net inflow in B
    for (a, b, amt, start, over, _) in binding:
        for y in range(start, start + over):
            flow[(a, y)] -= amt / over
            flow[(b, y)] += amt / over
    rate, to = users
    for y in range(AS_OF, last + 1):
        flow[(to, y)] += rate
    out = {}
    for e in ents:
        cash, rev, g = ent[e]
        out[e] = None
        for k, y in enumerate(range(AS_OF, last + 1)):
            cash += rev * (1 + g) ** k + flow[(e, y)]
            if cash < -1e-9:
                out[e] = y
                break
    out["users"] = None
    return out


def compare(seed, facts, run):
    ents, ent, deals, users = facts
    report = run()
    if report is None:
        return 0
    bad = 0
    got = {e["name"]: e["runway"] for e in report["entities"]}
    want = runways(ents, ent, deals, users)
    for e in ents + ["users"]:
        if got.get(e) != want[e]:
            print(f"seed {seed}: runway({e}) = {got.get(e)}, model {want[e]}")
            bad += 1
    return bad


if __name__ == "__main__":
    sys.exit(drive("runway", random_web, compare, 80))
