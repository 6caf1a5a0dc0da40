/* fmt.h - `dealgraph fmt`: the canonical layout of a deal script.
 *
 * The layout (documented in docs/FMT.md) is one statement per line
 * ending with `;`, 4-space indentation inside `{ }`, entity attribute blocks one attribute per
 * line with the values in a column, single spaces around operators, amounts without trailing
 * fraction zeros. Every comment is kept where it was (trailing comments of consecutive lines
 * in one column); runs of blank lines become one. The
 * printer works on tokens (so comments survive) and only runs on text the parser accepts, so
 * it never has to guess at broken input. Formatting is idempotent: fmt(fmt(x)) == fmt(x). */
#ifndef DG_FMT_H
#define DG_FMT_H
#include <stddef.h>
#include <stdint.h>
#include "diag.h"
#include "intern.h"

/* Format one source already in a SourceSet. Parse errors go to `d` and the result is NULL;
 * otherwise a malloc'd, NUL-terminated text whose length is stored in *len (len may be NULL). */
char *fmt_source(SourceSet *src, uint32_t file, Interner *in, Diags *d, size_t *len);

/* The layout alone, without the parse check (the caller knows the text parses, or wants a
 * best effort). Returns malloc'd, NUL-terminated text; *len gets its length (may be NULL). */
char *fmt_text(const char *text, size_t n, size_t *len);

#endif
