#!/bin/sh
# The layers of src/ (Makefile, top): a file includes headers of its own folder and of the
# layers below it only, by bare name; the front doors (src/cli/) see dg.h alone. Checked two
# ways: the sources name no path in an #include (so only the include paths decide), and for
# every layer a header of a layer above it does not compile with that layer's include paths.
set -u
cd "$(dirname "$0")/../.."
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# 1. No include names a path, except dg.h's three headers of the base layer.
grep -n '#include "[^"]*/' src/*/*.[ch] src/*.c | while IFS= read -r l; do echo "FAIL: $l"; done | grep . && fail=1
n=$(grep -c '#include "base/' src/dg.h)
[ "$n" = 3 ] || bad "dg.h includes $n base headers, expected status.h, strbuf.h, xalloc.h"
grep '#include "' src/dg.h | grep -v '"base/\(status\|strbuf\|xalloc\)\.h"' && bad "dg.h includes a library header"

# 2. The front doors include only dg.h and their own folder's headers.
for f in src/cli/*.[ch]; do
    grep -o '#include "[^"]*"' "$f" | sed 's/#include "\(.*\)"/\1/' | while read -r h; do
        [ "$h" = dg.h ] || [ -f "src/cli/$h" ] || echo "FAIL: $f includes $h"
    done
done | grep . && fail=1

# 3. An include that runs up a layer does not compile: for each layer, one header of each
#    layer above it, with the layer's own include paths.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
probe() {   # layer header: must fail to compile
    inc=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory "print-INC_$1")
    printf '#include "%s"\n' "$2" > "$tmp/p.c"
    if cc -std=c11 -fsyntax-only $inc $(pkg-config --cflags jansson 2>/dev/null) "$tmp/p.c" 2>/dev/null; then
        bad "a file of src/$1/ can include $2"
    fi
}
probe base world.h; probe base ast.h; probe base figures.h; probe base dg.h
probe model ast.h; probe model graph.h; probe model eval.h
probe front graph.h; probe front report.h; probe front eval.h
probe engine ast.h; probe engine report.h; probe engine eval.h; probe engine dg.h
probe out eval.h; probe out ast.h; probe out dg.h
probe eval dg.h; probe eval repl_int.h
probe cli world.h; probe cli arena.h; probe cli eval.h
# ... and a header of a lower layer does compile (the probe itself works).
inc=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory print-INC_engine)
printf '#include "world.h"\n#include "arena.h"\n' > "$tmp/ok.c"
cc -std=c11 -fsyntax-only $inc "$tmp/ok.c" || bad "src/engine/ cannot include world.h and arena.h"
exit $fail
