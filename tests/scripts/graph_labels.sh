#!/bin/sh
# `dealgraph graph`: no two edge labels overlap. The shipped webs (stdlib/ai2025.deal, the
# examples' story.deal that `make run` runs) and the telecom test web (tests/scripts/
# telecom.deal: vendors lending to the carriers that buy from them, a crowded bundle of
# edges between capital, demand and the carriers) are drawn as SVG and PNG; the SVG's
# label boxes are read back (tests/scripts/svg_picture.py) and none may intersect another.
set -u
DG=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
printf 'use ai2025;\n' > "$tmp/ai2025.deal"
for web in "$tmp/ai2025.deal" examples/story.deal tests/scripts/telecom.deal; do
    name=$(basename "$web" .deal)
    "$DG" graph "$web" -o "$tmp/$name.svg" 2>"$tmp/err" || fail "$name: graph -o .svg exited $?: $(cat "$tmp/err")"
    xmllint --noout "$tmp/$name.svg" || fail "$name.svg is not well-formed XML"
    out=$(python3 tests/scripts/svg_picture.py labels "$tmp/$name.svg") || fail "$name: $out"
    "$DG" graph "$web" -o "$tmp/$name.png" 2>"$tmp/err" || fail "$name: graph -o .png exited $?: $(cat "$tmp/err")"
    sig=$(head -c 8 "$tmp/$name.png" | od -An -tx1 | tr -d ' \n')
    [ "$sig" = 89504e470d0a1a0a ] || fail "$name.png does not start with the PNG signature"
done
# The heaviest edges keep their labels: the telecom web's largest amounts are drawn.
for amt in 195B 83B 19B; do
    grep -q ">$amt<" "$tmp/telecom.svg" || fail "telecom: the $amt edge lost its label"
done
# A label without room still has its amount in the edge's tooltip: every edge has one.
edges=$(grep -c 'class="edge' "$tmp/telecom.svg")
tips=$(grep -c 'xlink:title="[a-z_0-9]* &#45;&gt; [a-z_0-9]*: ' "$tmp/telecom.svg")
[ "$edges" -gt 0 ] && [ "$tips" -ge "$edges" ] || fail "telecom: $edges edges but $tips tooltips"
echo ok
