#!/bin/sh
# Sensitivities of paid and shortfall on 40 random webs with no dates (plain Eisenberg-Noe,
# and Rogers-Veraart with a forced default in a what-if) against an independent clearing and
# Liu-Staum differentiation (tests/scripts/sens_crosscheck.py); then a model that ignores
# beta, which the comparison must catch, so it is shown to be able to fail.
# $1 = the dealgraph binary. Run from the repository root.
X=tests/scripts/sens_crosscheck.py
python3 $X "$1" 40 || exit 1
if python3 $X "$1" 40 --mutate 1 >/dev/null; then
    echo "FAIL: the cross-check does not notice a model that ignores beta"
    exit 1
fi
