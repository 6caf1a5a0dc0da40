/* tokens.c - the formatter's tokens, read one top-level statement at a time, their
 * statement segmentation, and the digest of what the parser reads (see tokens.h). */
#include "tokens.h"
#include <stdlib.h>
#include <string.h>
#include "lex.h"
#include "parse_build.h"
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
    int verb;             /* the open statement's deal verb, 0 until one is read */
    bool core_from;       /* ... and `buys X from B`'s own `from` has been read */
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

/* ---- the digest of what the parser reads (tokens.h) ---- */

static uint64_t mix(uint64_t h, uint64_t x)
{
    h = (h ^ x) * 0x9E3779B97F4A7C15u;
    return h ^ (h >> 29);
}

static uint64_t mix_str(uint64_t h, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    for (size_t i = 0; i < n; i++)
        h = mix(h, (unsigned char)s[i]);
    return mix(h, n);
}

typedef struct Digester {
    FDigest d;
    int prev;   /* the last kind digested; 0 at the start */
} Digester;

/* A token the lexer returned (no trivia), with its value. */
static void digest(Digester *g, const Interner *in, int kind, const YYSTYPE *val)
{
    if (kind == ';' && (g->prev == 0 || g->prev == ';' || g->prev == '{'))
        return;   /* an empty statement: the grammar skips it */
    if (kind == LEXERROR)
        g->d.lexes = false;
    uint64_t h = mix(g->d.hash, (uint64_t)kind);
    if (kind == IDENT)
        h = mix_str(h, sym_str(in, val->sym));
    else if (kind == STRING)
        h = mix_str(h, val->str);
    else if (kind == NUMBER || kind == DATE) {
        uint64_t bits;
        memcpy(&bits, &val->val.num, sizeof bits);
        const Dim *dm = &val->val.dim;
        h = mix(mix(h, bits), ((uint64_t)val->val.kind << 40) | ((uint64_t)val->val.flags << 32) |
                                  ((uint64_t)(uint8_t)dm->usd << 24) | ((uint64_t)(uint8_t)dm->gw << 16) |
                                  ((uint64_t)(uint8_t)dm->yr << 8) | (uint8_t)dm->cnt);
    }
    g->d.hash = h;
    g->d.tokens++;
    g->prev = kind;
}

/* A deal's clause words get FF_CLAUSE: the words of lex_is_clause after the statement's
 * verb, except the `from` of `A buys X from B`, which names the seller. */
static void mark_clause(Seg *g, FTok *t, int kind)
{
    if (t->flags & FF_START) {
        g->verb = 0;
        g->core_from = false;
    }
    switch (kind) {
    case INVESTS: case LENDS: case BUYS: case PAYS: case GRANTS: case GUARANTEES: case COMMITS:
        if (!g->verb)
            g->verb = kind;
        return;
    default:
        break;
    }
    if (!g->verb || !lex_is_clause(kind))
        return;
    if (kind == FROM && g->verb == BUYS && !g->core_from)
        g->core_from = true;
    else
        t->flags |= FF_CLAUSE;
}

/* ---- the reader ---- */

struct FTokReader {
    Reading rd;         /* scratch: the copy of the text, names, dropped diagnostics */
    Arena strings;
    ParseCtx pc;
    LexState ls;
    bool trivia;
    Seg seg;
    FToks buf;          /* tokens lexed and not handed out yet */
    bool done;
    Digester dig;
};

static FTokReader *reader_open(const char *text, size_t n, bool trivia)
{
    FTokReader *r = xcalloc(1, sizeof *r);
    reading_init(&r->rd);
    arena_init(&r->strings);
    uint32_t id = reading_add(&r->rd, "<fmt>", text, n);
    r->pc = (ParseCtx){.arena = &r->strings, .in = &r->rd.in, .d = &r->rd.diags, .file = id};
    lex_init(&r->ls, &r->pc, &r->strings, id, trivia ? LEX_TRIVIA : 0);
    r->trivia = trivia;
    r->seg = (Seg){.ts = &r->buf, .first = -1, .last = -1};
    r->dig.d.lexes = true;
    return r;
}

FTokReader *ftoks_open(const char *text, size_t n) { return reader_open(text, n, true); }

void ftoks_close(FTokReader *r)
{
    if (!r)
        return;
    lex_free(&r->ls);
    arena_free(&r->strings);
    reading_free(&r->rd);
    free(r->buf.t);
    free(r->seg.stack);
    free(r->seg.owner);
    free(r);
}

/* Lex one token into the buffer (and the digest); false at the end of the text. *cut:
 * the token starts a top-level statement, so every token before it is final. */
static bool lex_one(FTokReader *r, bool *cut)
{
    YYSTYPE val;
    Span sp;
    int k = lex_next(&val, &sp, &r->ls);
    *cut = false;
    if (k == END)
        return false;
    if (k != COMMENT && k != BLANK)
        digest(&r->dig, &r->rd.in, k, &val);
    if (!r->trivia || k == BLANK)
        return true;
    if (k == COMMENT) {
        /* a comment is '#' to the line end; its trailing blanks are layout */
        while (sp.end > sp.start && blank(r->ls.text[sp.end - 1]))
            sp.end--;
        push(&r->buf, FK_COMMENT, sp);
    } else if (k == ';' && r->ls.implicit) {
        end_stmt(&r->seg);
    } else {
        size_t depth = r->seg.depth;
        push(&r->buf, ftok_kind(k), sp);
        segment_one(&r->seg, r->buf.n - 1);
        mark_clause(&r->seg, &r->buf.t[r->buf.n - 1], k);
        *cut = (r->buf.t[r->buf.n - 1].flags & FF_START) && depth == 0 && r->buf.n > 1;
    }
    return true;
}

bool ftoks_next(FTokReader *r, FToks *ts)
{
    ts->n = 0;
    if (r->done)
        return false;
    bool cut = false;
    while (lex_one(r, &cut) && !cut)
        ;
    if (!cut) {
        end_stmt(&r->seg);
        r->done = true;
    }
    size_t keep = cut ? 1 : 0;   /* the new statement's first token starts the next call */
    size_t give = r->buf.n - keep;
    ts->t = vec_grow(ts->t, &ts->cap, give + 1, sizeof *ts->t);
    if (give)
        memcpy(ts->t, r->buf.t, give * sizeof *ts->t);
    ts->n = give;
    if (keep) {
        r->buf.t[0] = r->buf.t[give];
        r->seg.first = r->seg.last = 0;
        if (r->seg.depth)   /* it opened a block: the block's `{` is at 0 now */
            r->seg.stack[0] = 0, r->seg.owner[0] = 0;
    }
    r->buf.n = keep;
    return give > 0 || !r->done;
}

FDigest ftoks_reader_digest(const FTokReader *r)
{
    FDigest d = r->dig.d;
    d.lexes = d.lexes && r->rd.diags.nerrors == 0;
    return d;
}

FDigest ftoks_digest(const char *text, size_t n)
{
    FTokReader *r = reader_open(text, n, false);
    bool cut;
    while (lex_one(r, &cut))
        ;
    FDigest d = ftoks_reader_digest(r);
    ftoks_close(r);
    return d;
}

void ftoks_free(FToks *ts)
{
    free(ts->t);
    ts->t = NULL;
    ts->n = ts->cap = 0;
}
