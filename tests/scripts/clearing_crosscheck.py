#!/usr/bin/env python3
"""Cross-check of the clearing on random webs against an independent model.

For a fixed set of seeds this writes a random web of undated purchases and payments (so the
horizon is one year, everything is still owed, there are no stakes, loans or guarantees,
and no entity declares equity, so the equity channel is silent and the clearing is plain
Eisenberg-Noe), with a scenario in which one entity defaults, and
compares `dealgraph report --json [--scenario s]` with the greatest clearing vector computed
here by Picard iteration from p = L (Eisenberg and Noe 2001, which shows it decreases to the
greatest fixed point):

    p_i = min(L_i, e_i + sum_j Pi_ji p_j),  Pi_ji = L_ji / L_j,  e_i = cash + revenue,

a market's e being what it pays and a defaulting entity's p being 0. Checked: every
entity's payment, and who defaults (p_i < L_i). Each web also has a warrant on a labelled
purchase (docs/STRESS.md, "Warrants"): vested = N x p_buyer / L_buyer (all of the purchase
is owed), value = vested x max(price - strike, 0), dilution = vested / (shares + vested);
the granter's equity (shares x price) is large enough that the equity channel stays silent.
Any difference is printed, exit status 1.

usage: clearing_crosscheck.py DEALGRAPH [SEEDS]
"""
import random
import sys
from collections import defaultdict

from crosscheck import drive


def random_web(seed):
    r = random.Random(seed)
    ents = [f"e{i}" for i in range(r.randint(2, 15))]
    lines = ["market users"]
    e = {}
    for x in ents:
        cash, rev = r.randint(0, 30), r.randint(0, 10)
        lines.append(f"company {x} {{ cash {cash}B; revenue {rev}B/y }}")
        e[x] = (cash + rev) * 1e9
    owe = defaultdict(float)
    for _ in range(r.randint(3, 50)):
        a = r.choice(ents + ["users"])
        b = r.choice([x for x in ents if x != a])
        amt = r.randint(1, 40)
        verb = r.choice(["buys {x}B from", "pays {x}B to"])
        lines.append(f"{a} {verb.format(x=amt)} {b}")
        owe[(a, b)] += amt * 1e9
    buyer, granter = r.sample(ents, 2)
    amt, n, strike, price = r.randint(1, 40), r.randint(1, 300), r.randint(0, 1500), 1000
    lines.append(f"deal m: {buyer} buys {amt}B from {granter}")
    lines.append(f"company {granter} {{ shares 10B; price {price} }}")
    lines.append(f"{granter} grants {buyer} {n}M shares vesting with m at {strike}")
    owe[(buyer, granter)] += amt * 1e9
    warrant = (granter, buyer, n * 1e6, strike, price, 10e9)
    victim = r.choice(ents)
    lines.append(f'scenario s "one entity fails" {{ {victim} defaults }}')
    e["users"] = sum(v for (a, _), v in owe.items() if a == "users")
    return "\n".join(lines) + "\n", (ents + ["users"], e, owe, victim, warrant)


def clear(nodes, e, owe, forced):
    L = {i: sum(v for (a, _), v in owe.items() if a == i) for i in nodes}
    p = {i: (0.0 if i in forced else L[i]) for i in nodes}
    for _ in range(100000):
        recv = defaultdict(float)
        for (a, b), v in owe.items():
            if L[a] > 0:
                recv[b] += v / L[a] * p[a]
        nxt = {i: 0.0 if i in forced else min(L[i], e[i] + recv[i]) for i in nodes}
        change = max(abs(nxt[i] - p[i]) for i in nodes)
        p = nxt
        if change < 1e-6:
            break
    return p, L


def compare(seed, facts, run):
    nodes, e, owe, victim, warrant = facts
    bad = 0
    for args, forced in (([], set()), (["--scenario", "s"], {victim})):
        report = run(args)
        if report is None:
            continue
        got = report["clearing"]
        p, L = clear(nodes, e, owe, forced)
        for i in nodes:
            if abs(got["payments"].get(i, 0.0) - p[i]) > 1e-6 * max(1.0, L[i]) + 1.0:
                print(f"seed {seed} {args}: payment of {i} {got['payments'].get(i)}, "
                      f"model {p[i]} (owes {L[i]})")
                bad += 1
        granter, holder, n, strike, price, shares = warrant
        vested = n * (p[holder] / L[holder] if L[holder] > 0 else 1.0)
        model = {"vested_shares": vested, "value": vested * max(price - strike, 0),
                 "dilution": vested / (shares + vested)}
        ws = [x for x in got["warrants"] if x["granter"] == granter]
        if len(ws) != 1:
            print(f"seed {seed} {args}: warrants {got['warrants']}")
            bad += 1
        else:
            for k, m in model.items():
                if abs(ws[0][k] - m) > 1e-6 * (1 + abs(m)):
                    print(f"seed {seed} {args}: warrant {k} {ws[0][k]}, model {m}")
                    bad += 1
        want = {i for i in nodes if L[i] > 0 and p[i] < L[i] * (1 - 1e-9)} | forced
        have = {d["name"] for d in got["defaults"]}
        if want != have:
            print(f"seed {seed} {args}: defaults {sorted(have)}, model {sorted(want)}")
            bad += 1
    return bad


if __name__ == "__main__":
    sys.exit(drive("clearing", random_web, compare, 60))
