#!/bin/sh
# The yearly stress model of random dated webs (base and scenarios: demand, revenue, cash and
# payment shocks, forced defaults, recovery, guarantees, credit facilities) against an
# independent model written from its definition (tests/scripts/yearly_crosscheck.py): first
# the model on the hand-worked cases, then 60 webs and 20 webs with equity and stakes (the
# equity channel), then four known mutations of the model (arrears forgotten, a facility's
# limit ignored, a year with no dues read as a cure, a cure kept after a later shortfall),
# which the comparison must catch, so it is shown to be able to fail.
# $1 = the dealgraph binary. Run from the repository root.
X=tests/scripts/yearly_crosscheck.py
out=$(python3 $X --selftest) || { printf '%s\n' "$out"; echo "FAIL: the model misses a hand-worked case"; exit 1; }
python3 $X "$1" 60 || exit 1
python3 $X "$1" 20 --equity || exit 1
if python3 $X "$1" 20 --mutate 1 >/dev/null; then
    echo "FAIL: the cross-check does not notice a model that forgets arrears"
    exit 1
fi
if python3 $X "$1" 30 --mutate 8 >/dev/null; then
    echo "FAIL: the cross-check does not notice a model that draws beyond a facility's limit"
    exit 1
fi
if python3 $X "$1" 60 --mutate 9 >/dev/null; then
    echo "FAIL: the cross-check does not notice a model that cures a defaulter in a year with no dues"
    exit 1
fi
if python3 $X "$1" 100 --mutate 10 >/dev/null; then
    echo "FAIL: the cross-check does not notice a model that keeps a cure after a later shortfall"
    exit 1
fi
