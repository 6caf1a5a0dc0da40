/* fmt_seg.h - the formatter's view of a script: the lexer's tokens with their comments, and
 * where each statement starts and ends. Internal to fmt.c and fmt_seg.c.
 *
 * The tokens come from lex_all (src/lex.h), the scanner the parser
 * uses, so fmt and the parser can never disagree on where a token, a comment or a statement
 * ends: a statement ends at the lexer's `;`, written or implicit (the newline rule). This
 * file does not scan the script: it groups tokens into statements and blocks, and only
 * trims a comment token's trailing blanks. A token's exact text is the bytes of its span,
 * so amounts are still printed as written. */
#ifndef DG_FMT_SEG_H
#define DG_FMT_SEG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    FF_START = 1,   /* first token of a statement */
    FF_END = 2,     /* last token of a statement */
};

typedef struct FTok {
    int kind;              /* bison token kind (lex.h); ';' only where the text has one */
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

/* Lex `text` and mark statement starts/ends and block widths. Lexical errors are not
 * reported (fmt_source parses the text first); a bad character is simply not a token. */
void ftoks_lex(FToks *ts, const char *text, size_t n);
void ftoks_free(FToks *ts);

/* Token classes the layout cares about. */
bool ftok_punct(int kind);   /* operators and punctuation, `<=` `>=` `==` `!=` included */

#endif
