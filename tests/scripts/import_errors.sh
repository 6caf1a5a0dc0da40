#!/bin/sh
# `dealgraph import`: bad spreadsheets fail with located errors and status 1, never a crash,
# and nothing is written (-o keeps an existing file as it was, and makes no new one); a
# 10 MB cell is one error whose excerpt is cut; CRLF records and a byte order mark read
# as plain ones; errors come in row order; a control character in a source is refused;
# random bytes never crash it.
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

# CR alone ends a line (old Mac spreadsheets), and lines are counted so
printf 'payer,verb,payee,amount\ropenai,buys,oracle,300B\roracle,buys,nvidia,lots\r' >"$tmp/cr.csv"
NO_COLOR=1 "$DG" import "$tmp/cr.csv" 2>"$tmp/err"
[ $? = 1 ] || fail "a bad row in a CR-only file should exit 1"
grep -q "cr.csv:3:20: error: amount: expected an amount.*not 'lots'" "$tmp/err" || { cat "$tmp/err"; fail "CR-only: row 3 not told at 3:20"; }
printf 'payer,verb,payee,amount\ropenai,buys,oracle,300B\r' >"$tmp/cr.csv"
out=$("$DG" import "$tmp/cr.csv") || fail "a CR-only file should import"
[ "$out" = "openai buys 300B from oracle;" ] || fail "CR-only import gave: $out"

# a byte order mark is no column: the header's problem is at 1:1
printf '\357\273\277payer,verb,payee,amonut\nopenai,buys,oracle,300B\n' >"$tmp/bom.csv"
NO_COLOR=1 "$DG" import "$tmp/bom.csv" 2>"$tmp/err"
grep -q "bom.csv:1:1: error: the header row has no column 'amount'" "$tmp/err" || { cat "$tmp/err"; fail "the BOM counted as a column"; }

# a NUL byte is one error (no second one about a header)
printf 'payer,verb,payee,amount\nopenai,bu\000ys,oracle,1B\n' >"$tmp/nul.csv"
NO_COLOR=1 "$DG" import "$tmp/nul.csv" 2>"$tmp/err"
[ $? = 1 ] || fail "a NUL byte should exit 1"
grep -q "nul.csv:2:10: error: a NUL byte" "$tmp/err" || { cat "$tmp/err"; fail "the NUL byte not told at 2:10"; }
[ "$(grep -c 'error:' "$tmp/err")" = 1 ] || { cat "$tmp/err"; fail "a NUL byte gave more than one error"; }

# a quote never closed does not hide the bad rows before it, nor make errors after it
printf 'payer,verb,payee,amount\nopenai,buys,oracle,lots\n"oracle,buys,nvidia,1B\nnvidia,buys,tsmc,1B\n' >"$tmp/open.csv"
NO_COLOR=1 "$DG" import "$tmp/open.csv" 2>"$tmp/err"
[ $? = 1 ] || fail "an unclosed quote should exit 1"
grep -q "open.csv:2:20: error: amount" "$tmp/err" || { cat "$tmp/err"; fail "the bad row before an unclosed quote not told"; }
grep -q "open.csv:3:1: error: this quoted field is never closed" "$tmp/err" || { cat "$tmp/err"; fail "the unclosed quote not told at 3:1"; }
[ "$(grep -c 'error:' "$tmp/err")" = 2 ] || { cat "$tmp/err"; fail "an unclosed quote: expected exactly 2 errors"; }

# a bad cell and a wrong sentence in one file: both told in one run
printf 'payer,verb,payee,amount\nopenai,buys,openai,1B\noracle,flies,nvidia,1B\n' >"$tmp/two.csv"
NO_COLOR=1 "$DG" import "$tmp/two.csv" 2>"$tmp/err"
[ $? = 1 ] || fail "two bad rows should exit 1"
grep -q "two.csv:3:8: error: verb" "$tmp/err" || { cat "$tmp/err"; fail "the bad verb not told"; }
grep -q "two.csv:2:1: error: 'openai' cannot deal with itself" "$tmp/err" || { cat "$tmp/err"; fail "the self-deal not told beside a bad cell"; }

# every error in row order, whichever check found it: the self-deal of row 2 (the evaluator)
# before the verb of row 3 (the reader), a duplicate label (row 5) with its note (row 4)
# right after it
printf 'label,payer,verb,payee,amount\n,openai,buys,openai,1B\n,oracle,flies,nvidia,1B\nd1,a,buys,b,1B\nd1,c,buys,d,1B\n' >"$tmp/order.csv"
NO_COLOR=1 "$DG" import "$tmp/order.csv" 2>"$tmp/err"
[ $? = 1 ] || fail "the rows of order.csv should exit 1"
got=$(grep -o '^[^ ]*order.csv:[0-9]*:[0-9]*: [a-z]*' "$tmp/err" | sed 's|.*order.csv:||' | tr '\n' ' ')
[ "$got" = "2:1: error 3:9: error 5:1: error 4:1: note " ] || { cat "$tmp/err"; fail "errors not in row order: $got"; }

# a control character in a source cannot be written in a string (it would reach the
# terminal): an error at the cell; line breaks and tabs are written \n and \t
printf 'payer,verb,payee,amount,source\nopenai,buys,oracle,1B,"memo \033[2J"\n' >"$tmp/ctl.csv"
NO_COLOR=1 "$DG" import "$tmp/ctl.csv" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] || fail "a control character in a source should exit 1"
grep -q "ctl.csv:2:23: error: source: expected text without control characters, not 'memo ?\[2J'" "$tmp/err" || { cat -v "$tmp/err"; fail "the control character not told at 2:23"; }
[ ! -s "$tmp/out" ] || fail "output despite a control character"
printf 'payer,verb,payee,amount,source\nopenai,buys,oracle,1B,"a\tb\nc"\n' >"$tmp/tab.csv"
out=$("$DG" import "$tmp/tab.csv") || fail "a tab and a line break in a source should import"
[ "$out" = 'openai buys 1B from oracle source "a\tb\nc";' ] || fail "tab and line break imported as: $out"

# a cell's text in a message stays on one line, cut with an ellipsis
printf 'payer,verb,payee,amount\n"open\nai",buys,oracle,1B\n' >"$tmp/nl.csv"
NO_COLOR=1 "$DG" import "$tmp/nl.csv" 2>"$tmp/err"
grep -q "nl.csv:2:1: error: payer: expected a name.*not 'open\\\\nai'$" "$tmp/err" || { cat "$tmp/err"; fail "a line break in a cell broke the message"; }
NO_COLOR=1 "$DG" import "$tmp/big.csv" 2>"$tmp/err"
grep -q "not '1234567890123456789012345678901234567890\\.\\.\\.'$" "$tmp/err" || { head -c 600 "$tmp/err"; fail "the 10 MB cell's excerpt is not cut to 40 bytes and ..."; }

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
