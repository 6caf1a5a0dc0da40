/* parser.y - the grammar of deal scripts (bison, pure, byte-offset locations).
 *
 * Actions only call the builders of src/parse_build.c, so
 * this file reads as the grammar. Statements end with ';' (the lexer turns a newline
 * after a token that can end a statement into an implicit ';', and inserts one before a
 * '}' that closes a statement), so every list here is "items each followed by ';'".
 * Error recovery is at statement boundaries: `error ';'` in any statement list, and
 * `error '}'` inside a block, so one run reports every independent error. */
%require "3.8"
%define api.pure full
%define api.location.type {Span}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {ParseCtx *pc}

%code requires {
#include "ast.h"
#include "parse_build.h"
}

%code provides {
/* The name of a token kind for messages and `--tokens` ("name", "invests", "'{'"). */
const char *token_name(int kind);
}

%code {
#include "lex.h"
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                      \
    do {                                                                 \
        if (N) {                                                         \
            (Cur).file = YYRHSLOC(Rhs, 1).file;                          \
            (Cur).start = YYRHSLOC(Rhs, 1).start;                        \
            (Cur).end = YYRHSLOC(Rhs, N).end;                            \
        } else {                                                         \
            (Cur).file = YYRHSLOC(Rhs, 0).file;                          \
            (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;              \
        }                                                                \
    } while (0)
static int yylex(YYSTYPE *lval, Span *lloc, ParseCtx *pc) { return lex_next(lval, lloc, pc->lex); }
static void yyerror(Span *loc, ParseCtx *pc, const char *msg) { pb_parser_error(pc, *loc, msg); }
}

%union {
    Sym sym;
    Value val;
    const char *str;
    int n;
    Expr *expr;
    Stmt *stmt;
    StmtList list;
    ExprVec args;
    AttrVec attrs;
    DealOpts opts;
    Amount amount;
    PathVec path;
    AttrClauses clauses;
    Verb verb;
}

%token END 0 "end of input"
%token <sym> IDENT "name"
%token <val> NUMBER "amount"
%token <val> DATE "date"
%token <str> STRING "string"
%token COMPANY "company" BANK "bank" MARKET "market" PRICE "price" AS "as" OF "of"
%token LET "let" INCLUDE "include" USE "use" DEAL "deal" INVESTS "invests" IN "in"
%token LENDS "lends" TO "to" BUYS "buys" FROM "from" PAYS "pays" GRANTS "grants"
%token SHARES "shares" VESTING "vesting" WITH "with" GUARANTEES "guarantees" OVER "over"
%token AT "at" DUE "due" NONBINDING "nonbinding" SOURCE "source" SHOW "show"
%token ASSERT "assert" SCENARIO "scenario" WHAT "what" IF "if" DEFAULTS "defaults"
%token SHOCK "shock" BY "by" CANCEL "cancel" DROP "drop" SET "set" AND "and" OR "or"
%token NOT "not" HORIZON "horizon" LAYERS "layers" UP "up" SIMULATE "simulate" TRUE "true" FALSE "false"
%token COMMITS "commits"
%token LE "<=" GE ">=" EQ "==" NE "!="
/* Never reach the grammar: the lexer's raw newline, the trivia `lex_all` returns, and the
 * scanner's "an error was queued, read on" (src/lex.c reports the error). */
%token <n> NEWLINE "newline"
%token COMMENT "comment" BLANK "blank line" LEXERROR "unreadable text"

%type <stmt> stmt entity deal deal_core show whatif shock simulate layers
%type <list> top stmts block
%type <expr> expr primary arg
%type <str> opt_string layer_name
%type <args> args arglist
%type <attrs> attrs attr_block
%type <opts> opts
%type <n> ent_kind
%type <sym> attr_name shock_kind
%type <amount> amount
%type <path> path
%type <clauses> attr_clauses

%left OR
%left AND
%precedence NOT
%nonassoc '<' '>' LE GE EQ NE
%left '+' '-'
%left '*' '/'
%precedence UMINUS

%%

program: top                            { pc->prog.stmts = $1; }
       ;

/* The top level is `stmts` again, but each statement may be handed straight to a
 * streaming caller (parse_source_each) instead of being kept. */
top: %empty                             { $$ = (StmtList){0}; }
   | top ';'                            { $$ = $1; }
   | top stmt ';'                       { $$ = $1; pb_top_stmt(pc, &$$, $2, yychar); }
   | top error ';'                      { $$ = $1; yyerrok; }
   ;

stmts: %empty                           { $$ = (StmtList){0}; }
     | stmts ';'                        { $$ = $1; }
     | stmts stmt ';'                   { $$ = $1; pb_append_stmt(pc, &$$, $2, yychar); }
     | stmts error ';'                  { $$ = $1; yyerrok; }
     ;

block: '{' stmts '}'                    { $$ = $2; }
     | '{' stmts error '}'              { $$ = $2; yyerrok; }
     ;

stmt: entity
    | PRICE IDENT expr                  { $$ = pb_price(pc, $2, @2, $3, @$); }
    | AS OF expr                        { $$ = pb_asof(pc, $3, @$); }
    | HORIZON expr                      { $$ = pb_horizon(pc, $2, @$); }
    | layers
    | LET IDENT '=' expr                { $$ = pb_let(pc, $2, @2, $4, @$); }
    | LET IDENT '~' expr                { $$ = pb_let_random(pc, $2, @2, $4, @$); }
    | INCLUDE STRING                    { $$ = pb_include(pc, $2, @2, @$); }
    | USE IDENT                         { $$ = pb_use(pc, $2, @2, @$); }
    | deal
    | show
    | ASSERT expr opt_string            { $$ = pb_assert(pc, $2, $3, @$); }
    | expr                              { $$ = pb_exprstmt(pc, $1, @$); }
    | SCENARIO IDENT opt_string block   { $$ = pb_scenario(pc, $2, @2, $3, $4, @$); }
    | whatif
    | shock
    | simulate
    ;

entity: ent_kind IDENT opt_string           { $$ = pb_entity(pc, $1, $2, @2, $3, NULL, @$); }
      | ent_kind IDENT opt_string attr_block { $$ = pb_entity(pc, $1, $2, @2, $3, &$4, @$); }
      ;

ent_kind: COMPANY                       { $$ = ENT_COMPANY; }
        | BANK                          { $$ = ENT_BANK; }
        | MARKET                        { $$ = ENT_MARKET; }
        ;

attr_block: '{' attrs '}'               { $$ = $2; }
          | '{' attrs error '}'         { $$ = $2; yyerrok; }
          ;

attrs: %empty                           { $$ = (AttrVec){0}; }
     | attrs ';'                        { $$ = $1; }
     | attrs attr_name amount attr_clauses ';'
            { $$ = $1; pb_attr(pc, &$$, $2, @2, &$3, &$4, span_join(@2, @4), yychar); }
     | attrs error ';'                  { $$ = $1; yyerrok; }
     ;

attr_name: IDENT
         | SHARES                       { $$ = pb_word(pc, "shares"); }
         | PRICE                        { $$ = pb_word(pc, "price"); }
         ;

/* One value, or a yearly path: `13B/y in 2025, 30B/y in 2026`. */
amount: expr                            { $$ = (Amount){$1, NULL, 0}; }
      | path                            { $$ = pb_amount(pc, &$1); }
      ;

path: expr IN expr                      { $$ = (PathVec){0}; pb_path_pt(pc, &$$, $1, $3); }
    | path ',' expr IN expr             { $$ = $1; pb_path_pt(pc, &$$, $3, $5); }
    ;

attr_clauses: %empty                    { $$ = (AttrClauses){0}; }
            | attr_clauses FROM IDENT   { $$ = $1; pb_clause_from(pc, &$$, $3, @3, @2); }
            | attr_clauses DUE expr     { $$ = $1; pb_clause(pc, &$$.due, $3, "due", @2); }
            | attr_clauses TO expr      { $$ = $1; pb_clause(pc, &$$.due_to, $3, "to", @2); }
            | attr_clauses AT expr      { $$ = $1; pb_clause(pc, &$$.at, $3, "at", @2); }
            ;

/* `layers demand, labs, "cloud and chips"`: the picture's left-to-right order. */
layers: LAYERS layer_name               { $$ = pb_layers(pc, NULL, $2, @2, @$); }
      | layers ',' layer_name           { $$ = pb_layers(pc, $1, $3, @3, @$); }
      ;

layer_name: IDENT                       { $$ = sym_str(pc->in, $1); }
          | STRING
          ;

opt_string: %empty                      { $$ = NULL; }
          | STRING
          ;

deal: deal_core opts                    { $$ = pb_deal(pc, $1, &$2, SYM_NONE, @1, @$); }
    | DEAL IDENT ':' deal_core opts     { $$ = pb_deal(pc, $4, &$5, $2, @2, @$); }
    ;

deal_core: IDENT INVESTS expr IN IDENT  { $$ = pb_core(pc, VERB_INVESTS, $1, @1, $3, $5, @5); }
         | IDENT LENDS expr TO IDENT    { $$ = pb_core(pc, VERB_LENDS, $1, @1, $3, $5, @5); }
         | IDENT BUYS amount FROM IDENT { $$ = pb_core_path(pc, VERB_BUYS, $1, @1, &$3, $5, @5); }
         | IDENT PAYS amount TO IDENT   { $$ = pb_core_path(pc, VERB_PAYS, $1, @1, &$3, $5, @5); }
         | IDENT GUARANTEES expr TO IDENT { $$ = pb_core(pc, VERB_GUARANTEES, $1, @1, $3, $5, @5); }
         | IDENT GUARANTEES IDENT UP TO expr
                                        { $$ = pb_core_covers(pc, $1, @1, $3, @3, $6, @$); }
         | IDENT GRANTS IDENT expr SHARES { $$ = pb_core(pc, VERB_GRANTS, $1, @1, $4, $3, @3); }
         | IDENT COMMITS expr IDENT TO IDENT
                                        { $$ = pb_core_credit(pc, $1, @1, $3, $4, @4, $6, @6); }
         | IDENT COMMITS expr TO IDENT  /* `credit` left out: said so by the builder */
            { $$ = pb_core_credit(pc, $1, @1, $3, SYM_NONE, @4, $5, @5); }
         ;

opts: %empty                            { $$ = (DealOpts){0}; }
    | opts OVER expr                    { $$ = $1; pb_opt(pc, &$$, OPT_OVER, $3, @2); }
    | opts FROM expr                    { $$ = $1; pb_opt(pc, &$$, OPT_FROM, $3, @2); }
    | opts AT expr                      { $$ = $1; pb_opt(pc, &$$, OPT_AT, $3, @2); }
    | opts DUE expr                     { $$ = $1; pb_opt(pc, &$$, OPT_DUE, $3, @2); }
    | opts NONBINDING                   { $$ = $1; pb_opt(pc, &$$, OPT_NONBINDING, NULL, @2); }
    | opts SOURCE STRING                { $$ = $1; pb_opt_source(pc, &$$, $3, @2); }
    | opts VESTING WITH IDENT           { $$ = $1; pb_opt_vesting(pc, &$$, $4, @4, @2); }
    ;

show: SHOW expr                         { $$ = pb_show_expr(pc, $2, @$); }
    | SHOW IDENT OF IDENT               { $$ = pb_show(pc, $2, @2, $4, @4, SYM_NONE, @4, @$); }
    | SHOW IDENT OF IDENT TO IDENT      { $$ = pb_show(pc, $2, @2, $4, @4, $6, @6, @$); }
    | SHOW IDENT IDENT                  { $$ = pb_show_words(pc, $2, @2, $3, @3, @$); }
    | SHOW DEFAULTS
            { $$ = pb_show(pc, pb_word(pc, "defaults"), @2, SYM_NONE, @2, SYM_NONE, @2, @$); }
    | SHOW DEFAULTS OF IDENT
            { $$ = pb_show(pc, pb_word(pc, "defaults"), @2, $4, @4, SYM_NONE, @4, @$); }
    | SHOW IDENT AT arglist
            { $$ = pb_show_at(pc, pb_show(pc, $2, @2, SYM_NONE, @2, SYM_NONE, @2, @$), &$4); }
    | SHOW IDENT IDENT AT arglist
            { $$ = pb_show_at(pc, pb_show_words(pc, $2, @2, $3, @3, @$), &$5); }
    ;

whatif: WHAT IF IDENT block             { $$ = pb_whatif(pc, $3, @3, NULL, &$4, @$); }
      | WHAT IF block block             { $$ = pb_whatif(pc, SYM_NONE, @2, &$3, &$4, @$); }
      ;

shock: IDENT DEFAULTS                   { $$ = pb_defaults(pc, $1, @1, NULL, @$); }
     | IDENT DEFAULTS IN expr           { $$ = pb_defaults(pc, $1, @1, $4, @$); }
     | SHOCK shock_kind OF IDENT BY expr { $$ = pb_shock(pc, $2, @2, $4, @4, $6, @$); }
     | SHOCK shock_kind BY expr         { $$ = pb_shock(pc, $2, @2, SYM_NONE, @2, $4, @$); }
     | CANCEL IDENT                     { $$ = pb_cancel(pc, $2, @2, @$); }
     | DROP NONBINDING                  { $$ = pb_drop(pc, @$); }
     | SET IDENT expr                   { $$ = pb_set(pc, $2, @2, $3, @$); }
     ;

/* `simulate NAME N times [seed S] { body }`: `times` and `seed` are words the builder
 * checks, not keywords, so they stay usable as names. */
simulate: SIMULATE IDENT expr block
            { $$ = pb_simulate(pc, $2, @2, $3, SYM_NONE, @3, SYM_NONE, @3, NULL, &$4, @$); }
        | SIMULATE IDENT expr IDENT block
            { $$ = pb_simulate(pc, $2, @2, $3, $4, @4, SYM_NONE, @4, NULL, &$5, @$); }
        | SIMULATE IDENT expr IDENT IDENT expr block
            { $$ = pb_simulate(pc, $2, @2, $3, $4, @4, $5, @5, $6, &$7, @$); }
        ;

shock_kind: IDENT
          | PRICE                       { $$ = pb_word(pc, "price"); }
          ;

expr: primary
    | '-' expr %prec UMINUS             { $$ = pb_unary(pc, OP_NEG, $2, @$); }
    | NOT expr                          { $$ = pb_unary(pc, OP_NOT, $2, @$); }
    | expr '+' expr                     { $$ = pb_binary(pc, OP_ADD, $1, $3, @$); }
    | expr '-' expr                     { $$ = pb_binary(pc, OP_SUB, $1, $3, @$); }
    | expr '*' expr                     { $$ = pb_binary(pc, OP_MUL, $1, $3, @$); }
    | expr '/' expr                     { $$ = pb_binary(pc, OP_DIV, $1, $3, @$); }
    | expr '<' expr                     { $$ = pb_binary(pc, OP_LT, $1, $3, @$); }
    | expr '>' expr                     { $$ = pb_binary(pc, OP_GT, $1, $3, @$); }
    | expr LE expr                      { $$ = pb_binary(pc, OP_LE, $1, $3, @$); }
    | expr GE expr                      { $$ = pb_binary(pc, OP_GE, $1, $3, @$); }
    | expr EQ expr                      { $$ = pb_binary(pc, OP_EQ, $1, $3, @$); }
    | expr NE expr                      { $$ = pb_binary(pc, OP_NE, $1, $3, @$); }
    | expr AND expr                     { $$ = pb_binary(pc, OP_AND, $1, $3, @$); }
    | expr OR expr                      { $$ = pb_binary(pc, OP_OR, $1, $3, @$); }
    ;

primary: NUMBER                         { $$ = pb_lit(pc, $1, @$); }
       | DATE                           { $$ = pb_lit(pc, $1, @$); }
       | STRING                         { $$ = pb_str(pc, $1, @$); }
       | TRUE                           { $$ = pb_lit(pc, value_bool(true), @$); }
       | FALSE                          { $$ = pb_lit(pc, value_bool(false), @$); }
       | IDENT                          { $$ = pb_name(pc, $1, @$); }
       | IDENT '(' args ')'             { $$ = pb_call(pc, $1, @1, &$3, @$); }
       | IN '(' args ')'                { $$ = pb_call(pc, pb_word(pc, "in"), @1, &$3, @$); }
       | '(' expr ')'                   { $$ = pb_paren($2, @$); }
       ;

args: %empty                            { $$ = (ExprVec){0}; }
    | arglist
    ;

arglist: arg                            { $$ = (ExprVec){0}; pb_arg(pc, &$$, $1); }
       | arglist ',' arg                { $$ = $1; pb_arg(pc, &$$, $3); }
       ;

/* An argument: a value, or a quantity of an entity (`breaking_point(x, revenue of y)`). */
arg: expr
   | IDENT OF IDENT                     { $$ = pb_ref(pc, $1, @1, $3, @3, @$); }
   | PRICE OF IDENT                     { $$ = pb_ref(pc, pb_word(pc, "price"), @1, $3, @3, @$); }
   ;

%%

const char *token_name(int kind)
{
    if (kind < 0 || kind > YYMAXUTOK)
        return "invalid token";
    return yysymbol_name(YYTRANSLATE(kind));
}

/* Custom syntax errors: the context (lookahead, expected tokens) goes to the builder
 * side, which words the message and decides whether it is a cascade to suppress. */
static int yyreport_syntax_error(const yypcontext_t *ctx, ParseCtx *pc)
{
    enum { MAXEXP = YYNTOKENS };
    yysymbol_kind_t exp[MAXEXP];
    int n = yypcontext_expected_tokens(ctx, exp, MAXEXP);
    const char *names[MAXEXP];
    int k = 0;
    bool value = false;   /* could an expression start here? then say "a value" */
    for (int i = 0; i < n; i++) {
        value |= exp[i] == YYSYMBOL_NUMBER;
        if (exp[i] != YYSYMBOL_YYerror)
            names[k++] = yysymbol_name(exp[i]);
    }
    pb_syntax_error(pc, *yypcontext_location(ctx), n < 0 ? -1 : k, names, value);
    return 0;
}
