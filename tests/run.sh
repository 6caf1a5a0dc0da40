#!/bin/sh
# The test runner `make check-suite` calls: cmocka unit tests, script cases, tests/scripts/*.sh.
#
#   sh tests/run.sh [-j N] [--update] [BIN UNITDIR] [CASE...]
#
#   BIN UNITDIR  the dealgraph binary and the folder of built unit tests
#                (default bin/dealgraph and build/tests; the Makefile passes both)
#   CASE...      run only these: a case file (tests/errors/foo.deal, or any of its siblings
#                .cmd .out .err .code .in), a folder of cases (tests/errors), a glob, quoted
#                or not ('tests/errors/syntax_*'), a script (tests/scripts/hostile.sh) or a
#                unit test (build/tests/test_diag); with none, everything runs
#   -j N         run N tests at a time (default: the N of make's -jN in MAKEFLAGS, else the
#                number of CPUs); the report is printed in the same order whatever N is
#   --update     rewrite the expectations of the selected cases from what they print now,
#                for review with git diff; never run it in CI
#
# Run from the repository root: cases run there, so paths in messages are relative to it.
# Prints each failure, then "N passed, N failed" last; exits 1 when anything failed.
#
# A script case lives in tests/golden, tests/errors, tests/examples or tests/cli, in one of
# two forms.
#
# 1. Inline: one CASE.deal whose comments say what to expect. A line is a directive when it
#    starts with "# args:" or "# expect...:"; the one space after the colon is dropped and
#    the rest is taken literally (spaces included); an unknown "# expect-...:" fails the case,
#    so a misspelt one is not ignored. Directives are written at the end of the file, so
#    they do not move the lines the diagnostics talk about:
#        openai sells 10GW to nvidia
#        # expect-error: 1:8-12 unknown verb 'sells'
#        # expect-hint: a deal's verb is one of: invests, lends, buys, ...
#      # args: WORDS             the command (shell words after the binary; $FILE is this
#                                file). Default: check $FILE
#      # expect-error: LOC MSG   a diagnostic "FILE:LINE:COL: error: MSG", MSG in full
#      # expect-warning: LOC MSG the same for a warning
#      # expect-note: LOC MSG    the same for a note (its own diagnostic, after its error)
#      # expect-hint: TEXT       the "= hint: TEXT" line of the diagnostic just above
#      # expect: TEXT            a line of standard output
#      # expect-exit: N          the exit code; default 1 when an expect-error is given, else 0
#    LOC is LINE:COL for one column or LINE:COL-END for a span whose last character is in
#    column END (columns count characters from 1, as dealgraph prints them); PATH:LINE:COL
#    is a place in another file, PATH relative to this file's folder (an included file).
#    From the diagnostics the runner builds the whole expected stderr, source line and
#    ^~~~ caret included, and compares it with what the binary printed: diagnostics come in
#    the order given, and one that is not expected fails the case. Standard output must be
#    the expect lines (nothing, when there are none). A CASE.in beside the file is its
#    standard input; a CASE.out, CASE.err or CASE.code replaces the inline expectations of
#    that stream (giving both is an error). A source line longer than 160 bytes is printed
#    as an excerpt the runner does not rebuild: such a case keeps a .err file.
#
# 2. Files: CASE.deal or CASE.cmd with optional siblings:
#      CASE.cmd    the arguments (shell words; $DG is the binary); default: CASE.deal itself
#                  (a .deal with a .cmd beside it runs through the .cmd only, and may not
#                  hold directives)
#      CASE.in     standard input (default /dev/null)
#      CASE.out    expected standard output (checked when present)
#      CASE.err    expected standard error (checked when present)
#      CASE.code   expected exit code (default 0)
#
# Every case also fails on a crash or a sanitizer report (exit code >= 128, or "Sanitizer"
# or "runtime error:" in its stderr).
#
# --update: an inline case gets its expect lines rewritten in place (the new block goes where
# the first old expect line was, or at the end); "# args:" is kept, and expect-exit is written
# when it is not the default or was there before. A case in files gets the .out and .err it
# has rewritten (touch an empty one first to have it written), and a .code when it has one
# or exits with another code than 0. A case that crashes, or whose output the inline form
# cannot express, is left as it was.

export NO_COLOR=1 DEALGRAPH_HISTORY=/dev/null

# ---------------------------------------------------------------- awk programs (LC_ALL=C)

# Read the directives of an inline case. -v file= (the case as the binary names it),
# dir= (its folder), w= (a work folder). Writes w/args (when given), w/out, w/err, w/code and
# w/counts ("NOUT NDIAG NEXIT"); a malformed directive is reported in w/bad.
AWK_PARSE='
function bad(m) { print file ":" FNR ": " m >> (w "/bad") }
function load(p,   l, i, r) {
    if (p in nlines) return nlines[p] >= 0
    i = 0
    while ((r = (getline l < p)) > 0) S[p, ++i] = l
    close(p)
    nlines[p] = (r < 0 && i == 0) ? -1 : i
    return nlines[p] >= 0
}
function diag(level, val,   loc, msg, np, P, path, L, cr, C, E, s, i, c, k, pre, disp, t, dash, off) {
    loc = val; sub(/ .*$/, "", loc)
    msg = length(val) > length(loc) ? substr(val, length(loc) + 2) : ""
    np = split(loc, P, ":")
    if (np == 2) { path = file; L = P[1]; cr = P[2] }
    else if (np == 3) { path = dir "/" P[1]; L = P[2]; cr = P[3] }
    else { bad("expect-" level ": write LINE:COL[-END] MESSAGE or PATH:LINE:COL[-END] MESSAGE"); return }
    if (L !~ /^[0-9]+$/ || cr !~ /^[0-9]+(-[0-9]+)?$/) {
        bad("expect-" level ": \"" loc "\" is not LINE:COL or LINE:COL-END"); return
    }
    dash = index(cr, "-")
    if (dash) { C = substr(cr, 1, dash - 1) + 0; E = substr(cr, dash + 1) + 0 } else { C = cr + 0; E = C }
    L += 0
    if (L < 1 || C < 1 || E < C) { bad("expect-" level ": bad place " loc); return }
    if (!load(path)) { bad("expect-" level ": cannot read " path); return }
    s = L <= nlines[path] ? S[path, L] : ""
    sub(/\r$/, "", s)
    disp = ""; pre = ""; k = 0; sb = -1
    for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        disp = disp ((c < " " && c != "\t") ? "?" : c)
        if (c >= "\200" && c < "\300") continue   # a UTF-8 continuation byte
        if (++k == C) sb = i - 1
        if (k < C) pre = pre (c == "\t" ? "\t" : " ")
    }
    if (sb < 0) sb = length(s)
    if (length(s) > 160 || sb > 80) {
        bad("line " L " of " path " is shown as an excerpt; give this case a .err file"); return
    }
    t = "^"
    for (i = C; i < E; i++) t = t "~"
    print path ":" L ":" C ": " level ": " msg > ERR
    printf "%5d | %s\n", L, disp > ERR
    print "      | " pre t > ERR
    ndiag++
    canhint = 1
    if (level == "error") nerr++
}
BEGIN { OUT = w "/out"; ERR = w "/err"; printf "" > OUT; printf "" > ERR }
/^# (args|expect[a-z-]*):/ {
    key = $0; sub(/^# /, "", key); sub(/:.*$/, "", key)
    val = substr($0, length(key) + 4); sub(/^ /, "", val)
    if (key == "args") { if (nargs++) bad("a second # args:"); print val > (w "/args") }
    else if (key == "expect") { print val > OUT; nout++ }
    else if (key == "expect-error") diag("error", val)
    else if (key == "expect-warning") diag("warning", val)
    else if (key == "expect-note") diag("note", val)
    else if (key == "expect-hint") {
        if (!canhint) bad("# expect-hint: with no diagnostic just above it, or a second one")
        print "      = hint: " val > ERR
        canhint = 0
    }
    else if (key == "expect-exit") {
        if (nexit++) bad("a second # expect-exit:")
        if (val !~ /^[0-9]+$/) bad("# expect-exit: takes a number")
        code = val + 0
    }
    else bad("unknown directive # " key ":")
    if (key != "expect-error" && key != "expect-warning" && key != "expect-note") canhint = 0
}
END {
    print (nexit ? code : (nerr ? 1 : 0)) > (w "/code")
    print nout + 0, ndiag + 0, nexit + 0 > (w "/counts")
}'

# Write the diagnostics of a stderr as directives (--update). -v file= dir= as above;
# input: the stderr. Exits 1 with the reason on stderr when the inline form cannot say it.
AWK_DIAGS='
function no(m) { if (!failed) print "  the inline form cannot express its stderr: " m > "/dev/stderr"; failed = 1; exit 1 }
st == 1 {
    if ($0 !~ /^ *[0-9]+ \| /) no("line " NR " is not a source line")
    if ($0 ~ /^ *[0-9]+ \| \.\.\./ || length($0) > 168) no("line " NR " is an excerpt of a long line")
    st = 2; next
}
st == 2 {
    r = $0
    if (substr(r, 1, 8) != "      | ") no("line " NR " is not a caret line")
    r = substr(r, 9); sub(/^[ \t]*/, "", r)
    if (r !~ /^\^~*$/) no("line " NR " is not a caret line")
    E = C + length(r) - 1
    print "# expect-" level ": " where L ":" C (E > C ? "-" E : "") " " msg
    st = 0; canhint = 1; next
}
/^      = hint: / {
    if (!canhint) no("line " NR " is a hint of nothing")
    print "# expect-hint: " substr($0, 15); canhint = 0; next
}
{
    if (!match($0, /:[0-9]+:[0-9]+: (error|warning|note): /)) no("line " NR " is not a diagnostic: " $0)
    path = substr($0, 1, RSTART - 1)
    m = substr($0, RSTART + 1, RLENGTH - 3)
    msg = substr($0, RSTART + RLENGTH)
    split(m, A, ": "); level = A[2]
    split(A[1], B, ":"); L = B[1]; C = B[2]
    if (path == file) where = ""
    else if (index(path, dir "/") == 1) where = substr(path, length(dir) + 2) ":"
    else no("a diagnostic in " path ", which is not beside the case")
    st = 1; canhint = 0
}
END { if (!failed && st != 0) no("it ends inside a diagnostic") }'

# Replace the expect lines of a .deal by the lines of the file -v new= (--update): the new
# block goes where the first old expect line was, or at the end.
AWK_REWRITE='
function block(   l) { while ((getline l < new) > 0) print l; close(new); done = 1 }
/^# expect[a-z-]*:/ { if (!done) block(); next }
{ print }
END { if (!done) block() }'

# ---------------------------------------------------------------- one test

# directives FILE: true when FILE is a .deal with inline expectations.
directives() {
    [ -f "$1" ] && grep -Eq '^# (args|expect[a-z-]*):' "$1"
}

# failed MESSAGE: record a failure of the current test.
failed() { echo "FAIL $*"; ok=0; }

# run_case CASE WORKDIR: run a script case (CASE is its path without the extension).
run_case() {
    case=$1 w=$2
    deal=$case.deal
    FILE=$deal
    export FILE
    inline=0
    if directives "$deal"; then
        inline=1
        if [ -e "$case.cmd" ]; then failed "$case: directives in $deal and a $case.cmd beside it"; return; fi
        rm -f "$w/bad" "$w/args"
        LC_ALL=C awk -v file="$deal" -v dir="$(dirname "$deal")" -v w="$w" "$AWK_PARSE" "$deal"
        if [ -s "$w/bad" ]; then failed "$case: bad directives"; cat "$w/bad"; return; fi
        read -r nout ndiag nexit <"$w/counts"
        want_out=$w/out want_err=$w/err want_code=$(cat "$w/code")
        if [ -e "$case.out" ]; then
            [ "$nout" -gt 0 ] && { failed "$case: # expect: lines and a .out file"; return; }
            want_out=$case.out
        fi
        if [ -e "$case.err" ]; then
            [ "$ndiag" -gt 0 ] && { failed "$case: # expect-error/warning/note and a .err file"; return; }
            want_err=$case.err
        fi
        if [ -e "$case.code" ]; then
            [ "$nexit" -gt 0 ] && { failed "$case: # expect-exit: and a .code file"; return; }
            want_code=$(cat "$case.code")
        fi
        if [ -e "$w/args" ]; then args=$(cat "$w/args"); else args='check $FILE'; fi
    else
        if [ -e "$case.cmd" ]; then args=$(cat "$case.cmd"); else args=$deal; fi
        want_out= want_err= want_code=0
        [ -e "$case.out" ] && want_out=$case.out
        [ -e "$case.err" ] && want_err=$case.err
        [ -e "$case.code" ] && want_code=$(cat "$case.code")
    fi
    input=/dev/null
    [ -e "$case.in" ] && input=$case.in
    # shellcheck disable=SC2086
    eval "\"\$DG\" $args" <"$input" >"$w/got.out" 2>"$w/got.err"
    code=$?
    # No case may end in a crash or a sanitizer report.
    if [ "$code" -ge 128 ] || grep -q "Sanitizer\|runtime error:" "$w/got.err"; then
        failed "$case: crashed or sanitizer report"; head -20 "$w/got.err"; return
    fi
    if [ "$RUN_UPDATE" = 1 ]; then update_case; return; fi
    if [ "$code" != "$want_code" ]; then
        failed "$case: exit code $code, expected $want_code"
    fi
    if [ -n "$want_out" ] && ! diff -u --label "$case: expected stdout" --label "stdout" \
            "$want_out" "$w/got.out" >"$w/diff"; then
        failed "$case: stdout differs"; head -40 "$w/diff"
    fi
    if [ -n "$want_err" ] && ! diff -u --label "$case: expected stderr" --label "stderr" \
            "$want_err" "$w/got.err" >"$w/diff"; then
        failed "$case: stderr differs"; head -40 "$w/diff"
    fi
}

# upd FROM TO: copy FROM over TO when they differ, and note it (--update).
upd() {
    cmp -s "$1" "$2" 2>/dev/null || { cp "$1" "$2"; changed="$changed ${2##*/}"; }
}

# update_case: --update for the case run_case has just run (its variables are still set).
update_case() {
    changed=
    echo "$code" >"$w/got.code"
    if [ $inline = 0 ]; then
        for s in out err; do
            if [ -e "$case.$s" ]; then upd "$w/got.$s" "$case.$s"; fi
        done
        if [ -e "$case.code" ] || [ "$code" != 0 ]; then upd "$w/got.code" "$case.code"; fi
    else
        for s in out err code; do
            if [ -e "$case.$s" ]; then upd "$w/got.$s" "$case.$s"; fi
        done
        update_inline || return
    fi
    [ -z "$changed" ] || echo "UPDATED $case:$changed"
}

# inline_block: the expect lines for what the case printed, in $w/new; false when the inline
# form cannot say it.
inline_block() {
    : >"$w/new"
    if [ ! -e "$case.err" ] &&
        ! LC_ALL=C awk -v file="$deal" -v dir="$(dirname "$deal")" "$AWK_DIAGS" "$w/got.err" >"$w/new"; then
        return 1
    fi
    if [ ! -e "$case.out" ]; then
        if [ -s "$w/got.out" ] && [ "$(tail -c 1 "$w/got.out" | od -An -c | tr -d ' ')" != '\n' ]; then
            echo "  the inline form cannot express a stdout that does not end in a newline"
            return 1
        fi
        sed 's/^/# expect: /' "$w/got.out" >>"$w/new"
    fi
    if [ ! -e "$case.code" ]; then
        dflt=0
        grep -q '^# expect-error:' "$w/new" && dflt=1
        if [ "$code" != $dflt ] || grep -q '^# expect-exit:' "$deal"; then
            echo "# expect-exit: $code" >>"$w/new"
        fi
    fi
    LC_ALL=C awk -v new="$w/new" "$AWK_REWRITE" "$deal" >"$w/deal"
}

# update_inline: rewrite the expect lines of an inline case, then run it again to see that
# it passes (the new block can move lines the diagnostics point at: then once more). A case
# that still fails is put back as it was.
update_inline() {
    cp "$deal" "$w/deal.orig"
    inline_block 2>&1 || { failed "$case: cannot update inline (give it a .err or .out file)"; return 1; }
    cmp -s "$w/deal" "$deal" && return 0
    for again in 1 2 3; do
        cat "$w/deal" >"$deal"
        ok=1 RUN_UPDATE=0
        run_case "$case" "$w" >"$w/check.log"
        RUN_UPDATE=1
        if [ $ok = 1 ]; then changed="$changed ${deal##*/}"; return 0; fi
        inline_block >>"$w/check.log" 2>&1 || break
    done
    cat "$w/deal.orig" >"$deal"
    ok=0
    echo "FAIL $case: --update could not make its inline expectations pass; left as it was"
    cat "$w/check.log"
    return 1
}

# run_job N: run test N of the list and write its report and result under $RUN_TMP/r.
run_job() {
    line=$(sed -n "$1p" "$RUN_TMP/jobs")
    kind=${line%% *} path=${line#* }
    w=$RUN_TMP/w/$1
    mkdir -p "$w"
    ok=1
    case $kind in
    unit)
        "$path" >"$w/log" 2>&1 || { echo "FAIL unit $(basename "$path")"; cat "$w/log"; ok=0; } ;;
    script)
        sh "$path" "$DG" >"$w/log" 2>&1 || { echo "FAIL script $path"; tail -30 "$w/log"; ok=0; } ;;
    case)
        run_case "$path" "$w" ;;
    esac >"$RUN_TMP/r/$1.log" 2>&1
    echo "$ok" >"$RUN_TMP/r/$1.ok"
    rm -rf "$w"
}

if [ "${1:-}" = --job ]; then
    run_job "$2"
    exit 0
fi

# ---------------------------------------------------------------- the list of tests

if [ ! -f tests/run.sh ]; then
    echo "tests/run.sh: run it from the repository root" >&2
    exit 2
fi
jobs=
RUN_UPDATE=0
sels=
while [ $# -gt 0 ]; do
    case $1 in
    -j) jobs=${2:-}; shift ;;
    -j*) jobs=${1#-j} ;;
    --jobs=*) jobs=${1#--jobs=} ;;
    --update) RUN_UPDATE=1 ;;
    -h | --help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
    -*) echo "tests/run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *)
        a=${1#./}
        case $a in "$PWD"/*) a=${a#"$PWD"/} ;; esac
        sels="$sels$a
" ;;
    esac
    shift
done
# BIN first, when it is a program and not a test: then UNITDIR, when it is a folder
# outside tests/.
DG= UNITDIR=
first=${sels%%
*}
if [ -n "$sels" ] && [ -f "$first" ] && [ -x "$first" ]; then
    case ${first##*/} in
    *.sh | *.deal | *.cmd | test_*) ;;
    *)
        DG=$first
        sels=${sels#*
}
        second=${sels%%
*}
        if [ -n "$sels" ] && [ -d "$second" ]; then
            case $second in
            tests | tests/*) ;;
            *) UNITDIR=${second%/}; sels=${sels#*
} ;;
            esac
        fi ;;
    esac
fi
DG=${DG:-bin/dealgraph}
UNITDIR=${UNITDIR:-build/tests}
case $jobs in
'') jobs=$(printf '%s\n' "${MAKEFLAGS:-}" | sed -n 's/.*-j *\([0-9][0-9]*\).*/\1/p')
    [ -n "$jobs" ] || jobs=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1) ;;
*[!0-9]* | 0) echo "tests/run.sh: -j takes a number of jobs, not '$jobs'" >&2; exit 2 ;;
esac
if [ ! -x "$DG" ]; then
    echo "tests/run.sh: no binary $DG (build it with make, or name it first)" >&2
    exit 2
fi
export DG UNITDIR RUN_UPDATE

RUN_TMP=$(mktemp -d)
export RUN_TMP
trap 'rm -rf "$RUN_TMP"' EXIT
trap 'exit 1' HUP INT TERM
mkdir "$RUN_TMP/r" "$RUN_TMP/w"
: >"$RUN_TMP/jobs"

add() { # KIND PATH: add a test once
    grep -qxF "$1 $2" "$RUN_TMP/jobs" || echo "$1 $2" >>"$RUN_TMP/jobs"
}
add_dir_cases() { # DIR
    for f in "$1"/*.cmd "$1"/*.deal; do
        [ -e "$f" ] || continue
        # A .deal with a .cmd beside it runs through the .cmd only.
        case $f in *.deal) [ -e "${f%.deal}.cmd" ] && continue ;; esac
        add case "${f%.*}"
    done
}
add_sel() { # ONE-PATH
    s=${1%/}
    if [ -d "$s" ]; then
        case $s in
        tests/scripts) for f in "$s"/*.sh; do [ -e "$f" ] && add script "$f"; done ;;
        "$UNITDIR") for t in "$s"/test_*; do [ -x "$t" ] && add unit "$t"; done ;;
        *) add_dir_cases "$s" ;;
        esac
        return 0
    fi
    case $s in
    *.sh) [ -f "$s" ] && { add script "$s"; return 0; } ;;
    "$UNITDIR"/*) [ -x "$s" ] && { add unit "$s"; return 0; } ;;
    esac
    c=$s
    case $s in *.deal | *.cmd | *.out | *.err | *.code | *.in) c=${s%.*} ;; esac
    if [ -e "$c.cmd" ] || [ -e "$c.deal" ]; then add case "$c"; return 0; fi
    return 1
}

if [ -z "$sels" ]; then
    for t in "$UNITDIR"/test_*; do [ -x "$t" ] && add unit "$t"; done
    for dir in tests/golden tests/errors tests/examples tests/cli; do
        [ -d "$dir" ] && add_dir_cases "$dir"
    done
    for s in tests/scripts/*.sh; do [ -e "$s" ] && add script "$s"; done
else
    printf '%s' "$sels" >"$RUN_TMP/sels"
    while IFS= read -r sel; do
        found=0
        if [ -e "$sel" ] || add_sel "$sel"; then
            add_sel "$sel" && found=1
        else
            # A glob the shell did not expand (quoted, or matching nothing).
            for g in $sel; do
                [ -e "$g" ] && add_sel "$g" && found=1
            done
        fi
        [ $found = 1 ] || { echo "tests/run.sh: no test called '$sel'" >&2; exit 2; }
    done <"$RUN_TMP/sels"
fi

# ---------------------------------------------------------------- run, then report in order

n=$(wc -l <"$RUN_TMP/jobs")
if [ "$jobs" -gt 1 ] && [ "$n" -gt 1 ]; then
    seq 1 "$n" | xargs -P "$jobs" -n 1 sh "$0" --job
else
    i=1
    while [ $i -le "$n" ]; do (run_job $i); i=$((i + 1)); done
fi
pass=0
fail=0
i=1
while [ $i -le "$n" ]; do
    cat "$RUN_TMP/r/$i.log" 2>/dev/null
    if [ "$(cat "$RUN_TMP/r/$i.ok" 2>/dev/null)" = 1 ]; then
        pass=$((pass + 1))
    else
        [ -e "$RUN_TMP/r/$i.ok" ] || echo "FAIL $(sed -n "${i}p" "$RUN_TMP/jobs"): no result (killed?)"
        fail=$((fail + 1))
    fi
    i=$((i + 1))
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
