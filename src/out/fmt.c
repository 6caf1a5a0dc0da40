/* fmt.c - the canonical layout of a deal script (see fmt.h and docs/FMT.md).
 *
 * The printer walks the lexer's tokens (fmt_seg.c) in source order and
 * decides only whitespace: where lines break, how deep they are indented, where single
 * spaces go. It never reorders, adds or drops a token, except that `;` is written after
 * every statement (where the source may have relied on a newline) and amounts lose their
 * trailing fraction zeros; both leave the parse unchanged. */
#include "fmt.h"
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
} Printer;

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

char *fmt_text(const char *text, size_t n, size_t *len)
{
    FToks ts;
    ftoks_lex(&ts, text, n);
    Printer P = {.s = text, .ts = &ts};
    size_t prev_end = 0;
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
    flush(&P);
    strbuf_add(&P.out, "", 0);   /* an empty script formats to an empty, non-NULL text */
    size_t n_out = P.out.len;
    char *text_out = align_trailing(P.out.s, &n_out, P.trails, P.ntrail);
    free(P.line.s);
    free(P.widths);
    free(P.trails);
    ftoks_free(&ts);
    if (len)
        *len = n_out;
    return text_out;
}

/* The AST dump of a parse with the line:col of every node cut out, so that a script and its
 * formatted text compare equal exactly when they mean the same. */
static char *ast_text(const Program *prog, const Interner *in, SourceSet *src)
{
    char *raw = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&raw, &n);
    if (!f)
        return NULL;
    ast_dump(f, prog, in, src);
    fclose(f);
    size_t w = 0;
    for (size_t r = 0; r < n;) {
        while (r < n && raw[r] == ' ')
            raw[w++] = raw[r++];
        size_t k = r;
        while (k < n && ((raw[k] >= '0' && raw[k] <= '9') || raw[k] == ':'))
            k++;
        if (k > r && k < n && raw[k] == ' ')
            r = k + 1;   /* drop "line:col " */
        while (r < n && raw[r] != '\n')
            raw[w++] = raw[r++];
        if (r < n)
            raw[w++] = raw[r++];
    }
    raw[w] = '\0';
    return raw;
}

/* Parse `text` as file `name` in a scratch source set: its position-free AST dump, or NULL
 * when it does not parse. */
static char *reparse(const char *name, const char *text, size_t len, Interner *in)
{
    Reading rd;
    Arena a;
    reading_init(&rd);
    arena_init(&a);
    uint32_t id = reading_add(&rd, name, text, len);
    ParseResult pr = parse_source(&a, in, &rd.diags, id);
    char *dump = rd.diags.nerrors ? NULL : ast_text(&pr.prog, in, &rd.src);
    arena_free(&a);
    reading_free(&rd);
    return dump;
}

char *fmt_source(SourceSet *src, uint32_t file, Interner *in, Diags *d, size_t *len)
{
    Arena a;
    arena_init(&a);
    size_t before = d->nerrors;
    ParseResult pr = parse_source(&a, in, d, file);
    char *want = d->nerrors > before ? NULL : ast_text(&pr.prog, in, src);
    arena_free(&a);
    if (!want)
        return NULL;
    const SourceFile *f = srcset_get(src, file);
    size_t n;
    char *out = fmt_text(f->text, f->len, &n);
    /* The layout must not change what the script says; if it ever would, refuse rather than
     * hand back (or write) a different script. */
    char *got = reparse(f->name, out, n, in);
    bool same = got && strcmp(want, got) == 0;
    free(want);
    free(got);
    if (!same) {
        diag_error(d, (Span){file, 0, 0}, "fmt cannot lay out this file without changing it");
        diag_hint(d, "this is a dealgraph bug; please report it with the file");
        free(out);
        return NULL;
    }
    if (len)
        *len = n;
    return out;
}
