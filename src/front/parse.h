/* parse.h - deal script text to AST.
 *
 * The front end (src/front/) is grammar/lexer.l, grammar/parser.y, lex.*, lexpipe.*,
 * parse*, literal.*, tokens.* and ast.*. The parser is reentrant and keeps no globals: each call
 * builds its own scanner and parser state. */
#ifndef DG_PARSE_H
#define DG_PARSE_H
#include <stdbool.h>
#include <stddef.h>
#include "ast.h"
#include "reading.h"

typedef struct ParseResult {
    Program prog;
    size_t nerrors;     /* lexical and syntax errors of this parse */
    bool incomplete;    /* every error was at the end of input (REPL: read another line) */
} ParseResult;

/* Parse source file `file` (already in the SourceSet diags->src) into an AST allocated in
 * `arena`; diagnostics go to `diags`. Statements with errors are left out of prog. */
ParseResult parse_source(Arena *arena, Interner *in, Diags *diags, uint32_t file);

/* A trial parse that leaves no trace: its own copy of the text, source set, diagnostics and
 * arena (the REPL asks "is this input complete?" and "does it change the world?" this way).
 * The syntax tree in `result` lives until parse_trial_free. */
typedef struct ParseTrial {
    Reading rd;          /* the text, its diagnostics and names, apart from any session's */
    Arena arena;
    ParseResult result;
} ParseTrial;
void parse_trial(ParseTrial *t, const char *text, size_t len);
void parse_trial_free(ParseTrial *t);

/* Streaming: `each` is called with every error-free top-level statement as soon as it is
 * parsed, so a million-deal script never holds a million statements at once. Return true
 * to keep the statement (it stays in `nodes`, e.g. a scenario block read later); false
 * lets the parser reuse its memory. String literals go to `strings`, which the caller keeps
 * (deal sources and display names point into it). prog.stmts stays empty. */
typedef bool (*ParseStmtFn)(void *ud, Stmt *s);
ParseResult parse_source_each(Arena *nodes, Arena *strings, Interner *in, Diags *diags,
                              uint32_t file, ParseStmtFn each, void *ud);

#endif
