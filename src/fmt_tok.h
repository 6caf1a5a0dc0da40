/* fmt_tok.h - the formatter's view of a script: tokens with their comments, and where each
 * statement starts and ends. Internal to fmt.c and fmt_tok.c.
 *
 * The formatter scans the text itself rather than reusing the
 * flex scanner because it needs what the parser throws away (comments, the exact bytes of a
 * literal, the newlines between tokens); it runs only on text the real parser accepted, so
 * this scanner never has to report errors. Statement boundaries follow the language's rule:
 * `;`, or a newline after a token that can end a statement, outside parentheses. */
#ifndef DG_FMT_TOK_H
#define DG_FMT_TOK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { FT_WORD, FT_NUM, FT_STR, FT_PUNCT, FT_COMMENT } FTokKind;

enum {
    FF_START = 1,   /* first token of a statement */
    FF_END = 2,     /* last token of a statement */
    FF_KW = 4,      /* a keyword of the language */
};

typedef struct FTok {
    FTokKind kind;
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

/* Scan `text` into tokens and mark statement starts/ends and block widths. */
void ftoks_scan(FToks *ts, const char *text, size_t n);
void ftoks_free(FToks *ts);

/* Does token t spell exactly `s`? */
bool ftok_is(const FTok *t, const char *text, const char *s);

#endif
