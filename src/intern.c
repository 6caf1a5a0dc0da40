/* intern.c - string interning with an open-addressing table of ids (FNV-1a hash). */
#include "intern.h"
#include <stdlib.h>
#include <string.h>

static uint32_t hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

void intern_init(Interner *in)
{
    memset(in, 0, sizeof *in);
    arena_init(&in->arena);
    in->strs = vec_grow(NULL, &in->cap, 64, sizeof *in->strs);
    size_t lcap = 0;
    in->lens = vec_grow(NULL, &lcap, in->cap, sizeof *in->lens);
    in->strs[0] = "";
    in->lens[0] = 0;
    in->n = 1;
    in->tcap = 128;
    in->table = xcalloc(in->tcap, sizeof *in->table);
}

void intern_free(Interner *in)
{
    arena_free(&in->arena);
    free((void *)in->strs);
    free(in->lens);
    free(in->table);
    memset(in, 0, sizeof *in);
}

static size_t probe(const Interner *in, const char *s, size_t len, uint32_t h)
{
    size_t mask = in->tcap - 1, i = h & mask;
    for (;;) {
        uint64_t e = in->table[i];
        uint32_t id = (uint32_t)e;
        if (id == 0 || ((uint32_t)(e >> 32) == h && in->lens[id] == len &&
                        memcmp(in->strs[id], s, len) == 0))
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
    if (in->n + 1 > in->cap) {
        size_t old = in->cap;
        in->strs = vec_grow((void *)in->strs, &in->cap, in->n + 1, sizeof *in->strs);
        size_t lcap = old;
        in->lens = vec_grow(in->lens, &lcap, in->cap, sizeof *in->lens);
    }
    Sym id = (Sym)in->n++;
    in->strs[id] = arena_strndup(&in->arena, s, len);
    in->lens[id] = (uint32_t)len;
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

const char *sym_str(const Interner *in, Sym s) { return s < in->n ? in->strs[s] : "?"; }
size_t intern_count(const Interner *in) { return in->n - 1; }
