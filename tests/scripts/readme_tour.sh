#!/bin/sh
# The script in README.md's "A short tour" checks clean as printed (docs must not drift from
# the language). $1 = the dealgraph binary. Run from the repository root.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk '/^## A short tour/{on=1; next} on && /^## /{exit} on && /^    /{sub(/^    /, ""); print; n++}
     on && n && /^$/{print}' README.md >"$tmp/tour.deal"
grep -q 'what if winter' "$tmp/tour.deal" || { echo "FAIL: tour not found in README.md"; exit 1; }
"$1" check "$tmp/tour.deal" || { echo "FAIL: README tour does not check clean"; exit 1; }
echo "README tour checks clean"
