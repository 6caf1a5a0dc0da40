#!/bin/sh
# fuzz.sh - build the fuzz harnesses and run each for a bounded time (`make fuzz`).
#   make fuzz                          each harness for 30 s
#   FUZZ_SECONDS=300 make fuzz         longer
#   FUZZ_ONLY=eval make fuzz           one harness: parse or eval
#   FUZZ_STANDALONE=1 make fuzz        replay the seeds without libFuzzer, even with clang
# The harnesses (tests/fuzz/fuzz_NAME.c): fuzz_parse, the front end (lexer, parser, AST
# dump); fuzz_eval, a script evaluated through dg.h with its reports, diffs and fmt's
# properties checked.
#
# With clang the Makefile builds the library in build/fuzz with the fuzzer's coverage and
# ASan + UBSan, each harness is linked with libFuzzer and run for FUZZ_SECONDS, seeded from
# its committed corpus (tests/fuzz/corpus, tests/fuzz/corpus_eval; fuzz_parse also from the
# error cases and the examples), with tests/fuzz/deal.dict. New interesting inputs stay in
# build/fuzz/corpus_NAME and a crash is saved as build/fuzz/crash-*. Each input is bounded:
# its length (-max_len), its time (-timeout, seconds: FUZZ_TIMEOUT) and memory
# (-rss_limit_mb), so a slow input is reported as a timeout, not a hang.
#
# Without clang each harness is a plain program (-DFUZZ_STANDALONE) linked with the
# ASan + UBSan library of `make test` (build-asan) that replays the seed files once.
#
# Exits non-zero when a harness found a crash (the others still run).
set -e
cd "$(dirname "$0")/../.."
MAKE=${MAKE:-make}
SECONDS_TO_RUN=${FUZZ_SECONDS:-30}
# FUZZ_RUNS=N [FUZZ_SEED=S]: N executions from seed S instead of a time: the same inputs on
# every machine, so a CI run passes or fails the same way each time.
LIMIT="-max_total_time=$SECONDS_TO_RUN"
[ -n "${FUZZ_RUNS:-}" ] && LIMIT="-runs=$FUZZ_RUNS -seed=${FUZZ_SEED:-1}"
TIMEOUT=${FUZZ_TIMEOUT:-10}
ONLY=${FUZZ_ONLY:-parse eval}
CLANG=${FUZZ_CLANG:-clang}
OUT=build/fuzz
HFLAGS="-std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -pthread -g -O1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

mk() { $MAKE -s --no-print-directory "$@"; }

seeds() {
    case $1 in
        parse) for s in tests/fuzz/corpus tests/errors examples; do [ -d "$s" ] && echo "$s"; done ;;
        eval) echo tests/fuzz/corpus_eval ;;
    esac
}

use_clang=0
if [ -z "$FUZZ_STANDALONE" ] && command -v "$CLANG" >/dev/null 2>&1; then
    use_clang=1
fi

status=0
if [ $use_clang = 1 ]; then
    SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
    mk BUILD=$OUT CC="$CLANG" OPT=-O1 SAN="$SAN" $OUT/libdealgraph.a
    INC=$(mk BUILD=$OUT print-INC_front)
    LIBS=$(mk print-LDLIBS_DG)
    for h in $ONLY; do
        mkdir -p "$OUT/corpus_$h"
        # shellcheck disable=SC2086
        "$CLANG" $HFLAGS -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
            $INC -Isrc -o "$OUT/fuzz_$h" "tests/fuzz/fuzz_$h.c" $OUT/libdealgraph.a $LIBS
        echo "fuzz.sh: fuzz_$h ($LIMIT)"
        # shellcheck disable=SC2046
        # shellcheck disable=SC2086
        nice -n 10 "$OUT/fuzz_$h" $LIMIT -max_len=4096 \
            -timeout="$TIMEOUT" -rss_limit_mb=2048 -dict=tests/fuzz/deal.dict \
            -artifact_prefix="$OUT/" -print_final_stats=1 \
            "$OUT/corpus_$h" $(seeds $h) || status=1
    done
else
    ASAN=$(mk print-ASAN)
    mk BUILD=build-asan BIN=build-asan/bin OPT=-O1 SAN="$ASAN" build-asan/libdealgraph.a
    INC=$(mk BUILD=build-asan print-INC_front)
    LIBS=$(mk print-LDLIBS_DG)
    mkdir -p "$OUT"
    for h in $ONLY; do
        # shellcheck disable=SC2086
        ${CC:-cc} $HFLAGS -DFUZZ_STANDALONE $ASAN $INC -Isrc -o "$OUT/replay_$h" \
            "tests/fuzz/fuzz_$h.c" build-asan/libdealgraph.a $LIBS
        # shellcheck disable=SC2046
        find $(seeds $h) -type f -print0 | xargs -0 "$OUT/replay_$h" || status=1
        echo "fuzz.sh: fuzz_$h replayed $(find $(seeds $h) -type f | wc -l) seed files"
    done
    echo "fuzz.sh: no libFuzzer ($CLANG not found, or FUZZ_STANDALONE set): seeds replayed only"
fi
exit $status
