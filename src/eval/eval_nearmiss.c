/* eval_nearmiss.c - the warning for a name one typo from a declared one.
 *
 * A deal may name an entity no statement declares (grammar/README.md "Lines and
 * statements"): it becomes an entity with nothing of its own. Outside --strict that is
 * silent, so `from lucnet` beside `company lucent` would quietly split one company in two.
 * Once the input has run, every such name that is one edit (a letter added, dropped,
 * changed, or two neighbours swapped) from a declared name gets a warning at its first use;
 * --strict makes every undeclared name an error instead, so it gives none of these.
 *
 * Linear in the names: the variants of the new undeclared names (the first 10,000 of
 * them), each name itself and the name with one letter dropped, go in a small hash table,
 * and each declared name's variants are looked up in it. Two names one edit apart always
 * share a variant, and every shared variant is checked letter by letter, so a hash
 * collision never warns. */
#include "eval_int.h"
#include <stdlib.h>
#include <string.h>

enum {
    NEAR_MIN_LEN = 3,    /* "ab" beside "ac" is as likely two names as a typo */
    NEAR_MAX_LEN = 64,   /* longer names are not looked at */
    NEAR_MAX_SHOWN = 20, /* past 21, one warning counts the rest */
    /* A web with more undeclared names than this does not declare its entities: the first
     * ones are looked at, which bounds the table at a few MB */
    NEAR_MAX_NAMES = 10000,
};

typedef struct {
    uint64_t h;
    uint32_t u;          /* index in the undeclared list, + 1 (0 = empty slot) */
} NearSlot;

/* Hash of s with the letter at `skip` left out (skip = len: nothing left out). */
static uint64_t variant_hash(const char *s, size_t len, size_t skip)
{
    uint64_t h = 1469598103934665603u ^ (uint64_t)(len - (skip < len));
    for (size_t i = 0; i < len; i++)
        if (i != skip)
            h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h ^ (h >> 29);
}

/* Are a and b exactly one edit apart (insertion, deletion, substitution, or a swap of
 * two neighbouring letters)? */
static bool one_edit(const char *a, size_t la, const char *b, size_t lb)
{
    if (la < lb)
        return one_edit(b, lb, a, la);
    if (la - lb > 1)
        return false;
    size_t i = 0;
    while (i < lb && a[i] == b[i])
        i++;
    if (la > lb)   /* a has one letter more: dropping a[i] must give b */
        return memcmp(a + i + 1, b + i, lb - i) == 0;
    if (i == la)
        return false;   /* the same name */
    if (memcmp(a + i + 1, b + i + 1, la - i - 1) == 0)
        return true;    /* one letter changed */
    return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           memcmp(a + i + 2, b + i + 2, la - i - 2) == 0;
}

static size_t pow2_at_least(size_t n)
{
    size_t c = 16;
    while (c < n)
        c <<= 1;
    return c;
}

static void table_put(NearSlot *t, size_t mask, uint64_t h, uint32_t u)
{
    size_t i = (size_t)h & mask;
    while (t[i].u)
        i = (i + 1) & mask;
    t[i].h = h;
    t[i].u = u;
}

/* Warn about each name of und (the undeclared names, ids into w) one edit from a declared
 * name: the alphabetically first such name, so the hint is the same on every run. */
static void report(Eval *ev, const World *w, const EntId *und, const char **best, size_t nu)
{
    size_t shown = 0, more = 0, total = 0;
    for (size_t k = 0; k < nu; k++)
        total += best[k] != NULL;
    /* one summary for two or more past the limit ("and 0 more" would say nothing) */
    size_t limit = total > NEAR_MAX_SHOWN + 1 ? NEAR_MAX_SHOWN : total;
    EntId first_more = ENT_NONE;
    for (size_t k = 0; k < nu; k++) {
        if (!best[k])
            continue;
        if (shown == limit) {
            if (more++ == 0)
                first_more = und[k];
            continue;
        }
        shown++;
        diag_warning(ev->d, world_entity(w, und[k])->span,
                     "'%s' is never declared, and is one letter from '%s'",
                     world_name(w, und[k]), best[k]);
        diag_hint(ev->d, "did you mean '%s'? A name no statement declares is an entity with "
                         "nothing of its own (check --strict makes it an error)", best[k]);
    }
    if (more) {
        diag_warning(ev->d, world_entity(w, first_more)->span,
                     "'%s' and %zu more name%s are never declared, each one letter from a "
                     "declared name", world_name(w, first_more), more - 1, more > 2 ? "s" : "");
        diag_hint(ev->d, "check --strict lists every name that is never declared");
    }
}

/* Look every declared name's variants up among the undeclared names' (the table). */
static void match_declared(const World *w, const NearSlot *t, size_t mask, const EntId *und,
                           const char **best)
{
    size_t n = world_n_entities(w);
    for (EntId i = 0; i < n; i++) {
        if (!world_entity(w, i)->declared)
            continue;
        const char *d = world_name(w, i);
        size_t ld = strlen(d);
        if (ld < NEAR_MIN_LEN || ld > NEAR_MAX_LEN)
            continue;
        for (size_t skip = 0; skip <= ld; skip++) {
            uint64_t h = variant_hash(d, ld, skip);
            for (size_t j = (size_t)h & mask; t[j].u; j = (j + 1) & mask) {
                if (t[j].h != h)
                    continue;
                size_t k = t[j].u - 1;
                const char *u = world_name(w, und[k]);
                if ((!best[k] || strcmp(d, best[k]) < 0) && one_edit(u, strlen(u), d, ld))
                    best[k] = d;
            }
        }
    }
}

/* Incremental like the --strict check: the names that came in since the last call. */
void eval_warn_near_misses(Eval *ev)
{
    const World *w = ev->base.w;
    size_t n = world_n_entities(w), from = ev->near_checked;
    ev->near_checked = n;
    if (ev->opt->strict || from >= n)
        return;
    EntId *und = NULL;
    size_t nu = 0, cap = 0, nvar = 0;
    for (EntId i = (EntId)from; i < n && nu < NEAR_MAX_NAMES; i++) {
        if (world_entity(w, i)->declared)
            continue;
        size_t len = strlen(world_name(w, i));
        if (len < NEAR_MIN_LEN || len > NEAR_MAX_LEN)
            continue;
        und = vec_grow(und, &cap, nu + 1, sizeof *und);
        und[nu++] = i;
        nvar += len + 1;
    }
    if (nu == 0)
        return;
    size_t tcap = pow2_at_least(2 * nvar), mask = tcap - 1;
    NearSlot *t = xcalloc(tcap, sizeof *t);
    for (size_t k = 0; k < nu; k++) {
        const char *u = world_name(w, und[k]);
        size_t len = strlen(u);
        for (size_t skip = 0; skip <= len; skip++)
            table_put(t, mask, variant_hash(u, len, skip), (uint32_t)(k + 1));
    }
    const char **best = xcalloc(nu, sizeof *best);
    match_declared(w, t, mask, und, best);
    report(ev, w, und, best, nu);
    free(best);
    free(t);
    free(und);
}
