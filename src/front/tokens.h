/* tokens.h - the formatter's view of a script: the lexer's tokens with their comments, and
 * where each statement starts and ends. The front end's narrow token API: fmt (out/) and
 * the dumps read tokens through it, never through the lexer's own state (lex.h).
 *
 * The tokens come from lex_all (lex.h), the scanner the parser
 * uses, so fmt and the parser can never disagree on where a token, a comment or a statement
 * ends: a statement ends at the lexer's `;`, written or implicit (the newline rule). This
 * file does not scan the script: it groups tokens into statements and blocks, and only
 * trims a comment token's trailing blanks. A token's exact text is the bytes of its span,
 * so amounts are still printed as written. */
#ifndef DG_TOKENS_H
#define DG_TOKENS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "diag.h"
#include "intern.h"

/* A token's kind: a punctuation character is itself; the rest are classes. */
enum {
    FK_NAME = 256, FK_NUMBER, FK_DATE, FK_STRING, FK_COMMENT,
    FK_OP2,                      /* <= >= == != */
    FK_ENTITY,                   /* company bank market (keywords from here to FK_KEYWORD) */
    FK_PRICE, FK_SET, FK_IN, FK_BOOL,
    FK_KEYWORD,                  /* any other keyword */
    FK_OTHER,
};

enum {
    FF_START = 1,   /* first token of a statement */
    FF_END = 2,     /* last token of a statement */
    FF_CLAUSE = 4,  /* a deal's clause word (over, from DATE, due, at ...: lex_is_clause),
                       where fmt may break a long deal */
};

typedef struct FTok {
    int kind;              /* FK_ class or the character; ';' only where the text has one */
    uint8_t flags;
    uint32_t start, end;   /* bytes of the token in the text (a comment: '#' to line end,
                              trailing blanks excluded) */
    uint32_t width;        /* `{` of an entity block: the longest attribute name inside */
    uint32_t close;        /* `{`: index of its `}` (0 when unclosed) */
    uint32_t nstmts;       /* `{`: statements directly inside */
} FTok;

typedef struct FToks {
    FTok *t;
    size_t n, cap;
} FToks;

/* Reading a script one top-level statement at a time, so that a million-statement script
 * never holds all its tokens at once. The reader lexes its own copy of the text. Each
 * ftoks_next gives the tokens up to the first of the next top-level statement: one
 * statement with the comments after it (the first call: what comes before the first
 * statement, when anything does), statement marks and block fields final; token offsets
 * are into the text. Lexical errors are not reported (the caller has parsed the text
 * first, or wants a best effort); a bad character is simply not a token. */
typedef struct FTokReader FTokReader;
FTokReader *ftoks_open(const char *text, size_t n);
/* ts is overwritten (its buffer reused); false when nothing is left. */
bool ftoks_next(FTokReader *r, FToks *ts);
void ftoks_close(FTokReader *r);
void ftoks_free(FToks *ts);

/* What the parser reads in a text: the kind and value of each of its tokens (names,
 * amounts, dates, strings), comments and blank lines left out, `;` written or implicit
 * alike, and the `;` of empty statements (after `;`, `{` or at the start) left out as the
 * grammar ignores them. Two texts with equal digests parse to the same statements (up to
 * a 64-bit hash). `lexes` is false when the text has a lexical error. */
typedef struct FDigest {
    uint64_t hash;
    size_t tokens;
    bool lexes;
} FDigest;
FDigest ftoks_digest(const char *text, size_t n);
/* The digest of the reader's text, complete once ftoks_next has returned false. */
FDigest ftoks_reader_digest(const FTokReader *r);

/* Token classes the layout cares about. */
bool ftok_punct(int kind);   /* operators and punctuation, `<=` `>=` `==` `!=` included */
bool ftok_keyword(int kind); /* a keyword of the language */

/* `dealgraph --tokens FILE`: one token per line: line:col kind text (lex.c). */
void tokens_dump(FILE *out, SourceSet *src, uint32_t file, Interner *in, Diags *d);

#endif
