/* import.h - `dealgraph import`: the rows of a spreadsheet of deals (base/csv_read.h) as
 * sentences of the language (docs/PICTURES.md "Import").
 *
 * The first record names the columns (model/dealcols.h; any order, any case, others
 * ignored). Each later record is one deal, written as one line of the script; blank
 * records are skipped. Every cell that is not what its column holds is a diagnostic at
 * the cell, saying what was expected; every row is checked, so one run tells them all.
 *
 * Ownership: the caller's StrBuf receives the script; lines[k] (heap, caller frees) is the
 * record of the script's line k + 1, so a problem the evaluator finds in a line can be
 * told at its row. */
#ifndef DG_IMPORT_H
#define DG_IMPORT_H
#include <stdbool.h>
#include "csv_read.h"
#include "strbuf.h"

/* True when every row converted (d got no error). */
bool import_deals(const Csv *csv, Diags *d, uint32_t file, StrBuf *script, size_t **lines,
                  size_t *nlines);

#endif
