#!/bin/sh
# Regression: the picture of the real 2025 web (layers as clusters, labelled edges between
# them) once crashed inside Graphviz's layout cleanup. It must render as SVG and PNG.
DG=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
printf 'use ai2025;\n' > "$tmp/web.deal"
"$DG" graph "$tmp/web.deal" -o "$tmp/web.svg" 2>"$tmp/err" || fail "graph -o web.svg exited $?: $(cat "$tmp/err")"
xmllint --noout "$tmp/web.svg" || fail "web.svg is not well-formed XML"
for e in nvidia openai oracle amd broadcom coreweave microsoft softbank users; do
    grep -q "<title>$e</title>" "$tmp/web.svg" || fail "no node for $e"
done
grep -q '100B' "$tmp/web.svg" || fail "no edge amounts in the picture"
"$DG" graph "$tmp/web.deal" -o "$tmp/web.png" 2>"$tmp/err" || fail "graph -o web.png exited $?"
sig=$(head -c 8 "$tmp/web.png" | od -An -tx1 | tr -d ' \n')
[ "$sig" = 89504e470d0a1a0a ] || fail "web.png does not start with the PNG signature"
"$DG" graph "$tmp/web.deal" --scenario demand_shortfall -o "$tmp/s.svg" 2>"$tmp/err" && fail "an unknown scenario was accepted"
printf 'use scenarios;\n' > "$tmp/sc.deal"
"$DG" graph "$tmp/sc.deal" --scenario ai_winter -o "$tmp/s.svg" 2>"$tmp/err" || fail "graph --scenario ai_winter exited $?: $(cat "$tmp/err")"
xmllint --noout "$tmp/s.svg" || fail "the scenario picture is not well-formed XML"
echo ok
