#!/usr/bin/env python3
"""Cross-check of the cycles on random webs against brute-force enumeration.

For a fixed set of seeds this writes a small random web (3-7 entities, binding and
nonbinding deals), enumerates every elementary cycle of the binding money graph here by a
plain depth-first search over all simple paths, with each cycle's bottleneck (its smallest
edge, an edge weighing the sum of the deals from u to v), and compares the set with the
`cycles` of `dealgraph report --json`: same paths (written from the alphabetically smallest
entity, as docs/ENGINE.md says), same bottlenecks, sorted by bottleneck descending. Any
difference is printed and the exit status is 1.

usage: cycles_crosscheck.py DEALGRAPH [SEEDS]
"""
import random
import sys
from collections import defaultdict

from crosscheck import drive


def random_web(seed):
    r = random.Random(seed)
    ents = [f"e{i}" for i in range(r.randint(3, 7))]
    lines = [f"company {e}" for e in ents]
    w = defaultdict(float)
    for _ in range(r.randint(2, 20)):
        a, b = r.sample(ents, 2)
        amt = r.randint(1, 30)
        verb = r.choice(["invests {x}B in", "lends {x}B to", "buys {x}B from", "pays {x}B to"])
        binding = r.random() >= 0.15
        lines.append(f"{a} {verb.format(x=amt)} {b}" + ("" if binding else " nonbinding"))
        if binding:
            w[(a, b)] += amt * 1e9
    return "\n".join(lines) + "\n", (ents, w)


def cycles(ents, w):
    """Every elementary cycle once, written from its smallest name, with its bottleneck."""
    out = {}
    succ = defaultdict(list)
    for (a, b) in w:
        succ[a].append(b)

    def walk(start, node, path):
        for nxt in succ[node]:
            if nxt == start:
                cyc = path + [start]
                out[tuple(cyc)] = min(w[(cyc[i], cyc[i + 1])] for i in range(len(cyc) - 1))
            elif nxt > start and nxt not in path:
                walk(start, nxt, path + [nxt])

    for s in sorted(ents):
        walk(s, s, [s])   # only nodes after s: each cycle starts at its smallest name
    return out


def compare(seed, facts, run):
    ents, w = facts
    report = run()
    if report is None:
        return 0
    bad = 0
    got = {tuple(c["path"]): c["bottleneck"] for c in report["cycles"]}
    want = cycles(ents, w)
    if report["system"].get("cycles_truncated"):
        print(f"seed {seed}: truncated on a web this small")
        bad += 1
    for c in set(got) | set(want):
        if c not in got or c not in want or abs(got[c] - want[c]) > 1:
            print(f"seed {seed}: cycle {' -> '.join(c)}: dealgraph {got.get(c)}, "
                  f"enumeration {want.get(c)}")
            bad += 1
    order = [c["bottleneck"] for c in report["cycles"]]
    if order != sorted(order, reverse=True):
        print(f"seed {seed}: cycles not sorted by bottleneck, largest first")
        bad += 1
    return bad


if __name__ == "__main__":
    sys.exit(drive("cycles", random_web, compare, 80))
