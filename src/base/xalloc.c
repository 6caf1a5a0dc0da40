/* xalloc.c - the allocation choke point: every heap allocation of dealgraph goes through
 * here and aborts with a message when memory runs out. */
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "dealgraph: out of memory (%zu bytes)\n", n);
        abort();
    }
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        fprintf(stderr, "dealgraph: out of memory (%zu x %zu bytes)\n", n, size);
        abort();
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "dealgraph: out of memory (%zu bytes)\n", n);
        abort();
    }
    return q;
}

void *vec_grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 8;
    while (c < need)
        c *= 2;
    p = xrealloc(p, c * elem);
    *cap = c;
    return p;
}
