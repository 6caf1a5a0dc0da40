/* strbuf.h - a growable text buffer, always NUL-terminated. Part of the public API (dg.h
 * includes it): the REPL builds its input in one, fmt its output, the charts their bytes.
 *
 * Ownership: a StrBuf owns s (heap, NULL until the first add); strbuf_free releases it,
 * strbuf_take hands it to the caller. A zeroed StrBuf is empty and ready. */
#ifndef DG_STRBUF_H
#define DG_STRBUF_H
#include <stddef.h>

typedef struct StrBuf {
    char *s;
    size_t len, cap;
} StrBuf;

void strbuf_add(StrBuf *b, const char *s, size_t n);
void strbuf_str(StrBuf *b, const char *s);
void strbuf_spaces(StrBuf *b, size_t k);
/* The text (heap; "" when empty), and *len its length (len may be NULL); b is left empty. */
char *strbuf_take(StrBuf *b, size_t *len);
void strbuf_free(StrBuf *b);

#endif
