/* ast.h - the syntax tree of a deal script.
 *
 * Ownership: every node, list and string of one parse lives in that parse's Arena (see
 * parse.h); freeing the arena frees the tree. Names are interned Syms. Each node carries the
 * Span of its source text for diagnostics. The tree is plain data: the parser builds it, the
 * evaluator and the formatter read it, nothing else writes it. */
#ifndef DG_AST_H
#define DG_AST_H
#include <stdio.h>
#include "arena.h"
#include "diag.h"
#include "intern.h"
#include "kinds.h"
#include "value.h"

/* ---- expressions ---- */

/* The operators, each written once (X-macros, as model/kinds.h): X(ENUMERATOR, "spelling",
 * CLASS). The parser builds them (grammar/parser.y), the evaluator quotes them in messages
 * and finds them in the source by their spelling, the `--ast` dump prints them. */
#define DG_OPERATORS(X) \
    X(OP_NEG, "-", OPC_UNARY) X(OP_NOT, "not", OPC_UNARY) \
    X(OP_ADD, "+", OPC_ARITH) X(OP_SUB, "-", OPC_ARITH) \
    X(OP_MUL, "*", OPC_ARITH) X(OP_DIV, "/", OPC_ARITH) \
    X(OP_LT, "<", OPC_COMPARE) X(OP_LE, "<=", OPC_COMPARE) \
    X(OP_GT, ">", OPC_COMPARE) X(OP_GE, ">=", OPC_COMPARE) \
    X(OP_EQ, "==", OPC_COMPARE) X(OP_NE, "!=", OPC_COMPARE) \
    X(OP_AND, "and", OPC_LOGIC) X(OP_OR, "or", OPC_LOGIC)

typedef enum { OPC_UNARY, OPC_ARITH, OPC_COMPARE, OPC_LOGIC } OpClass;
#define DG_OP_ENUM(e, spelling, cls) e,
typedef enum { DG_OPERATORS(DG_OP_ENUM) OP__COUNT } OpKind;
#undef DG_OP_ENUM

const char *op_spelling(OpKind op);   /* "<=", "and", ...; "?" for no operator */
OpClass op_class(OpKind op);

typedef enum {
    EX_NUM,    /* literal amount: value (with dimension and flags) */
    EX_DATE,   /* literal date: 2026Q3, 2026-09-22 (a bare year is EX_NUM; context decides) */
    EX_STR,    /* string literal */
    EX_NAME,   /* a `let` name, an entity, or a topic word */
    EX_CALL,   /* figure(args) */
    EX_REF,    /* `revenue of nvidia` as a call's argument: a quantity of an entity */
    EX_UNARY,  /* op: OP_NEG, OP_NOT */
    EX_BINARY, /* op: any other OpKind */
} ExprKind;

typedef struct Expr Expr;
struct Expr {
    ExprKind kind;
    Span span;
    int depth;         /* height of this subtree (1 = leaf); the parser caps it */
    union {
        Value lit;                                  /* EX_NUM, EX_DATE, EX_STR */
        Sym name;                                   /* EX_NAME */
        struct { Sym fn; Span fn_span; Expr **args; int nargs; } call;
        struct { Sym what, of; Span what_span, of_span; } ref;     /* EX_REF */
        struct { OpKind op; Expr *x; } unary;
        struct { OpKind op; Expr *l, *r; } binary;
    } u;
};

/* ---- statements ---- */

typedef enum {
    /* declarations and settings */
    ST_ENTITY,     /* company|bank|market NAME ["display"] [{ attrs }] */
    ST_PRICE,      /* price NAME expr               (USD per GW of that vendor) */
    ST_ASOF,       /* as of DATE */
    ST_HORIZON,    /* horizon YEAR                  (the last year of the model) */
    ST_LAYERS,     /* layers NAME, NAME, ...        (the picture's left-to-right order) */
    ST_LET,        /* let NAME = expr | let NAME ~ DIST(args)   (random: a draw per sample) */
    ST_INCLUDE,    /* include "path" */
    ST_USE,        /* use NAME */
    ST_DEAL,       /* [deal LABEL:] PAYER VERB ... options */
    /* questions */
    ST_SHOW,       /* show TOPIC [of A [to B]] | show expr */
    ST_ASSERT,     /* assert expr ["message"] */
    ST_EXPR,       /* a bare expression (REPL: print its value) */
    /* what-if */
    ST_SCENARIO,   /* scenario NAME ["description"] { shocks } */
    ST_WHATIF,     /* what if NAME { body } | what if { shocks } { body } */
    ST_DEFAULTS,   /* X defaults [in YEAR]             (shock) */
    ST_SHOCK,      /* shock payments|revenue|price|cash of X by P%, shock demand by P% */
    ST_CANCEL,     /* cancel LABEL                     (shock) */
    ST_DROP,       /* drop nonbinding                  (shock) */
    ST_SET,        /* set recovery|alpha|beta expr ; set debtrank original|differential */
    /* Monte Carlo */
    ST_SIMULATE,   /* simulate NAME N times [seed S] { body } */
} StmtKind;

/* A yearly amount as written: one value, or a path `13B/y in 2025, 30B/y in 2026` (each
 * point a value and the year it holds in). value is the first point's value. */
typedef struct PathPt {
    Expr *value, *year;
} PathPt;
typedef struct Amount {
    Expr *value;
    PathPt *pts;        /* NULL for a single value */
    int npts;
} Amount;

/* What may follow an attribute's amount: `from M` (revenue), `due Y [to Y2]` and `at R%`
 * (debt). NULL / SYM_NONE where absent; the evaluator says which attribute takes which. */
typedef struct AttrClauses {
    Sym from; Span from_span;
    Expr *due, *due_to, *at;
} AttrClauses;

typedef struct Attr {
    Sym name;           /* cash revenue costs debt equity shares price growth valuation margin
                           layer */
    Span name_span;
    Amount amount;
    AttrClauses cl;
    Span span;
} Attr;

typedef struct Stmt Stmt;
typedef struct StmtList {
    Stmt *first, *last;
    size_t n;
} StmtList;

struct Stmt {
    StmtKind kind;
    Span span;
    Stmt *next;
    union {
        struct { EntKind kind; Sym name; Span name_span; const char *display; Attr *attrs;
                 int nattrs; bool has_block; } entity;
        struct { Sym name; Span name_span; Expr *value; } price;
        struct { Expr *date; } asof;
        struct { Expr *year; } horizon;
        struct { const char **names; Span *spans; int n, cap; } layers;
        struct { Sym name; Span name_span; Expr *value; bool random; } let;
        struct { const char *path; Span path_span; } include;
        struct { Sym name; Span name_span; } use;
        struct {
            Sym label; Span label_span;       /* SYM_NONE when unlabelled */
            Verb verb;
            Sym payer, payee; Span payer_span, payee_span;
            Expr *amount;                     /* USD, USD/y, GW; grants: share count;
                                                 guarantees of a deal: the cap */
            PathPt *path; int npath;          /* pays/buys: a yearly path (amount = its first
                                                 value), else NULL */
            Sym covers; Span covers_span;     /* `A guarantees LABEL up to X`: the deal */
            Expr *at;                         /* buys: price per GW; grants: strike per share;
                                                 lends: interest rate per year (%) */
            Expr *over;                       /* duration */
            Expr *from;                       /* date (or a bare year) */
            Expr *due;                        /* lends: maturity date */
            Sym vesting; Span vesting_span;   /* grants: label of the milestone deal */
            bool nonbinding;
            const char *source;
        } deal;
        struct {
            Sym topic; Span topic_span;       /* SYM_NONE when `show expr`; two words
                                                 (`default probabilities`) are one Sym */
            Sym of, to; Span of_span, to_span;
            Expr *expr;                       /* `show expr` */
            Expr **at; int nat;               /* `show losses at 95%, 99%` */
        } show;
        struct { Expr *cond; const char *message; } assert_;
        struct { Expr *expr; } expr;
        struct { Sym name; Span name_span; const char *desc; StmtList body; } scenario;
        struct { Sym scenario; Span scenario_span;  /* SYM_NONE for an inline block */
                 StmtList shocks; StmtList body; } whatif;
        struct { Sym name; Span name_span; Expr *year; } defaults;   /* year: NULL, or `in YEAR` */
        struct { ShockOp what; Sym name; Span name_span; Expr *by; } shock;
        struct { Sym label; Span label_span; } cancel;
        struct { Sym param; Span param_span; Expr *value; Sym word; } set;
        struct { Sym scenario; Span scenario_span; Expr *samples; Expr *seed;  /* NULL: 0 */
                 StmtList body; } simulate;
    } u;
};

/* A parsed file: its statements, in order. */
typedef struct Program {
    uint32_t file;      /* SourceSet id */
    StmtList stmts;
} Program;

void stmtlist_append(StmtList *l, Stmt *s);
Expr *ast_expr(Arena *a, ExprKind k, Span sp);
Stmt *ast_stmt(Arena *a, StmtKind k, Span sp);

/* Debug dump for `dealgraph --ast`: one node per line, indented, with line:col. Stable. */
void ast_dump(FILE *out, const Program *p, const Interner *in, SourceSet *src);

#endif
