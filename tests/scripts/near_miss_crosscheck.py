#!/usr/bin/env python3
"""Cross-check of the near-miss warnings on random webs against brute force.

For a fixed set of seeds this writes a web whose names come from a small alphabet (so
many are one typo apart): some declared, some only used in deals, in a random order. Here
every pair of names is compared by the optimal-string-alignment distance (a dynamic
programme: insertions, deletions, substitutions and swaps of neighbours), and the
warnings `dealgraph check` must print are worked out from grammar/README.md "Lines and
statements": each name no statement declares, of 3 to 64 letters, one edit from a declared
name of 3 to 64 letters, is warned at its first use, naming the alphabetically first such
declared name; of more than 21, the first 20 are listed and one more warning counts the
rest. The warnings printed are
compared with that list; any difference is printed and the exit status is 1.

usage: near_miss_crosscheck.py DEALGRAPH [SEEDS]
"""
import os
import random
import re
import subprocess
import sys
import tempfile

ALPHABET = "bcdxz"   # no keyword can be spelt with these letters


def osa(a, b):
    """Optimal string alignment distance."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def random_web(seed):
    r = random.Random(seed)
    names = set()
    want = r.choice([r.randint(4, 40), r.randint(40, 300)])
    while len(names) < want:
        names.add("".join(r.choice(ALPHABET) for _ in range(r.randint(2, 5))))
    names = sorted(names)
    declared = {n for n in names if r.random() < 0.5}
    stmts = [("decl", n) for n in declared]
    for _ in range(r.randint(1, len(names))):
        a, b = r.sample(names, 2)
        stmts.append(("deal", a, b))
    r.shuffle(stmts)
    return render(stmts, declared)


def boundary_web(n):
    """n undeclared names, each its own declared name with its last letter doubled: n
    warnings, for the limit's edges (20, 21 and 22 of them)."""
    suffixes = [a + b for a in ALPHABET for b in ALPHABET][:n]
    declared = {"bcd" + x for x in suffixes}
    stmts = [("decl", d) for d in sorted(declared)]
    stmts += [("deal", d + d[-1], d) for d in sorted(declared)]
    return render(stmts, declared)


def render(stmts, declared):
    lines, first_use = [], {}   # name -> (line, column) of its first appearance
    for k, s in enumerate(stmts, 1):
        if s[0] == "decl":
            lines.append(f"company {s[1]}")
            first_use.setdefault(s[1], (k, 9))
        else:
            lines.append(f"{s[1]} pays 1B to {s[2]}")
            first_use.setdefault(s[1], (k, 1))
            first_use.setdefault(s[2], (k, len(s[1]) + 13))
    return "\n".join(lines) + "\n", declared, first_use


def expected(declared, first_use):
    ok = lambda n: 3 <= len(n) <= 64
    cands = sorted(d for d in declared if ok(d))
    near = []
    for u in sorted(first_use, key=first_use.get):
        if u in declared or not ok(u):
            continue
        best = next((d for d in cands if osa(u, d) == 1), None)
        if best:
            near.append((first_use[u], u, best))
    out = [(loc, f"'{u}' is never declared, and is one letter from '{d}'")
           for loc, u, d in near[:20 if len(near) > 21 else 21]]
    if len(near) > 21:
        loc, u, _ = near[20]
        more = len(near) - 21
        out.append((loc, f"'{u}' and {more} more name{'s' if more > 1 else ''} are never "
                         "declared, each one letter from a declared name"))
    return sorted(out)


def main():
    dg = sys.argv[1]
    nseeds = int(sys.argv[2]) if len(sys.argv) > 2 else 150
    bad = warned = 0
    warn_re = re.compile(r"^[^:]*:(\d+):(\d+): warning: (.*)$")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "web.deal")
        webs = [(f"boundary {n}", lambda n=n: boundary_web(n)) for n in (20, 21, 22)]
        webs += [(f"seed {seed}", lambda seed=seed: random_web(seed))
                 for seed in range(1, nseeds + 1)]
        for what, web in webs:
            text, declared, first_use = web()
            with open(path, "w") as f:
                f.write(text)
            p = subprocess.run([dg, "check", path], capture_output=True, text=True)
            got = sorted(((int(m[1]), int(m[2])), m[3])
                         for m in map(warn_re.match, p.stderr.splitlines()) if m)
            want = expected(declared, first_use)
            warned += len(want)
            if p.returncode != 0 or got != want:
                bad += 1
                print(f"{what}: exit {p.returncode}\n  want {want}\n  got  {got}")
    print(f"near-miss cross-check: {nseeds} random webs and 3 at the limit, {warned} warnings, "
          f"{bad} differences")
    return 1 if bad or warned == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
