#!/bin/sh
# The clearing object of `report --json` checked with jq against numbers worked out by hand
# (docs/STRESS.md; tests/unit/test_clearing.c and test_stress.c show the arithmetic).
# Usage: sh tests/scripts/stress_json.sh path/to/dealgraph
DG=${1:-bin/dealgraph}
fail=0
check() { # FILE SCENARIO-or-"" JQ-EXPRESSION DESCRIPTION
    if [ -n "$2" ]; then out=$("$DG" report --json --scenario "$2" "$1"); else out=$("$DG" report --json "$1"); fi
    if [ "$(printf '%s' "$out" | jq -e "$3" 2>/dev/null)" != true ]; then
        echo "FAIL: $4 ($1 ${2:-base}: $3)"
        fail=1
    fi
}
near='def near($a; $b): (($a - $b) | fabs) <= 1e-6 * ([($b | fabs), 1] | max);'
T=tests/golden/stress_three_banks.deal
W=tests/golden/stress_web.deal
# Eisenberg-Noe: p1 = 165/112 B, p2 = 159/112 B, b3 pays 1.5B.
check $T "" "$near near(.clearing.payments.b1; 165e9/112) and near(.clearing.payments.b2; 159e9/112) and near(.clearing.payments.b3; 1.5e9)" "EN clearing vector"
check $T "" '.clearing.scenario == null and ([.clearing.defaults[] | [.name, .round]] == [["b1", 1], ["b2", 2]])' "EN defaults and rounds"
check $T "" "$near near(.clearing.obligations.b1; 2.5e9) and near(.clearing.losses.b1; 0)" "EN obligations, no loss against itself"
# Rogers-Veraart alpha 0.5, beta 0.7: p = (4225/8416, 160275/311392, 176055/311392) B.
check $T costly "$near near(.clearing.payments.b1; 4225e9/8416) and near(.clearing.payments.b2; 160275e9/311392) and near(.clearing.payments.b3; 176055e9/311392)" "RV clearing vector"
check $T costly '.clearing.scenario == "costly" and ([.clearing.defaults[] | [.name, .round]] == [["b1", 1], ["b2", 2], ["b3", 2]])' "RV defaults and rounds"
# outside is paid 1.5 p1/2.5 + 0.5 p2/1.5 + 0.5 p3/1.5; its loss is the drop from the base.
check $T costly "$near near(.clearing.losses.outside; (0.6*165e9/112 + 159e9/112/3 + 0.5e9) - (0.6*4225e9/8416 + (160275e9 + 176055e9)/311392/3))" "loss of the outside creditors"
# Warrants and guarantees (base world).
check $W "" "$near (.clearing.warrants[0] | .granter == \"amd\" and .holder == \"openai\" and near(.vested_shares; 120) and near(.value; 720) and near(.dilution; 120/1120))" "warrant vesting"
check $W "" "$near (.clearing.guarantees[0] | .guarantor == \"g\" and near(.called; 30) and near(.paid; 20)) and near(.clearing.payments.b; 60) and near(.clearing.received.c; 80)" "guarantee called and paid (to b's creditor, never into b)"
check $W "" '[.clearing.defaults[] | select(.name == "g") | [.year, .round]] == [[2026, 1]]' "guarantor defaults in the year of the call"
check $W "" "$near near(.clearing.shortfall.b; 10) and near(.clearing.shortfall.g; 10)" "the call took 30 of b's debt over; each still owes c 10"
# The equity channel: lab defaults, nv's distress reaches 1.
check $W labfails "$near near(.clearing.distress.nv; 1) and near(.clearing.losses.d; 0) and near(.clearing.losses.nv; 100) and near(.clearing.payments.nv; 30)" "distress stops no payment; losses"
check $W labfails '.clearing.insolvent == ["nv"] and ([.clearing.defaults[] | select(.name == "nv")] | length == 0)' "nv is insolvent, not in default"
check $W nomilestone "$near near(.clearing.losses.amd; 25) and near(.clearing.warrants[0].vested_shares; 0)" "cancel"
# Rogers & Veraart (2013) Section 5.1 ring: EN in the base (k1 pays 2.8B, k0 in full);
# alpha = beta = 1/2: k0 pays 0.2/0.75 B, k1 0.4/0.75 B, rounds 2 and 1.
R=tests/golden/stress_rv_ring.deal
check $R "" "$near near(.clearing.payments.a1; 2.8e9) and near(.clearing.payments.a0; 2e9) and (.clearing.defaults | length) == 3" "ring without default costs"
check $R costs "$near near(.clearing.payments.a0; 0.2e9/0.75) and near(.clearing.payments.b1; 0.4e9/0.75) and ([.clearing.defaults[] | .round] == [1, 1, 1, 2, 2, 2])" "ring with default costs"
# Credit facilities (tests/golden/credit_draws.deal, credit_figures.deal: worked out there):
# the clearing's "credit" rows and the entities' "credit" and "commitments".
C=tests/golden/credit_draws.deal
check $C "" "$near (.clearing.credit[0] | .lender == \"lucent\" and .borrower == \"winstar\" and .deal == \"line\" and near(.limit; 5e9) and near(.drawn; 5e9) and near(.paid; 5e9) and ([.draws[].year] == [2000, 2001, 2002]) and near(.draws[1].drawn; 2.1e9) and near(.draws[2].drawn; 1.9e9))" "draws by year, the limit exhausted"
check $C "" "$near (.clearing.credit[1] | .deal == null and near(.drawn; 1.025e9) and ([.draws[].year] == [2000, 2001]))" "no draw in the year the facility falls due"
F=tests/golden/credit_figures.deal
check $F "" "$near ([.entities[] | select(.name == \"lucent\")][0] | near(.commitments; 2.4e9) and near(.credit; 2e9) and near(.backlog; 1.5e9)) and ([.entities[] | select(.name == \"winstar\")][0] | near(.vendor_financing; 1.5e9) and near(.in; 0) and near(.credit; 0))" "a facility in the entities' figures"
check $F "" "$near near(.system.total_commitments; 4.9e9) and (.clearing.credit | length) == 2" "total commitments; the nonbinding facility is no row"
exit $fail
