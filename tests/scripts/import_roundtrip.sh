#!/bin/sh
# report --csv then import: the same money graph, on every example (import_roundtrip.py).
exec python3 "$(dirname "$0")/import_roundtrip.py" "$1"
