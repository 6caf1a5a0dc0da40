#!/bin/sh
# fuzz.sh - build the frontend fuzzer and run it briefly (`make fuzz`).
#   FUZZ_SECONDS=60 sh tests/fuzz/fuzz.sh     run longer
# With clang: libFuzzer + ASan + UBSan, seeded from tests/fuzz/corpus, the error cases and
# the examples; new interesting inputs stay in build/fuzz/corpus. Without clang it builds
# the harness as a plain program under ASan and replays the seed files once.
set -e
cd "$(dirname "$0")/../.."
SECONDS_TO_RUN=${FUZZ_SECONDS:-30}
OUT=build/fuzz
mkdir -p "$OUT/corpus"
flex --header-file="$OUT/lexer.h" -o "$OUT/lexer.c" grammar/lexer.l
bison -Wall -Werror --defines="$OUT/parser.h" -o "$OUT/parser.c" grammar/parser.y
SRC="tests/fuzz/fuzz_parse.c src/lex.c src/lexpipe.c src/parse.c src/parse_build.c src/parse_stmt.c src/ast.c
     src/literal.c src/arena.c src/intern.c src/diag.c src/value.c $OUT/lexer.c $OUT/parser.c"
FLAGS="-std=c11 -D_DEFAULT_SOURCE -pthread -g -O1 -Isrc -I$OUT -Wno-unused-function"
SEEDS="tests/fuzz/corpus tests/errors"
[ -d examples ] && SEEDS="$SEEDS examples"
if command -v clang >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    clang $FLAGS -fsanitize=fuzzer,address,undefined -o "$OUT/fuzz_parse" $SRC -lm
    # shellcheck disable=SC2086
    "$OUT/fuzz_parse" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -timeout=10 \
        -dict=tests/fuzz/deal.dict "$OUT/corpus" $(for s in $SEEDS; do [ -e "$s" ] && echo "$s"; done)
else
    # shellcheck disable=SC2086
    cc $FLAGS -DFUZZ_STANDALONE -fsanitize=address,undefined -o "$OUT/fuzz_parse" $SRC -lm
    find $SEEDS -type f -name '*.deal' -print0 2>/dev/null | xargs -0 "$OUT/fuzz_parse"
    echo "fuzz.sh: clang not found; replayed the seed files only"
fi
