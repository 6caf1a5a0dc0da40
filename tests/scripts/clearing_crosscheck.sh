#!/bin/sh
# The clearing and warrants of 60 random webs (base and a forced default) against an independent
# Eisenberg-Noe model (tests/scripts/clearing_crosscheck.py).
# $1 = the dealgraph binary. Run from the repository root.
exec python3 tests/scripts/clearing_crosscheck.py "$1" 60
