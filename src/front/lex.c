/* lex.c - the token stream over the flex scanner: the newline rule, implicit ';' before
 * '}' and at the end of input, paren-depth cap, unclosed-brace report, trivia tokens for
 * the formatter, and the `--tokens` dump. */
#include "lex.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lexpipe.h"
#include "tokens.h"

void lex_init(LexState *ls, ParseCtx *pc, Arena *arena, uint32_t file, unsigned flags)
{
    memset(ls, 0, sizeof *ls);
    const SourceFile *f = srcset_get(pc->d->src, file);
    ls->arena = arena;
    ls->in = pc->in;
    ls->d = pc->d;
    ls->pc = pc;
    ls->file = file;
    ls->text = f ? f->text : "";
    ls->len = f ? f->len : 0;
    ls->trivia = flags & LEX_TRIVIA;
    pc->lex = ls;
    if (flags & LEX_THREAD && (ls->pipe = lexpipe_start(ls->text, ls->len, file)) != NULL)
        return;
    arena_init(&ls->msgs);
    ls->rs = (RawScan){.text = ls->text, .len = ls->len, .file = file, .in = ls->in,
                       .strings = arena, .msgs = &ls->msgs};
    ls->scanner = lex_scanner_new(&ls->rs);
}

void lex_free(LexState *ls)
{
    if (ls->pipe)
        lexpipe_finish(ls->pipe, ls->arena);
    else
        lex_scanner_free(ls->scanner);
    arena_free(&ls->msgs);
    free(ls->braces);
    free(ls->errs);
    free(ls->names);
    ls->pipe = NULL;
    ls->scanner = NULL;
    ls->braces = NULL;
    ls->errs = NULL;
    ls->names = NULL;
}

static const char *vformat(Arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *p = arena_alloc(a, n > 0 ? (size_t)n + 1 : 1);
    if (n > 0)
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

void raw_error(RawScan *rs, Span sp, const char *hint, const char *fmt, ...)
{
    if (rs->nerrs == RAW_ERRS_PER_TOKEN)   /* cannot happen: a token raises at most two */
        return;
    LexErr *e = &rs->errs[rs->nerrs++];
    *e = (LexErr){sp, NULL, NULL, false};
    if (rs->nworded >= RAW_MAX_ERRORS)   /* far past what diagnostics keep: only count */
        return;
    rs->nworded++;
    va_list ap;
    va_start(ap, fmt);
    e->msg = vformat(rs->msgs, fmt, ap);
    va_end(ap);
    if (hint)
        e->hint = arena_strdup(rs->msgs, hint);
}

void raw_hint(RawScan *rs, const char *fmt, ...)
{
    if (rs->nerrs == 0 || !rs->errs[rs->nerrs - 1].msg)
        return;
    va_list ap;
    va_start(ap, fmt);
    rs->errs[rs->nerrs - 1].hint = vformat(rs->msgs, fmt, ap);
    va_end(ap);
}

/* Report a queued scanner error at the point of the token stream where it was raised. */
static void report_raw_error(LexState *ls, const LexErr *e)
{
    lex_error(ls, e->span, e->hint, "%s", e->msg ? e->msg : "unreadable text");
    if (e->eof)
        ls->eof_error = true;
}

void lex_error(LexState *ls, Span sp, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t before = ls->d->nerrors;
    diag_add(ls->d, DIAG_ERROR, sp, fmt, ap);
    va_end(ap);
    if (ls->d->nerrors > before && hint)
        diag_hint(ls->d, "%s", hint);
    ls->pc->nerrors++;
    if (sp.start >= ls->len)
        ls->pc->nerrors_at_end++;
    /* The token being read belongs to the statement after the last ';' returned. */
    lex_mark_error(ls, ls->nsemi);
}

void lex_mark_error(LexState *ls, unsigned long stmt)
{
    if (ls->nerrs > 0 && ls->errs[ls->nerrs - 1] >= stmt)
        return;
    ls->errs = vec_grow(ls->errs, &ls->cerrs, ls->nerrs + 1, sizeof *ls->errs);
    ls->errs[ls->nerrs++] = stmt;
}

bool lex_stmt_failed(const LexState *ls, unsigned long stmt)
{
    for (size_t i = ls->nerrs; i > 0 && ls->errs[i - 1] >= stmt; i--)
        if (ls->errs[i - 1] == stmt)
            return true;
    return false;
}

unsigned long lex_semi_number(const LexState *ls, int lookahead)
{
    unsigned long n = ls->nsemi - 1;
    return lookahead == ';' && n > 0 ? n - 1 : n;
}

/* Tokens after which a newline ends the statement (see grammar/README.md). */
static bool can_end(int k)
{
    switch (k) {
    case IDENT: case NUMBER: case DATE: case STRING: case ')': case '}':
    case NONBINDING: case DEFAULTS: case SHARES: case TRUE: case FALSE:
        return true;
    default:
        return false;
    }
}

static void push(LexState *ls, int kind, const YYSTYPE *val, Span sp, bool implicit)
{
    LexPending *p = &ls->pend[ls->npend++];
    p->kind = kind;
    if (val)
        p->val = *val;
    p->span = sp;
    p->implicit = implicit;
}

/* Hand a token to the caller and remember it (the error wording looks back two tokens). */
static int emit(LexState *ls, int kind, Span sp, bool implicit)
{
    if (kind == COMMENT || kind == BLANK) {   /* trivia: invisible to the newline rule */
        ls->implicit = false;
        return kind;
    }
    ls->prev2 = ls->prev;
    ls->prev = ls->last;
    ls->prev_span = ls->last_span;
    ls->last = kind;
    ls->last_span = sp;
    ls->implicit = implicit;
    ls->tok_stmt = ls->nsemi;
    if (kind == ';')
        ls->nsemi++;
    return kind;
}

static int pop_pending(YYSTYPE *val, Span *loc, LexState *ls)
{
    LexPending p = ls->pend[0];
    memmove(ls->pend, ls->pend + 1, (size_t)(ls->npend - 1) * sizeof *ls->pend);
    ls->npend--;
    *val = p.val;
    *loc = p.span;
    return emit(ls, p.kind, p.span, p.implicit);
}

static int at_eof(YYSTYPE *val, Span *loc, LexState *ls)
{
    Span end = {ls->file, (uint32_t)ls->len, (uint32_t)ls->len};
    *loc = end;
    if (ls->eof_seen)
        return emit(ls, END, end, false);
    ls->eof_seen = true;
    if (ls->nbraces > 0 && !ls->stop) {
        uint32_t b = ls->braces[ls->nbraces - 1];
        lex_error(ls, (Span){ls->file, b, b + 1}, "add the missing '}'",
                  "unclosed '{' opened here");
        ls->pc->nerrors_at_end++;   /* more input may close it (REPL continuation) */
        ls->eof_error = true;
    }
    if (can_end(ls->last) && !ls->stop) {
        push(ls, END, NULL, end, false);
        return emit(ls, ';', end, true);
    }
    (void)val;
    return emit(ls, END, end, false);
}

/* A '(' past the cap ends the parse: deeper input is not worth a stack. */
static bool open_paren(LexState *ls, Span sp)
{
    if (++ls->parens <= LEX_MAX_PARENS)
        return true;
    lex_error(ls, sp, "split the expression with `let`", "nesting too deep (more than %d '(')",
              LEX_MAX_PARENS);
    ls->stop = true;
    ls->eof_error = true;
    return false;
}

/* The pipe's name ids are its own; each maps to this parse's interner once. */
static Sym map_name(LexState *ls, const PipeTok *t)
{
    Sym s = t->v.name.sym;
    if (s >= ls->nnames) {
        size_t old = ls->nnames;
        ls->names = vec_grow(ls->names, &ls->nnames, (size_t)s + 1, sizeof *ls->names);
        memset(ls->names + old, 0, (ls->nnames - old) * sizeof *ls->names);
    }
    if (!ls->names[s])
        ls->names[s] = intern(ls->in, t->v.name.text, t->v.name.len);
    return ls->names[s];
}

/* The next token from the scanning thread, its queued errors reported first. */
static int pipe_next(YYSTYPE *val, Span *loc, LexState *ls)
{
    for (;;) {
        const PipeTok *t = lexpipe_next(ls->pipe);
        if (t->kind == PIPE_ERROR) {
            report_raw_error(ls, t->v.err);
            continue;
        }
        *loc = t->span;
        switch (t->kind) {
        case IDENT: val->sym = map_name(ls, t); break;
        case NUMBER: case DATE:
            val->val = (Value){.kind = (VKind)t->v.val.kind, .flags = t->v.val.flags,
                               .dim = t->v.val.dim, .num = t->v.val.num};
            break;
        case STRING: val->str = t->v.str; break;
        case NEWLINE: val->n = t->v.n; break;
        default: break;
        }
        return t->kind;
    }
}

/* The next token of the flex scanner on this thread, its queued errors reported first. */
static int scan_next(YYSTYPE *val, Span *loc, LexState *ls)
{
    for (;;) {
        int k = dg_rawlex(val, loc, ls->scanner);
        for (size_t i = 0; i < ls->rs.nerrs; i++)
            report_raw_error(ls, &ls->rs.errs[i]);
        ls->rs.nerrs = 0;
        if (k != LEXERROR)
            return k;
    }
}

static int raw_next(YYSTYPE *val, Span *loc, LexState *ls)
{
    if (ls->raw.kind) {
        int k = ls->raw.kind;
        *val = ls->raw.val;
        *loc = ls->raw.span;
        ls->raw.kind = 0;
        return k;
    }
    if (ls->stop || ls->raw_eof)
        return END;
    int k = ls->pipe ? pipe_next(val, loc, ls) : scan_next(val, loc, ls);
    ls->raw_eof = k == END;
    return k;
}

/* Words that only ever start a statement. */
static bool starts_statement(int k)
{
    switch (k) {
    case COMPANY: case BANK: case MARKET: case LET: case INCLUDE: case USE: case DEAL:
    case SHOW: case ASSERT: case SCENARIO: case WHAT: case SHOCK: case CANCEL: case DROP:
    case SET: case LAYERS:
        return true;
    default:
        return false;
    }
}

/* Inside an unclosed '(' a newline is space, so one missing ')' would swallow the rest of
 * the file into one statement. A line that starts with a statement word ends it instead. */
static void close_forgotten_parens(LexState *ls)
{
    YYSTYPE v;
    Span sp;
    int k = raw_next(&v, &sp, ls);
    ls->raw = (LexPending){k, v, sp, false};
    if (k != END && starts_statement(k))
        ls->parens = 0;
}

bool lex_is_clause(int kind)
{
    switch (kind) {
    case OVER: case FROM: case DUE: case AT: case NONBINDING: case SOURCE: case VESTING:
        return true;
    default:
        return false;
    }
}

/* Does the text at `from` (the line after a newline) start with a clause word? Read from
 * the text, not the scanner: reading the next token ahead would report its lexical errors
 * as errors of the statement before it. */
static bool clause_line(const LexState *ls, size_t from)
{
    size_t i = from;
    while (i < ls->len && (ls->text[i] == ' ' || ls->text[i] == '\t' || ls->text[i] == '\r'))
        i++;
    size_t j = i;
    for (; j < ls->len && j - i < 16; j++) {
        char c = ls->text[j];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_'))
            break;
    }
    return j > i && lex_is_clause(keyword_token(ls->text + i, j - i));
}

static int on_newline(YYSTYPE *val, Span *loc, LexState *ls, int lines)
{
    if (ls->parens > 0)
        close_forgotten_parens(ls);
    Span nl = {ls->file, loc->start, loc->start + 1};
    bool blank = lines >= 2 && ls->trivia && ls->last != 0;
    /* a line that starts with a deal clause goes on with the statement above it */
    bool goes_on = lines == 1 && clause_line(ls, loc->end);
    if (ls->parens == 0 && can_end(ls->last) && !goes_on) {
        if (blank)
            push(ls, BLANK, val, *loc, false);
        *loc = nl;
        return emit(ls, ';', nl, true);
    }
    if (blank)
        return emit(ls, BLANK, *loc, false);
    return 0;   /* not a token: read on */
}

static int on_brace(YYSTYPE *val, Span *loc, LexState *ls, int kind)
{
    ls->parens = 0;   /* a brace ends any expression: unbalanced '(' does not leak past it */
    if (kind == '{') {
        ls->braces = vec_grow(ls->braces, &ls->cbraces, ls->nbraces + 1, sizeof *ls->braces);
        ls->braces[ls->nbraces++] = loc->start;
        return emit(ls, kind, *loc, false);
    }
    ls->stray_close = ls->nbraces == 0;
    if (ls->nbraces > 0)
        ls->nbraces--;
    if (can_end(ls->last)) {
        push(ls, '}', val, *loc, false);
        Span gap = {ls->file, loc->start, loc->start};
        *loc = gap;
        return emit(ls, ';', gap, true);
    }
    return emit(ls, kind, *loc, false);
}

/* A '{' in a statement that already has an error: skip to its '}'. The statement is
 * dropped anyway, and parsing the block's insides at the outer level would only report
 * the block's statements and its '}' as errors of their own (cascades). */
static void skip_block(LexState *ls)
{
    int depth = 0;
    for (;;) {
        YYSTYPE v;
        Span sp;
        int k = raw_next(&v, &sp, ls);
        if (k == END || (k == '}' && depth == 0)) {
            ls->raw = (LexPending){k, v, sp, false};
            return;
        }
        depth += k == '{' ? 1 : k == '}' ? -1 : 0;
    }
}

int lex_next(YYSTYPE *val, Span *loc, LexState *ls)
{
    if (ls->npend > 0)
        return pop_pending(val, loc, ls);
    if (ls->last == '{' && !ls->trivia && lex_stmt_failed(ls, ls->tok_stmt))
        skip_block(ls);
    for (;;) {
        int k = raw_next(val, loc, ls);
        switch (k) {
        case END:
            return at_eof(val, loc, ls);
        case NEWLINE:
            if ((k = on_newline(val, loc, ls, val->n)) != 0)
                return k;
            continue;
        case COMMENT:
            if (ls->trivia)
                return emit(ls, k, *loc, false);
            continue;
        case '(':
            if (!open_paren(ls, *loc))
                continue;
            return emit(ls, k, *loc, false);
        case ')':
            if (ls->parens > 0)
                ls->parens--;
            return emit(ls, k, *loc, false);
        case '{':
        case '}':
            return on_brace(val, loc, ls, k);
        default:
            return emit(ls, k, *loc, false);
        }
    }
}

size_t lex_all(Interner *in, Diags *d, SourceSet *src, uint32_t file, Token **out)
{
    (void)src;   /* the file is found through d->src, like the parser does */
    Arena a;
    arena_init(&a);
    ParseCtx pc = {.arena = &a, .in = in, .d = d, .file = file};
    LexState ls;
    lex_init(&ls, &pc, &a, file, LEX_TRIVIA);
    size_t n = 0, cap = 0;
    Token *v = NULL;
    for (;;) {
        YYSTYPE val;
        Span sp;
        int k = lex_next(&val, &sp, &ls);
        v = vec_grow(v, &cap, n + 1, sizeof *v);
        v[n++] = (Token){k, sp, k == ';' && ls.implicit};
        if (k == END)
            break;
    }
    lex_free(&ls);
    arena_free(&a);
    *out = v;
    return n;
}

/* line:col by scanning on from the previous token: tokens come in order, so the whole
 * dump is linear even for a 100 MB single-line file. */
static void advance(const SourceFile *f, uint32_t *off, uint32_t to, int *line, int *col)
{
    for (; *off < to && *off < f->len; (*off)++) {
        unsigned char c = (unsigned char)f->text[*off];
        if (c == '\n') {
            (*line)++;
            *col = 1;
        } else if ((c & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

static void dump_text(FILE *out, const SourceFile *f, Span sp)
{
    size_t len = sp.end - sp.start;
    fputs(" `", out);
    for (size_t j = 0; j < len && j < 60; j++) {
        unsigned char c = (unsigned char)f->text[sp.start + j];
        fputc(c < 0x20 || c == 0x7f ? '?' : c, out);
    }
    fputs(len > 60 ? "...`" : "`", out);
}

void tokens_dump(FILE *out, SourceSet *src, uint32_t file, Interner *in, Diags *d)
{
    Token *t;
    size_t n = lex_all(in, d, src, file, &t);
    const SourceFile *f = srcset_get(src, file);
    uint32_t off = 0;
    int line = 1, col = 1;
    for (size_t i = 0; i < n && f; i++) {
        if (t[i].span.start < off) {   /* never in practice; stay correct anyway */
            off = 0;
            line = col = 1;
        }
        advance(f, &off, t[i].span.start, &line, &col);
        const char *kind = t[i].implicit_semi ? "implicit ';'" : token_name(t[i].kind);
        fprintf(out, "%d:%d %s", line, col, kind);
        if (t[i].span.end > t[i].span.start && t[i].kind != BLANK && t[i].kind != ';')
            dump_text(out, f, t[i].span);
        fputc('\n', out);
    }
    free(t);
}
