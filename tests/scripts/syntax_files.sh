#!/bin/sh
# syntax_files.sh - the editors' syntax files are what `make` generates from the lexer's
# keyword table (grammar/gen_syntax.c, compiled again here and compared), and hold every
# keyword and figure (syntax_files.py, which reads the tables itself).
# Usage: sh tests/scripts/syntax_files.sh path/to/dealgraph   (the binary is not used)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
${CC:-cc} -std=c11 -Wall -Wextra -Werror -Isrc/front -Isrc/engine -o "$tmp/gen" grammar/gen_syntax.c || exit 1
"$tmp/gen" vim >"$tmp/dealgraph.vim" && "$tmp/gen" tm >"$tmp/dealgraph.tmLanguage.json" || exit 1
for f in dealgraph.vim dealgraph.tmLanguage.json; do
    cmp -s "$tmp/$f" "grammar/$f" || { echo "FAIL: grammar/$f is not what make generates (run make)"; fail=1; }
done
jq -e .patterns grammar/dealgraph.tmLanguage.json >/dev/null || { echo "FAIL: the tmLanguage is not JSON"; fail=1; }
python3 tests/scripts/syntax_files.py grammar/dealgraph.vim grammar/dealgraph.tmLanguage.json || fail=1
if command -v nvim >/dev/null 2>&1; then   # Vim reads it without an error
    HOME=$tmp timeout 30 nvim --headless -i NONE -u NONE -c "source grammar/dealgraph.vim" -c 'qa!' \
        >"$tmp/nvim.out" 2>&1 </dev/null
    [ -s "$tmp/nvim.out" ] && { echo "FAIL: nvim says:"; cat "$tmp/nvim.out"; fail=1; }
fi
exit $fail
