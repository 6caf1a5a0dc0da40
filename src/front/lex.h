/* lex.h - the token stream of deal scripts: the parser's lexer driver, the token list the
 * formatter reads, and the `--tokens` dump.
 *
 * The raw scanner is flex (grammar/lexer.l, reentrant); this
 * layer on top of it applies the newline rule (a newline after a token that can end a
 * statement, outside parentheses, is an implicit ';'; so is the end of input, and the gap
 * before a '}' that closes a statement), caps parenthesis nesting, tracks open braces for
 * "unclosed '{'" and turns comments and blank lines into tokens when asked (lex_all).
 * Scanner errors come to it queued (RawScan), and it reports them where they were raised in
 * the stream, so a large input can be scanned on a second thread (lexpipe.h).
 * Token kinds are the bison token numbers of build/parser.h. */
#ifndef DG_LEX_H
#define DG_LEX_H
#include <stdbool.h>
#include <stdio.h>
#include "ast.h"
#include "keywords.h"
#include "parser.h"

typedef struct Token {
    int kind;            /* bison token kind; ';' for both written and implicit ends */
    Span span;           /* an implicit ';' has an empty span where it was inserted */
    bool implicit_semi;
} Token;

/* Tokens of file `file`, including COMMENT and BLANK (a run of newlines holding an empty
 * line) tokens, ending with END. Lexical errors go to d. Returns the count; *out is
 * malloc'd (the caller frees it). */
size_t lex_all(Interner *in, Diags *d, SourceSet *src, uint32_t file, Token **out);
const char *token_name(int kind);
/* The words that start a deal clause (over from due at nonbinding source vesting): a line
 * that starts with one goes on with the statement of the line above (no blank line
 * between), and fmt breaks a long deal before them. */
bool lex_is_clause(int kind);

/* ---- the driver (internal to the frontend) ---- */

enum { LEX_MAX_PARENS = 256 };

/* lex_init flags. LEX_THREAD scans on a second thread (lexpipe.c) while the caller
 * parses and evaluates; the parse builds it for inputs of LEX_THREAD_MIN bytes or more. */
enum { LEX_TRIVIA = 1, LEX_THREAD = 2 };
enum { LEX_THREAD_MIN = 1 << 20 };

/* A lexical error the scanner found, queued until the token stream reports it (so that
 * errors and the parser's own come out in text order whichever thread scanned). */
typedef struct LexErr {
    Span span;
    const char *msg;    /* NULL past RAW_MAX_ERRORS: counted, not worded */
    const char *hint;   /* or NULL */
    bool eof;           /* an unclosed string at the end of input (more input may close it) */
} LexErr;

enum { RAW_MAX_ERRORS = 1000, RAW_ERRS_PER_TOKEN = 4 };

/* What the flex actions of grammar/lexer.l see, and all they touch: the text, the
 * interner and arena for names and string literals, and the errors raised while reading
 * the token being returned (at most two; a rule that only reports an error returns
 * LEXERROR so the queue never grows). */
typedef struct RawScan {
    const char *text;
    size_t len, rpos;          /* rpos: how far flex has read the text (YY_INPUT) */
    uint32_t file, pos;        /* pos: byte offset of the next raw token */
    Interner *in;
    Arena *strings;            /* string literals and lowercased names */
    Arena *msgs;               /* the wording of queued errors */
    LexErr errs[RAW_ERRS_PER_TOKEN];
    size_t nerrs;              /* queued since the last token */
    size_t nworded;            /* errors worded so far (capped at RAW_MAX_ERRORS) */
    size_t quiet_until;        /* `35 B/GW`: the GW was told with the B, up to here */
} RawScan;

/* Called by the flex actions: queue an error, or a hint for the error just queued. */
void raw_error(RawScan *rs, Span sp, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void raw_hint(RawScan *rs, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef struct LexPending { int kind; YYSTYPE val; Span span; bool implicit; } LexPending;

typedef struct LexState {
    Arena *arena;              /* strings of STRING tokens */
    Interner *in;
    Diags *d;
    ParseCtx *pc;              /* error counts (may be a private one for lex_all) */
    uint32_t file;
    const char *text;
    size_t len;
    RawScan rs;                /* the scanner's side when it runs on this thread */
    Arena msgs;                /* ... and the wording of its errors */
    void *scanner;             /* yyscan_t, or NULL when a LexPipe scans */
    struct LexPipe *pipe;      /* the scanning thread (LEX_THREAD), or NULL */
    Sym *names;                /* LEX_THREAD: the pipe's name ids -> this interner's */
    size_t nnames;
    bool trivia;               /* return COMMENT and BLANK tokens */
    int last, prev, prev2;     /* the last three tokens returned (0 = none yet) */
    Span last_span, prev_span;
    bool implicit;             /* the last token returned was an implicit ';' */
    int parens;
    uint32_t *braces;          /* offsets of the open '{' */
    size_t nbraces, cbraces;
    bool stray_close;          /* the last '}' read had no '{' open to close */
    LexPending pend[3];
    LexPending raw;            /* one raw token read ahead (kind 0 = none) */
    int npend;
    unsigned long nsemi;       /* ';' returned so far: statement numbers */
    unsigned long tok_stmt;    /* statement number of the last token returned */
    unsigned long *errs;       /* statement numbers that had an error, ascending */
    size_t nerrs, cerrs;
    bool stop;                 /* a fatal lexical error: report end of input from now on */
    bool eof_seen;
    bool raw_eof;              /* flex returned the end: never call it again */
    bool eof_error;            /* an error was reported about the end of input */
} LexState;

/* `arena` receives the string literals; flags are LEX_TRIVIA and LEX_THREAD. */
void lex_init(LexState *ls, ParseCtx *pc, Arena *arena, uint32_t file, unsigned flags);
void lex_free(LexState *ls);
int lex_next(YYSTYPE *val, Span *loc, LexState *ls);
/* A lexical error at sp (called from the flex actions); counts as an error of the
 * statement being read, so the syntax error it causes is not reported again. */
void lex_error(LexState *ls, Span sp, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Statement numbers count the ';' tokens before a statement. A statement with an error
 * reports no second one (cascades) and is left out of the AST. */
void lex_mark_error(LexState *ls, unsigned long stmt);
bool lex_stmt_failed(const LexState *ls, unsigned long stmt);
/* The number of the ';' just shifted, given the parser's lookahead token (or YYEMPTY). */
unsigned long lex_semi_number(const LexState *ls, int lookahead);

/* The raw flex scanner (grammar/lexer.l). */
int dg_rawlex(YYSTYPE *val, Span *loc, void *scanner);
void *lex_scanner_new(RawScan *rs);
void lex_scanner_free(void *scanner);

#endif
