/* import.c - the rows of a spreadsheet of deals as sentences (import.h). Each cell is read
 * with the language's own literal rules (literal.h) and written back in the language's
 * spelling, so the script says exactly what the cells said. */
#include "import.h"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dealcols.h"
#include "keywords.h"
#include "kinds.h"
#include "literal.h"
#include "xalloc.h"

#define DG_COL_NAME(e, name, req) name,
static const char *const COL_NAMES[] = {DG_DEAL_COLUMNS(DG_COL_NAME)};
#undef DG_COL_NAME
#define DG_COL_REQ(e, name, req) req,
static const bool COL_REQUIRED[] = {DG_DEAL_COLUMNS(DG_COL_REQ)};
#undef DG_COL_REQ

/* A cell, blanks around it dropped. */
typedef struct Cell {
    const char *s;
    size_t n;
    Span at;
} Cell;

typedef struct Importer {
    Diags *d;
    uint32_t file;
    int col[COL__COUNT];   /* the field index of each column, -1 when absent */
    bool bad;              /* this row had an error */
} Importer;

static Cell cell(const Importer *im, const CsvRecord *r, DealCol c)
{
    int k = im->col[c];
    if (k < 0 || (size_t)k >= r->n)
        return (Cell){"", 0, {im->file, r->end, r->end}};
    const CsvField *f = &r->f[k];
    Cell x = {f->text, f->len, {im->file, f->start, f->end}};
    while (x.n && isspace((unsigned char)x.s[0]))
        x.s++, x.n--;
    while (x.n && isspace((unsigned char)x.s[x.n - 1]))
        x.n--;
    return x;
}

static bool cell_is(Cell c, const char *w)
{
    size_t n = strlen(w);
    if (c.n != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)c.s[i]) != w[i])
            return false;
    return true;
}

/* A cell's text for a message, on one line: its first 40 bytes (not cutting a character),
 * line breaks and tabs written \n, \r, \t and other control bytes as '?'. */
static void excerpt(Cell c, char *buf, size_t cap)
{
    size_t n = c.n > 40 ? 40 : c.n, k = 0;
    while (n < c.n && n > 0 && ((unsigned char)c.s[n] & 0xC0) == 0x80)
        n--;
    for (size_t i = 0; i < n && k + 4 < cap; i++) {
        unsigned char ch = (unsigned char)c.s[i];
        const char *e = ch == '\n' ? "\\n" : ch == '\r' ? "\\r" : ch == '\t' ? "\\t" : NULL;
        if (e) {
            memcpy(buf + k, e, 2);
            k += 2;
        } else {
            buf[k++] = ch < 0x20 || ch == 0x7f ? '?' : (char)ch;
        }
    }
    if (n < c.n)
        memcpy(buf + k, "...", 3), k += 3;
    buf[k] = '\0';
}

/* Report a bad cell: "COLUMN: expected ..., not 'TEXT'" (the text cut to 40 bytes). */
static void bad(Importer *im, Cell c, DealCol col, const char *expected, const char *hint)
{
    im->bad = true;
    char text[96];
    excerpt(c, text, sizeof text);
    if (c.n == 0)
        diag_error(im->d, c.at, "%s: expected %s, found an empty cell", COL_NAMES[col], expected);
    else
        diag_error(im->d, c.at, "%s: expected %s, not '%s'", COL_NAMES[col], expected, text);
    if (hint)
        diag_hint(im->d, "%s", hint);
}

/* ---- the header ---- */

static bool header(Importer *im, const CsvRecord *h)
{
    size_t before = im->d->nerrors;   /* the reader's errors elsewhere are not the header's */
    for (int c = 0; c < COL__COUNT; c++)
        im->col[c] = -1;
    for (size_t k = 0; k < h->n; k++) {
        Cell x = {h->f[k].text, h->f[k].len, {im->file, h->f[k].start, h->f[k].end}};
        for (int c = 0; c < COL__COUNT; c++) {
            Cell t = x;
            while (t.n && isspace((unsigned char)t.s[t.n - 1]))
                t.n--;
            while (t.n && isspace((unsigned char)t.s[0]))
                t.s++, t.n--;
            if (!cell_is(t, COL_NAMES[c]))
                continue;
            if (im->col[c] >= 0)
                diag_error(im->d, x.at, "the column '%s' is named twice", COL_NAMES[c]);
            im->col[c] = (int)k;
        }
    }
    bool ok = im->d->nerrors == before;
    for (int c = 0; c < COL__COUNT; c++)
        if (COL_REQUIRED[c] && im->col[c] < 0) {
            diag_error(im->d, (Span){im->file, h->start, h->end}, "the header row has no "
                       "column '%s'", COL_NAMES[c]);
            diag_hint(im->d, "the first row names the columns: label, payer, verb, payee, "
                      "amount, unit, from, over, due, rate, binding, source (payer, verb "
                      "and amount are needed; any order)");
            ok = false;
        }
    return ok;
}

/* ---- cells ---- */

static bool is_name(Cell c)
{
    if (c.n == 0 || !(islower((unsigned char)c.s[0]) || c.s[0] == '_'))
        return false;
    for (size_t i = 1; i < c.n; i++)
        if (!islower((unsigned char)c.s[i]) && !isdigit((unsigned char)c.s[i]) && c.s[i] != '_')
            return false;
    return keyword_token(c.s, c.n) == 0;
}

/* A name made of an ASCII display name ("Winstar Communications" -> winstar_communications,
 * "3Com" -> _3com): letters lowercased, digits kept, every other run of bytes one '_'.
 * False when nothing is left, it does not fit cap, or the text holds what a name cannot
 * stand for (non-ASCII letters, a quote or a backslash, which the hint could not show). */
static bool name_from(Cell c, char *buf, size_t cap)
{
    size_t k = 0;
    if (c.n > 60)
        return false;
    for (size_t i = 0; i < c.n; i++) {
        unsigned char ch = (unsigned char)c.s[i];
        if (ch >= 0x80 || ch < 0x20 || ch == '"' || ch == '\\' || k + 3 >= cap)
            return false;
        if (isalnum(ch)) {
            if (k == 0 && isdigit(ch))
                buf[k++] = '_';
            buf[k++] = (char)tolower(ch);
        } else if (k && buf[k - 1] != '_') {
            buf[k++] = '_';
        }
    }
    while (k && buf[k - 1] == '_')
        k--;
    buf[k] = '\0';
    return k > 0;
}

static void name(Importer *im, StrBuf *out, Cell c, DealCol col)
{
    if (is_name(c)) {
        strbuf_add(out, c.s, c.n);
        return;
    }
    char nm[48], hint[320];
    const char *h = NULL;
    int n = c.n > 60 ? 60 : (int)c.n;   /* name_from takes at most 60 bytes */
    if (c.n && keyword_token(c.s, c.n)) {
        snprintf(hint, sizeof hint, "'%.*s' is a word of the language: call it otherwise, "
                 "say %.*s_1", n, c.s, n, c.s);
        h = hint;
    } else if (name_from(c, nm, sizeof nm) && keyword_token(nm, strlen(nm)) == 0) {
        /* "NVIDIA", "Open AI": a display name, which goes in the script's declaration */
        snprintf(hint, sizeof hint, "write %s here, and declare its display name in the "
                 "script: company %s \"%.*s\"", nm, nm, n, c.s);
        h = hint;
    } else if (c.n) {
        h = "a display name goes in the script's declaration: company nvidia \"NVIDIA\"";
    }
    bad(im, c, col, "a name (lowercase letters, digits and _, not a keyword)", h);
}

/* verb: the index in DG_VERBS, or -1 after an error. */
static int verb(Importer *im, Cell c)
{
#define DG_VERB_NAME(e, word) word,
    static const char *const verbs[] = {DG_VERBS(DG_VERB_NAME)};
#undef DG_VERB_NAME
    for (int v = 0; v < (int)(sizeof verbs / sizeof *verbs); v++)
        if (cell_is(c, verbs[v]))
            return v;
    if (cell_is(c, "pay"))
        return VERB_PAYS;
    bad(im, c, COL_VERB, "a verb: invests, lends, buys, pays, grants, guarantees or commits", NULL);
    return -1;
}

/* x / scale in at most 17 digits and no exponent, when that reads back exactly. */
static bool exact_text(double x, double scale, char *buf, size_t n)
{
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(buf, n, "%.*g", digits, x / scale);
        if (!strchr(buf, 'e') && strtod(buf, NULL) * scale == x)
            return true;
    }
    return false;
}

/* An amount in the language's spelling, exact: 300B, 22.4B, 1072.42135623731B. */
static void amount_text(StrBuf *out, double x)
{
    static const struct { double scale; const char *suffix; } sc[] = {
        {1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}, {1, ""}};
    char buf[64];
    for (size_t i = 0; i < sizeof sc / sizeof *sc; i++)
        if ((fabs(x) >= sc[i].scale || sc[i].scale == 1) && exact_text(x, sc[i].scale, buf, sizeof buf)) {
            strbuf_str(out, buf);
            strbuf_str(out, sc[i].suffix);
            return;
        }
    snprintf(buf, sizeof buf, "%.6f", x);   /* no exact short form: to the micro-dollar */
    strbuf_str(out, buf);
}

typedef enum { U_USD, U_USD_Y, U_SHARES } Unit;

static bool unit_of(Importer *im, Cell c, Unit *u)
{
    if (c.n == 0 || cell_is(c, "usd") || cell_is(c, "$"))
        *u = U_USD;
    else if (cell_is(c, "usd/y") || cell_is(c, "usd/yr") || cell_is(c, "usd/year"))
        *u = U_USD_Y;
    else if (cell_is(c, "shares"))
        *u = U_SHARES;
    else {
        bad(im, c, COL_UNIT, "USD, USD/y or shares (or an empty cell: USD)", NULL);
        return false;
    }
    return true;
}

/* A spreadsheet's digit grouping, "2,000,000,000" or "$1,250.5B": the digits before the
 * point in groups of three after the first one to three, each behind a comma. Writes the
 * amount without the commas to buf (cap bytes) and returns true; false when c has no comma
 * or groups them otherwise. */
static bool ungroup(Cell c, char *buf, size_t cap)
{
    size_t i = c.n && c.s[0] == '$' ? 1 : 0, k = 0, lead = 0;
    if (!memchr(c.s, ',', c.n) || c.n >= cap)
        return false;
    if (i)
        buf[k++] = '$';
    while (i < c.n && isdigit((unsigned char)c.s[i]) && lead < 4)
        buf[k++] = c.s[i++], lead++;
    if (lead < 1 || lead > 3)
        return false;
    bool group = false;
    while (i + 3 < c.n && c.s[i] == ',' && isdigit((unsigned char)c.s[i + 1]) &&
           isdigit((unsigned char)c.s[i + 2]) && isdigit((unsigned char)c.s[i + 3]) &&
           (i + 4 == c.n || !isdigit((unsigned char)c.s[i + 4]))) {
        memcpy(buf + k, c.s + i + 1, 3);
        k += 3, i += 4, group = true;
    }
    if (!group || memchr(c.s + i, ',', c.n - i))
        return false;
    memcpy(buf + k, c.s + i, c.n - i);   /* the decimals and the scale, as they are */
    buf[k + c.n - i] = '\0';
    return true;
}

/* The hint for an amount cell that is none. */
static const char *amount_hint(Cell c)
{
    if (memchr(c.s, ',', c.n))
        return "write it without separators (2000000000), or with a comma before every three "
               "digits (2,000,000,000)";
    if (memchr(c.s, ' ', c.n) && (isdigit((unsigned char)c.s[0]) || c.s[0] == '$'))
        return "no space inside an amount: 2B, $1.5T";
    return "a yearly rate is the unit USD/y (or 13B/y); capacity (GW) is written in USD";
}

/* The amount cell and the unit cell: a number in USD (or USD a year, or shares). */
static void amount(Importer *im, StrBuf *out, const CsvRecord *r, int v)
{
    Cell c = cell(im, r, COL_AMOUNT), uc = cell(im, r, COL_UNIT);
    Unit u;
    if (!unit_of(im, uc, &u))
        return;
    Value x;
    LitError err;
    char plain[64];
    Cell n = ungroup(c, plain, sizeof plain) ? (Cell){plain, strlen(plain), c.at} : c;
    bool ok = n.n > 0 && n.n < 64 && (isdigit((unsigned char)n.s[0]) || n.s[0] == '$') &&
              lit_number(n.s, n.n, &x, &err) && x.kind == V_NUM && !(x.flags & VF_PCT);
    if (ok && dim_eq(x.dim, DIM_USD_PER_YEAR) && u == U_USD)
        u = U_USD_Y;
    ok = ok && (dim_is_none(x.dim) || (u != U_SHARES && (dim_eq(x.dim, DIM_USD) ||
                                                          dim_eq(x.dim, DIM_USD_PER_YEAR))));
    if (!ok) {
        bad(im, c, COL_AMOUNT, "an amount: a number of USD like 100000000000, 100B or $1.5T",
            amount_hint(c));
        return;
    }
    if ((u == U_SHARES) != (v == VERB_GRANTS)) {
        bad(im, uc, COL_UNIT, v == VERB_GRANTS ? "shares (a grant gives shares)"
                                               : "USD or USD/y (only a grant is in shares)", NULL);
        return;
    }
    amount_text(out, x.num);
    if (u == U_USD_Y)
        strbuf_str(out, "/y");
}

/* A date cell (2027, 2026Q3, 2026-09) after `word`; nothing when the cell is empty. */
static void date(Importer *im, StrBuf *out, Cell c, DealCol col, const char *word)
{
    if (c.n == 0)
        return;
    Value x;
    LitError err;
    bool ok = c.n < 16 && isdigit((unsigned char)c.s[0]);
    if (ok && memchr(c.s, '-', c.n))
        ok = lit_date(c.s, c.n, &x, &err);
    else if (ok)
        ok = lit_number(c.s, c.n, &x, &err) &&
             (x.kind == V_DATE || (x.kind == V_NUM && dim_is_none(x.dim) && !x.flags &&
                                   x.num == floor(x.num) && x.num >= 1900 && x.num <= 2200));
    if (!ok) {
        bad(im, c, col, "a date: a year (2027), a quarter (2026Q3) or a month (2026-09)", NULL);
        return;
    }
    char buf[32];
    strbuf_str(out, word);
    strbuf_add(out, buf, (size_t)snprintf(buf, sizeof buf, "%.*s", (int)c.n, c.s));
}

static void duration(Importer *im, StrBuf *out, Cell c)
{
    if (c.n == 0)
        return;
    Value x;
    LitError err;
    bool ok = c.n < 16 && isdigit((unsigned char)c.s[0]) && lit_number(c.s, c.n, &x, &err) &&
              x.kind == V_NUM && !x.flags && (dim_is_none(x.dim) || dim_eq(x.dim, DIM_YEARS));
    double months = ok ? x.num * 12 : 0;
    if (!ok || months < 1 || months != floor(months + 1e-9) || months > 12 * 1000) {
        bad(im, c, COL_OVER, "a duration: 5y, 18mo, or a number of years", NULL);
        return;
    }
    char buf[48];
    long m = lround(months);
    snprintf(buf, sizeof buf, m % 12 ? " over %ldmo" : " over %ldy", m % 12 ? m : m / 12);
    strbuf_str(out, buf);
}

static void rate(Importer *im, StrBuf *out, Cell c)
{
    if (c.n == 0)
        return;
    Value x;
    LitError err;
    bool ok = c.n < 24 && isdigit((unsigned char)c.s[0]) && lit_number(c.s, c.n, &x, &err) &&
              x.kind == V_NUM && dim_is_none(x.dim) && !(x.flags & VF_SCALED) &&
              ((x.flags & VF_PCT) || x.num <= 1);
    if (!ok) {
        bad(im, c, COL_RATE, "an interest rate: 7% or 0.07", NULL);
        return;
    }
    char buf[48];
    snprintf(buf, sizeof buf, " at %.10g%%", x.num * 100);
    strbuf_str(out, buf);
}

static bool binding(Importer *im, Cell c)
{
    static const char *const yes[] = {"", "yes", "y", "true", "1", "binding"};
    static const char *const no[] = {"no", "n", "false", "0", "nonbinding"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (cell_is(c, yes[i]))
            return true;
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (cell_is(c, no[i]))
            return false;
    bad(im, c, COL_BINDING, "yes or no", NULL);
    return true;
}

/* ` source "..."` with the language's escapes; the text must be UTF-8 with no control
 * characters but line breaks and tabs (a string may hold no others: grammar/README.md). */
static void source(Importer *im, StrBuf *out, Cell c)
{
    if (c.n == 0)
        return;
    for (size_t i = 0; i < c.n;) {
        size_t k = utf8_seq_len((const unsigned char *)c.s + i, c.n - i);
        if (k == 0) {
            bad(im, c, COL_SOURCE, "text in UTF-8", "save the spreadsheet as CSV UTF-8");
            return;
        }
        unsigned char ch = (unsigned char)c.s[i];
        if ((ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') || ch == 0x7f) {
            bad(im, c, COL_SOURCE, "text without control characters",
                "a string may hold line breaks and tabs only; remove the other control "
                "characters in the spreadsheet");
            return;
        }
        i += k;
    }
    strbuf_str(out, " source \"");
    for (size_t i = 0; i < c.n; i++) {
        const char *esc = c.s[i] == '"' ? "\\\"" : c.s[i] == '\\' ? "\\\\"
                        : c.s[i] == '\n' ? "\\n" : c.s[i] == '\t' ? "\\t" : NULL;
        if (esc)
            strbuf_str(out, esc);
        else if (c.s[i] != '\r')
            strbuf_add(out, c.s + i, 1);
    }
    strbuf_str(out, "\"");
}

/* A cell that must be empty for this verb (a rate on a purchase). */
static void unused(Importer *im, const CsvRecord *r, DealCol col, const char *why)
{
    Cell c = cell(im, r, col);
    if (c.n)
        bad(im, c, col, why, NULL);
}

/* The core of the sentence: PAYER VERB AMOUNT PREP PAYEE, in each verb's word order. */
static void core(Importer *im, StrBuf *s, const CsvRecord *r, int v)
{
    Cell payee = cell(im, r, COL_PAYEE), covers = cell(im, r, COL_COVERS);
    name(im, s, cell(im, r, COL_PAYER), COL_PAYER);
    strbuf_str(s, " ");
    strbuf_str(s, verb_name((Verb)v));
    strbuf_str(s, " ");
    if (v == VERB_GRANTS) {
        name(im, s, payee, COL_PAYEE);
        strbuf_str(s, " ");
        amount(im, s, r, v);
        strbuf_str(s, " shares");
        if (cell(im, r, COL_VESTING).n) {
            strbuf_str(s, " vesting with ");
            name(im, s, cell(im, r, COL_VESTING), COL_VESTING);
        }
        return;
    }
    if (v == VERB_GUARANTEES && covers.n) {
        name(im, s, covers, COL_COVERS);
        strbuf_str(s, " up to ");
        amount(im, s, r, v);
        return;
    }
    static const char *const prep[] = {[VERB_INVESTS] = " in ", [VERB_LENDS] = " to ",
                                       [VERB_BUYS] = " from ", [VERB_PAYS] = " to ",
                                       [VERB_GUARANTEES] = " to ",
                                       [VERB_COMMITS] = " credit to "};
    _Static_assert(sizeof prep / sizeof *prep == VERB_COMMITS + 1, "a preposition per verb");
    amount(im, s, r, v);
    strbuf_str(s, prep[v]);
    name(im, s, payee, COL_PAYEE);
}

/* One record as one line of the script. */
static void row(Importer *im, StrBuf *s, const CsvRecord *r)
{
    im->bad = false;
    Cell label = cell(im, r, COL_LABEL);
    int v = verb(im, cell(im, r, COL_VERB));
    if (label.n) {
        strbuf_str(s, "deal ");
        name(im, s, label, COL_LABEL);
        strbuf_str(s, ": ");
    }
    if (v < 0)
        return;
    core(im, s, r, v);
    bool money = v != VERB_GRANTS && v != VERB_GUARANTEES;
    if (money) {
        duration(im, s, cell(im, r, COL_OVER));
        date(im, s, cell(im, r, COL_FROM), COL_FROM, " from ");
    } else {
        unused(im, r, COL_OVER, "an empty cell (a grant or a guarantee has no schedule)");
        unused(im, r, COL_FROM, "an empty cell (a grant or a guarantee has no schedule)");
    }
    if (v == VERB_LENDS || v == VERB_COMMITS) {
        date(im, s, cell(im, r, COL_DUE), COL_DUE, " due ");
        rate(im, s, cell(im, r, COL_RATE));
    } else {
        unused(im, r, COL_DUE, "an empty cell (only a loan or a credit facility is due)");
        unused(im, r, COL_RATE, "an empty cell (only a loan or a credit facility has a rate)");
    }
    if (v != VERB_GRANTS)
        unused(im, r, COL_VESTING, "an empty cell (only a grant vests)");
    if (v != VERB_GUARANTEES)
        unused(im, r, COL_COVERS, "an empty cell (only a guarantee covers a deal)");
    if (!binding(im, cell(im, r, COL_BINDING)))
        strbuf_str(s, " nonbinding");
    source(im, s, cell(im, r, COL_SOURCE));
}

static bool blank(const CsvRecord *r)
{
    for (size_t k = 0; k < r->n; k++)
        for (size_t i = 0; i < r->f[k].len; i++)
            if (!isspace((unsigned char)r->f[k].text[i]))
                return false;
    return true;
}

bool import_deals(const Csv *csv, Diags *d, uint32_t file, StrBuf *script, size_t **lines,
                  size_t *nlines)
{
    Importer im = {.d = d, .file = file};
    size_t errors = d->nerrors;
    *lines = xcalloc(csv->n + 1, sizeof **lines);
    *nlines = 0;
    size_t first = 0;
    while (first < csv->n && blank(&csv->rec[first]))
        first++;
    if (first == csv->n) {
        diag_error(d, (Span){file, 0, 0}, "the file has no header row");
        diag_hint(d, "the first row names the columns: label, payer, verb, payee, amount, "
                  "unit, from, over, due, rate, binding, source");
        return false;
    }
    if (!header(&im, &csv->rec[first]))
        return false;
    for (size_t i = first + 1; i < csv->n; i++) {
        if (blank(&csv->rec[i]))
            continue;
        StrBuf s = {0};
        row(&im, &s, &csv->rec[i]);
        strbuf_str(&s, "\n");
        if (!im.bad) {   /* a line of the script for each good row, in order */
            strbuf_add(script, s.s, s.len);
            (*lines)[(*nlines)++] = i;
        }
        strbuf_free(&s);
    }
    return d->nerrors == errors;
}
