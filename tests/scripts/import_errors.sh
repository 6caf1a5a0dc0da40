#!/bin/sh
# `dealgraph import`: bad spreadsheets fail with located errors and status 1, never a crash,
# and nothing is written (-o keeps an existing file as it was, and makes no new one); a
# 10 MB cell is one error whose excerpt is cut; CRLF records and a byte order mark read
# as plain ones; random bytes never crash it.
set -u
DG=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# every row is told, and the script is not written
printf 'payer,verb,payee,amount\nopenai,buys,oracle,300B\nopenai,sells,oracle,1B\noracle,buys,nvidia,lots\n' >"$tmp/bad.csv"
echo "keep me" >"$tmp/old.deal"
NO_COLOR=1 "$DG" import "$tmp/bad.csv" -o "$tmp/old.deal" 2>"$tmp/err"
[ $? = 1 ] || fail "bad rows should exit 1"
grep -q "bad.csv:3:8: error: verb" "$tmp/err" || { cat "$tmp/err"; fail "row 3 not told"; }
grep -q "bad.csv:4:20: error: amount" "$tmp/err" || { cat "$tmp/err"; fail "row 4 not told"; }
[ "$(cat "$tmp/old.deal")" = "keep me" ] || fail "-o was written over despite bad rows"
NO_COLOR=1 "$DG" import "$tmp/bad.csv" -o "$tmp/new.deal" 2>/dev/null
[ ! -e "$tmp/new.deal" ] || fail "a new file was made despite bad rows"

# a 10 MB cell
awk 'BEGIN { printf "payer,verb,payee,amount\nopenai,buys,oracle,"; for (i = 0; i < 1048576; i++) printf "1234567890"; printf "\n" }' >"$tmp/big.csv"
NO_COLOR=1 "$DG" import "$tmp/big.csv" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] || fail "a 10 MB amount should exit 1"
grep -q "big.csv:2:20: error: amount: expected an amount" "$tmp/err" || { head -c 600 "$tmp/err"; fail "the 10 MB cell is not told at 2:20"; }
[ "$(wc -c <"$tmp/err")" -lt 2000 ] || fail "the message about a 10 MB cell is $(wc -c <"$tmp/err") bytes"
[ ! -s "$tmp/out" ] || fail "output despite a bad row"
# a 10 MB quoted source is fine: it is text
awk 'BEGIN { printf "payer,verb,payee,amount,source\nopenai,buys,oracle,1B,\""; for (i = 0; i < 1048576; i++) printf "a,b\"\"c\n.."; printf "\"\n" }' >"$tmp/src.csv"
"$DG" import "$tmp/src.csv" -o "$tmp/src.deal" 2>"$tmp/err" || { head -c 600 "$tmp/err"; fail "a 10 MB source should import"; }
"$DG" check "$tmp/src.deal" || fail "the imported 10 MB source does not check"

# CRLF and a byte order mark
printf '\357\273\277payer,verb,payee,amount\r\nopenai,buys,oracle,"300B"\r\n' >"$tmp/crlf.csv"
out=$("$DG" import "$tmp/crlf.csv") || fail "CRLF with a BOM should import"
[ "$out" = "openai buys 300B from oracle;" ] || fail "CRLF import gave: $out"

# a directory, a missing file: status 3; no file: usage
"$DG" import "$tmp" 2>/dev/null; [ $? = 3 ] || fail "a directory should be status 3"
"$DG" import "$tmp/none.csv" 2>/dev/null; [ $? = 3 ] || fail "a missing file should be status 3"
"$DG" import 2>/dev/null; [ $? = 2 ] || fail "no file should be status 2"

# random bytes and shuffled rows: 1 or 0, never a crash
i=0
while [ $i -lt 30 ]; do
    awk -v s=$i 'BEGIN { srand(s); print "payer,verb,payee,amount,from,over,rate,binding,source";
        n = split("a b , \" 1 2B $ % - y mo Q 2027 buys lends pays x \\ \r \n", t, " ");
        for (r = 0; r < 20; r++) { line = ""; for (k = 0; k < 12; k++) line = line t[1 + int(rand() * n)]; print line } }' >"$tmp/r.csv"
    "$DG" import "$tmp/r.csv" >/dev/null 2>&1
    st=$?
    [ $st -le 1 ] || fail "random CSV $i: status $st"
    i=$((i + 1))
done
exit 0
