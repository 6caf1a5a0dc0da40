"""What the *_crosscheck.py scripts share: run `dealgraph report --json` on a generated
script for each seed and count the differences a script-specific compare finds.

A cross-check module provides random_web(seed) -> (text, facts) and
compare(seed, facts, run) -> number of differences, where run(args) runs the report with
extra arguments (e.g. ["--scenario", "s"]) and returns the parsed JSON or None (after
printing why).
"""
import json
import os
import subprocess
import sys
import tempfile


def drive(name, random_web, compare, default_seeds):
    """usage: NAME_crosscheck.py DEALGRAPH [SEEDS]; exit status 1 on any difference."""
    dg = sys.argv[1]
    nseeds = int(sys.argv[2]) if len(sys.argv) > 2 else default_seeds
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "web.deal")
        for seed in range(1, nseeds + 1):
            text, facts = random_web(seed)
            with open(path, "w") as f:
                f.write(text)
            failed = []

            def run(args=()):
                p = subprocess.run([dg, "report", "--json", *args, path],
                                   capture_output=True, text=True)
                if p.returncode != 0:
                    print(f"seed {seed} {list(args)}: exit {p.returncode}: {p.stderr[:300]}")
                    failed.append(1)
                    return None
                return json.loads(p.stdout)

            bad += compare(seed, facts, run) + len(failed)
    print(f"{name} cross-check: {nseeds} random webs, {bad} differences")
    return 1 if bad else 0
