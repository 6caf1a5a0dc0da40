/* arena.c - bump allocator: large blocks, aligned carving, freed all at once. */
#include "arena.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ArenaBlock {
    ArenaBlock *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

enum { BLOCK_MIN = 64 * 1024 };

void arena_init(Arena *a)
{
    a->head = NULL;
    a->total = 0;
}

void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
    a->total = 0;
}

void *arena_alloc(Arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    ArenaBlock *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > BLOCK_MIN ? n : BLOCK_MIN;
        /* New blocks always go first, so that arena_release can pop them in order. */
        ArenaBlock *nb = xmalloc(sizeof *nb + size);
        nb->used = 0;
        nb->size = size;
        nb->next = b;
        a->head = nb;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    a->total += n;
    memset(p, 0, n);
    return p;
}

ArenaMark arena_mark(const Arena *a)
{
    return (ArenaMark){a->head, a->head ? a->head->used : 0, a->total};
}

void arena_release(Arena *a, ArenaMark m)
{
    while (a->head && a->head != m.block) {
        ArenaBlock *next = a->head->next;
        if (!next && !m.block) {
            /* Released to empty: keep the last block for the next statement rather than
             * return it to malloc and ask for it again a million times. */
            a->head->used = 0;
            a->total = m.total;
            return;
        }
        free(a->head);
        a->head = next;
    }
    if (a->head)
        a->head->used = m.used;
    a->total = m.total;
}

void arena_adopt(Arena *to, Arena *from)
{
    ArenaBlock **tail = &to->head;
    while (*tail)
        tail = &(*tail)->next;
    *tail = from->head;
    to->total += from->total;
    from->head = NULL;
    from->total = 0;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}
