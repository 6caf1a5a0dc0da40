/* table.h - aligned text tables for show and report output.
 *
 * Cells are copied; the first column is left-aligned, the others
 * right-aligned (they hold numbers), columns separated by two spaces, no trailing blanks. */
#ifndef DG_TABLE_H
#define DG_TABLE_H
#include <stddef.h>
#include <stdio.h>

typedef struct Table {
    size_t ncols, nrows, cap;
    char **cells;        /* nrows x ncols */
    unsigned left_mask;  /* bit c set: column c is left-aligned (bit 0 is always set) */
} Table;

void table_init(Table *t, size_t ncols);
/* Adds a row of exactly ncols cells (NULL cells print empty). */
void table_row(Table *t, const char *const *cells);
void table_print(const Table *t, FILE *out, const char *indent);
void table_free(Table *t);

#endif
