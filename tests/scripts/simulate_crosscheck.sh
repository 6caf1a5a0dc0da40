#!/bin/sh
# simulate against closed forms (normal, uniform, triangular, lognormal CDFs) and against the
# documented draws written again in Python (tests/scripts/simulate_crosscheck.py). $1 = the
# dealgraph binary.
exec python3 tests/scripts/simulate_crosscheck.py "$1"
