#!/bin/sh
# The near-miss warnings of 150 random webs against brute force over every pair of names
# (tests/scripts/near_miss_crosscheck.py). $1 = the dealgraph binary. Run from the
# repository root.
exec python3 tests/scripts/near_miss_crosscheck.py "$1" 150
