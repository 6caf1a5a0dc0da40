#!/bin/sh
# `dealgraph graph`: SVG that parses as XML, a real PNG, DOT; one node per entity, one edge per
# aggregated money edge, nonbinding edges dashed, a defaulted entity marked in a scenario.
#
# The web below, counted by hand:
#   entities: nvidia openai oracle jpm users                               -> 5 nodes
#   binding edges: nvidia->openai, openai->oracle (300B + 5B merged),
#                  oracle->nvidia, jpm->oracle, users->openai               -> 5 edges
#   nonbinding: openai->oracle 100B                                         -> 1 dashed edge
#   so the picture has 6 edges; the loop nvidia->openai->oracle->nvidia is 3 red ones.
set -u
DG=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v xmllint >/dev/null || fail "xmllint is missing (Debian package libxml2-utils)"

cat >"$tmp/web.deal" <<'DEAL'
company nvidia "NVIDIA" { cash 500B; equity 1T; layer "chips" }
company openai { cash 10B; layer "labs" }
company oracle { cash 500B; equity 2T; layer "cloud" }
bank jpm { cash 100B; equity 100B }
market users
nvidia invests 100B in openai
openai buys 300B from oracle
openai pays 5B to oracle
oracle buys 40B from nvidia
jpm lends 38B to oracle
users pay 13B to openai
openai buys 100B from oracle nonbinding
scenario crash { openai defaults; }
DEAL

# Graphviz may warn about fonts on stderr: only the exit status and the files count.
"$DG" graph "$tmp/web.deal" -o "$tmp/web.svg" 2>"$tmp/err" || { cat "$tmp/err"; fail "graph -o web.svg exited $?"; }
xmllint --noout "$tmp/web.svg" || fail "web.svg is not well-formed XML"
nodes=$(grep -c 'class="node' "$tmp/web.svg")
[ "$nodes" = 5 ] || fail "expected 5 nodes, found $nodes"
edges=$(grep -c 'class="edge' "$tmp/web.svg")
[ "$edges" = 6 ] || fail "expected 6 edges, found $edges"
for e in nvidia openai oracle jpm users; do
    grep -q "<title>$e</title>" "$tmp/web.svg" || fail "no node for $e"
done
cyc=$(grep -c 'class="edge cycle"' "$tmp/web.svg")
[ "$cyc" = 3 ] || fail "expected 3 loop edges, found $cyc"
grep -q 'class="node defaulted"' "$tmp/web.svg" && fail "a node is marked defaulted outside a scenario"

"$DG" graph "$tmp/web.deal" -o "$tmp/web.dot" 2>"$tmp/err" || fail "graph -o web.dot exited $?"
grep -q '^digraph' "$tmp/web.dot" || fail "web.dot has no digraph"
dashed=$(grep -c 'style=dashed' "$tmp/web.dot")
[ "$dashed" = 1 ] || fail "expected 1 dashed (nonbinding) edge, found $dashed"
nb=$(xmllint --xpath "string(//*[local-name()='g'][@class='edge nonbinding']//*[local-name()='text'])" "$tmp/web.svg")
[ "$nb" = "100B nonbinding" ] || fail "the nonbinding edge is labelled '$nb', not '100B nonbinding'"
grep -A12 'class="edge nonbinding"' "$tmp/web.svg" | grep -q 'stroke-dasharray' || fail "the nonbinding edge is not dashed in the SVG"

"$DG" graph "$tmp/web.deal" -o "$tmp/web.png" 2>"$tmp/err" || fail "graph -o web.png exited $?"
[ -s "$tmp/web.png" ] || fail "web.png is empty"
sig=$(head -c 8 "$tmp/web.png" | od -An -tx1 | tr -d ' \n')
[ "$sig" = 89504e470d0a1a0a ] || fail "web.png does not start with the PNG signature ($sig)"

# In scenario crash, openai defaults. Everyone else can pay from cash alone: nvidia owes
# 100B (has 500B), oracle 40B + 38B loan repaid (has 500B), jpm 38B (has 100B); their
# losses (nvidia's 100B stake, oracle's 305B unpaid) are 10% and 15% of equity, far from the
# distress default at 100%. So openai's node, and only its node, is marked.
"$DG" graph "$tmp/web.deal" --scenario crash -o "$tmp/crash.svg" 2>"$tmp/err" || { cat "$tmp/err"; fail "graph --scenario exited $?"; }
xmllint --noout "$tmp/crash.svg" || fail "crash.svg is not well-formed XML"
marked=$(xmllint --xpath "//*[local-name()='g'][@class='node defaulted']/*[local-name()='title']/text()" "$tmp/crash.svg" 2>/dev/null)
[ "$marked" = openai ] || fail "expected openai marked defaulted, got '$marked'"

# The same input gives the same bytes.
"$DG" graph "$tmp/web.deal" -o "$tmp/again.svg" 2>/dev/null
cmp -s "$tmp/web.svg" "$tmp/again.svg" || fail "two runs gave different SVG"
"$DG" graph "$tmp/web.deal" -o "$tmp/again.png" 2>/dev/null
cmp -s "$tmp/web.png" "$tmp/again.png" || fail "two runs gave different PNG"
echo ok
