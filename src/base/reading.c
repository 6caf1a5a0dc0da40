/* reading.c - a source set, its diagnostics and an interner, set up together (reading.h). */
#include "reading.h"
#include <string.h>
#include "xalloc.h"

void reading_init(Reading *r)
{
    srcset_init(&r->src);
    diags_init(&r->diags, &r->src);
    intern_init(&r->in);
}

void reading_free(Reading *r)
{
    intern_free(&r->in);
    diags_free(&r->diags);
    srcset_free(&r->src);
}

uint32_t reading_add(Reading *r, const char *name, const char *text, size_t len)
{
    char *copy = xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    return srcset_add(&r->src, name, NULL, copy, len);
}
