/* render_layers.c - the layers of the picture: one cluster per layer, one column each,
 * left to right in the order the script gives (docs/PICTURES.md "Layers"). */
#include "render_int.h"
#include <stdlib.h>
#include <string.h>
#include "xalloc.h"

/* The captions and fills of the layers the 2025 web uses; any other layer is captioned
 * with its name, first letter capitalised, and takes the next fill of OTHER_FILLS. */
static const struct KnownLayer {
    const char *name, *caption, *fill;
} KNOWN[] = {
    {"chips", "Chips", "#dbe9f6"},     {"cloud", "Cloud", "#dff0d8"},
    {"labs", "Labs", "#fcebd2"},       {"capital", "Capital", "#ebe1f0"},
    {"demand", "Demand", "#f2f2f2"},   {"companies", "Companies", "#ffffff"},
};
static const char *const OTHER_FILLS[] = {"#fbe3e4", "#e4f1e0", "#fff4cc", "#dfe7fb",
                                          "#f2e3f2", "#dff3f1", "#f5e9dc", "#eaeaea"};
#define NKNOWN (sizeof KNOWN / sizeof KNOWN[0])
#define NOTHER (sizeof OTHER_FILLS / sizeof OTHER_FILLS[0])

const char *render_layer(const Entity *e)
{
    if (e->layer && *e->layer)
        return e->layer;
    if (e->kind == ENT_MARKET)
        return "demand";
    if (e->kind == ENT_BANK)
        return "capital";
    return "companies";
}

static const struct KnownLayer *known(const char *name)
{
    for (size_t i = 0; i < NKNOWN; i++)
        if (!strcmp(KNOWN[i].name, name))
            return &KNOWN[i];
    return NULL;
}

typedef struct Slot {
    const char *name;
    uint32_t idx;
} Slot;

static int cmp_slot(const void *a, const void *b)
{
    return strcmp(((const Slot *)a)->name, ((const Slot *)b)->name);
}

/* The layer's cluster, and inside it the rank=same subgraph its nodes go in. */
static Agraph_t *make_cluster(Agraph_t *root, const char *layer, size_t idx)
{
    /* A layer's name may be long: its cluster's name and caption keep it whole. */
    size_t len = 2 * strlen(layer) + 32;
    char *name = xmalloc(len), *caption = xmalloc(len);
    snprintf(name, len, "cluster_%s", layer);
    Agraph_t *c = agsubg(root, name, 1);
    const struct KnownLayer *k = known(layer);
    /* Graphviz reads a backslash in a label as an escape (\N, \n): the name's own are doubled. */
    size_t o = 0;
    for (const char *p = k ? k->caption : layer; *p; p++) {
        if (*p == '\\')
            caption[o++] = '\\';
        caption[o++] = *p;
    }
    caption[o] = '\0';
    if (!k && caption[0] >= 'a' && caption[0] <= 'z')
        caption[0] = (char)(caption[0] - 'a' + 'A');
    render_set(c, "label", caption);
    free(caption);
    render_set(c, "style", "rounded");
    render_set(c, "color", "#b3b3b3");
    render_set(c, "fontname", RENDER_FONT);
    render_set(c, "fontcolor", "#666666");
    snprintf(name, len, "rank_%zu", idx);
    Agraph_t *r = agsubg(c, name, 1);
    free(name);
    render_set(r, "rank", "same");
    return r;
}

void render_layers_build(RenderLayers *L, Agraph_t *root, const World *w)
{
    size_t nord = 0, ne = world_n_entities(w);
    const char **ord = world_layer_order(w, &nord);
    /* The default layers of entities with none come after the named ones. The named ones
     * are sorted for lookup; idx keeps each one's place. */
    size_t ns = 0, cap = nord + 3;
    Slot *slots = xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < nord; i++)
        slots[ns++] = (Slot){ord[i], (uint32_t)i};
    free(ord);
    qsort(slots, ns, sizeof *slots, cmp_slot);
    size_t nnamed = ns;
    uint32_t *of = xcalloc(ne ? ne : 1, sizeof *of);
    for (EntId v = 0; v < ne; v++) {
        Slot key = {render_layer(world_entity(w, v)), 0};
        Slot *hit = bsearch(&key, slots, nnamed, sizeof *slots, cmp_slot);
        for (size_t j = nnamed; !hit && j < ns; j++)
            if (!strcmp(slots[j].name, key.name))
                hit = &slots[j];
        if (!hit) {   /* a default layer (or one the world was not told of): next in line */
            key.idx = (uint32_t)ns;
            slots = vec_grow(slots, &cap, ns + 1, sizeof *slots);
            slots[ns++] = key;
            hit = &slots[ns - 1];
        }
        of[v] = hit->idx;
    }
    /* Only layers that hold an entity become clusters, numbered left to right. */
    size_t nall = ns;
    const char **names = xcalloc(nall, sizeof *names);
    for (size_t j = 0; j < ns; j++)
        names[slots[j].idx] = slots[j].name;
    free(slots);
    uint32_t *dense = xcalloc(nall ? nall : 1, sizeof *dense);
    for (EntId v = 0; v < ne; v++)
        dense[of[v]] = 1;
    size_t n = 0;
    for (size_t j = 0; j < nall; j++)
        if (dense[j]) {
            names[n] = names[j];
            dense[j] = (uint32_t)n++;
        }
    for (EntId v = 0; v < ne; v++)
        of[v] = dense[of[v]];
    free(dense);
    L->n = n;
    L->names = names;
    L->of = of;
    L->rank = xcalloc(n ? n : 1, sizeof *L->rank);
    L->first = xcalloc(n ? n : 1, sizeof *L->first);
    L->fill = xcalloc(n ? n : 1, sizeof *L->fill);
    size_t nother = 0;
    for (size_t j = 0; j < n; j++) {
        const struct KnownLayer *k = known(names[j]);
        L->fill[j] = k ? k->fill : OTHER_FILLS[nother++ % NOTHER];
        L->rank[j] = make_cluster(root, names[j], j);
    }
}

static void invisible(Agraph_t *root, Agnode_t *u, Agnode_t *v)
{
    Agedge_t *e = agedge(root, u, v, NULL, 1);
    render_set(e, "style", "invis");
    render_set(e, "class", "layer-order");
    render_set(e, "weight", "0");   /* order only: no pull on where the nodes sit */
}

void render_layers_chain(RenderLayers *L, Agraph_t *root)
{
    for (size_t j = 0; j + 1 < L->n; j++)
        invisible(root, L->first[j], L->first[j + 1]);
}

void render_layers_free(RenderLayers *L)
{
    free(L->rank);
    free(L->first);
    free(L->names);
    free(L->fill);
    free(L->of);
    memset(L, 0, sizeof *L);
}
