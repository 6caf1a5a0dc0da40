#!/usr/bin/env python3
"""Cross-check of the engine's figures on random webs against an independent model.

For a fixed set of seeds this writes a random deal script (3-25 entities, up to 80 binding
or nonbinding deals with schedules, a users market paying a yearly rate), computes from
docs/ENGINE.md's definitions alone -- not from dealgraph's code -- the money
graph w(u,v), own, in, out, gap and the proportional-tracing sources of every entity (by
plain fixed-point iteration of the mixes, where dealgraph solves a sparse linear system),
the other per-entity figures and the system figures, and compares them with `dealgraph
report --json`. Any difference is printed and the exit status is 1.

The model, from docs/ENGINE.md:
  - edges: binding invests/lends/buys/pays, weight = the deal's USD total (a yearly rate
    counts every horizon year);
  - horizon: `as of` to the last year a binding money deal pays (`over N y from D` pays in
    D .. D+N-1);
  - own(v) = cash + revenue over the horizon years, growing by `growth` a year; a market's
    own is what it pays;
  - gap(v) = max(0, out - own - in); pool(v) = own + in + gap;
  - mix(v)[o] = (own(v) [o = v] + gap(v) [o = unfunded at v] + sum_u w(u,v) mix(u)[o]) / pool(v);
  - sources(v)[o] = sum_u w(u,v) mix(u)[o];
  - every deal starts at or after `as of`, so all of it is still owed: commitments(v) = its
    binding buys/pays (a yearly rate over the horizon), backlog(v) = those owed to it,
    commitment_ratio = commitments / revenue, borrowed = binding loans to v, leverage =
    (borrowed + commitments) / equity (no debt declared), concentration and hhi from the
    payers' shares of in(v), paper = nonbinding USD in / all USD in, vendor_financing(b) =
    b's binding purchases from sellers that invested in or lent to b;
  - system: total commitments, end demand = what the market pays / horizon years, system
    leverage, total unfunded, total circulated = sum of sources(v)[v].

usage: figures_crosscheck.py DEALGRAPH [SEEDS]
"""
import random
import sys
from collections import defaultdict

from crosscheck import drive

AS_OF = 2025


def random_web(seed):
    """A script, and the facts the model needs, for one seed."""
    r = random.Random(seed)
    ents = [f"e{i}" for i in range(r.randint(3, 25))]
    lines = [f"as of {AS_OF}", "market users"]
    facts = {"cash": {}, "rev": {}, "growth": {}, "equity": {}, "deals": [], "users": None}
    for e in ents:
        cash, rev, growth = r.randint(0, 50), r.randint(0, 20), r.choice([0, 10, 50, 100])
        equity = r.randint(1, 90)
        lines.append(f"{r.choice(['company', 'bank'])} {e} {{ cash {cash}B; revenue {rev}B/y; "
                     f"equity {equity}B; growth {growth}% }}")
        facts["cash"][e], facts["rev"][e], facts["growth"][e] = cash * 1e9, rev * 1e9, growth / 100
        facts["equity"][e] = equity * 1e9
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
        facts["deals"].append((a, b, x * 1e9, start, over, binding, verb))
    rate, to = r.randint(1, 40), r.choice(ents)
    lines.append(f"users pays {rate}B/y to {to}")
    facts["users"] = (rate * 1e9, to)
    return "\n".join(lines) + "\n", (ents, facts)


def model(ents, facts):
    """in, out, own, gap and sources of every entity, from the definitions."""
    binding = [d for d in facts["deals"] if d[5]]
    last = max([AS_OF] + [start + over - 1 for (_, _, _, start, over, _, _) in binding])
    years = last - AS_OF + 1
    w = defaultdict(float)
    for (a, b, x, _, _, _, _) in binding:
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
    fig = {"in": inn, "out": out, "own": own, "gap": gap, "sources": sources}
    fig.update(other_figures(ents, facts, w, inn, binding, rate * years, to))
    system = {
        "total_commitments": sum(fig["commitments"].values()),
        "end_demand": out["users"] / years,
        "total_unfunded": sum(gap.values()),
        "total_circulated": sum(sources[v].get(v, 0.0) for v in nodes),
    }
    system["system_leverage"] = system["total_commitments"] / system["end_demand"]
    return fig, system


def other_figures(ents, facts, w, inn, binding, users_total, users_to):
    nodes = ents + ["users"]
    f = {k: {v: 0.0 for v in nodes} for k in ("commitments", "backlog", "borrowed",
                                              "vendor_financing")}
    funded_by = defaultdict(set)   # b -> sellers that invested in or lent to b
    bought = defaultdict(float)    # (buyer, seller) -> binding purchases
    for (a, b, x, _, _, _, verb) in binding:
        if verb in ("buys", "pays"):
            f["commitments"][a] += x
            f["backlog"][b] += x
        if verb == "lends":
            f["borrowed"][b] += x
        if verb in ("invests", "lends"):
            funded_by[b].add(a)
        if verb == "buys":
            bought[(a, b)] += x
    f["commitments"]["users"] += users_total
    f["backlog"][users_to] += users_total
    for (buyer, seller), x in bought.items():
        if seller in funded_by[buyer]:
            f["vendor_financing"][buyer] += x
    f["commitment_ratio"] = {v: (f["commitments"][v] / facts["rev"][v] if facts["rev"].get(v)
                                 else None) for v in nodes}
    f["leverage"] = {v: ((f["borrowed"][v] + f["commitments"][v]) / facts["equity"][v]
                         if v in facts["equity"] else None) for v in nodes}
    f["concentration"], f["hhi"], f["paper"] = {}, {}, {}
    for v in nodes:
        shares = [x / inn[v] for (a, b), x in w.items() if b == v] if inn[v] > 0 else []
        f["concentration"][v] = max(shares) if shares else None
        f["hhi"][v] = sum(s * s for s in shares) if shares else None
        nb = sum(d[2] for d in facts["deals"] if not d[5] and d[1] == v)
        total = nb + inn[v]
        f["paper"][v] = nb / total if total > 0 else None
    return f


def close(a, b, scale):
    return abs(a - b) <= 1e-6 * max(1.0, scale) + 1.0   # within a dollar, or a millionth


def compare(seed, web, run):
    ents, facts = web
    report = run()
    if report is None:
        return 0
    bad = 0
    got = {e["name"]: e for e in report["entities"]}
    want, system = model(ents, facts)
    for v in ents + ["users"]:
        scale = want["in"][v] + want["out"][v]
        for k in ("in", "out", "own", "gap", "commitments", "backlog", "borrowed",
                  "vendor_financing"):
            if not close(got[v][k], want[k][v], scale + want["commitments"][v]):
                print(f"seed {seed}: {k}({v}) = {got[v][k]}, model {want[k][v]}")
                bad += 1
        for k in ("commitment_ratio", "leverage", "concentration", "hhi", "paper"):
            g, m = got[v][k], want[k][v]
            if (g is None) != (m is None) or (m is not None and abs(g - m) > 1e-9 * (1 + abs(m))):
                print(f"seed {seed}: {k}({v}) = {g}, model {m}")
                bad += 1
        gs, ws = got[v]["sources"] or {}, want["sources"][v]
        for o in set(gs) | set(ws):
            if not close(gs.get(o, 0.0), ws.get(o, 0.0), scale):
                print(f"seed {seed}: sources({v})[{o}] = {gs.get(o, 0.0)}, model {ws.get(o, 0.0)}")
                bad += 1
    for k, m in system.items():
        if abs(report["system"][k] - m) > 1e-6 * (1 + abs(m)):
            print(f"seed {seed}: {k}() = {report['system'][k]}, model {m}")
            bad += 1
    return bad


if __name__ == "__main__":
    sys.exit(drive("figures", random_web, compare, 60))
