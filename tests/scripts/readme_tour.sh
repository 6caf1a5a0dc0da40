#!/bin/sh
# The script in README.md's "A short tour" checks clean as printed (docs must not drift from
# the language), and its simulate on the 2025 web prints what the tour says it prints.
# $1 = the dealgraph binary. Run from the repository root.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The tour's indented blocks: the first ones are the tour script, up to the block that
# starts with `use ai2025` (the simulate), which is followed by the block of its output.
awk -v dir="$tmp" '/^## A short tour/{on=1; next} on && /^## /{exit}
     on && /^    use ai2025/{part = "sim"}
     on && part == "sim" && /^$/{part = "gap"}
     on && part == "gap" && /^    /{part = "out"}
     on && part == "out" && /^$/{part = "done"}
     on && /^    /{sub(/^    /, "");
         f = part == "" ? "tour" : part == "gap" || part == "done" ? "" : part;
         if (f != "") { print > (dir "/" f ".deal"); n++ } }
     on && n && /^$/ && part == "" {print > (dir "/tour.deal")}' README.md
grep -q 'what if winter' "$tmp/tour.deal" || { echo "FAIL: tour not found in README.md"; exit 1; }
"$1" check "$tmp/tour.deal" || { echo "FAIL: README tour does not check clean"; exit 1; }
# the tour's page, CSV files and import, as the README writes them
grep -q '^    dealgraph report --html tour.deal -o tour.html$' README.md || { echo "FAIL: the tour's page command is not in README.md"; exit 1; }
mkdir "$tmp/tables"
dg=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
(cd "$tmp" && "$dg" report --html tour.deal -o tour.html && "$dg" report --csv tables/ tour.deal &&
    "$dg" import tables/deals.csv -o deals.deal && "$dg" check deals.deal) ||
    { echo "FAIL: the tour's page, CSV or import commands fail"; exit 1; }
grep -q 'id="scenario-winter"' "$tmp/tour.html" || { echo "FAIL: the tour's page has no winter"; exit 1; }
[ -s "$tmp/sim.deal" ] && [ -s "$tmp/out.deal" ] ||
    { echo "FAIL: the tour's simulate and its output not found in README.md"; exit 1; }
"$1" "$tmp/sim.deal" >"$tmp/got" || { echo "FAIL: the tour's simulate does not run"; exit 1; }
diff -u "$tmp/out.deal" "$tmp/got" || { echo "FAIL: the tour's simulate prints something else"; exit 1; }
echo "README tour checks clean, and its simulate prints what it says"
