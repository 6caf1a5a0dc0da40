#!/bin/sh
# Every per-entity and system figure (sources included) of 60 random webs against an
# independent model written from the definitions (tests/scripts/figures_crosscheck.py).
# $1 = the dealgraph binary. Run from the repository root.
exec python3 tests/scripts/figures_crosscheck.py "$1" 60
