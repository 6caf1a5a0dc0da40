#!/bin/sh
# The flow figures (in, out, own, gap, sources) of 60 random webs against an independent
# model written from DESIGN.md's definitions (tests/scripts/flows_crosscheck.py).
# $1 = the dealgraph binary. Run from the repository root.
exec python3 tests/scripts/flows_crosscheck.py "$1" 60
