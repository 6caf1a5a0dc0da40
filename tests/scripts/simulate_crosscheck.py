#!/usr/bin/env python3
"""`simulate` against closed forms and against an independent model of its draws.

1. Closed forms. Entities x1..x5 each receive 100B from a market and owe D_i, with no cash,
   so under `shock demand by d` x_i defaults exactly when 100B (1 + d) < D_i, that is when
   d < t_i = D_i / 100B - 1. The simulated default probability of x_i must be the CDF of d
   at t_i within 3 standard errors (sqrt(p (1 - p) / N)), for a normal and a uniform draw
   at N = 200,000, and a triangular and a lognormal one (through a let computed from the
   draw) at N = 50,000. The CDFs are computed here (the normal one with math.erf). Each
   reported interval must be the 95% Wilson interval of the reported count.
2. The draws themselves (docs/RISK.md "Draws"): SplitMix64, FNV-1a and Box-Muller written
   again here from the documentation give sample k's draw of each let; on a web where the
   system loss is -100B x d, the reported mean, VaR and ES at 95% and 99% and the expected
   loss must be those of the draws computed here.

Any mismatch is printed; exit status 1.
usage: simulate_crosscheck.py DEALGRAPH
"""
import json
import math
import os
import subprocess
import sys
import tempfile

Z95 = 1.959963984540054
M64 = (1 << 64) - 1
fails = []


def normal_cdf(x, mean, sd):
    return 0.5 * (1 + math.erf((x - mean) / (sd * math.sqrt(2))))


def triangular_cdf(x, a, m, b):
    if x <= a:
        return 0.0
    if x >= b:
        return 1.0
    if x <= m:
        return (x - a) ** 2 / ((b - a) * (m - a))
    return 1 - (b - x) ** 2 / ((b - a) * (b - m))


def wilson(k, n):
    p, z2 = k / n, Z95 * Z95
    den = 1 + z2 / n
    mid = (p + z2 / (2 * n)) / den
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / den
    return max(0.0, mid - half), min(1.0, mid + half)


def run(dg, args):
    out = subprocess.run([dg] + args, capture_output=True, text=True)
    if out.returncode != 0:
        print(out.stderr)
        raise SystemExit("FAIL: dealgraph %s exited %d" % (" ".join(args), out.returncode))
    return json.loads(out.stdout)


THRESHOLD_WEB = """market users
company sink
"""
DEBTS = [65, 80, 90, 105, 120]   # B: thresholds t = D / 100 - 1
for i, d in enumerate(DEBTS, 1):
    THRESHOLD_WEB += "company x%d { cash 0 }\nusers pays 100B to x%d\nx%d pays %dB to sink\n" % (
        i, i, i, d)
THRESHOLD_WEB += """let dn ~ normal(-10%, 20%)
let du ~ uniform(-40%, 20%)
let dt ~ triangular(-50%, -10%, 30%)
let g ~ lognormal(-0.1, 0.25)
let dl = g - 1
scenario sn { shock demand by dn }
scenario su { shock demand by du }
scenario st { shock demand by dt }
scenario sl { shock demand by dl }
"""

CASES = [
    ("sn", 200000, lambda t: normal_cdf(t, -0.1, 0.2)),
    ("su", 200000, lambda t: min(1.0, max(0.0, (t + 0.4) / 0.6))),
    ("st", 50000, lambda t: triangular_cdf(t, -0.5, -0.1, 0.3)),
    ("sl", 50000, lambda t: normal_cdf(math.log(1 + t), -0.1, 0.25)),
]


def closed_forms(dg, path):
    for scen, n, cdf in CASES:
        res = run(dg, ["simulate", scen, str(n), path, "--seed", "2025", "--json"])
        ents = {e["name"]: e for e in res["entities"]}
        if res["samples"] != n:
            fails.append("%s: %d samples reported, %d asked" % (scen, res["samples"], n))
        for i, d in enumerate(DEBTS, 1):
            e = ents["x%d" % i]
            p, want = e["default_probability"], cdf(d / 100 - 1)
            se = math.sqrt(want * (1 - want) / n)
            if abs(p - want) > 3 * se:
                fails.append("%s x%d: P(default) %.5f, the CDF at %+.2f is %.5f (3 SE = %.5f)"
                             % (scen, i, p, d / 100 - 1, want, 3 * se))
            k = round(p * n)
            lo, hi = wilson(k, n)
            if abs(e["interval"][0] - lo) > 1e-12 or abs(e["interval"][1] - hi) > 1e-12:
                fails.append("%s x%d: interval %s, Wilson of %d/%d is [%.12g, %.12g]"
                             % (scen, i, e["interval"], k, n, lo, hi))
        if ents["sink"]["default_probability"] != 0:
            fails.append("%s: sink owes nothing and cannot default" % scen)


# ---- the draws, from docs/RISK.md ----

def mix(z):
    z = (z + 0x9e3779b97f4a7c15) & M64
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M64
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M64
    return z ^ (z >> 31)


def fnv1a(name):
    h = 0xcbf29ce484222325
    for c in name.encode():
        h = ((h ^ c) * 0x100000001b3) & M64
    return h


def uniform(seed, k, name, j):
    h = mix(mix(seed) ^ fnv1a(name))
    u = mix(h ^ ((2 * k + j) & M64))
    return ((u >> 11) + 0.5) * 2.0 ** -53


def normal(seed, k, name, mean, sd):
    z = math.sqrt(-2 * math.log(uniform(seed, k, name, 0))) * math.cos(
        6.283185307179586 * uniform(seed, k, name, 1))
    return mean + sd * z


DRAW_WEB = """market users
company lab { cash 0 }
users pays 100B to lab
let demand_growth ~ normal(-5%, 30%)
scenario s { shock demand by demand_growth }
"""


def near(a, b, rel):
    return abs(a - b) <= rel * max(abs(b), 1.0)


def draws(dg, path):
    n, seed = 40, 11
    res = run(dg, ["simulate", "s", str(n), path, "--seed", str(seed), "--json"])
    # lab keeps what the users pay: 100B (1 + d), floored at 0; its loss is 100B - that.
    loss = []
    for k in range(n):
        d = normal(seed, k, "demand_growth", -0.05, 0.3)
        loss.append(100e9 - 100e9 * max(0.0, 1 + d))
    srt = sorted(loss)
    for q in (0.95, 0.99):
        r = math.ceil(q * n - 1e-9)
        var, es = srt[r - 1], sum(srt[r - 1:]) / (n - r + 1)
        key = "%g%%" % (q * 100)
        if not near(res["system_loss"]["var"][key], var, 1e-12):
            fails.append("VaR %s: %r, the documented draws give %r"
                         % (key, res["system_loss"]["var"][key], var))
        if not near(res["system_loss"]["es"][key], es, 1e-12):
            fails.append("ES %s: %r, the documented draws give %r"
                         % (key, res["system_loss"]["es"][key], es))
    mean = sum(loss) / n
    lab = res["entities"][0]
    if not near(res["system_loss"]["mean"], mean, 1e-12) or not near(lab["expected_loss"], mean, 1e-9):
        fails.append("mean loss %r / expected loss %r, the documented draws give %r"
                     % (res["system_loss"]["mean"], lab["expected_loss"], mean))


def main():
    dg = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        a, b = os.path.join(tmp, "thresholds.deal"), os.path.join(tmp, "draws.deal")
        with open(a, "w") as f:
            f.write(THRESHOLD_WEB)
        with open(b, "w") as f:
            f.write(DRAW_WEB)
        closed_forms(dg, a)
        draws(dg, b)
    for f in fails:
        print("FAIL:", f)
    if fails:
        sys.exit(1)
    print("simulate: closed forms of 4 distributions at 5 thresholds, Wilson intervals and "
          "the documented draws agree")


if __name__ == "__main__":
    main()
