/* parse_build.h - the parser's state and the AST builders its grammar actions call.
 *
 * Internal to the frontend (grammar/parser.y, parse.c,
 * parse_build.c, lex.c); everyone else uses parse.h. Kept out of the grammar
 * file so that the actions stay one line each and the building rules (option checks,
 * depth limits, `show NAME` vs `show EXPR`) are ordinary C. */
#ifndef DG_PARSE_BUILD_H
#define DG_PARSE_BUILD_H
#include <stdbool.h>
#include "ast.h"
#include "parse.h"

struct LexState;

typedef struct ParseCtx {
    Arena *arena;           /* the AST's arena (not owned) */
    Interner *in;
    Diags *d;
    uint32_t file;
    Program prog;           /* the result */
    struct LexState *lex;
    size_t nerrors;         /* errors this parse reported (lexical and syntax) */
    size_t nerrors_at_end;  /* ... of which at the end of the input (REPL continuation) */
    Expr *poison;           /* the one node every expression of a failed statement becomes */
    ParseStmtFn each;       /* streaming: called with each top-level statement (parse.h) */
    void *each_ud;
    ArenaMark mark;         /* streaming: where the next top-level statement's nodes start */
} ParseCtx;

typedef struct ExprVec { Expr **v; int n, cap; } ExprVec;
typedef struct AttrVec { Attr *v; int n, cap; } AttrVec;
typedef struct PathVec { PathPt *v; int n, cap; } PathVec;

enum { OPT_OVER, OPT_FROM, OPT_AT, OPT_DUE, OPT_NONBINDING, OPT_SOURCE, OPT_VESTING, OPT_COUNT };
typedef struct DealOpts {
    Expr *over, *from, *at, *due;
    bool nonbinding;
    const char *source;
    Sym vesting;
    Span vesting_span;
    unsigned seen;          /* bit per OPT_*: each option at most once */
} DealOpts;

/* The deepest expression tree accepted: the evaluator and the dumps recurse on it. */
enum { PB_MAX_EXPR_DEPTH = 1000 };

Sym pb_word(ParseCtx *pc, const char *w);
void pb_append(StmtList *l, Stmt *s);
/* Append s unless its statement had an error (lookahead as for pb_attr). */
void pb_append_stmt(ParseCtx *pc, StmtList *l, Stmt *s, int lookahead);
/* A top-level statement: appended, or handed to the streaming callback. */
void pb_top_stmt(ParseCtx *pc, StmtList *l, Stmt *s, int lookahead);

Expr *pb_lit(ParseCtx *pc, Value v, Span sp);
Expr *pb_str(ParseCtx *pc, const char *s, Span sp);
Expr *pb_name(ParseCtx *pc, Sym name, Span sp);
Expr *pb_call(ParseCtx *pc, Sym fn, Span fn_span, ExprVec *args, Span sp);
Expr *pb_paren(Expr *e, Span sp);
Expr *pb_unary(ParseCtx *pc, OpKind op, Expr *x, Span sp);
Expr *pb_binary(ParseCtx *pc, OpKind op, Expr *l, Expr *r, Span sp);
void pb_arg(ParseCtx *pc, ExprVec *v, Expr *e);

Stmt *pb_entity(ParseCtx *pc, int kind, Sym name, Span nsp, const char *display, AttrVec *attrs,
                Span sp);
/* lookahead: the parser's lookahead token (yychar), to number the ';' just read. */
void pb_attr(ParseCtx *pc, AttrVec *v, Sym name, Span nsp, const Amount *a,
             const AttrClauses *cl, Span sp, int lookahead);
/* A yearly path's points, and the path as an Amount (its first value is the value). */
void pb_path_pt(ParseCtx *pc, PathVec *v, Expr *value, Expr *year);
Amount pb_amount(ParseCtx *pc, const PathVec *v);
/* An attribute's clause (`due`, `to`, `at`: each at most once), and `from MARKET`. */
void pb_clause(ParseCtx *pc, Expr **slot, Expr *e, const char *word, Span kw);
void pb_clause_from(ParseCtx *pc, AttrClauses *cl, Sym market, Span msp, Span kw);
Stmt *pb_horizon(ParseCtx *pc, Expr *year, Span sp);
/* `layers a, b`: s is the statement so far (NULL for the first name), name one more. */
Stmt *pb_layers(ParseCtx *pc, Stmt *s, const char *name, Span nsp, Span sp);
Stmt *pb_price(ParseCtx *pc, Sym name, Span nsp, Expr *value, Span sp);
Stmt *pb_asof(ParseCtx *pc, Expr *date, Span sp);
Stmt *pb_let(ParseCtx *pc, Sym name, Span nsp, Expr *value, Span sp);
/* `let NAME ~ DIST(args)`: the value must be a call (the evaluator knows the names). */
Stmt *pb_let_random(ParseCtx *pc, Sym name, Span nsp, Expr *value, Span sp);
Stmt *pb_include(ParseCtx *pc, const char *path, Span psp, Span sp);
Stmt *pb_use(ParseCtx *pc, Sym name, Span nsp, Span sp);
Stmt *pb_assert(ParseCtx *pc, Expr *cond, const char *msg, Span sp);
Stmt *pb_exprstmt(ParseCtx *pc, Expr *e, Span sp);

Stmt *pb_core(ParseCtx *pc, Verb verb, Sym payer, Span psp, Expr *amount, Sym payee, Span qsp);
/* buys/pays, whose amount may be a yearly path. */
Stmt *pb_core_path(ParseCtx *pc, Verb verb, Sym payer, Span psp, const Amount *a, Sym payee,
                   Span qsp);
/* `A guarantees LABEL up to X`. */
Stmt *pb_core_covers(ParseCtx *pc, Sym guarantor, Span gsp, Sym label, Span lsp, Expr *cap,
                     Span sp);
Stmt *pb_core_credit(ParseCtx *pc, Sym lender, Span lsp, Expr *limit, Sym word, Span wsp,
                     Sym borrower, Span bsp);
Stmt *pb_deal(ParseCtx *pc, Stmt *core, DealOpts *o, Sym label, Span lsp, Span sp);
void pb_opt(ParseCtx *pc, DealOpts *o, int which, Expr *e, Span kw);
void pb_opt_source(ParseCtx *pc, DealOpts *o, const char *text, Span kw);
void pb_opt_vesting(ParseCtx *pc, DealOpts *o, Sym label, Span lsp, Span kw);

Stmt *pb_show_expr(ParseCtx *pc, Expr *e, Span sp);
/* `show breaking points`: a topic of two words, interned as one ("breaking points"). */
Stmt *pb_show_words(ParseCtx *pc, Sym a, Span asp, Sym b, Span bsp, Span sp);
Expr *pb_ref(ParseCtx *pc, Sym what, Span wsp, Sym of, Span osp, Span sp);
Stmt *pb_show(ParseCtx *pc, Sym topic, Span tsp, Sym of, Span osp, Sym to, Span tosp, Span sp);
/* `show TOPIC at Q, Q...`: the levels of a show (the evaluator says which topic takes
 * them); s may be NULL after an error. */
Stmt *pb_show_at(ParseCtx *pc, Stmt *s, ExprVec *at);
Stmt *pb_scenario(ParseCtx *pc, Sym name, Span nsp, const char *desc, StmtList body, Span sp);
Stmt *pb_whatif(ParseCtx *pc, Sym name, Span nsp, StmtList *shocks, StmtList *body, Span sp);
Stmt *pb_defaults(ParseCtx *pc, Sym name, Span nsp, Expr *year, Span sp);
Stmt *pb_shock(ParseCtx *pc, Sym what, Span wsp, Sym name, Span nsp, Expr *by, Span sp);
Stmt *pb_cancel(ParseCtx *pc, Sym label, Span lsp, Span sp);
Stmt *pb_drop(ParseCtx *pc, Span sp);
Stmt *pb_set(ParseCtx *pc, Sym param, Span psp, Expr *value, Span sp);
/* `simulate NAME N times [seed S] { body }`: times_w and seed_w are the words written
 * there (times_w SYM_NONE when none is, tsp then the count's span; seed_w SYM_NONE when
 * there is no seed). */
Stmt *pb_simulate(ParseCtx *pc, Sym name, Span nsp, Expr *samples, Sym times_w, Span tsp,
                  Sym seed_w, Span ssp, Expr *seed, StmtList *body, Span sp);

/* Errors. pb_error reports a located error unless it would be a cascade (another error
 * already in the same statement); the lexer's errors go through lex.c. */
void pb_error(ParseCtx *pc, Span sp, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A syntax error at `loc`: the nexp token names the parser expected there (nexp < 0: not
 * known); value: an expression could have started there. */
void pb_syntax_error(ParseCtx *pc, Span loc, int nexp, const char *const *expected, bool value);
/* bison's own errors (only "memory exhausted": the parser stack is full). */
void pb_parser_error(ParseCtx *pc, Span loc, const char *msg);

#endif
