/* intern.c - string interning: an open-addressing table of (hash, id) over an array of
 * names. Lookups are the hot path of the lexer (every identifier), so the table keeps the
 * hash beside the id and a name's text and length sit together: a hit costs one table
 * slot, one name record and one string compare. */
#include "intern.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* A word-at-a-time multiplicative hash; the tail is gathered bytewise so no read passes
 * the end of s (identifiers sit at the end of flex's buffer). */
static uint32_t hash(const char *s, size_t len)
{
    const uint64_t k = 0x9E3779B97F4A7C15u;
    uint64_t h = len * k;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    uint64_t w = 0;
    for (size_t j = 0; i < len; i++, j += 8)
        w |= (uint64_t)(unsigned char)s[i] << j;
    h = (h ^ w) * k;
    h ^= h >> 32;
    h *= k;
    return (uint32_t)(h >> 32);
}

static bool same(const InternName *nm, const char *s, size_t len)
{
    if (nm->len != len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (nm->s[i] != s[i])
            return false;
    return true;
}

void intern_init(Interner *in)
{
    memset(in, 0, sizeof *in);
    arena_init(&in->arena);
    in->names = vec_grow(NULL, &in->cap, 64, sizeof *in->names);
    in->names[0] = (InternName){"", 0};
    in->n = 1;
    in->tcap = 128;
    in->table = xcalloc(in->tcap, sizeof *in->table);
}

void intern_free(Interner *in)
{
    arena_free(&in->arena);
    free(in->names);
    free(in->table);
    memset(in, 0, sizeof *in);
}

static size_t probe(const Interner *in, const char *s, size_t len, uint32_t h)
{
    size_t mask = in->tcap - 1, i = h & mask;
    for (;;) {
        uint64_t e = in->table[i];
        uint32_t id = (uint32_t)e;
        if (id == 0 || ((uint32_t)(e >> 32) == h && same(&in->names[id], s, len)))
            return i;
        i = (i + 1) & mask;
    }
}

static void rehash(Interner *in)
{
    size_t ncap = in->tcap * 2;
    uint64_t *nt = xcalloc(ncap, sizeof *nt);
    for (size_t k = 0; k < in->tcap; k++) {
        uint64_t e = in->table[k];
        if (!e)
            continue;
        size_t i = (size_t)(e >> 32) & (ncap - 1);
        while (nt[i])
            i = (i + 1) & (ncap - 1);
        nt[i] = e;
    }
    free(in->table);
    in->table = nt;
    in->tcap = ncap;
}

Sym intern(Interner *in, const char *s, size_t len)
{
    uint32_t h = hash(s, len);
    size_t slot = probe(in, s, len, h);
    if (in->table[slot])
        return (Sym)(uint32_t)in->table[slot];
    in->names = vec_grow(in->names, &in->cap, in->n + 1, sizeof *in->names);
    Sym id = (Sym)in->n++;
    in->names[id] = (InternName){arena_strndup(&in->arena, s, len), (uint32_t)len};
    in->table[slot] = (uint64_t)h << 32 | id;
    if (in->n * 2 > in->tcap)
        rehash(in);
    return id;
}

Sym intern_cstr(Interner *in, const char *s) { return intern(in, s, strlen(s)); }

Sym intern_find(const Interner *in, const char *s, size_t len)
{
    return (Sym)(uint32_t)in->table[probe(in, s, len, hash(s, len))];
}

const char *sym_str(const Interner *in, Sym s) { return s < in->n ? in->names[s].s : "?"; }
size_t sym_len(const Interner *in, Sym s) { return s < in->n ? in->names[s].len : 1; }
size_t intern_count(const Interner *in) { return in->n - 1; }
