#!/usr/bin/env python3
"""Properties of the yearly stress model (docs/STRESS.md) on random dated webs.

For a fixed set of seeds this writes a random web (as of 2025, a few years, cash, revenue
from outside and from a `users` market, revenue paths, costs, debt with maturities, loans
with interest and a due year, purchases and payments over several years, investments and
equity, credit facilities) with a scenario (a demand cut, a forced default, sometimes default costs), runs
`dealgraph report --json [--scenario s]` and checks, without any model of its own:

  1. Timeline and clearing tell one story: in the unshocked world the first year anybody
     defaults is the first runway year, and everyone whose runway it is defaults in it.
  2. Money is conserved, in each world: the non-market entities' cash at the end is their
     cash at the start and revenue from outside, plus what the markets paid them, less what
     they paid the markets and the outside, less default costs.
  3. Losses add up: the sum of losses is the external income lost, less the payments to the
     outside and to markets saved, plus default costs and stakes lost (against the base).
  4. Causality: a copy of the web with unrelated deals scheduled after year t (between its
     own entities, large ones) gives the same cash, dues and payments of every entity in
     every year up to t, in the base and in the scenario.

Any violation is printed; exit status 1.
usage: yearly_properties.py DEALGRAPH [SEEDS]
"""
import json
import os
import random
import subprocess
import sys
import tempfile

TOL = 1e-6


def random_web(r):
    n = r.randint(3, 9)
    ents = [f"e{i}" for i in range(n)]
    last = r.randint(2026, 2031)
    lines = ["as of 2025", f"horizon {last}", "market users"]
    for x in ents:
        attrs = [f"cash {r.randint(0, 30)}B"]
        kind = r.random()
        if kind < 0.3:
            attrs.append(f"revenue {r.randint(1, 10)}B/y")
        elif kind < 0.5:
            attrs.append(f"revenue {r.randint(1, 8)}B/y in 2025, {r.randint(1, 20)}B/y in 2028")
        elif kind < 0.75:
            attrs.append(f"revenue {r.randint(1, 12)}B/y from users")
        if r.random() < 0.4:
            attrs.append(f"growth {r.randint(-10, 40)}%")
        if r.random() < 0.4:
            attrs.append(f"costs {r.randint(1, 5)}B/y")
        if r.random() < 0.3:
            y = r.randint(2025, 2031)
            attrs.append(f"debt {r.randint(1, 20)}B due {y} to {y + r.randint(0, 2)} at {r.randint(0, 8)}%")
        if r.random() < 0.6:
            attrs.append(f"equity {r.randint(1, 40)}B")
        lines.append(f"company {x} {{ {'; '.join(attrs)} }}")
    for k in range(r.randint(3, 25)):
        a, b = r.sample(ents, 2)
        amt, y = r.randint(1, 30), r.randint(2025, 2029)
        v = r.random()
        if v < 0.35:
            lines.append(f"{a} buys {amt}B from {b} over {r.randint(1, 4)}y from {y}")
        elif v < 0.55:
            lines.append(f"{a} pays {r.randint(1, 6)}B/y to {b} over {r.randint(1, 4)}y from {y}")
        elif v < 0.75:
            due = y + r.randint(1, 4)
            lines.append(f"{a} lends {amt}B to {b} from {y} due {due} at {r.randint(0, 9)}%")
        elif v < 0.9:
            lines.append(f"{a} invests {amt}B in {b} from {y}")
        else:
            lines.append(f"users pays {r.randint(1, 8)}B/y to {b}")
    for _ in range(r.randint(0, 3)):        # credit facilities, drawn when the borrower is short
        a, b = r.sample(ents, 2)
        y = r.randint(2025, 2029)
        lines.append(f"{a} commits {r.randint(1, 20)}B credit to {b}" +
                     r.choice(["", f" from {y}", f" from {y} over {r.randint(1, 3)}y"]) +
                     r.choice(["", f" due {y + r.randint(1, 3)}"]) +
                     r.choice(["", f" at {r.randint(0, 9)}%"]))
    shocks = [f"shock demand by -{r.randint(10, 90)}%"]
    if r.random() < 0.5:
        shocks.append(f"{r.choice(ents)} defaults")
    if r.random() < 0.3:
        shocks.append(f"set recovery {r.randint(30, 90)}%")
    lines.append("scenario s { " + "; ".join(shocks) + " }")
    return "\n".join(lines) + "\n", ents, last


def late_deals(r, ents, t):
    """Unrelated deals that pay only after year t."""
    out = []
    for _ in range(r.randint(1, 5)):
        a, b = r.sample(ents, 2)
        out.append(f"{a} buys {r.randint(50, 500)}B from {b} from {t + 1 + r.randint(0, 3)}")
    out.append(f"company late {{ cash 1B }}\nlate pays 1B to {ents[0]} from {t + 5}")
    return "\n".join(out) + "\n"


def report(dg, path, args=()):
    p = subprocess.run([dg, "report", "--json", *args, path], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"exit {p.returncode}: {p.stderr[:400]}")
    return json.loads(p.stdout)


def close(a, b, scale=0.0):
    """Equal within TOL of the larger side, or of `scale` (the size of the terms summed)."""
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b), scale)


def markets(rep):
    return {e["name"] for e in rep["entities"] if e["kind"] == "market"}


def check_runway(rep, say):
    c = rep["clearing"]
    mk = markets(rep)
    runways = {e["name"]: e["runway"] for e in rep["entities"] if e["name"] not in mk}
    first_run = min((y for y in runways.values() if y is not None), default=None)
    years = [d["year"] for d in c["defaults"]]
    first_def = min(years, default=None)
    if first_run != first_def:
        say(f"first runway {first_run} but first default {first_def}")
    for name, y in runways.items():
        if y is not None and y == first_run:
            if not any(d["name"] == name and d["year"] == y for d in c["defaults"]):
                say(f"{name}: runway {y} but no default in {y}")


def sums(rep):
    c, mk = rep["clearing"], markets(rep)
    nm = [n for n in c["payments"] if n not in mk]
    cash_end = sum(c["years"][-1]["cash"][n] for n in nm)
    ext = sum(c["external"][n] for n in nm)
    from_mk = sum(c["payments"][m] for m in mk)
    to_mk = sum(c["received"][m] for m in mk)
    dc = sum(c["default_costs"][n] for n in nm)
    stakes = sum(c["stake_losses"][n] for n in nm)
    return dict(cash_end=cash_end, ext=ext, from_mk=from_mk, to_mk=to_mk,
                out=c["to_outside"], dc=dc, stakes=stakes)


def check_conservation(rep, say):
    s = sums(rep)
    want = s["ext"] + s["from_mk"] - s["to_mk"] - s["out"] - s["dc"]
    if not close(s["cash_end"], want, s["ext"] + s["from_mk"]):
        say(f"cash at the end {s['cash_end']:.6g} != in - out {want:.6g}")


def check_losses(base, scen, say):
    b, s = sums(base), sums(scen)
    total = sum(v for n, v in scen["clearing"]["losses"].items() if n not in markets(scen))
    want = ((b["ext"] - s["ext"]) + (b["from_mk"] - s["from_mk"]) - (b["out"] - s["out"])
            - (b["to_mk"] - s["to_mk"]) + (s["dc"] - b["dc"]) + (s["stakes"] - b["stakes"]))
    if not close(total, want, b["ext"] + b["from_mk"]):
        say(f"losses add up to {total:.6g}, the identity says {want:.6g}")


def check_causal(a, b, t, say, what):
    for ya, yb in zip(a["clearing"]["years"], b["clearing"]["years"]):
        if ya["year"] > t:
            break
        for key in ("cash", "dues", "payments"):
            for n, v in ya[key].items():
                if n in yb[key] and not close(v, yb[key][n]):
                    say(f"{what}: {key} of {n} in {ya['year']} is {v:.6g}, "
                        f"{yb[key][n]:.6g} with deals after {t}")


def main():
    dg = sys.argv[1]
    nseeds = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        p1, p2 = os.path.join(tmp, "a.deal"), os.path.join(tmp, "b.deal")
        for seed in range(1, nseeds + 1):
            r = random.Random(seed)
            text, ents, last = random_web(r)
            t = r.randint(2025, last - 1)
            with open(p1, "w") as f:
                f.write(text)
            with open(p2, "w") as f:
                f.write(text + late_deals(r, ents, t))
            errs = []

            def say(msg):
                errs.append(msg)
            try:
                base, scen = report(dg, p1), report(dg, p1, ["--scenario", "s"])
                base2, scen2 = report(dg, p2), report(dg, p2, ["--scenario", "s"])
            except RuntimeError as e:
                say(str(e))
            else:
                check_runway(base, say)
                for rep in (base, scen, base2, scen2):
                    check_conservation(rep, say)
                check_losses(base, scen, say)
                check_causal(base, base2, t, say, "base")
                check_causal(scen, scen2, t, say, "scenario")
            for m in errs:
                print(f"seed {seed}: {m}")
            bad += len(errs)
    print(f"yearly properties: {nseeds} random webs, {bad} violations")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
