#!/bin/sh
# `dealgraph chart timeline`: a well-formed SVG with one line per entity, a real PNG, and the
# error statuses.
#
# Entities: a, b, c (companies) and m (a market). By default the chart draws every entity
# that is not a market: 3 lines. Entity lines are the only paths stroked 2.5 wide.
set -u
DG=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v xmllint >/dev/null || fail "xmllint is missing (Debian package libxml2-utils)"
lines() { grep -o 'stroke-width:2.5;' "$1" | wc -l | tr -d ' '; }

cat >"$tmp/t.deal" <<'DEAL'
as of 2025
company a { cash 10B }
company b { cash 5B; revenue 2B/y }
company c
market m
a pays 30B to b over 2y from 2025
m pays 4B to c from 2026
deal big: b pays 1B to c from 2027
scenario cut { cancel big; }
DEAL

"$DG" chart timeline "$tmp/t.deal" -o "$tmp/cash.svg" 2>"$tmp/err" || { cat "$tmp/err"; fail "chart exited $?"; }
xmllint --noout "$tmp/cash.svg" || fail "cash.svg is not well-formed XML"
n=$(lines "$tmp/cash.svg")
[ "$n" = 3 ] || fail "expected 3 entity lines, found $n"

"$DG" chart timeline "$tmp/t.deal" --entity a --entity m -o "$tmp/two.svg" 2>"$tmp/err" || fail "chart --entity exited $?"
xmllint --noout "$tmp/two.svg" || fail "two.svg is not well-formed XML"
n=$(lines "$tmp/two.svg")
[ "$n" = 2 ] || fail "expected 2 entity lines with --entity a --entity m, found $n"

"$DG" chart timeline "$tmp/t.deal" --scenario cut -o "$tmp/cut.svg" 2>"$tmp/err" || { cat "$tmp/err"; fail "chart --scenario exited $?"; }
xmllint --noout "$tmp/cut.svg" || fail "cut.svg is not well-formed XML"
# Without deal big, b keeps 1B and c lacks it from 2027: the scenario's chart differs, and
# it draws the 3 scenario lines plus the 3 base-world lines (thin, 1.25 wide) under them.
cmp -s "$tmp/cash.svg" "$tmp/cut.svg" && fail "the scenario's chart is the base chart"
n=$(lines "$tmp/cut.svg")
[ "$n" = 3 ] || fail "expected 3 scenario lines, found $n"
n=$(grep -o 'stroke-width:1.25;' "$tmp/cut.svg" | wc -l | tr -d ' ')
[ "$n" = 3 ] || fail "expected 3 base-world lines under the scenario, found $n"

"$DG" chart timeline "$tmp/t.deal" -o "$tmp/cash.png" 2>"$tmp/err" || fail "chart png exited $?"
sig=$(head -c 8 "$tmp/cash.png" | od -An -tx1 | tr -d ' \n')
[ "$sig" = 89504e470d0a1a0a ] || fail "cash.png does not start with the PNG signature"

"$DG" chart timeline "$tmp/t.deal" -o "$tmp/again.svg" 2>/dev/null
cmp -s "$tmp/cash.svg" "$tmp/again.svg" || fail "two runs gave different SVG"
"$DG" chart timeline "$tmp/t.deal" -o "$tmp/again.png" 2>/dev/null
cmp -s "$tmp/cash.png" "$tmp/again.png" || fail "two runs gave different PNG"

"$DG" chart timeline "$tmp/t.deal" --entity nosuch -o "$tmp/x.svg" 2>/dev/null
[ $? = 1 ] || fail "an unknown --entity must exit 1"
"$DG" chart "$tmp/t.deal" -o "$tmp/x.svg" 2>/dev/null
[ $? = 2 ] || fail "chart without the word timeline must exit 2"
"$DG" chart timeline "$tmp/t.deal" -o "$tmp/x.dot" 2>/dev/null
[ $? = 2 ] || fail "a chart as .dot must exit 2"
"$DG" chart timeline "$tmp/t.deal" -o "$tmp/no/dir/x.svg" 2>/dev/null
[ $? = 3 ] || fail "an unwritable output must exit 3"
echo ok
