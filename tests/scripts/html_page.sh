#!/bin/sh
# `report --html`: the page of the 2025 web with its standard scenarios, and of a small web
# with a random scenario and hostile strings, checked three ways: a validator (tidy: no
# errors; its warnings are about Graphviz's SVG attributes), a strict parse of the tags
# (every element closed in order, ids unique, no address loaded), and headless Chromium
# offline (tests/scripts/html_page.py: no console error, no request, the graph and every
# scenario section, sorting by a column, a screenshot that is not blank). The page is the
# same bytes on every run, and names, display names and sources are escaped.
set -u
DG=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v tidy >/dev/null || fail "tidy is missing (Debian package tidy)"
here=$(dirname "$0")

"$DG" report --html stdlib/scenarios.deal -o "$tmp/ai.html" 2>"$tmp/err" || { cat "$tmp/err"; fail "report --html exited $?"; }
"$DG" report --html stdlib/scenarios.deal -o "$tmp/ai2.html" || fail "second run"
cmp -s "$tmp/ai.html" "$tmp/ai2.html" || fail "two runs gave different pages"
scen=$(grep -o '^scenario [a-z_0-9]*' stdlib/scenarios.deal | cut -d' ' -f2 | tr '\n' ' ')
[ -n "$scen" ] || fail "no scenarios found in stdlib/scenarios.deal"

# --scenario picks sections; an unknown one is an error with nothing written
"$DG" report --html stdlib/scenarios.deal --scenario ai_winter --scenario loi_lapse -o "$tmp/two.html" || fail "--scenario twice"
n=$(grep -c '<section class="scenario"' "$tmp/two.html")
[ "$n" = 2 ] || fail "expected 2 scenario sections with two --scenario, found $n"
"$DG" report --html stdlib/scenarios.deal --scenario nope -o "$tmp/none.html" 2>"$tmp/err"
[ $? = 1 ] || fail "an unknown scenario should exit 1"
[ ! -e "$tmp/none.html" ] || fail "a page was written for an unknown scenario"
"$DG" report --json --html stdlib/scenarios.deal >/dev/null 2>&1
[ $? = 2 ] || fail "--json with --html should be a usage error"

# the deals table names a loan guarantee's debtor (the borrower), not the lender
cat >"$tmp/guar.deal" <<'DEAL'
company lender { cash 50B }
company borrower { cash 1B }
company guar { cash 10B }
deal ab: lender lends 9B to borrower from 2025 due 2030 at 7%
guar guarantees ab up to 2B
DEAL
"$DG" report --html "$tmp/guar.deal" -o "$tmp/guar.html" || fail "report --html of a guarantee"
grep -q '<td>guar</td><td>guarantees</td><td>borrower</td>' "$tmp/guar.html" ||
    fail "the guarantee of loan ab should name borrower in the deals table"

cat >"$tmp/odd.deal" <<'DEAL'
as of 2025
market users "End <users> & co"
company lab "The \"Lab\" <b>" { cash 2B }
company cloud { cash 1B }
users pays 10B/y to lab over 3y
deal rent: lab pays 9B/y to cloud over 3y source "<script>alert(1)</script> see example.com/a?x=1&y=2, 2025"
cloud pays 1B to lab from 2026
let d ~ normal(-10%, 10%)
scenario wobble "demand <moves>" { shock demand by d }
DEAL
"$DG" report --html "$tmp/odd.deal" -o "$tmp/odd.html" 2>"$tmp/err" || { cat "$tmp/err"; fail "odd page exited $?"; }
"$DG" report --html "$tmp/odd.deal" -o "$tmp/odd2.html" || fail "second run of the small page"
cmp -s "$tmp/odd.html" "$tmp/odd2.html" || fail "two runs of the random scenario's page differ"
grep -q '<script>alert' "$tmp/odd.html" && fail "a source's text was not escaped"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/odd.html" || fail "the escaped source is missing"
grep -q 'href="https://example.com/a?x=1&amp;y=2"' "$tmp/odd.html" || fail "the source's address is not a link"
grep -q 'demand &lt;moves&gt;' "$tmp/odd.html" || fail "the scenario's description is not escaped"
grep -q 'Default probabilities' "$tmp/odd.html" || fail "no default probabilities for a random scenario"
grep -q '1000 samples, seed 1' "$tmp/odd.html" || fail "the simulation's size is not said"
grep -q '>n/a<' "$tmp/odd.html" || fail "no n/a for an undefined figure"
grep -Eq 'NaN|inf<' "$tmp/odd.html" && fail "NaN or inf in the page"

# a credit facility's row gives its limit (it moves no money until drawn); a web where every
# entity survives every cut has no empty table of breaking points; an address ends at `<`
cat >"$tmp/credit.deal" <<'DEAL'
as of 2026
market users
company lab { cash 1B }
bank lender { cash 10B }
users pays 2B to lab from 2026 source "see https://ex.com/a<b> now"
lender commits 8B credit to lab over 3y from 2026 due 2030 at 6%
scenario calm "a little less demand" { shock demand by -10% }
DEAL
"$DG" report --html "$tmp/credit.deal" -o "$tmp/credit.html" 2>"$tmp/err" || { cat "$tmp/err"; fail "credit page exited $?"; }
grep -q '<td>lender</td><td>commits</td><td>lab</td><td data-v="8000000000">8B</td><td>2026</td><td>3y</td>' "$tmp/credit.html" \
    || fail "the credit facility's row does not give its 8B limit"
tr -d '\n' <"$tmp/credit.html" | grep -q '<tbody></tbody>' && fail "an empty table in the credit page"
[ "$(grep -c '2 entities survive every cut (n/a)' "$tmp/credit.html")" = 2 ] || fail "the survivors of the base world and of calm are not said"
grep -q 'href="https://ex.com/a" rel="noreferrer">https://ex.com/a</a>&lt;b&gt; now' "$tmp/credit.html" || fail "an address ran past '<'"

# A credit facility moves no money: its row gives its limit (2B), as a guarantee's gives
# what it covers (500M), not the 0 it pays in the flows.
cat >"$tmp/vendor.deal" <<'DEAL'
as of 2000
company lucent { cash 5B }
company winstar { cash 1B }
lucent commits 2B credit to winstar over 3y from 2000 at 8%
winstar buys 1.5B from lucent over 3y from 2000
lucent guarantees 500M to winstar
DEAL
"$DG" report --html "$tmp/vendor.deal" -o "$tmp/vendor.html" 2>"$tmp/err" || { cat "$tmp/err"; fail "credit page exited $?"; }
grep -q 'commits</td><td>winstar</td><td data-v="2000000000">2B<' "$tmp/vendor.html" ||
    fail "the facility's row does not give its 2B limit"
grep -q 'guarantees</td><td>winstar</td><td data-v="500000000">500M<' "$tmp/vendor.html" ||
    fail "the guarantee's row does not give its 500M"

for page in "$tmp/ai.html" "$tmp/odd.html" "$tmp/credit.html" "$tmp/vendor.html"; do
    tidy -errors -q "$page" >"$tmp/tidy" 2>&1
    st=$?
    [ $st -lt 2 ] || { cat "$tmp/tidy"; fail "tidy found errors in $page"; }
    grep -v -e 'proprietary attribute "xlink:title"' -e '<svg> attribute "\(width\|height\)"' "$tmp/tidy" >"$tmp/tidy2"
    [ -s "$tmp/tidy2" ] && { cat "$tmp/tidy2"; fail "tidy warnings in $page"; }
    python3 "$here/html_strict.py" "$page" || fail "strict parse of $page"
done

python3 "$here/html_page.py" "$tmp/ai.html" $scen || fail "chromium check of the 2025 page"
python3 "$here/html_page.py" "$tmp/odd.html" wobble || fail "chromium check of the small page"
exit 0
