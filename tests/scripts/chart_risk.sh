#!/bin/sh
# `dealgraph chart defaults` and `chart losses`: the pictures of a simulate, on the worked
# example of docs/RISK.md ("A worked example on a three-entity web"), whose ten samples of
# seed 0 are worked out there by hand. The numbers the charts must draw come from that
# text, not from the program:
#   defaults: lab 5 of 10 (50%), cloud 3 of 10 (30%), chips never; the 95% Wilson
#     intervals are computed below from the formula.
#   losses: the ten system losses (B) -25.40 .. 25.40 of the table, VaR 90% = 22.65B and
#     ES 90% = (22.65 + 25.40) / 2 = 24.025B.
# Geometry (src/out/chart_risk.c): a bar for probability p spans x = 170 .. 170 + 730 p; the
# histogram maps a loss v to x = 80 + 820 (v - lo) / (hi - lo), lo = min(0, smallest loss),
# hi = the largest, in 40 bins.
set -u
DG=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v xmllint >/dev/null || fail "xmllint is missing (Debian package libxml2-utils)"

cat >"$tmp/w.deal" <<'DEAL'
market users
company lab { cash 0 }
company cloud { cash 10B }
company chips { cash 0 }
users pays 100B to lab
lab pays 90B to cloud
cloud pays 95B to chips
let growth ~ normal(-10%, 10%)
scenario slump { shock demand by growth }
DEAL

"$DG" chart defaults "$tmp/w.deal" --simulate slump 10 -o "$tmp/d.svg" 2>"$tmp/err" ||
    { cat "$tmp/err"; fail "chart defaults exited $?"; }
"$DG" chart losses "$tmp/w.deal" --simulate slump 10 --level 0.9 -o "$tmp/l.svg" 2>"$tmp/err" ||
    { cat "$tmp/err"; fail "chart losses exited $?"; }
xmllint --noout "$tmp/d.svg" "$tmp/l.svg" || fail "a chart is not well-formed XML"

python3 - "$tmp/d.svg" "$tmp/l.svg" <<'PY' || fail "the charts do not draw the worked example"
import math, re, sys
d = open(sys.argv[1]).read()
l = open(sys.argv[2]).read()
bad = []
def near(what, got, want, tol):
    if abs(got - want) > tol:
        bad.append(f"{what}: {got:.2f}, expected {want:.2f}")
def wilson(k, n):
    z, p = 1.959963984540054, k / n
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return c - h, c + h
# Bars: filled rectangles "M x0 y0 L x1 y0 L x1 y1 L x0 y1 Z", top to bottom.
bars = [tuple(map(float, m)) for m in re.findall(
    r'fill:rgb\([^)]*\);fill-opacity:1;" d="M ([\d.]+) ([\d.]+) L ([\d.]+) [\d.]+ L [\d.]+ [\d.]+ L [\d.]+ [\d.]+ Z', d)]
bars = [b for b in bars if b[0] == 170]
if len(bars) != 2:
    bad.append(f"{len(bars)} bars, expected 2 (lab, cloud)")
else:
    near("lab bar (first row) width", bars[0][2] - 170, 730 * 0.5, 0.6)
    near("cloud bar (second row) width", bars[1][2] - 170, 730 * 0.3, 0.6)
    if not bars[0][1] < bars[1][1]:
        bad.append("the more likely defaulter (lab) is not drawn first")
# Intervals: "M lo ym L hi ym" then the two whiskers.
ivs = [tuple(map(float, m)) for m in re.findall(
    r'stroke-width:1\.5;[^"]*" d="M ([\d.]+) [\d.]+ L ([\d.]+) [\d.]+ M', d)]
for (name, k), iv in zip((("lab", 5), ("cloud", 3)), ivs):
    lo, hi = wilson(k, 10)
    near(f"{name} interval low end", iv[0], 170 + 730 * lo, 0.6)
    near(f"{name} interval high end", iv[1], 170 + 730 * hi, 0.6)
if len(ivs) != 2:
    bad.append(f"{len(ivs)} intervals, expected 2")
# Losses.
loss = [25.40, -1.00, 22.65, 2.06, 11.76, 4.39, -5.28, 17.13, 5.69, 11.28]
lo, hi = min(0, min(loss)), max(loss)
x = lambda v: 80 + 820 * (v - lo) / (hi - lo)
marks = [float(m) for m in re.findall(r'stroke-width:2;[^"]*" d="M ([\d.]+) 78 L [\d.]+ 456', l)]
if len(marks) != 2:
    bad.append(f"{len(marks)} markers, expected VaR and ES")
else:
    near("VaR 90% marker", marks[0], x(22.65), 1.0)
    near("ES 90% marker", marks[1], x((22.65 + 25.40) / 2), 1.0)
w = (hi - lo) / 40
want = sorted({min(int((v - lo) / w), 39) for v in loss})
hist = re.search(r'fill:rgb\([^)]*\);fill-opacity:1;" d="(M 80 [^"]*)"', l)
got = []
if hist:
    for m in re.finditer(r'M ([\d.]+) 78 L', hist.group(1)):
        got.append(round((float(m.group(1)) - 80) / (820 / 40)))
if got != want:
    bad.append(f"filled bins {got}, expected {want} (one sample each)")
if bad:
    print("\n".join(bad))
    sys.exit(1)
PY

# The same samples on one thread or two: the same picture; PNG too.
"$DG" chart defaults "$tmp/w.deal" --simulate slump 10 -j 1 -o "$tmp/d1.svg" 2>/dev/null
"$DG" chart defaults "$tmp/w.deal" --simulate slump 10 -j 2 -o "$tmp/d2.svg" 2>/dev/null
cmp -s "$tmp/d1.svg" "$tmp/d2.svg" && cmp -s "$tmp/d.svg" "$tmp/d1.svg" ||
    fail "-j 1 and -j 2 drew different charts"
"$DG" chart losses "$tmp/w.deal" --simulate slump 10 --seed 7 -o "$tmp/l.png" 2>/dev/null ||
    fail "chart losses png exited $?"
sig=$(head -c 8 "$tmp/l.png" | od -An -tx1 | tr -d ' \n')
[ "$sig" = 89504e470d0a1a0a ] || fail "l.png does not start with the PNG signature"
"$DG" chart losses "$tmp/w.deal" --simulate slump 10 --seed 7 -o "$tmp/l7.svg" 2>/dev/null
cmp -s "$tmp/l.svg" "$tmp/l7.svg" && fail "another seed drew the same losses"

# Errors: usage (2), an unknown scenario (1).
expect() {
    want=$1; shift
    "$DG" chart "$@" >/dev/null 2>"$tmp/err"
    got=$?
    [ "$got" = "$want" ] || fail "chart $* exited $got, expected $want: $(cat "$tmp/err")"
}
expect 2 defaults "$tmp/w.deal" -o "$tmp/x.svg"
expect 2 defaults "$tmp/w.deal" --simulate slump -o "$tmp/x.svg"
expect 2 defaults "$tmp/w.deal" --simulate slump 0 -o "$tmp/x.svg"
expect 2 defaults "$tmp/w.deal" --simulate slump ten -o "$tmp/x.svg"
expect 2 losses "$tmp/w.deal" --simulate slump 10 --level 1.5 -o "$tmp/x.svg"
expect 2 defaults "$tmp/w.deal" --simulate slump 10 --level 0.9 -o "$tmp/x.svg"
expect 2 defaults "$tmp/w.deal" --simulate slump 10 --entity lab -o "$tmp/x.svg"
expect 2 timeline "$tmp/w.deal" --simulate slump 10 -o "$tmp/x.svg"
expect 2 defaults "$tmp/w.deal" --simulate slump 10 -o "$tmp/x.dot"
expect 2 pie "$tmp/w.deal"
expect 1 defaults "$tmp/w.deal" --simulate nosuch 10 -o "$tmp/x.svg"
grep -q "nosuch" "$tmp/err" || fail "the unknown scenario's message does not name it"
[ -e "$tmp/x.svg" ] && fail "a failed chart wrote its output"
echo "chart_risk: ok"
