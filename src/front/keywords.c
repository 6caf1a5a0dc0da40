/* keywords.c - the keywords of keywords.h: lookup by spelling, by token, and in order. */
#include "keywords.h"
#include <string.h>
#include "parser.h"

/* A chain of length-and-bytes tests the compiler folds to a few compares per name. */
int keyword_token(const char *s, size_t n)
{
#define KW(tok, word) if (n == sizeof word - 1 && memcmp(s, word, sizeof word - 1) == 0) return tok;
    DG_KEYWORDS(KW)
    DG_KEYWORD_SPELLINGS(KW)
#undef KW
    return 0;
}

bool token_is_keyword(int kind)
{
    switch (kind) {
#define KW(tok, word) case tok:
    DG_KEYWORDS(KW)
#undef KW
        return true;
    default:
        return false;
    }
}

void keyword_each(void (*fn)(const char *word, void *ud), void *ud)
{
#define KW(tok, word) fn(word, ud);
    DG_KEYWORDS(KW)
    DG_KEYWORD_SPELLINGS(KW)
#undef KW
}
