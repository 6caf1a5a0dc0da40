/* world.c - the graph store, and forks as overlays on a shared base.
 *
 * A root world holds everything in plain arrays. A fork holds only its differences: entities
 * it changed (copied on first write), entities and deals it added, cancelled deals, payment
 * factors and the nonbinding switch; every lookup falls through to the base. Names and
 * labels are indexed by Sym (interned ids are dense), so lookups are array reads. */
#include "world.h"
#include "arena.h"
#include <stdlib.h>
#include <string.h>

/* A small open-addressing map from uint32 keys to uint32 values (key stored + 1). */
typedef struct U32Map {
    uint32_t *keys, *vals;
    size_t cap, n;
} U32Map;

static size_t map_slot(const U32Map *m, uint32_t key)
{
    size_t mask = m->cap - 1, i = (key * 2654435761u) & mask;
    while (m->keys[i] && m->keys[i] != key + 1)
        i = (i + 1) & mask;
    return i;
}

static bool map_get(const U32Map *m, uint32_t key, uint32_t *val)
{
    if (!m->n)
        return false;
    size_t i = map_slot(m, key);
    if (!m->keys[i])
        return false;
    *val = m->vals[i];
    return true;
}

static void map_put(U32Map *m, uint32_t key, uint32_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        U32Map g = {xcalloc(m->cap ? m->cap * 2 : 16, sizeof(uint32_t)),
                    xcalloc(m->cap ? m->cap * 2 : 16, sizeof(uint32_t)), m->cap ? m->cap * 2 : 16, 0};
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i])
                map_put(&g, m->keys[i] - 1, m->vals[i]);
        free(m->keys);
        free(m->vals);
        *m = g;
    }
    size_t i = map_slot(m, key);
    if (!m->keys[i]) {
        m->keys[i] = key + 1;
        m->n++;
    }
    m->vals[i] = val;
}

static void map_free(U32Map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

struct World {
    Interner *in;
    const World *base;        /* NULL for a root */
    size_t base_nent, base_ndeal;
    Entity *ents;             /* root: all; fork: those it added (ids from base_nent) */
    size_t nent, capent;
    Entity *over;             /* fork: copies of base entities it changed */
    size_t nover, capover;
    U32Map over_idx;          /* EntId -> index in over */
    EntId *by_sym;            /* Sym -> EntId + 1 (0 = none), for entities this level added */
    size_t capsym;
    Deal *deals;              /* root: all; fork: those it added */
    size_t ndeal, capdeal;
    DealId *label_sym;        /* Sym -> DealId + 1, labels this level added */
    size_t caplabel;
    U32Map cancelled;         /* DealId -> 1 */
    double *factor;           /* payment factors, indexed by factor_idx */
    size_t nfactor, capfactor;
    U32Map factor_idx;        /* EntId -> index in factor */
    double *rfactor;          /* revenue factors, indexed by rfactor_idx */
    size_t nrfactor, caprfactor;
    U32Map rfactor_idx;
    Path *paths;              /* root: all; fork: those it added (ids from base_npath + 1) */
    size_t npath, cappath, base_npath;
    Debt *debts;              /* root: all; fork: those it added */
    size_t ndebt, capdebt, base_ndebt;
    Arena points;             /* the paths' points */
    Sym *layers[2];           /* [0] declared by entities, [1] named by `layers`, this level */
    size_t nlayers[2], caplayers[2];
    U32Map layer_seen[2];
    bool has_horizon;
    int32_t horizon;
    bool drop_nonbinding;
    bool has_asof;
    int32_t asof;
    bool has_reach;           /* dated binding money deals this level added: */
    int32_t reach_first;      /* the first month one pays */
    int reach_last;           /* the last year one pays in */
};

#define DG_ATTR_WORD(id, word) [id] = word,
static const char *const ATTR_WORDS[A__COUNT] = {DG_ATTRS(DG_ATTR_WORD)};
#undef DG_ATTR_WORD

const char *attr_name(AttrId a) { return (unsigned)a < A__COUNT ? ATTR_WORDS[a] : "?"; }

World *world_new(Interner *in)
{
    World *w = xcalloc(1, sizeof *w);
    w->in = in;
    w->asof = MONTH_NONE;
    return w;
}

World *world_fork(const World *base)
{
    World *w = xcalloc(1, sizeof *w);
    w->in = base->in;
    w->base = base;
    w->base_nent = world_n_entities(base);
    w->base_ndeal = world_n_deals(base);
    w->base_npath = base->base_npath + base->npath;
    w->base_ndebt = world_n_debts(base);
    w->asof = MONTH_NONE;
    return w;
}

void world_free(World *w)
{
    if (!w)
        return;
    free(w->ents);
    free(w->over);
    map_free(&w->over_idx);
    free(w->by_sym);
    free(w->deals);
    free(w->label_sym);
    map_free(&w->cancelled);
    free(w->factor);
    map_free(&w->factor_idx);
    free(w->rfactor);
    map_free(&w->rfactor_idx);
    free(w->paths);
    free(w->debts);
    for (int i = 0; i < 2; i++) {
        free(w->layers[i]);
        map_free(&w->layer_seen[i]);
    }
    arena_free(&w->points);
    free(w);
}

Interner *world_interner(const World *w) { return w->in; }

size_t world_n_entities(const World *w) { return w->base_nent + w->nent; }

EntId world_find(const World *w, Sym name)
{
    for (; w; w = w->base)
        if (name < w->capsym && w->by_sym[name])
            return w->by_sym[name] - 1;
    return ENT_NONE;
}

static void index_sym(EntId **arr, size_t *cap, Sym s, uint32_t v)
{
    if (s >= *cap) {
        size_t old = *cap;
        *arr = vec_grow(*arr, cap, (size_t)s + 1, sizeof **arr);
        memset(*arr + old, 0, (*cap - old) * sizeof **arr);
    }
    (*arr)[s] = v + 1;
}

EntId world_ensure(World *w, Sym name, Span used_at)
{
    EntId id = world_find(w, name);
    if (id != ENT_NONE)
        return id;
    w->ents = vec_grow(w->ents, &w->capent, w->nent + 1, sizeof *w->ents);
    Entity *e = &w->ents[w->nent];
    memset(e, 0, sizeof *e);
    e->name = name;
    e->kind = ENT_COMPANY;
    e->span = used_at;
    id = (EntId)(w->base_nent + w->nent++);
    index_sym(&w->by_sym, &w->capsym, name, id);
    return id;
}

const Entity *world_entity(const World *w, EntId id)
{
    for (; w; w = w->base) {
        if (id >= w->base_nent)
            return id - w->base_nent < w->nent ? &w->ents[id - w->base_nent] : NULL;
        uint32_t k;
        if (map_get(&w->over_idx, id, &k))
            return &w->over[k];
    }
    return NULL;
}

Entity *world_entity_mut(World *w, EntId id)
{
    if (id >= w->base_nent)
        return id - w->base_nent < w->nent ? &w->ents[id - w->base_nent] : NULL;
    uint32_t k;
    if (map_get(&w->over_idx, id, &k))
        return &w->over[k];
    const Entity *src = world_entity(w->base, id);
    if (!src)
        return NULL;
    w->over = vec_grow(w->over, &w->capover, w->nover + 1, sizeof *w->over);
    w->over[w->nover] = *src;
    map_put(&w->over_idx, id, (uint32_t)w->nover);
    return &w->over[w->nover++];
}

const char *world_name(const World *w, EntId id)
{
    const Entity *e = world_entity(w, id);
    return e ? sym_str(w->in, e->name) : "?";
}

size_t world_n_deals(const World *w) { return w->base_ndeal + w->ndeal; }

DealId world_add_deal(World *w, const Deal *d)
{
    w->deals = vec_grow(w->deals, &w->capdeal, w->ndeal + 1, sizeof *w->deals);
    w->deals[w->ndeal] = *d;
    DealId id = (DealId)(w->base_ndeal + w->ndeal++);
    if (d->binding && verb_moves_money(d->kind) && d->from != MONTH_NONE) {
        int last = month_year(d->from + (d->over > 0 ? d->over : 1) - 1);
        if (!w->has_reach || d->from < w->reach_first)
            w->reach_first = d->from;
        if (!w->has_reach || last > w->reach_last)
            w->reach_last = last;
        w->has_reach = true;
    }
    if (d->label != SYM_NONE && world_find_label(w, d->label) == DEAL_NONE)
        index_sym(&w->label_sym, &w->caplabel, d->label, id);
    return id;
}

static bool cancelled(const World *w, DealId id)
{
    uint32_t v;
    for (; w; w = w->base)
        if (map_get(&w->cancelled, id, &v))
            return true;
    return false;
}

static double payment_factor(const World *w, EntId payer)
{
    double f = 1.0;
    uint32_t k;
    for (; w; w = w->base)
        if (map_get(&w->factor_idx, payer, &k))
            f *= w->factor[k];
    return f;
}

double world_revenue_factor(const World *w, EntId ent)
{
    double f = 1.0;
    uint32_t k;
    for (; w; w = w->base)
        if (map_get(&w->rfactor_idx, ent, &k))
            f *= w->rfactor[k];
    return f;
}

static bool dropping_nonbinding(const World *w)
{
    for (; w; w = w->base)
        if (w->drop_nonbinding)
            return true;
    return false;
}

static const Deal *raw_deal(const World *w, DealId id)
{
    for (; w; w = w->base)
        if (id >= w->base_ndeal)
            return id - w->base_ndeal < w->ndeal ? &w->deals[id - w->base_ndeal] : NULL;
    return NULL;
}

bool world_deal(const World *w, DealId id, Deal *out)
{
    /* The common case, a root world with nothing cancelled or scaled: one array read. */
    if (!w->base && !w->cancelled.n && !w->factor_idx.n && !w->rfactor_idx.n &&
        !w->drop_nonbinding) {
        if (id >= w->ndeal)
            return false;
        *out = w->deals[id];
        return true;
    }
    const Deal *d = raw_deal(w, id);
    if (!d || cancelled(w, id) || (!d->binding && dropping_nonbinding(w)))
        return false;
    *out = *d;
    if (verb_moves_money(d->kind))   /* a cap or a limit is not a payment */
        out->amount *= payment_factor(w, d->payer);
    if (d->revenue)
        out->amount *= world_revenue_factor(w, d->payee);
    return true;
}

DealId world_find_label(const World *w, Sym label)
{
    for (; w; w = w->base)
        if (label < w->caplabel && w->label_sym[label])
            return w->label_sym[label] - 1;
    return DEAL_NONE;
}

EntId deal_debtor(const Deal *d) { return d->kind == VERB_LENDS ? d->payee : d->payer; }
EntId deal_creditor(const Deal *d) { return d->kind == VERB_LENDS ? d->payer : d->payee; }

const char *world_deal_label(const World *w, DealId id)
{
    Deal d;
    if (id == DEAL_NONE || !world_deal(w, id, &d) || d.label == SYM_NONE)
        return NULL;
    return sym_str(world_interner(w), d.label);
}

void world_cancel(World *w, DealId id) { map_put(&w->cancelled, id, 1); }

/* Multiply the factor of `ent` in one of this level's factor tables. */
static void scale(double **f, size_t *n, size_t *cap, U32Map *idx, EntId ent, double factor)
{
    uint32_t k;
    if (map_get(idx, ent, &k)) {
        (*f)[k] *= factor;
        return;
    }
    *f = vec_grow(*f, cap, *n + 1, sizeof **f);
    (*f)[*n] = factor;
    map_put(idx, ent, (uint32_t)(*n)++);
}

void world_scale_payments(World *w, EntId payer, double factor)
{
    scale(&w->factor, &w->nfactor, &w->capfactor, &w->factor_idx, payer, factor);
}

void world_scale_revenue(World *w, EntId ent, double factor)
{
    scale(&w->rfactor, &w->nrfactor, &w->caprfactor, &w->rfactor_idx, ent, factor);
}

PathId world_add_path(World *w, const PathPoint *pts, uint32_t n, bool grows, double growth)
{
    PathPoint *copy = arena_alloc(&w->points, (n ? n : 1) * sizeof *copy);
    for (uint32_t i = 0; i < n; i++)
        copy[i] = pts[i];
    w->paths = vec_grow(w->paths, &w->cappath, w->npath + 1, sizeof *w->paths);
    w->paths[w->npath] = (Path){copy, n, grows, growth};
    return (PathId)(w->base_npath + ++w->npath);
}

const Path *world_path(const World *w, PathId id)
{
    for (; w && id != PATH_NONE; w = w->base)
        if (id > w->base_npath)
            return id - w->base_npath <= w->npath ? &w->paths[id - w->base_npath - 1] : NULL;
    return NULL;
}

void world_add_debt(World *w, const Debt *d)
{
    w->debts = vec_grow(w->debts, &w->capdebt, w->ndebt + 1, sizeof *w->debts);
    w->debts[w->ndebt++] = *d;
}

size_t world_n_debts(const World *w) { return w->base_ndebt + w->ndebt; }

const Debt *world_debt(const World *w, size_t i)
{
    for (; w; w = w->base)
        if (i >= w->base_ndebt)
            return i - w->base_ndebt < w->ndebt ? &w->debts[i - w->base_ndebt] : NULL;
    return NULL;
}

void world_note_layer(World *w, Sym layer, bool ordered)
{
    uint32_t dummy;
    if (map_get(&w->layer_seen[ordered], layer, &dummy))
        return;
    map_put(&w->layer_seen[ordered], layer, 1);
    w->layers[ordered] = vec_grow(w->layers[ordered], &w->caplayers[ordered],
                                  w->nlayers[ordered] + 1, sizeof *w->layers[ordered]);
    w->layers[ordered][w->nlayers[ordered]++] = layer;
}

const char **world_layer_order(const World *w, size_t *n)
{
    size_t nlv = 0, total = 0, k = 0;
    for (const World *x = w; x; x = x->base, nlv++)
        total += x->nlayers[0] + x->nlayers[1];
    const World **lv = xcalloc(nlv, sizeof *lv);   /* root first */
    size_t i = nlv;
    for (const World *x = w; x; x = x->base)
        lv[--i] = x;
    const char **out = xcalloc(total ? total : 1, sizeof *out);
    U32Map seen = {0};
    uint32_t dummy;
    for (int pass = 1; pass >= 0; pass--)
        for (size_t l = 0; l < nlv; l++)
            for (size_t j = 0; j < lv[l]->nlayers[pass]; j++) {
                Sym s = lv[l]->layers[pass][j];
                if (map_get(&seen, s, &dummy))
                    continue;
                map_put(&seen, s, 1);
                out[k++] = sym_str(w->in, s);
            }
    map_free(&seen);
    free(lv);
    *n = k;
    return out;
}

void world_set_horizon(World *w, int32_t year)
{
    w->horizon = year;
    w->has_horizon = true;
}

int32_t world_horizon(const World *w)
{
    for (; w; w = w->base)
        if (w->has_horizon)
            return w->horizon;
    return YEAR_NONE;
}

void world_drop_nonbinding(World *w) { w->drop_nonbinding = true; }

void world_set_asof(World *w, int32_t month)
{
    w->asof = month;
    w->has_asof = true;
}

int32_t world_asof(const World *w)
{
    for (; w; w = w->base)
        if (w->has_asof)
            return w->asof;
    return MONTH_NONE;
}

bool world_dated_reach(const World *w, int32_t *first_month, int *last_year)
{
    bool any = false;
    for (; w; w = w->base) {
        if (!w->has_reach)
            continue;
        if (!any || w->reach_first < *first_month)
            *first_month = w->reach_first;
        if (!any || w->reach_last > *last_year)
            *last_year = w->reach_last;
        any = true;
    }
    return any;
}

const World *world_base(const World *w) { return w->base; }

size_t world_bytes(const World *w)
{
    return sizeof *w + w->capent * sizeof(Entity) + w->capover * sizeof(Entity) +
           w->capsym * sizeof(EntId) + w->capdeal * sizeof(Deal) + w->caplabel * sizeof(DealId) +
           (w->over_idx.cap + w->cancelled.cap + w->factor_idx.cap) * 2 * sizeof(uint32_t) +
           w->capfactor * sizeof(double);
}
