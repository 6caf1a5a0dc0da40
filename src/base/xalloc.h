/* xalloc.h - the process-wide allocation choke point: abort with a message on exhaustion.
 * Part of the public API (dg.h includes it), so the front doors allocate the same way.
 * What these return is the caller's, to free(). */
#ifndef DG_XALLOC_H
#define DG_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);

/* Grow a heap vector of `elem`-sized items to hold at least `need` items. */
void *vec_grow(void *p, size_t *cap, size_t need, size_t elem);

#endif
