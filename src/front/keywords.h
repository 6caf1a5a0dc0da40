/* keywords.h - the keywords of the language, each written once (X-macros, as model/kinds.h):
 * the lexer recognises them from this list (grammar/lexer.l), token_is_keyword, the parser's
 * messages and the REPL's completion read it. grammar/parser.y declares a %token for each
 * (bison cannot read a C macro): tests/unit/test_keywords.c checks that the two agree and
 * that the lexer returns each keyword's token; test_doc_lists.c that grammar/README.md lists
 * exactly these words.
 *
 * X(TOKEN, "word"): TOKEN is the token kind of build/parser.h, written as the word. */
#ifndef DG_KEYWORDS_H
#define DG_KEYWORDS_H
#include <stdbool.h>
#include <stddef.h>

#define DG_KEYWORDS(X) \
    X(COMPANY, "company") X(BANK, "bank") X(MARKET, "market") X(PRICE, "price") \
    X(AS, "as") X(OF, "of") X(LET, "let") X(INCLUDE, "include") X(USE, "use") \
    X(DEAL, "deal") X(INVESTS, "invests") X(IN, "in") X(LENDS, "lends") X(TO, "to") \
    X(BUYS, "buys") X(FROM, "from") X(PAYS, "pays") X(GRANTS, "grants") \
    X(SHARES, "shares") X(VESTING, "vesting") X(WITH, "with") X(GUARANTEES, "guarantees") \
    X(OVER, "over") X(AT, "at") X(DUE, "due") X(NONBINDING, "nonbinding") \
    X(SOURCE, "source") X(SHOW, "show") X(ASSERT, "assert") X(SCENARIO, "scenario") \
    X(WHAT, "what") X(IF, "if") X(DEFAULTS, "defaults") X(SHOCK, "shock") X(BY, "by") \
    X(CANCEL, "cancel") X(DROP, "drop") X(SET, "set") X(AND, "and") X(OR, "or") \
    X(NOT, "not") X(HORIZON, "horizon") X(LAYERS, "layers") X(UP, "up") X(SIMULATE, "simulate") \
    X(TRUE, "true") X(FALSE, "false") \
    X(COMMITS, "commits")

/* Other spellings of a keyword above: the same token. */
#define DG_KEYWORD_SPELLINGS(X) \
    X(PAYS, "pay")

/* The keyword token written as s[0..n) (either spelling), or 0 when it is no keyword. */
int keyword_token(const char *s, size_t n);
/* Is this token kind one of the keywords? */
bool token_is_keyword(int kind);
/* Every keyword and other spelling, in the order above. */
void keyword_each(void (*fn)(const char *word, void *ud), void *ud);

#endif
