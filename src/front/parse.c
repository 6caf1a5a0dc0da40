/* parse.c - the parse entry point and the wording of syntax errors. */
#include "parse.h"
#include "lex.h"
#include "literal.h"
#include "world.h"
#include <string.h>

int yyparse(ParseCtx *pc);

static ParseResult run(ParseCtx *pc, Arena *strings)
{
    pc->prog.file = pc->file;
    LexState ls;
    /* A large input is scanned on a second thread while this one parses and evaluates. */
    const SourceFile *f = srcset_get(pc->d->src, pc->file);
    lex_init(&ls, pc, strings, pc->file, f && f->len >= LEX_THREAD_MIN ? LEX_THREAD : 0);
    pc->mark = arena_mark(pc->arena);
    yyparse(pc);
    lex_free(&ls);
    ParseResult r = {pc->prog, pc->nerrors, pc->nerrors > 0 && pc->nerrors_at_end == pc->nerrors};
    return r;
}

ParseResult parse_source(Arena *arena, Interner *in, Diags *diags, uint32_t file)
{
    ParseCtx pc = {.arena = arena, .in = in, .d = diags, .file = file};
    return run(&pc, arena);
}

ParseResult parse_source_each(Arena *nodes, Arena *strings, Interner *in, Diags *diags,
                              uint32_t file, ParseStmtFn each, void *ud)
{
    ParseCtx pc = {.arena = nodes, .in = in, .d = diags, .file = file, .each = each,
                   .each_ud = ud};
    return run(&pc, strings);
}

void parse_trial(ParseTrial *t, const char *text, size_t len)
{
    reading_init(&t->rd);
    arena_init(&t->arena);
    uint32_t id = reading_add(&t->rd, "<input>", text, len);
    t->result = parse_source(&t->arena, &t->rd.in, &t->rd.diags, id);
}

void parse_trial_free(ParseTrial *t)
{
    arena_free(&t->arena);
    reading_free(&t->rd);
}

/* Is a token's name (token_name) a keyword, to be quoted in messages: 'invests'? */
static bool is_keyword_name(const char *n) { return keyword_token(n, strlen(n)) != 0; }

/* How a token reads in a message: name 'x', string "abc", amount 10B, 'invests'. */
static void describe(LexState *ls, int kind, Span sp, char *buf, size_t n)
{
    const char *text = ls->text + sp.start;
    int len = (int)(sp.end - sp.start);
    if (len > 40)
        len = 40;
    const char *more = sp.end - sp.start > 40 ? "..." : "";
    switch (kind) {
    case END: snprintf(buf, n, "end of input"); return;
    case IDENT: snprintf(buf, n, "name '%.*s%s'", len, text, more); return;
    case STRING: snprintf(buf, n, "string %.*s%s", len, text, more); return;
    case NUMBER: snprintf(buf, n, "amount %.*s%s", len, text, more); return;
    case DATE: snprintf(buf, n, "date %.*s", len, text); return;
    case ';':
        if (!ls->implicit)
            snprintf(buf, n, "';'");
        else if (sp.start >= ls->len)
            snprintf(buf, n, "end of input");
        else if (ls->text[sp.start] == '}')   /* the ';' inserted before a '}' */
            snprintf(buf, n, "'}'");
        else
            snprintf(buf, n, "end of line");
        return;
    default: break;
    }
    const char *name = token_name(kind);
    if (is_keyword_name(name))
        snprintf(buf, n, "'%s'", name);
    else
        snprintf(buf, n, "%s", name);
}

/* Operators and the tokens that start a value clutter an "expected" list: after `5` a
 * dozen operators could follow, but the useful words are the ones that are left. */
static bool is_clutter(const char *e)
{
    static const char *const words[] = {
        "'+'", "'-'", "'*'", "'/'", "'<'", "'>'", "<=", ">=", "==", "!=", "and", "or",
        "name", "amount", "date", "string", "true", "false", "not", "in", "'('"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(e, words[i]) == 0)
            return true;
    return false;
}

static void expected_list(int nexp, const char *const *exp, bool value, char *buf, size_t n)
{
    const char *keep[8];
    int k = 0;
    buf[0] = '\0';
    if (nexp <= 0)
        return;
    for (int i = 0; i < nexp; i++) {
        if (strcmp(exp[i], "')'") == 0 && nexp > 5) {   /* the likely one among operators */
            snprintf(buf, n, ", expected ')'");
            return;
        }
        if ((nexp > 5 || value) && is_clutter(exp[i]))
            continue;
        if (k == 6)
            return;   /* too many to be a useful list */
        keep[k++] = exp[i];
    }
    if (value)
        keep[k++] = "a value";
    size_t o = 0;
    for (int i = 0; i < k && o < n; i++) {
        const char *sep = i == 0 ? ", expected " : i == k - 1 ? " or " : ", ";
        const char *e = strcmp(keep[i], "';'") == 0 ? "end of statement" : keep[i];
        o += (size_t)snprintf(buf + o, n - o, is_keyword_name(e) ? "%s'%s'" : "%s%s", sep, e);
    }
}

static bool is_verb(int k)
{
    return k == INVESTS || k == LENDS || k == BUYS || k == PAYS || k == GUARANTEES ||
           k == COMMITS;
}

/* Is the token at sp an attribute's name (`cash`, `revenue` ...)? */
static bool is_attr_word(const LexState *ls, Span sp)
{
    for (int a = 0; a < A__COUNT; a++) {
        const char *w = attr_name((AttrId)a);
        if (strlen(w) == sp.end - sp.start && !memcmp(ls->text + sp.start, w, sp.end - sp.start))
            return true;
    }
    return false;
}

/* A deal's core with the wrong word after its amount (`a invests 5B into b`), or its parties
 * and amount in another order (`a pays b 5B`): the sentence it takes. NULL when the tokens
 * are not that. */
static const char *deal_word_hint(const LexState *ls)
{
    if (!(ls->last == IDENT && ls->prev == NUMBER) && !(ls->last == NUMBER && ls->prev == IDENT))
        return NULL;
    switch (ls->prev2) {
    case INVESTS: return "a deal reads `A invests X in B`";
    case LENDS: return "a deal reads `A lends X to B`";
    case BUYS: return "a deal reads `A buys X from B`";
    case PAYS: return "a deal reads `A pays X to B`";
    case GUARANTEES: return "a guarantee reads `A guarantees X to B`";
    case COMMITS: return "a credit facility reads `A commits X credit to B`";
    default: return NULL;
    }
}

/* Hints for an attribute block written another way: two on one line with no ';' between
 * them, or `cash: 5B` / `cash = 5B`. False when the tokens are not that. */
static bool attr_hint(ParseCtx *pc)
{
    LexState *ls = pc->lex;
    if (ls->nbraces == 0)
        return false;
    if (ls->last == IDENT && ls->prev != IDENT && is_attr_word(ls, ls->last_span)) {
        diag_hint(pc->d, "attributes go one to a line, or with ';' between them: cash 5B; "
                         "revenue 3B/y");
        return true;
    }
    if ((ls->last == ':' || ls->last == '=') && ls->prev == IDENT &&
        is_attr_word(ls, ls->prev_span)) {
        diag_hint(pc->d, "an attribute is its name and its value: %.*s 5B",
                  (int)(ls->prev_span.end - ls->prev_span.start), ls->text + ls->prev_span.start);
        return true;
    }
    if (ls->last == ',') {
        diag_hint(pc->d, "in a block, ';' or a new line separates one statement or attribute "
                         "from the next, not ','");
        return true;
    }
    return false;
}

/* Tokens after which a new statement (or a labelled deal's core) begins. */
static bool starts_statement(int k)
{
    return k == 0 || k == ';' || k == '{' || k == '}' || k == ':';
}

/* Hints for the two ways a statement runs on past its line: an open '(' and a line that
 * ends in an operator. */
static void continuation_hint(ParseCtx *pc, Span loc)
{
    LexState *ls = pc->lex;
    bool keyword = is_keyword_name(token_name(ls->last));
    if (keyword && ls->nbraces > 0 && ls->last != PRICE && ls->last != SHARES) {
        int line, col;
        srcset_linecol(pc->d->src, ls->file, ls->braces[ls->nbraces - 1], &line, &col);
        diag_hint(pc->d, "the '{' of line %d is still open: is a '}' missing before this?", line);
        return;
    }
    if (ls->parens > 0) {
        diag_hint(pc->d, "a '(' is still open, and inside parentheses a new line does not end "
                         "the statement");
        return;
    }
    if (!ls->prev_span.file || ls->prev_span.end > loc.start || ls->prev == ';')
        return;
    const char *nl = memchr(ls->text + ls->prev_span.end, '\n', loc.start - ls->prev_span.end);
    const char *name = token_name(ls->prev);
    if (nl)
        diag_hint(pc->d, is_keyword_name(name)
                             ? "the line before ends with '%s', so the statement goes on here"
                             : "the line before ends with %s, so the statement goes on here",
                  name);
}

/* A clause word (`source`, `over` ...) that starts its line and cannot go on: say what the
 * line rule is. Returns false when the token is not one. */
static bool clause_hint(ParseCtx *pc, Span loc)
{
    LexState *ls = pc->lex;
    if (!lex_is_clause(ls->last))
        return false;
    size_t i = loc.start;
    while (i > 0 && (ls->text[i - 1] == ' ' || ls->text[i - 1] == '\t'))
        i--;
    if (i > 0 && ls->text[i - 1] != '\n')
        return false;   /* not at the start of its line */
    const char *w = token_name(ls->last);
    if (ls->prev == ';' || ls->prev == 0 || ls->prev == '{' || ls->prev == '}')
        diag_hint(pc->d, "a line that starts with '%s' goes on with the deal on the line above; "
                         "here there is none (a blank line or a comment line ends a deal)", w);
    else
        diag_hint(pc->d, "a line that starts with '%s' goes on with the statement above, "
                         "which takes no '%s' here", w, w);
    return true;
}

/* A scale or unit written apart from the number before it (`3 years`, `35 b/gw`): the amount
 * as the language writes it in fix. */
static bool unit_apart_fix(const LexState *ls, Span loc, char *fix, size_t cap)
{
    if (ls->last != IDENT || ls->prev != NUMBER ||
        !lit_unit_apart(ls->text + ls->prev_span.start, ls->prev_span.end - ls->prev_span.start,
                        ls->text + loc.start, loc.end - loc.start, fix, cap))
        return false;
    lit_per_unit(ls->text + loc.end, ls->len - loc.end, fix, cap);
    return true;
}

/* The hint for an unexpected token: the first of these that fits what came before it. */
static void unexpected_hint(ParseCtx *pc, Span loc)
{
    LexState *ls = pc->lex;
    const char *deal_hint = deal_word_hint(ls);
    int plen = (int)(ls->prev_span.end - ls->prev_span.start);
    int len = (int)(loc.end - loc.start > 40 ? 40 : loc.end - loc.start);
    if (clause_hint(pc, loc) || attr_hint(pc))
        return;
    if (deal_hint)
        diag_hint(pc->d, "%s", deal_hint);
    else if (ls->prev2 == OF && ls->prev == IDENT && ls->last == IDENT)
        diag_hint(pc->d, "two entities are written `of A to B`: of %.*s to %.*s", plen,
                  ls->text + ls->prev_span.start, len, ls->text + loc.start);
    else if (ls->prev2 == SHOCK && ls->prev == IDENT)
        diag_hint(pc->d, "a shock reads `shock demand by -40%%` or `shock revenue of X by -30%%`");
    else if (ls->prev2 == IF && ls->prev == IDENT)
        diag_hint(pc->d, "a what-if's questions go in braces: what if %.*s { show defaults }",
                  plen, ls->text + ls->prev_span.start);
    else if (ls->prev == DEFAULTS && ls->prev2 == IDENT)
        diag_hint(pc->d, "`NAME defaults` pays nothing from the model's first year, "
                         "`NAME defaults in 2027` from that year on; nothing else follows");
    else if (ls->prev == DROP && ls->last == IDENT)
        diag_hint(pc->d, "`drop nonbinding` drops every letter of intent; one deal goes by "
                         "its label: cancel %.*s", len, ls->text + loc.start);
    else if (ls->last == '}' && ls->stray_close)
        diag_hint(pc->d, "there is no open '{' for this '}' to close here");
    else
        continuation_hint(pc, loc);
}

void pb_syntax_error(ParseCtx *pc, Span loc, int nexp, const char *const *expected, bool value)
{
    LexState *ls = pc->lex;
    if (ls->last == END && ls->eof_error)
        return;   /* the end of input was already explained (unclosed '{', too deep) */
    size_t before = pc->nerrors;
    bool at_end = loc.start >= ls->len;
    if (ls->last == END && ls->prev_span.file)   /* point just past the last token */
        loc = (Span){loc.file, ls->prev_span.end, ls->prev_span.end};
    char found[96], exp[256], fix[64];
    describe(ls, ls->last, loc, found, sizeof found);
    if (ls->prev == IDENT && starts_statement(ls->prev2) &&
        (ls->last == NUMBER || ls->last == STRING || ls->last == DATE)) {
        int plen = (int)(ls->prev_span.end - ls->prev_span.start);
        pb_error(pc, loc, "expected a verb after '%.*s', found %s", plen > 40 ? 40 : plen,
                 ls->text + ls->prev_span.start, found);
        if (pc->nerrors > before)
            diag_hint(pc->d, "a deal reads `A invests|lends|buys|pays|guarantees AMOUNT ...`, "
                             "`A commits AMOUNT credit to B` or `A grants B N shares`");
    } else if (ls->last == IDENT && ls->prev == IDENT && starts_statement(ls->prev2)) {
        const char *t = ls->text + loc.start;
        int len = (int)(loc.end - loc.start);
        pb_error(pc, loc, "unknown verb '%.*s'", len > 40 ? 40 : len, t);
        if (pc->nerrors > before)
            diag_hint(pc->d, "a deal's verb is one of: invests, lends, buys, pays, grants, "
                             "guarantees, commits (or `NAME defaults` in a scenario)");
    } else if (ls->prev == IN && is_verb(ls->prev2)) {
        pb_error(pc, ls->prev_span, "expected an amount after '%s', found 'in'",
                 token_name(ls->prev2));
    } else if (is_verb(ls->prev)) {
        pb_error(pc, loc, "expected an amount after '%s', found %s", token_name(ls->prev), found);
    } else if (unit_apart_fix(ls, loc, fix, sizeof fix)) {
        /* `over 3 years`, `cash 5 billion`: what the grammar expected there (clauses of
         * other attributes) would mislead; the amount as it is written says it all */
        pb_error(pc, loc, "unexpected %s", found);
        if (pc->nerrors > before)
            diag_hint(pc->d, LIT_UNIT_HINT, fix);
    } else {
        expected_list(nexp, expected, value, exp, sizeof exp);
        pb_error(pc, loc, "unexpected %s%s", found, exp);
        if (pc->nerrors > before)
            unexpected_hint(pc, loc);
    }
    if (pc->nerrors > before && at_end)
        pc->nerrors_at_end++;
}

void pb_parser_error(ParseCtx *pc, Span loc, const char *msg)
{
    LexState *ls = pc->lex;
    /* Always worth saying, even after another error: the parse stops here. */
    if (strstr(msg, "exhausted"))
        msg = "nesting too deep: the parser's stack is full";
    diag_error(pc->d, loc, "%s", msg);
    diag_hint(pc->d, "split the statement with `let`");
    pc->nerrors++;
    lex_mark_error(ls, ls->tok_stmt);
}
