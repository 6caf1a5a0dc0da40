#!/bin/sh
# `report --scenario NAME` in text ends with the scenario's clearing: who defaults, in
# which year, and the losses (the figures of tests/golden/yearly_debt_due.deal).
DG=$1
out=$("$DG" report --scenario lab_fails tests/golden/yearly_debt_due.deal) || exit 1
printf '%s\n' "$out" | grep -q '^clearing under scenario lab_fails:$' || { echo "FAIL: no clearing"; exit 1; }
printf '%s\n' "$out" | grep -Eq '^  neo +2027 +1 +- +7B +87\.5% +clearing$' || { echo "FAIL: neo's default"; exit 1; }
printf '%s\n' "$out" | grep -Eq '^  neo +13B$' || { echo "FAIL: neo's loss"; exit 1; }
"$DG" report tests/golden/yearly_debt_due.deal | grep -q '^clearing under' && { echo "FAIL: base report shows a clearing"; exit 1; }
exit 0
