/* intern.h - interned names: each distinct string gets one small integer id (Sym).
 *
 * Ownership: an Interner owns copies of every string interned; sym_str pointers stay valid
 * until intern_free. Sym 0 is reserved for "no name". Lookup is one hash probe sequence, so
 * names compare as integers everywhere above this layer. */
#ifndef DG_INTERN_H
#define DG_INTERN_H
#include <stddef.h>
#include <stdint.h>
#include "arena.h"

typedef uint32_t Sym;
#define SYM_NONE 0u

typedef struct InternName { const char *s; uint32_t len; } InternName;

typedef struct Interner {
    Arena arena;
    InternName *names;   /* id -> its text and length; names[0] = "" */
    size_t n, cap;
    uint64_t *table;     /* open addressing: hash << 32 | id, 0 = empty slot (the stored
                            hash settles most mismatches without touching the string) */
    size_t tcap;
} Interner;

void intern_init(Interner *in);
void intern_free(Interner *in);
Sym intern(Interner *in, const char *s, size_t len);
Sym intern_cstr(Interner *in, const char *s);
/* The id of s if it was interned before, else SYM_NONE (does not add). */
Sym intern_find(const Interner *in, const char *s, size_t len);
const char *sym_str(const Interner *in, Sym s);
size_t sym_len(const Interner *in, Sym s);
size_t intern_count(const Interner *in);

#endif
