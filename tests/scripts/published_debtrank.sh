#!/bin/sh
# Published DebtRank examples, written as deal scripts and checked through the "clearing"
# object of `report --json --scenario NAME` (docs/STRESS.md "Worked examples"):
#   tests/golden/stress_debtrank_fig5.deal  Battiston et al. (2012) SI Figure 5, node 1
#     defaults; original-DebtRank values as published, differential values by hand.
#   tests/golden/stress_debtrank_nrm.deal   the NetworkRiskMeasures debt_rank example.
# The arithmetic is in tests/unit/test_debtrank.c.
# Usage: sh tests/scripts/published_debtrank.sh path/to/dealgraph
DG=${1:-bin/dealgraph}
fail=0
check() { # FILE SCENARIO JQ-EXPRESSION DESCRIPTION
    out=$("$DG" report --json --scenario "$2" "$1")
    if [ "$(printf '%s' "$out" | jq -e "$3" 2>/dev/null)" != true ]; then
        echo "FAIL: $4 ($1 $2: $3)"
        fail=1
    fi
}
# Published numbers are given to 6 decimals: within 5e-7. Hand values: within 1e-9.
pub='def pub($a; $b): (($a - $b) | fabs) <= 5e-7; def near($a; $b): (($a - $b) | fabs) <= 1e-9;'
F=tests/golden/stress_debtrank_fig5.deal
check $F fig5_original "$pub .clearing.params.debtrank == \"original\" and (.clearing.distress | near(.h1; 1) and near(.h2; 0.625) and near(.h3; 0.5) and near(.h4; 0.5) and near(.h5; 0.375) and near(.h6; 0.25) and near(.h7; 0.125) and near(.h8; 0.125))" "Figure 5, impacts 0.5, original"
check $F fig5_original "$pub .clearing.distress | pub(.n2; 0.711111) and pub(.n3; 0.107143) and pub(.n4; 0.375) and pub(.n5; 0.144444) and pub(.n6; 0.083333) and pub(.n7; 0.007407) and pub(.n8; 0.011667)" "Figure 5, impacts from stakes, original (published)"
check $F fig5_original "$pub .clearing.distress | near(.n2; 32/45) and near(.n5; 13/90) and near(.n7; 1/135) and near(.n8; 7/600)" "Figure 5, impacts from stakes, original (exact)"
# DebtRank index of the notebook: sum of h x (stakes held) / 34, node 1 excluded: 0.207.
check $F fig5_original "$pub .clearing.distress as \$h | ((4 + 2) * \$h.n2 + 6 * \$h.n3 + 3 * \$h.n4 + (3 + 2) * \$h.n5 + 2 * \$h.n6 + 5 * \$h.n7 + 7 * \$h.n8) / 34 | (. - 0.207 | fabs) < 5e-4" "Figure 5 DebtRank 0.207"
check $F fig5 "$pub .clearing.params.debtrank == \"differential\" and (.clearing.distress | near(.h2; 0.75) and near(.h5; 0.5) and near(.h7; 0.25) and near(.h3; 0.5) and near(.h8; 0.125))" "Figure 5, impacts 0.5, differential"
check $F fig5 "$pub .clearing.distress | near(.n2; 181/252) and near(.n5; 13/84) and near(.n7; 13/1512) and near(.n3; 3/28) and near(.n8; 7/600)" "Figure 5, impacts from stakes, differential"
check $F fig5 "$pub near(.clearing.losses.n3; 6) and near(.clearing.losses.n4; 3) and ([.clearing.defaults[] | .name] == [\"h1\", \"n1\"])" "Figure 5 losses and defaults"
N=tests/golden/stress_debtrank_nrm.deal
check $N tenpct "$pub .clearing.distress | near(.a; 0.15) and near(.b; 0.26) and near(.c; 0.30)" "NetworkRiskMeasures 10% shock, original"
check $N tenpct '[.clearing.defaults[] | .name] == ["dx"]' "10% shock: no bank defaults"
check $N tenpct_differential "$pub near(.clearing.distress.a; 0.6) and (.clearing.insolvent == [\"b\", \"c\"])" "10% shock, differential: b and c insolvent"
check $N a_fails '.clearing.insolvent | length == 2' "a's default takes 2 more"
check $N b_fails "$pub near(.clearing.distress.a; 0.5) and (.clearing.insolvent == [\"c\"])" "b's default takes c"
check $N c_fails "$pub near(.clearing.distress.a; 0.3) and near(.clearing.distress.b; 0.9) and (.clearing.insolvent | length == 0)" "c's default takes nobody"
# The weighted additional stress of the README (weights 10, 100, 30 of 140).
check $N c_fails "$pub (10 * .clearing.distress.a + 100 * .clearing.distress.b) / 140 | (. - 0.6642857 | fabs) < 5e-8" "c: additional stress 0.6642857"
check $N tenpct "$pub .clearing.distress | (10 * (.a - 0.1) + 100 * (.b - 0.1) + 30 * (.c - 0.1)) / 140 | (. - 0.1607 | fabs) < 5e-5" "10% shock: additional stress 16.07%"
exit $fail
