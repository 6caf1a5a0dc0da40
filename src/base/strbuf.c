/* strbuf.c - a growable text buffer (strbuf.h). */
#include "strbuf.h"
#include <stdlib.h>
#include <string.h>
#include "xalloc.h"

void strbuf_add(StrBuf *b, const char *s, size_t n)
{
    b->s = vec_grow(b->s, &b->cap, b->len + n + 1, 1);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void strbuf_str(StrBuf *b, const char *s) { strbuf_add(b, s, strlen(s)); }

void strbuf_spaces(StrBuf *b, size_t k)
{
    b->s = vec_grow(b->s, &b->cap, b->len + k + 1, 1);
    memset(b->s + b->len, ' ', k);
    b->len += k;
    b->s[b->len] = '\0';
}

char *strbuf_take(StrBuf *b, size_t *len)
{
    char *s = b->s ? b->s : xcalloc(1, 1);
    if (len)
        *len = b->len;
    *b = (StrBuf){0};
    return s;
}

void strbuf_free(StrBuf *b)
{
    free(b->s);
    *b = (StrBuf){0};
}
