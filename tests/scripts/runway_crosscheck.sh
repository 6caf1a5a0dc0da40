#!/bin/sh
# runway of 80 random webs against an independent yearly cash model
# (tests/scripts/runway_crosscheck.py). $1 = the dealgraph binary. Run from the repository root.
exec python3 tests/scripts/runway_crosscheck.py "$1" 80
