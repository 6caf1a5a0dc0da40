#!/bin/sh
# lsp_malformed.sh - two dozen broken protocol inputs for `dealgraph lsp` (bad JSON, bad
# framing, wrong Content-Length, unknown methods, requests before initialize and after
# shutdown, a 10 MB document): each gets a JSON-RPC error or a clean exit, never a crash, a
# hang or a sanitizer report (lsp_malformed.py lists them).
# Usage: sh tests/scripts/lsp_malformed.sh path/to/dealgraph
DG=${1:?usage: lsp_malformed.sh DEALGRAPH}
python3 tests/scripts/lsp_malformed.py "$DG"
