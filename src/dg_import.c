/* dg_import.c - `dealgraph import deals.csv` (dg.h; docs/PICTURES.md "Import"): the CSV is
 * read (base/csv_read.h), its rows become sentences (front/import.h), the sentences are
 * evaluated as a script of their own, and what the evaluator finds wrong in a line (a deal of an
 * entity with itself, a label given twice) is told at the row it came from. Only a clean
 * script is laid out by fmt and written. */
#include "dg_int.h"
#include <stdlib.h>
#include <string.h>
#include "csv_read.h"
#include "import.h"

/* The evaluator's diagnostics in the script (file `gen`) moved to the rows they came from:
 * a line of the script is a record of the CSV. */
static void to_rows(Dg *dg, size_t from, uint32_t gen, uint32_t csvf, const Csv *csv,
                    const size_t *lines, size_t nlines)
{
    Diags *d = &dg->rd.diags;
    for (size_t i = from; i < d->n; i++) {
        Diag *x = &d->items[i];
        if (x->span.file != gen)
            continue;
        int line, col;
        srcset_linecol(&dg->rd.src, gen, x->span.start, &line, &col);
        size_t k = line >= 1 && (size_t)line <= nlines ? lines[line - 1] : 0;
        x->span = (Span){csvf, csv->rec[k].start, csv->rec[k].end};
        if (!x->hint) {
            const SourceFile *sf = srcset_get(&dg->rd.src, gen);
            const char *s = sf->text;
            for (int l = 1; l < line && (s = strchr(s, '\n')); l++)
                s++;
            size_t n = s ? strcspn(s, "\n") : 0;
            size_t cap = n + 40;
            x->hint = xmalloc(cap);
            snprintf(x->hint, cap, "the row reads: %.*s", (int)n, s ? s : "");
        }
    }
}

/* Evaluate the script in the context (quietly), its diagnostics told at their rows: true
 * when it checks clean. */
static bool check_script(Dg *dg, const StrBuf *script, uint32_t csvf, const Csv *csv,
                         const size_t *lines, size_t nlines)
{
    size_t before = dg->rd.diags.nerrors, from = dg->rd.diags.n;
    char *copy = xmalloc(script->len + 1);
    memcpy(copy, script->s ? script->s : "", script->len);
    copy[script->len] = '\0';
    eval_text(dg->ev, "<import>", copy, script->len);
    eval_finish(dg->ev);
    to_rows(dg, from, (uint32_t)(dg->rd.src.n - 1), csvf, csv, lines, nlines);
    return dg->rd.diags.nerrors == before;
}

int dg_import(Dg *dg, const char *path, const char *out)
{
    uint32_t f = srcset_read(&dg->rd.src, path, path);
    if (!f) {
        fprintf(dg->opt.err, "dealgraph import: cannot read '%s': %s\n", path,
                srcset_error(&dg->rd.src));
        return DG_EIO;
    }
    SourceFile *sf = &dg->rd.src.files[f];   /* ours: no line of it has been counted yet */
    csv_line_ends(sf->text, sf->len);
    Csv csv;
    size_t *lines = NULL, nlines = 0;
    StrBuf script = {0};
    csv_read(&csv, &dg->rd.diags, f);
    bool read_ok = dg->rd.diags.nerrors == 0;
    /* a file the reader gave up on (a NUL byte) has no rows to tell more about */
    bool ok = (read_ok || csv.n) && import_deals(&csv, &dg->rd.diags, f, &script, &lines, &nlines)
              && read_ok;
    /* the good rows are checked as sentences even when other rows are bad, so that one run
     * tells every bad row (a row naming a bad row's label is then told too), and all of it
     * is told in row order */
    if (read_ok && nlines)
        ok = check_script(dg, &script, f, &csv, lines, nlines) && ok;
    diags_sort_from(&dg->rd.diags, dg->printed);
    int st = dg_flush_diags(dg, 0);
    if (!ok)
        st = DG_EFAIL;
    char *text = NULL;
    size_t len = 0;
    if (st == DG_OK && script.len) {
        text = dg_fmt_text(script.s, script.len, &len);
        if (!text) {
            fprintf(dg->opt.err, "dealgraph import: cannot lay the script out\n");
            st = DG_EFAIL;
        }
    }
    if (st == DG_OK && (!out || !strcmp(out, "-")))
        fwrite(text ? text : "", 1, len, stdout);
    else if (st == DG_OK)
        st = dg_write_file(out, text ? text : "", len, "dealgraph import", dg->opt.err);
    free(text);
    free(lines);
    strbuf_free(&script);
    csv_free(&csv);
    return st;
}
