/* csv_read.c - reading CSV text (csv_read.h). One pass over the bytes; a field's value is built
 * only when it was quoted (else it is a copy of its bytes). */
#include "csv_read.h"
#include <stdlib.h>
#include <string.h>
#include "strbuf.h"
#include "xalloc.h"

typedef struct Reader {
    const char *s;
    size_t len, i;
    Diags *d;
    uint32_t file;
    int line;
    bool unclosed;   /* a quoted field ran to the end of the text */
} Reader;

static Span span(const Reader *r, size_t a, size_t b)
{
    return (Span){r->file, (uint32_t)a, (uint32_t)(b > a ? b : a + 1 <= r->len ? a + 1 : a)};
}

static void add_field(CsvRecord *rec, size_t *cap, CsvField f)
{
    if (rec->n == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        rec->f = xrealloc(rec->f, *cap * sizeof *rec->f);
    }
    rec->f[rec->n++] = f;
}

/* A quoted field from the quote at r->i; leaves r->i after its closing quote. */
static CsvField quoted(Reader *r)
{
    size_t open = r->i++;
    StrBuf b = {0};
    for (;;) {
        size_t k = r->i;
        while (k < r->len && r->s[k] != '"')
            k++;
        strbuf_add(&b, r->s + r->i, k - r->i);
        for (size_t j = r->i; j < k; j++)
            r->line += r->s[j] == '\n';
        r->i = k;
        if (k >= r->len) {
            diag_error(r->d, span(r, open, open + 1), "this quoted field is never closed");
            diag_hint(r->d, "a quote inside a quoted field is written twice (\"\"); a field "
                      "ends with a quote before the next comma or line break");
            r->unclosed = true;
            break;
        }
        if (k + 1 < r->len && r->s[k + 1] == '"') {
            strbuf_add(&b, "\"", 1);
            r->i = k + 2;
            continue;
        }
        r->i = k + 1;
        break;
    }
    CsvField f = {NULL, 0, (uint32_t)open, (uint32_t)r->i};
    f.text = strbuf_take(&b, &f.len);
    return f;
}

static bool at_end_of_field(const Reader *r)
{
    return r->i >= r->len || r->s[r->i] == ',' || r->s[r->i] == '\n' ||
           (r->s[r->i] == '\r' && (r->i + 1 >= r->len || r->s[r->i + 1] == '\n'));
}

/* One field at r->i, quoted or not; text after a closing quote is an error (skipped). */
static CsvField one_field(Reader *r)
{
    if (r->i < r->len && r->s[r->i] == '"') {
        CsvField f = quoted(r);
        if (!at_end_of_field(r)) {
            size_t a = r->i;
            while (!at_end_of_field(r))
                r->i++;
            diag_error(r->d, span(r, a, r->i), "text after the closing quote of a field");
            diag_hint(r->d, "quote the whole field, and write a quote inside it twice (\"\")");
            f.end = (uint32_t)r->i;
        }
        return f;
    }
    size_t a = r->i;
    while (!at_end_of_field(r))
        r->i++;
    CsvField f = {xmalloc(r->i - a + 1), r->i - a, (uint32_t)a, (uint32_t)r->i};
    memcpy(f.text, r->s + a, f.len);
    f.text[f.len] = '\0';
    return f;
}

static CsvRecord one_record(Reader *r)
{
    CsvRecord rec = {NULL, 0, (uint32_t)r->i, 0, r->line};
    size_t cap = 0;
    for (;;) {
        add_field(&rec, &cap, one_field(r));
        if (r->i < r->len && r->s[r->i] == ',') {
            r->i++;
            continue;
        }
        break;
    }
    rec.end = (uint32_t)r->i;
    if (r->i < r->len && r->s[r->i] == '\r')
        r->i++;
    if (r->i < r->len && r->s[r->i] == '\n') {
        r->i++;
        r->line++;
    }
    return rec;
}

void csv_line_ends(char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'))
            text[i] = '\n';
}

void csv_read(Csv *out, Diags *d, uint32_t file)
{
    const SourceFile *sf = srcset_get(d->src, file);
    Reader r = {sf->text, sf->len, 0, d, file, 1, false};
    memset(out, 0, sizeof *out);
    const char *nul = memchr(r.s, '\0', r.len);
    if (nul) {
        diag_error(d, span(&r, (size_t)(nul - r.s), (size_t)(nul - r.s) + 1),
                   "a NUL byte: this is not a text file");
        return;
    }
    if (r.len >= 3 && !memcmp(r.s, "\xef\xbb\xbf", 3))   /* a spreadsheet's byte order mark */
        r.i = 3;
    while (r.i < r.len) {
        CsvRecord rec = one_record(&r);
        if (r.unclosed) {   /* told at its quote; its cells are the rest of the text */
            for (size_t k = 0; k < rec.n; k++)
                free(rec.f[k].text);
            free(rec.f);
            break;
        }
        if (out->n == out->cap) {
            out->cap = out->cap ? 2 * out->cap : 64;
            out->rec = xrealloc(out->rec, out->cap * sizeof *out->rec);
        }
        out->rec[out->n++] = rec;
    }
}

void csv_free(Csv *c)
{
    for (size_t i = 0; i < c->n; i++) {
        for (size_t k = 0; k < c->rec[i].n; k++)
            free(c->rec[i].f[k].text);
        free(c->rec[i].f);
    }
    free(c->rec);
    memset(c, 0, sizeof *c);
}
