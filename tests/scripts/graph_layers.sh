#!/bin/sh
# `dealgraph graph`: layers run left to right, as README.md says. Any name is a layer; the
# order is that of a `layers` statement, else the order the layers are first declared in,
# and entities without a layer go to the default ones (markets: demand, banks: capital,
# others: companies) after them. Read back from the SVG's coordinates
# (tests/scripts/svg_picture.py layers): each cluster ends before the next begins, and every
# node of a layer is left of every node of the next.
set -u
DG=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
layers() {   # WEB LAYER...: draw WEB, check the layers run in that order
    web=$1; shift
    "$DG" graph "$web" -o "$tmp/p.svg" 2>"$tmp/err" || fail "$web: graph exited $?: $(cat "$tmp/err")"
    out=$(python3 tests/scripts/svg_picture.py layers "$tmp/p.svg" "$@") || fail "$web: $out"
}
# The explicit order of the telecom web: `layers capital, demand, carriers, vendors`.
layers tests/scripts/telecom.deal capital demand carriers vendors
# The shipped webs, ordered by their `layers` statements so that money flows right.
printf 'use ai2025;\n' > "$tmp/ai2025.deal"
layers "$tmp/ai2025.deal" demand capital labs cloud chips
layers examples/story.deal demand capital labs cloud chips

# Declaration order, with names the old fixed list did not have, a bank with no layer
# (capital, after the declared ones) and an undeclared company (companies, last).
cat >"$tmp/decl.deal" <<'DEAL'
company acme { layer "vendors" }
company telco { layer "carriers" }
market users { layer "end users" }
bank lender
telco buys 5B from acme
users pay 2B to telco
lender lends 1B to telco
acme invests 1B in startup
DEAL
layers "$tmp/decl.deal" vendors carriers "end users" capital companies
grep -q '<text[^>]*>End users</text>' "$tmp/p.svg" || fail "the layer 'end users' is not captioned 'End users'"

# A `layers` statement orders the layers it names, wherever it stands; the others follow
# in declaration order.
printf 'layers "end users", carriers\n' | cat - "$tmp/decl.deal" > "$tmp/named.deal"
layers "$tmp/named.deal" "end users" carriers vendors capital companies

# A long layer name, with a backslash and non-ASCII letters, is drawn whole and as written.
unit='r\\éseau '   # in the script: r\\éseau, the string r\éseau
long=""; for i in $(seq 1 40); do long="$long$unit"; done
printf 'company a { layer "%s" }\ncompany b { layer "x" }\na pays 1B to b\n' "$long" > "$tmp/long.deal"
"$DG" graph "$tmp/long.deal" -o "$tmp/long.svg" 2>"$tmp/err" || fail "long layer name: graph exited $?: $(cat "$tmp/err")"
xmllint --noout "$tmp/long.svg" || fail "long layer name: the SVG is not well-formed"
n=$(grep -io 'r\\éseau' "$tmp/long.svg" | wc -l | tr -d ' ')
[ "$n" -ge 80 ] || fail "long layer name: expected it whole in the cluster's title and caption, found $n of 80 words (the caption capitalises the first)"
echo ok
