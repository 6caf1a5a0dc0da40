#!/bin/sh
# lsp_protocol.sh - `dealgraph lsp` over pipes, every method on examples/story.deal and on
# files it writes (lsp_protocol.py says what each checks, with the ranges worked out there).
# A change on the 2025 web must be published within 100 ms (1 s for the sanitized build,
# which the suite runs with HOSTILE_TIMEOUT raised).
# Usage: sh tests/scripts/lsp_protocol.sh path/to/dealgraph
DG=${1:?usage: lsp_protocol.sh DEALGRAPH}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit=0.1
[ "${HOSTILE_TIMEOUT:-20}" -gt 20 ] && limit=1.0
LSP_CHANGE_LIMIT=$limit python3 tests/scripts/lsp_protocol.py "$DG" "$tmp"
