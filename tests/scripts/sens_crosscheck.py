#!/usr/bin/env python3
"""Cross-check of sensitivities on random webs with no dates against an independent model.

For each seed this writes a random web of banks with cash, payments between them and to an
outside company, and revenue some of them are paid by a market; half the webs are asked in
a what-if with Rogers-Veraart recovery (alpha, beta) and one forced default. It clears the
web here by the greatest clearing vector algorithm (Rogers & Veraart 2013: from p = L, add
whoever cannot pay in full to the default set D and solve the linear system on D, until D
stops growing) and differentiates on D (Liu & Staum 2010):

    p_D = alpha e_D + beta (Pi_DD^T p_D + what D is paid by those outside D, revenue too)
    dp_D / d cash_y = (I - beta Pi_DD^T)^-1 alpha u_y,   d / d revenue_y: beta u_y

(revenue from a market arrives as a payment). paid(x) moves by dp_x / L_x per USD and
shortfall(x) by -dp_x. Webs where an entity pays within 1e-6 of its dues are skipped (there
the slopes for a rise and a fall differ). The values are written into the script as
asserts, per 1B of the input, within 1e-6 of their size, and `dealgraph check` must pass
them all. --mutate 1 uses beta = 1 in the model, which the comparison must catch.

usage: sens_crosscheck.py DEALGRAPH [SEEDS] [--mutate 1]
"""
import os
import random
import subprocess
import sys
import tempfile


def solve(a, b):
    """Gaussian elimination with partial pivoting: a x = b (a is k x k, lists)."""
    k = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(k):
        piv = max(range(c, k), key=lambda r: abs(m[r][c]))
        m[c], m[piv] = m[piv], m[c]
        for r in range(c + 1, k):
            f = m[r][c] / m[c][c]
            for j in range(c, k + 1):
                m[r][j] -= f * m[c][j]
    x = [0.0] * k
    for c in reversed(range(k)):
        x[c] = (m[c][k] - sum(m[c][j] * x[j] for j in range(c + 1, k))) / m[c][c]
    return x


def random_web(seed):
    r = random.Random(seed)
    n = r.randint(3, 9)
    banks = [f"e{i}" for i in range(n)]
    lines = ["market m", "company sink"]
    cash, rev, owe = {}, {}, {}
    for b in banks:
        cash[b] = r.randint(0, 900) * 1e6
        lines.append(f"bank {b} {{ cash {int(cash[b] / 1e6)}M }}")
        if r.random() < 0.4:
            rev[b] = r.randint(20, 500) * 1e6
            lines.append(f"bank {b} {{ revenue {int(rev[b] / 1e6)}M/y from m }}")
    for _ in range(3 * n):
        a, b = r.sample(banks, 2)
        x = r.randint(50, 950) * 1e6
        lines.append(f"{a} pays {int(x / 1e6)}M to {b}")
        owe[(a, b)] = owe.get((a, b), 0) + x
    for a in banks:
        if r.random() < 0.6:
            x = r.randint(100, 900) * 1e6
            lines.append(f"{a} pays {int(x / 1e6)}M to sink")
            owe[(a, "sink")] = owe.get((a, "sink"), 0) + x
    alpha = beta = 1.0
    forced = set()
    if seed % 2 == 0:
        alpha, beta = r.randint(40, 100) / 100, r.randint(40, 100) / 100
        forced = {r.choice(banks)}
    return lines, banks, cash, rev, owe, alpha, beta, forced


def clear(banks, cash, rev, owe, alpha, beta, forced):
    """The greatest clearing vector; returns p, L, D, or None at a near tie."""
    L = {b: sum(v for (a, _), v in owe.items() if a == b) for b in banks}
    p = {b: 0.0 if b in forced else L[b] for b in banks}
    e = {b: cash[b] for b in banks}
    D = set()

    def paid_to(i, p):
        return rev.get(i, 0) + sum(v / L[a] * p[a] for (a, c), v in owe.items() if c == i)

    while True:
        new = {b for b in banks if b not in forced and b not in D and L[b] > 0
               and e[b] + paid_to(b, p) < L[b] * (1 - 1e-9)}
        if not new:
            break
        D |= new
        d = sorted(D)
        idx = {b: k for k, b in enumerate(d)}
        a = [[(1.0 if i == j else 0.0) for j in range(len(d))] for i in range(len(d))]
        rhs = []
        for i in d:
            fixed = sum(v / L[s] * p[s] for (s, c), v in owe.items() if c == i and s not in D)
            rhs.append(alpha * e[i] + beta * (fixed + rev.get(i, 0)))
            for (s, c), v in owe.items():
                if c == i and s in D:
                    a[idx[i]][idx[s]] -= beta * v / L[s]
        for b, x in zip(d, solve(a, rhs)):
            p[b] = min(L[b], max(0.0, x))
    for b in banks:
        if b in forced or L[b] == 0:
            continue
        margin = (e[b] + paid_to(b, p) - L[b]) / L[b]
        if abs(margin) < 1e-6 or (b in D and p[b] <= 1e-9 * L[b]):
            return None
    return p, L, D


def derivatives(banks, owe, L, D, weight, y, beta):
    """dp / d input of y (weight: alpha for cash, beta for revenue from a market)."""
    d = sorted(D)
    if y not in D:
        return {b: 0.0 for b in banks}
    idx = {b: k for k, b in enumerate(d)}
    a = [[(1.0 if i == j else 0.0) for j in range(len(d))] for i in range(len(d))]
    for (s, c), v in owe.items():
        if s in D and c in D:
            a[idx[c]][idx[s]] -= beta * v / L[s]
    rhs = [weight if b == y else 0.0 for b in d]
    x = dict(zip(d, solve(a, rhs)))
    return {b: x.get(b, 0.0) for b in banks}


def bounds(v):
    lo, hi = v - 1e-6 * abs(v) - 1e-12, v + 1e-6 * abs(v) + 1e-12
    return f"{lo:.15f}", f"{hi:.15f}"


def asserts(banks, rev, owe, L, D, alpha, beta):
    out = []
    for y in banks:
        for what, weight in (("cash", alpha), ("revenue", beta)):
            if what == "revenue" and y not in rev:
                continue
            dp = derivatives(banks, owe, L, D, weight, y, beta)
            for x in banks:
                paid = dp[x] / L[x] * 1e9 if L[x] > 0 else 0.0
                lo, hi = bounds(paid)
                f = f"sensitivity(paid({x}), {what} of {y})"
                out.append(f"assert {f} >= {lo} and {f} <= {hi}")
                lo, hi = bounds(-dp[x])
                f = f"sensitivity(shortfall({x}), {what} of {y})"
                out.append(f"assert {f} >= {lo} * 1B and {f} <= {hi} * 1B")
    return out


def main():
    dg = sys.argv[1]
    args = [a for a in sys.argv[2:] if not a.startswith("--")]
    nseeds = int(args[0]) if args else 40
    mutate = "--mutate" in sys.argv
    bad = skipped = checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "web.deal")
        for seed in range(1, nseeds + 1):
            lines, banks, cash, rev, owe, alpha, beta, forced = random_web(seed)
            cleared = clear(banks, cash, rev, owe, alpha, beta, forced)
            if cleared is None:
                skipped += 1
                continue
            p, L, D = cleared
            body = asserts(banks, rev, owe, L, D, alpha, 1.0 if mutate else beta)
            if forced or alpha < 1 or beta < 1:
                shocks = [f"set alpha {alpha * 100:g}%", f"set beta {beta * 100:g}%"]
                shocks += [f"{b} defaults" for b in sorted(forced)]
                text = "\n".join(lines) + "\nwhat if { " + "; ".join(shocks) + " } {\n"
                text += "\n".join(body) + "\n}\n"
            else:
                text = "\n".join(lines) + "\n" + "\n".join(body) + "\n"
            with open(path, "w") as f:
                f.write(text)
            run = subprocess.run([dg, "check", path], capture_output=True, text=True)
            checked += len(body)
            if run.returncode != 0:
                bad += run.stderr.count("error:")
                if not mutate:
                    print(f"seed {seed}: {run.stderr[:600]}")
    print(f"sensitivity cross-check: {nseeds} random webs ({skipped} skipped at a near tie), "
          f"{checked} values, {bad} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
