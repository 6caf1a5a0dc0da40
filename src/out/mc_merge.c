/* mc_merge.c - shards of a simulate read back into one McSum (mc_merge.h). Every field is
 * checked before it is used: a file that is not one shard of the same run is refused with
 * its name, never half merged. */
#include "mc_merge.h"
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one shard says about the run it belongs to. */
typedef struct Head {
    const char *scenario;
    uint64_t seed, index, count, total;
    json_t *ents, *sys;
} Head;

static bool fail(char *err, size_t errn, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(char *err, size_t errn, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errn, fmt, ap);
    va_end(ap);
    return false;
}

static bool count_of(json_t *o, const char *key, uint64_t *out)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return false;
    *out = (uint64_t)json_integer_value(v);
    return true;
}

static bool read_head(json_t *root, const char *name, Head *h, char *err, size_t errn)
{
    json_t *sh = json_object_get(root, "shard");
    if (!json_is_object(sh))
        return fail(err, errn, "%s: no \"shard\" object: write each shard with "
                    "`dealgraph simulate ... --shard K/N --json`", name);
    h->scenario = json_string_value(json_object_get(root, "scenario"));
    h->ents = json_object_get(sh, "entities");
    h->sys = json_object_get(sh, "system_losses");
    if (!h->scenario || !count_of(root, "seed", &h->seed) || !count_of(sh, "index", &h->index) ||
        !count_of(sh, "count", &h->count) || !count_of(sh, "total", &h->total) ||
        !json_is_array(h->ents) || !json_is_array(h->sys) || h->index >= h->count)
        return fail(err, errn, "%s: the shard's scenario, seed, index, count, total, "
                    "entities or system_losses is missing or malformed", name);
    return true;
}

/* Samples k < total with k mod count == index. */
static uint64_t shard_size(const Head *h)
{
    return h->index < h->total ? (h->total - h->index + h->count - 1) / h->count : 0;
}

static bool same_run(const Head *a, const Head *b, const char *name, char *err, size_t errn)
{
    if (strcmp(a->scenario, b->scenario) || a->seed != b->seed || a->count != b->count ||
        a->total != b->total)
        return fail(err, errn, "%s: a shard of another run (scenario %s, seed %" PRIu64
                    ", %" PRIu64 " samples in %" PRIu64 " shards; expected %s, %" PRIu64
                    ", %" PRIu64 ", %" PRIu64 ")", name, b->scenario, b->seed, b->total,
                    b->count, a->scenario, a->seed, a->total, a->count);
    if (json_array_size(a->ents) != json_array_size(b->ents))
        return fail(err, errn, "%s: another set of entities", name);
    for (size_t j = 0; j < json_array_size(a->ents); j++) {
        const char *x = json_string_value(json_object_get(json_array_get(a->ents, j), "name"));
        const char *y = json_string_value(json_object_get(json_array_get(b->ents, j), "name"));
        if (!x || !y || strcmp(x, y))
            return fail(err, errn, "%s: another set of entities ('%s')", name, y ? y : "?");
    }
    return true;
}

/* One entity's sums: its loss and its default counts by year ("now": no dates). */
static bool add_entity(McSum *m, size_t j, json_t *e, const char *name, char *err, size_t errn)
{
    McAcc a;
    const char *hex = json_string_value(json_object_get(e, "loss_sum"));
    json_t *years = json_object_get(e, "years");
    if (!hex || !mc_acc_parse(hex, &a) || !json_is_object(years))
        return fail(err, errn, "%s: entity '%s' has a malformed loss_sum or years", name,
                    m->ent[j].name);
    mc_acc_sum(&m->ent[j].loss, a);
    const char *key;
    json_t *v;
    json_object_foreach(years, key, v) {
        char *end;
        long y = strcmp(key, "now") ? strtol(key, &end, 10) : 0;
        bool ok_key = !strcmp(key, "now") || (*key && !*end && y > -100000 && y < 100000);
        if (!ok_key || !json_is_integer(v) || json_integer_value(v) < 0)
            return fail(err, errn, "%s: entity '%s' has a malformed year '%s'", name,
                        m->ent[j].name, key);
        m->dated = strcmp(key, "now") != 0;
        mc_add_defaults(m, j, (int)y, (uint64_t)json_integer_value(v));
    }
    return true;
}

static bool add_shard(McSum *m, const Head *h, const char *name, char *err, size_t errn)
{
    if (json_array_size(h->sys) != shard_size(h))
        return fail(err, errn, "%s: shard %" PRIu64 " of %" PRIu64 " holds %zu samples, not %"
                    PRIu64, name, h->index, h->count, json_array_size(h->sys), shard_size(h));
    for (size_t j = 0; j < m->n; j++)
        if (!add_entity(m, j, json_array_get(h->ents, j), name, err, errn))
            return false;
    for (size_t k = 0; k < json_array_size(h->sys); k++) {
        const char *s = json_string_value(json_array_get(h->sys, k));
        char *end = NULL;
        double x = s ? strtod(s, &end) : 0;
        if (!s || !*s || *end)
            return fail(err, errn, "%s: system loss %zu is not a number", name, k);
        mc_add_sample(m, x);
    }
    return true;
}

bool mc_merge_shards(json_t *const *roots, const char *const *names, size_t n, McSum *m,
                     McRun *run, char *err, size_t errn)
{
    memset(m, 0, sizeof *m);
    Head *h = xcalloc(n + 1, sizeof *h);
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++)
        ok = read_head(roots[i], names[i], &h[i], err, errn) &&
             (i == 0 || same_run(&h[0], &h[i], names[i], err, errn));
    for (size_t i = 0; ok && i < n; i++)
        for (size_t k = 0; ok && k < i; k++)
            if (h[k].index == h[i].index)
                ok = fail(err, errn, "%s: shard %" PRIu64 " of %" PRIu64 " appears twice (also %s)",
                          names[i], h[i].index, h[i].count, names[k]);
    if (ok && n != h[0].count)
        ok = fail(err, errn, "%zu shard%s given, the run has %" PRIu64, n, n == 1 ? "" : "s",
                  h[0].count);
    if (ok) {
        size_t ne = json_array_size(h[0].ents);
        const char **nm = xcalloc(ne + 1, sizeof *nm);
        for (size_t j = 0; j < ne; j++)
            nm[j] = json_string_value(json_object_get(json_array_get(h[0].ents, j), "name"));
        mc_init(m, ne, nm, true);
        free(nm);
    }
    for (size_t i = 0; ok && i < n; i++)
        ok = add_shard(m, &h[i], names[i], err, errn);
    if (ok) {
        mc_finish(m);
        *run = (McRun){h[0].scenario, h[0].seed};
    }
    free(h);
    return ok;
}
