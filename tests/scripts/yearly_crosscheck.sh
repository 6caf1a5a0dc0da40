#!/bin/sh
# The yearly stress model of random dated webs (base and scenarios: demand, revenue, cash and
# payment shocks, forced defaults from the first or a later year, recovery, guarantees, credit facilities) against an
# independent model written from its definition (tests/scripts/yearly_crosscheck.py): first
# the model on the hand-worked cases, then 60 webs and 20 webs with equity and stakes (the
# equity channel), then four known mutations of the model (arrears forgotten, a facility's
# limit ignored, a year with no dues read as a cure, a cure kept after a later shortfall, a
# forced default in a later year taken from the first),
# which the comparison must catch, so it is shown to be able to fail.
# $1 = the dealgraph binary. Run from the repository root.
X=tests/scripts/yearly_crosscheck.py
out=$(python3 $X --selftest) || { printf '%s\n' "$out"; echo "FAIL: the model misses a hand-worked case"; exit 1; }
python3 $X "$1" 60 || exit 1
python3 $X "$1" 20 --equity || exit 1
# must_catch K SEEDS WHAT: the comparison with mutation K on SEEDS webs must fail
must_catch() {
    if python3 $X "$DG" "$2" --mutate "$1" >/dev/null; then
        echo "FAIL: the cross-check does not notice a model that $3"
        exit 1
    fi
}
DG=$1
must_catch 1 20 "forgets arrears"
must_catch 8 30 "draws beyond a facility's limit"
must_catch 9 60 "cures a defaulter in a year with no dues"
must_catch 10 100 "keeps a cure after a later shortfall"
must_catch 11 60 "forces a dated default from the first year"
