# dg_figdoc.awk - docs/ENGINE.md's figure tables (those headed "| figure |") as C, for the
# editor's hover: X("name", "definition; n/a when ...") for each name of a row's first cell.
# The Makefile writes build/dg_figdoc.h with it; dg_lsp.c includes that.
function trim(s) { gsub(/^ +| +$/, "", s); return s }
function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }
BEGIN { FS = "|" }
/^\| figure \|/ { intable = 1; next }
!/^\|/ { intable = 0 }
intable && /^\| `/ {
    text = trim($3)
    if (NF >= 5 && trim($4) != "never")
        text = text "; n/a when " trim($4)
    cell = $2
    while (match(cell, /`[^`]*`/)) {
        name = substr(cell, RSTART + 1, RLENGTH - 2)
        cell = substr(cell, RSTART + RLENGTH)
        sub(/\(.*/, "", name)
        printf "X(\"%s\", \"%s\")\n", esc(name), esc(text)
    }
}
