/* tokens.c - the formatter's tokens and statement segmentation (see tokens.h). */
#include "tokens.h"
#include <stdlib.h>
#include <string.h>
#include "lex.h"
#include "reading.h"

bool ftok_punct(int kind) { return kind < 256 || kind == FK_OP2; }
bool ftok_keyword(int kind) { return kind >= FK_ENTITY && kind <= FK_KEYWORD; }

/* The parser's token kind as the formatter sees it (tokens.h). */
static int ftok_kind(int kind)
{
    switch (kind) {
    case COMMENT: return FK_COMMENT;
    case IDENT: return FK_NAME;
    case NUMBER: return FK_NUMBER;
    case DATE: return FK_DATE;
    case STRING: return FK_STRING;
    case LE: case GE: case EQ: case NE: return FK_OP2;
    case COMPANY: case BANK: case MARKET: return FK_ENTITY;
    case PRICE: return FK_PRICE;
    case SET: return FK_SET;
    case IN: return FK_IN;
    case TRUE: case FALSE: return FK_BOOL;
    default: return kind < 256 ? kind : token_is_keyword(kind) ? FK_KEYWORD : FK_OTHER;
    }
}

/* The state of segmentation: the open statement's first and last token, and the stack of
 * open `{` (each remembers the statement it belongs to). */
typedef struct Seg {
    FToks *ts;
    long first, last;     /* -1 when no statement is open */
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
    int own = g->ts->t[g->owner[g->depth - 1]].kind;
    if (own == FK_ENTITY) {
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

/* Token i (not a comment) in statement terms. The lexer's `;` (written or implicit) ends
 * a statement; so does a `}` followed on its line by anything but `{` (only `what if
 * {...} {...}` goes on after a `}`; a newline after it is already an implicit `;`). */
static void segment_one(Seg *g, size_t i)
{
    int k = g->ts->t[i].kind;
    if (g->last >= 0 && g->ts->t[g->last].kind == '}' && k != '{')
        end_stmt(g);
    if (k == ';') {
        end_stmt(g);
        return;
    }
    if (k == '}') {
        close_brace(g, i);
        return;
    }
    if (g->first < 0) {
        g->ts->t[i].flags |= FF_START;
        g->first = (long)i;
        note_attr(g, i);
    }
    g->last = (long)i;
    if (k == '{')
        open_brace(g, i);
}

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

static void push(FToks *ts, int kind, Span sp)
{
    ts->t = vec_grow(ts->t, &ts->cap, ts->n + 1, sizeof *ts->t);
    ts->t[ts->n++] = (FTok){.kind = kind, .start = sp.start, .end = sp.end};
}

/* The lexer's tokens of `text`, through a scratch source set: its diagnostics are dropped
 * (the caller has parsed the text already, or wants a best effort). */
static size_t lex_text(const char *text, size_t n, Token **out)
{
    Reading rd;
    reading_init(&rd);
    uint32_t id = reading_add(&rd, "<fmt>", text, n);
    size_t k = lex_all(&rd.in, &rd.diags, &rd.src, id, out);
    reading_free(&rd);
    return k;
}

void ftoks_lex(FToks *ts, const char *text, size_t n)
{
    ts->t = NULL;
    ts->n = ts->cap = 0;
    Token *lt;
    size_t m = lex_text(text, n, &lt);
    Seg g = {.ts = ts, .first = -1, .last = -1};
    for (size_t j = 0; j < m; j++) {
        Token t = lt[j];
        if (t.kind == COMMENT) {
            /* a comment is '#' to the line end; its trailing blanks are layout */
            while (t.span.end > t.span.start && blank(text[t.span.end - 1]))
                t.span.end--;
            push(ts, FK_COMMENT, t.span);
        } else if (t.kind == ';' && t.implicit_semi) {
            end_stmt(&g);
        } else if (t.kind != BLANK && t.kind != END) {
            push(ts, ftok_kind(t.kind), t.span);
            segment_one(&g, ts->n - 1);
        }
    }
    end_stmt(&g);
    free(lt);
    free(g.stack);
    free(g.owner);
}

void ftoks_free(FToks *ts)
{
    free(ts->t);
    ts->t = NULL;
    ts->n = ts->cap = 0;
}
