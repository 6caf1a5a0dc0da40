/* fmt_tok.c - the formatter's scanner and statement segmentation (see fmt_tok.h). */
#include "fmt_tok.h"
#include <stdlib.h>
#include <string.h>
#include "arena.h"

static const char *const KEYWORDS[] = {
    "company", "bank", "market", "price", "as", "of", "let", "include", "use", "deal",
    "invests", "in", "lends", "to", "buys", "from", "pays", "pay", "grants", "shares",
    "vesting", "with", "guarantees", "over", "at", "due", "nonbinding", "source", "show",
    "assert", "scenario", "what", "if", "defaults", "shock", "by", "cancel", "drop", "set",
    "and", "or", "not", "true", "false", NULL,
};

/* Keywords after which a newline ends a statement, like any name or literal. */
static const char *const KW_ENDERS[] = {"nonbinding", "defaults", "shares", "true", "false", NULL};

static bool in_list(const char *const *list, const char *s, size_t n)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, s, n) == 0)
            return true;
    return false;
}

bool ftok_is(const FTok *t, const char *text, const char *s)
{
    size_t k = strlen(s);
    return t->end - t->start == k && memcmp(text + t->start, s, k) == 0;
}

static bool is_ident(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static void push(FToks *ts, FTokKind k, size_t start, size_t end)
{
    ts->t = vec_grow(ts->t, &ts->cap, ts->n + 1, sizeof *ts->t);
    ts->t[ts->n++] = (FTok){.kind = k, .start = (uint32_t)start, .end = (uint32_t)end};
}

/* A number-like literal: [$] digits, then letters/digits/./% (scale, unit, Q3), a date's
 * -MM[-DD], and a rate suffix /y /mo /GW when no name continues after it. */
static size_t scan_number(const char *s, size_t n, size_t i)
{
    size_t b = i;
    if (s[i] == '$')
        i++;
    while (i < n && (is_ident(s[i]) || s[i] == '.' || s[i] == '%'))
        i++;
    while (i + 2 < n && s[i] == '-' && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
           i - b >= 4 && !(i + 3 < n && is_digit(s[i + 3])))
        i += 3;
    static const char *const rates[] = {"/y", "/mo", "/GW"};
    for (int r = 0; r < 3; r++) {
        size_t k = strlen(rates[r]);
        if (i + k <= n && memcmp(s + i, rates[r], k) == 0 && !(i + k < n && is_ident(s[i + k])))
            return i + k;
    }
    return i;
}

static size_t scan_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n && s[i] != '"' && s[i] != '\n'; i++)
        if (s[i] == '\\' && i + 1 < n && s[i + 1] != '\n')
            i++;
    return i < n && s[i] == '"' ? i + 1 : i;
}

static size_t scan_comment(const char *s, size_t n, size_t i, size_t *end)
{
    size_t j = i;
    while (j < n && s[j] != '\n')
        j++;
    size_t e = j;
    while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
        e--;
    *end = e;
    return j;
}

static void scan(FToks *ts, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        size_t b = i;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
            i++;
        } else if (c == '#') {
            size_t e;
            i = scan_comment(s, n, i, &e);
            push(ts, FT_COMMENT, b, e);
        } else if (c == '"') {
            i = scan_string(s, n, i);
            push(ts, FT_STR, b, i);
        } else if (is_digit(c) || (c == '$' && i + 1 < n && is_digit(s[i + 1]))) {
            i = scan_number(s, n, i);
            push(ts, FT_NUM, b, i);
        } else if (is_ident(c)) {
            while (i < n && is_ident(s[i]))
                i++;
            push(ts, FT_WORD, b, i);
            if (in_list(KEYWORDS, s + b, i - b))
                ts->t[ts->n - 1].flags |= FF_KW;
        } else {
            i++;
            if (i < n && s[i] == '=' && strchr("<>=!", c))
                i++;
            push(ts, FT_PUNCT, b, i);
        }
    }
}

/* Can a newline after this token end the statement? */
static bool ender(const FTok *t, const char *s)
{
    switch (t->kind) {
    case FT_NUM:
    case FT_STR:
        return true;
    case FT_WORD:
        return !(t->flags & FF_KW) || in_list(KW_ENDERS, s + t->start, t->end - t->start);
    case FT_PUNCT:
        return ftok_is(t, s, ")") || ftok_is(t, s, "}");
    default:
        return false;
    }
}

static bool newline_between(const char *s, const FTok *a, const FTok *b)
{
    return memchr(s + a->end, '\n', b->start - a->end) != NULL;
}

/* The state of segmentation: the open statement's first and last token, paren depth, and
 * the stack of open `{` (each remembers the statement it belongs to). */
typedef struct Seg {
    FToks *ts;
    const char *s;
    long first, last;     /* -1 when no statement is open */
    int paren;
    size_t *stack;        /* index of each open `{` */
    long *owner;          /* first token of the statement that opened it */
    size_t depth, cap;
} Seg;

static void end_stmt(Seg *g)
{
    if (g->first >= 0)
        g->ts->t[g->last].flags |= FF_END;
    g->first = g->last = -1;
}

/* A statement starts at token i: count it in its block and, in an entity block
 * (company/bank/market NAME { ... }), record the widest attribute name. */
static void note_attr(Seg *g, size_t i)
{
    if (g->depth == 0)
        return;
    FTok *open = &g->ts->t[g->stack[g->depth - 1]];
    open->nstmts++;
    const FTok *own = &g->ts->t[g->owner[g->depth - 1]];
    if (ftok_is(own, g->s, "company") || ftok_is(own, g->s, "bank") ||
        ftok_is(own, g->s, "market")) {
        uint32_t w = g->ts->t[i].end - g->ts->t[i].start;
        if (w > open->width)
            open->width = w;
    }
}

static void open_brace(Seg *g, size_t i)
{
    size_t need = g->depth + 1;
    size_t cap = g->cap;
    g->stack = vec_grow(g->stack, &cap, need, sizeof *g->stack);
    g->owner = vec_grow(g->owner, &g->cap, need, sizeof *g->owner);
    g->stack[g->depth] = i;
    g->owner[g->depth++] = g->first >= 0 ? g->first : (long)i;
    g->first = g->last = -1;   /* the block's statements start fresh */
}

static void close_brace(Seg *g, size_t i)
{
    end_stmt(g);
    if (g->depth > 0) {
        g->depth--;
        g->ts->t[g->stack[g->depth]].close = (uint32_t)i;
        g->first = g->owner[g->depth];   /* `}` belongs to the statement that opened it */
    } else {
        g->first = (long)i;
    }
    g->last = (long)i;
}

static void segment_one(Seg *g, size_t i)
{
    FTok *t = &g->ts->t[i];
    const char *s = g->s;
    if (g->last >= 0 && g->paren == 0) {
        const FTok *p = &g->ts->t[g->last];
        bool nl = newline_between(s, p, t);
        /* After `}` only a `{` on the same line continues (what if {...} {...}). */
        if ((nl && ender(p, s)) || (ftok_is(p, s, "}") && (nl || !ftok_is(t, s, "{"))))
            end_stmt(g);
    }
    if (ftok_is(t, s, ";")) {
        end_stmt(g);
        return;
    }
    if (ftok_is(t, s, "}")) {
        close_brace(g, i);
        return;
    }
    if (g->first < 0) {
        t->flags |= FF_START;
        g->first = (long)i;
        note_attr(g, i);
    }
    g->last = (long)i;
    if (ftok_is(t, s, "("))
        g->paren++;
    else if (ftok_is(t, s, ")") && g->paren > 0)
        g->paren--;
    else if (ftok_is(t, s, "{")) {
        g->paren = 0;
        open_brace(g, i);
    }
}

void ftoks_scan(FToks *ts, const char *text, size_t n)
{
    ts->t = NULL;
    ts->n = ts->cap = 0;
    scan(ts, text, n);
    Seg g = {.ts = ts, .s = text, .first = -1, .last = -1};
    for (size_t i = 0; i < ts->n; i++)
        if (ts->t[i].kind != FT_COMMENT)
            segment_one(&g, i);
    end_stmt(&g);
    free(g.stack);
    free(g.owner);
}

void ftoks_free(FToks *ts)
{
    free(ts->t);
    ts->t = NULL;
    ts->n = ts->cap = 0;
}
