/* fmt.c - the canonical layout of a deal script (see fmt.h and docs/FMT.md).
 *
 * The printer walks the lexer's tokens (tokens.c), one top-level statement at a time, in
 * source order and
 * decides only whitespace: where lines break, how deep they are indented, where single
 * spaces go. It never reorders, adds or drops a token, except that `;` is written after
 * every statement (where the source may have relied on a newline) and amounts lose their
 * trailing fraction zeros; both leave the parse unchanged. */
#include "fmt.h"
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "tokens.h"
#include "strbuf.h"
#include "parse.h"

/* A line that ends with a comment after code: where it starts in the output and how long
 * its code is (up to, not including, the space before the comment). */
typedef struct Trail {
    size_t at, code;
} Trail;

typedef struct Printer {
    const char *s;
    const FToks *ts;
    StrBuf out, line;
    size_t depth;
    uint32_t *widths;   /* per open block: attribute-name column width, 0 = not an entity */
    size_t wcap;
    bool mid;           /* a statement is open: comments inside it indent one level more */
    bool blank;         /* the source had a blank line since the last line we started */
    bool after_open;    /* the last line started opened a block: no blank line after it */
    bool unary;         /* the previous token was a unary minus or `!` */
    bool inl;           /* inside a one-attribute entity block kept on one line */
    int pos;            /* tokens of the current statement printed so far */
    size_t first;       /* the current statement's first token */
    size_t prev;        /* the previous token printed */
    Trail *trails;      /* lines with trailing comments, in output order (align_trailing) */
    size_t ntrail, ctrail;
    size_t *cuts;       /* where the line has a space before a deal's clause (break_deal) */
    size_t ncut, ccut;
} Printer;

/* A deal longer than this (indentation and `;` counted, a trailing comment not) is broken
 * before its clauses (docs/FMT.md). */
#define FMT_WIDTH 100

/* Files this large are laid out on a second thread while the first parses them. */
#define FMT_THREAD_MIN (1u << 20)

static const FTok *tok(const Printer *P, size_t i) { return &P->ts->t[i]; }
static bool is(const Printer *P, size_t i, int kind) { return tok(P, i)->kind == kind; }

static void flush(Printer *P)
{
    if (P->line.len == 0)
        return;
    while (P->line.len > 0 && P->line.s[P->line.len - 1] == ' ')
        P->line.len--;
    strbuf_add(&P->out, P->line.s, P->line.len);
    strbuf_add(&P->out, "\n", 1);
    P->line.len = 0;
    P->ncut = 0;
}

/* Columns of s[0..n): UTF-8 characters (a string may hold any). */
static size_t columns(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* A deal that ends on a line too long: its clauses go on the next lines, one level in,
 * as many on a line as fit (a line that starts with a clause goes on with the deal, so
 * the parser reads the same statement). The last line stays open for a trailing comment. */
static void break_deal(Printer *P)
{
    if (P->ncut == 0 || columns(P->line.s, P->line.len) <= FMT_WIDTH) {
        P->ncut = 0;
        return;
    }
    StrBuf line = P->line;   /* the whole statement; P->line is refilled piece by piece */
    size_t ncut = P->ncut, level = P->depth + 1;
    P->line = (StrBuf){0};
    strbuf_add(&P->line, line.s, P->cuts[0]);
    for (size_t k = 0; k < ncut; k++) {
        size_t from = P->cuts[k], to = k + 1 < ncut ? P->cuts[k + 1] : line.len;
        while (from < to && line.s[from] == ' ')
            from++;
        if (columns(P->line.s, P->line.len) + 1 + columns(line.s + from, to - from) > FMT_WIDTH) {
            flush(P);
            strbuf_spaces(&P->line, 4 * level);
        } else {
            strbuf_add(&P->line, " ", 1);
        }
        strbuf_add(&P->line, line.s + from, to - from);
    }
    P->ncut = 0;
    free(line.s);
}

/* Begin an output line at `level` indentation; a source blank line before it survives as
 * one blank line, except at the top of the file and of a block. */
static void start_line(Printer *P, size_t level, bool allow_blank)
{
    flush(P);
    if (allow_blank && P->blank && P->out.len > 0 && !P->after_open)
        strbuf_add(&P->out, "\n", 1);
    P->blank = false;
    P->after_open = false;
    strbuf_spaces(&P->line, 4 * level);
}

static void add_text(Printer *P, size_t i)
{
    const FTok *t = tok(P, i);
    strbuf_add(&P->line, P->s + t->start, t->end - t->start);
}

/* An amount without trailing fraction zeros: 100.0B -> 100B, 1.50T -> 1.5T. Dates (which
 * contain '-') and everything else are copied as written, `$` included. */
static void add_number(Printer *P, size_t i)
{
    const FTok *t = tok(P, i);
    const char *s = P->s + t->start;
    size_t n = t->end - t->start;
    const char *dot = memchr(s, '.', n);
    if (!dot || memchr(s, '-', n)) {
        add_text(P, i);
        return;
    }
    size_t d = (size_t)(dot - s), e = d + 1;
    while (e < n && s[e] >= '0' && s[e] <= '9')
        e++;
    size_t k = e;
    while (k > d + 1 && s[k - 1] == '0')
        k--;
    if (k == d + 1)
        k = d;   /* nothing left of the fraction: drop the point too */
    strbuf_add(&P->line, s, k);
    strbuf_add(&P->line, s + e, n - e);
}

static uint32_t block_width(const Printer *P) { return P->depth ? P->widths[P->depth - 1] : 0; }

/* Is the `-` at i a prefix operator? It is at the start of an expression: after an
 * operator or opening punctuation, after a keyword, or where an attribute, `price NAME` or
 * `set PARAM` expects its value. */
static bool prefix_op(const Printer *P, size_t i)
{
    if (!is(P, i, '-'))
        return false;
    if (P->pos == 0)
        return true;
    int p = tok(P, P->prev)->kind;
    if (ftok_punct(p))
        return p != ')' && p != '}';
    if (ftok_keyword(p))
        return p != FK_BOOL;
    if (P->pos == 1 && block_width(P))
        return true;
    return P->pos == 2 && (is(P, P->first, FK_PRICE) || is(P, P->first, FK_SET));
}

/* The space (if any) between the previous token and token i on the same line. */
static void add_space(Printer *P, size_t i)
{
    const FTok *p = tok(P, P->prev);
    if (is(P, i, ')') || is(P, i, ',') || is(P, i, ':') || is(P, P->prev, '(') || P->unary)
        return;
    /* A figure call hugs its parenthesis: in(x), exposure(a, b); `in` is also a keyword. */
    if (is(P, i, '(') && (p->kind == FK_NAME || p->kind == FK_IN))
        return;
    uint32_t w = block_width(P);
    if (w && !P->inl && P->pos == 1 && P->prev == P->first) {
        strbuf_spaces(&P->line, w - (p->end - p->start) + 1);   /* the attribute value column */
        return;
    }
    strbuf_add(&P->line, " ", 1);
}

static void finish_token(Printer *P, size_t i)
{
    P->unary = prefix_op(P, i);
    P->prev = i;
    P->pos++;
    if ((tok(P, i)->flags & FF_END) && !is(P, i, '}') && !P->inl) {
        strbuf_add(&P->line, ";", 1);
        P->mid = false;
        break_deal(P);
    } else if (tok(P, i)->flags & FF_END) {
        P->mid = false;
    }
}

/* An entity block with a single attribute and no comment stays on its line:
 * `company coreweave { layer "cloud" }`. */
static bool one_liner(const Printer *P, size_t i)
{
    const FTok *t = tok(P, i);
    if (!t->width || t->nstmts != 1 || !t->close)
        return false;
    for (size_t j = i + 1; j < t->close; j++)
        if (tok(P, j)->kind == FK_COMMENT)
            return false;
    return true;
}

/* `{`: an empty block stays `{}` on its line; otherwise its statements go one level in.
 * Returns the index of the last token consumed. */
static size_t print_open(Printer *P, size_t i)
{
    size_t j = i + 1;
    while (j < P->ts->n && is(P, j, ';'))
        j++;
    if (j < P->ts->n && is(P, j, '}')) {
        strbuf_str(&P->line, "{}");
        P->prev = j;
        P->pos++;
        P->unary = false;
        if (tok(P, j)->flags & FF_END)
            P->mid = false;
        return j;
    }
    P->widths = vec_grow(P->widths, &P->wcap, P->depth + 1, sizeof *P->widths);
    P->widths[P->depth++] = tok(P, i)->width;
    P->prev = i;
    P->unary = false;
    if (one_liner(P, i)) {
        strbuf_str(&P->line, "{ ");
        P->inl = true;
        return i;
    }
    strbuf_str(&P->line, "{");
    P->after_open = true;
    P->mid = false;
    return i;
}

static void print_close(Printer *P, size_t i)
{
    if (P->depth > 0)
        P->depth--;
    P->blank = false;   /* no blank line before a closing brace */
    if (P->inl) {
        strbuf_str(&P->line, " }");
        P->inl = false;
    } else {
        start_line(P, P->depth, false);
        strbuf_str(&P->line, "}");
    }
    P->prev = i;
    P->unary = false;
    P->mid = !(tok(P, i)->flags & FF_END);   /* `} {` of what if: the statement goes on */
}

static size_t print_token(Printer *P, size_t i)
{
    const FTok *t = tok(P, i);
    if ((t->flags & FF_START) && P->inl) {
        P->mid = true;   /* the lone attribute of a one-line block */
        P->pos = 0;
        P->first = i;
        P->unary = false;
    } else if (t->flags & FF_START) {
        start_line(P, P->depth, true);
        P->mid = true;
        P->pos = 0;
        P->first = i;
        P->unary = false;
    } else if (P->line.len == 0) {
        start_line(P, P->depth + 1, false);   /* the statement goes on after a comment */
    } else {
        P->blank = false;   /* blank lines inside a statement do not separate groups */
        if (t->flags & FF_CLAUSE) {
            P->cuts = vec_grow(P->cuts, &P->ccut, P->ncut + 1, sizeof *P->cuts);
            P->cuts[P->ncut++] = P->line.len;   /* the space add_space puts before it */
        }
        add_space(P, i);
    }
    if (is(P, i, '{'))
        return print_open(P, i);
    if (t->kind == FK_NUMBER || t->kind == FK_DATE)
        add_number(P, i);
    else
        add_text(P, i);
    finish_token(P, i);
    return i;
}

/* A comment stays where it was: after code on the same line (one space after it, moved
 * into its run's column later by align_trailing), or on a line of its own at the
 * indentation of what surrounds it. */
static void print_comment(Printer *P, size_t i, size_t nl)
{
    if (nl == 0 && P->line.len > 0) {
        while (P->line.len > 0 && P->line.s[P->line.len - 1] == ' ')
            P->line.len--;
        P->trails = vec_grow(P->trails, &P->ctrail, P->ntrail + 1, sizeof *P->trails);
        P->trails[P->ntrail++] = (Trail){P->out.len, P->line.len};
        strbuf_add(&P->line, " ", 1);
        add_text(P, i);
        flush(P);
        return;
    }
    start_line(P, P->depth + (P->mid ? 1 : 0), true);
    add_text(P, i);
    flush(P);
}

/* Trailing comments on consecutive lines start in one column, one space past the longest
 * code of the run (a line without one, or a blank line, ends the run). The column depends
 * only on the output, so formatting the result again finds the same runs: idempotent. One
 * pass over the text; returns the new text and frees the old. */
static char *align_trailing(char *text, size_t *len, const Trail *tr, size_t n)
{
    if (n == 0)
        return text;
    StrBuf out = {0};
    size_t copied = 0;
    for (size_t a = 0; a < n;) {
        size_t b = a + 1, width = tr[a].code;
        for (; b < n; b++) {
            const char *eol = memchr(text + tr[b - 1].at, '\n', *len - tr[b - 1].at);
            if (!eol || (size_t)(eol - text) + 1 != tr[b].at)
                break;
            width = tr[b].code > width ? tr[b].code : width;
        }
        for (size_t k = a; k < b; k++) {
            size_t cut = tr[k].at + tr[k].code;
            strbuf_add(&out, text + copied, cut - copied);
            strbuf_spaces(&out, width - tr[k].code);
            copied = cut;
        }
        a = b;
    }
    strbuf_add(&out, text + copied, *len - copied);
    free(text);
    *len = out.len;
    return out.s;
}

/* Line breaks in the gap between two tokens (only spacing lies there): whether a comment
 * follows code on its line, and where the source had a blank line. */
static size_t count_newlines(const char *s, size_t from, size_t to)
{
    size_t k = 0;
    for (size_t i = from; i < to; i++)
        k += s[i] == '\n';
    return k;
}

/* The layout, read and printed one top-level statement at a time; *dig gets the digest of
 * what the parser reads in the text (tokens.h). */
static char *layout(const char *text, size_t n, size_t *len, FDigest *dig)
{
    FTokReader *r = ftoks_open(text, n);
    FToks ts = {0};
    Printer P = {.s = text, .ts = &ts};
    size_t prev_end = 0;
    while (ftoks_next(r, &ts)) {
        for (size_t i = 0; i < ts.n; i++) {
            const FTok *t = &ts.t[i];
            size_t nl = count_newlines(text, prev_end, t->start);
            if (nl >= 2)
                P.blank = true;
            if (t->kind == FK_COMMENT)
                print_comment(&P, i, nl);
            else if (is(&P, i, '}'))
                print_close(&P, i);
            else if (!is(&P, i, ';'))
                i = print_token(&P, i);
            prev_end = ts.t[i].end;
        }
    }
    *dig = ftoks_reader_digest(r);
    ftoks_close(r);
    ftoks_free(&ts);
    flush(&P);
    strbuf_add(&P.out, "", 0);   /* an empty script formats to an empty, non-NULL text */
    size_t n_out = P.out.len;
    char *text_out = align_trailing(P.out.s, &n_out, P.trails, P.ntrail);
    free(P.line.s);
    free(P.widths);
    free(P.trails);
    free(P.cuts);
    if (len)
        *len = n_out;
    return text_out;
}

char *fmt_text(const char *text, size_t n, size_t *len)
{
    FDigest dig;
    return layout(text, n, len, &dig);
}

/* The layout and whether it says what the text says: the parser reads the same tokens in
 * both (their digests agree), so the two parse to the same statements. Comparing digests
 * costs one more scan of the output; comparing syntax trees cost two dumps of them as text,
 * which made fmt of a large file several times as slow as `check` and as large. */
typedef struct Layout {
    const char *text;
    size_t n;
    char *out;
    size_t len;
    bool same;
} Layout;

static void *lay_out(void *ud)
{
    Layout *L = ud;
    FDigest before, after;
    L->out = layout(L->text, L->n, &L->len, &before);
    after = ftoks_digest(L->out, L->len);
    L->same = before.lexes && after.lexes && before.hash == after.hash &&
              before.tokens == after.tokens;
    return NULL;
}

static bool drop_stmt(void *ud, Stmt *s)
{
    (void)ud;
    (void)s;
    return false;   /* only the diagnostics are wanted: reuse the memory */
}

/* Does the file parse? Its errors go to d. Streaming: no syntax tree is kept. */
static bool parses(SourceSet *src, uint32_t file, Interner *in, Diags *d)
{
    (void)src;   /* the parser finds the file through d->src */
    Arena nodes, strings;
    arena_init(&nodes);
    arena_init(&strings);
    size_t before = d->nerrors;
    parse_source_each(&nodes, &strings, in, d, file, drop_stmt, NULL);
    arena_free(&nodes);
    arena_free(&strings);
    return d->nerrors == before;
}

char *fmt_source(SourceSet *src, uint32_t file, Interner *in, Diags *d, size_t *len)
{
    const SourceFile *f = srcset_get(src, file);
    Layout L = {.text = f->text, .n = f->len};
    /* A large file is laid out on a second thread while this one parses it: the layout
     * reads its own copy of the text with names of its own, and touches nothing else. */
    pthread_t th;
    bool threaded = f->len >= FMT_THREAD_MIN && pthread_create(&th, NULL, lay_out, &L) == 0;
    bool ok = parses(src, file, in, d);
    if (threaded)
        pthread_join(th, NULL);
    else if (ok)
        lay_out(&L);
    if (ok && !L.same) {
        /* The layout must not change what the script says; if it ever would, refuse rather
         * than hand back (or write) a different script. */
        diag_error(d, (Span){file, 0, 0}, "fmt cannot lay out this file without changing it");
        diag_hint(d, "this is a dealgraph bug; please report it with the file");
    }
    if (!ok || !L.same) {
        free(L.out);
        return NULL;
    }
    if (len)
        *len = L.len;
    return L.out;
}
