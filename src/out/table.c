/* table.c - aligned text tables. */
#include "table.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"

void table_init(Table *t, size_t ncols)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    t->left_mask = 1;
}

static char *dup(const char *s)
{
    size_t n = strlen(s ? s : "");
    char *p = xmalloc(n + 1);
    memcpy(p, s ? s : "", n + 1);
    return p;
}

void table_row(Table *t, const char *const *cells)
{
    size_t need = (t->nrows + 1) * t->ncols;
    t->cells = vec_grow(t->cells, &t->cap, need, sizeof *t->cells);
    for (size_t c = 0; c < t->ncols; c++)
        t->cells[t->nrows * t->ncols + c] = dup(cells[c]);
    t->nrows++;
}

void table_print(const Table *t, FILE *out, const char *indent)
{
    size_t *w = xcalloc(t->ncols + 1, sizeof *w);
    for (size_t i = 0; i < t->nrows * t->ncols; i++) {
        size_t len = strlen(t->cells[i]);
        if (len > w[i % t->ncols])
            w[i % t->ncols] = len;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        /* The last non-empty cell ends the line, so rows carry no trailing blanks. */
        size_t last = 0;
        for (size_t c = 0; c < t->ncols; c++)
            if (*t->cells[r * t->ncols + c])
                last = c;
        fputs(indent, out);
        for (size_t c = 0; c <= last; c++) {
            const char *s = t->cells[r * t->ncols + c];
            int pad = (int)(w[c] - strlen(s));
            bool left = (t->left_mask >> c) & 1u;
            if (c)
                fputs("  ", out);
            if (left)
                fprintf(out, "%s%*s", s, c == last ? 0 : pad, "");
            else
                fprintf(out, "%*s%s", pad, "", s);
        }
        fputc('\n', out);
    }
    free(w);
}

void table_free(Table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    memset(t, 0, sizeof *t);
}
