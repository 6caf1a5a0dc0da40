#!/bin/sh
# The cycles of 80 small random webs against brute-force enumeration
# (tests/scripts/cycles_crosscheck.py). $1 = the dealgraph binary. Run from the repository root.
exec python3 tests/scripts/cycles_crosscheck.py "$1" 80
