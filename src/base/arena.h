/* arena.h - bump allocation for everything that lives as long as a parse or a world.
 *
 * Ownership: an Arena owns every block it hands out; arena_free releases them all at once.
 * Nothing allocated from an arena is freed individually. Allocation failure aborts with a
 * message (xalloc.h, the one allocation choke point of dealgraph). */
#ifndef DG_ARENA_H
#define DG_ARENA_H
#include <stddef.h>
#include "xalloc.h"

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head;   /* newest block first */
    size_t total;       /* bytes handed out, for `make bench` memory figures */
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a);
/* A position in an arena; arena_release frees everything allocated after it. A streaming
 * parse uses this to reuse one statement's memory for the next. */
typedef struct ArenaMark {
    ArenaBlock *block;
    size_t used, total;
} ArenaMark;
ArenaMark arena_mark(const Arena *a);
void arena_release(Arena *a, ArenaMark m);

void *arena_alloc(Arena *a, size_t n);            /* 16-byte aligned, zeroed */
char *arena_strndup(Arena *a, const char *s, size_t n);
/* Move every block of `from` into `to` (to owns them from now on; from is left empty).
 * They go behind to's existing blocks: releasing `to` to a mark taken while it held a
 * block leaves them alone. */
void arena_adopt(Arena *to, Arena *from);
char *arena_strdup(Arena *a, const char *s);

#endif
