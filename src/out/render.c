/* render.c - the money graph as a Graphviz picture (see render.h for what is drawn).
 *
 * Builds a cgraph graph from engine results, lays it out with
 * libgvc's "dot" engine and renders it to memory. The graph lives for one call; the GVC_t
 * context lives in a Renderer the caller keeps (see render.h for why). */
#include "render_int.h"
#include <graphviz/gvc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "arena.h"
#include "cycles.h"
#include "intern.h"
#include "value.h"

#define COLOR_EDGE "#4d4d4d"
#define COLOR_CYCLE "#c0392b"
#define COLOR_NONBINDING "#8c8c8c"
#define COLOR_DEFAULT_FILL "#e74c3c"
#define COLOR_DEFAULT_LINE "#7b0000"

bool render_format_from_name(const char *name, RenderFormat *f)
{
    static const struct { const char *s; RenderFormat f; } names[] = {
        {"dot", RENDER_DOT}, {"gv", RENDER_DOT}, {"svg", RENDER_SVG}, {"png", RENDER_PNG}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcasecmp(name, names[i].s)) {
            *f = names[i].f;
            return true;
        }
    return false;
}

const char *render_format_name(RenderFormat f)
{
    return f == RENDER_SVG ? "svg" : f == RENDER_PNG ? "png" : "dot";
}

bool render_format_from_path(const char *path, RenderFormat *f)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return false;
    return render_format_from_name(dot + 1, f);
}

void render_set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, (char *)name, (char *)value, (char *)"");
}

/* ---- nodes ---- */

static const char *node_shape(EntKind k)
{
    return k == ENT_MARKET ? "ellipse" : k == ENT_BANK ? "box3d" : "box";
}

/* A label for Graphviz: a backslash starts an escape there (\N is the node name), so a
 * display name's own backslashes are doubled. */
static void escape_label(const char *s, char *buf, size_t n)
{
    size_t o = 0;
    for (; *s && o + 3 < n; s++) {
        if (*s == '\\')
            buf[o++] = '\\';
        buf[o++] = *s;
    }
    buf[o] = '\0';
}

/* Hover text in SVG viewers: the flow figures the picture itself does not show. */
static void node_tooltip(Agnode_t *n, const Graph *g, EntId v, const char *name)
{
    char buf[400], a[32], b[32], c[32], d[32];
    snprintf(buf, sizeof buf, "%s: in %s, out %s, own %s, unfunded %s%s", name,
             usd_text(g->in_usd[v], a, sizeof a), usd_text(g->out_usd[v], b, sizeof b),
             usd_text(g->own[v], c, sizeof c), usd_text(g->gap[v], d, sizeof d),
             world_entity(g->world, v)->declared ? "" : " (never declared)");
    render_set(n, "tooltip", buf);
}

static void mark_defaulted(Agnode_t *n, const RenderOptions *o, EntId v, const char *label)
{
    char buf[600];
    if (o->round && o->round[v] > 0)
        snprintf(buf, sizeof buf, "%s\\nDEFAULTED (round %d)", label, o->round[v]);
    else
        snprintf(buf, sizeof buf, "%s\\nDEFAULTED", label);
    render_set(n, "label", buf);
    render_set(n, "class", "defaulted");
    render_set(n, "fillcolor", COLOR_DEFAULT_FILL);
    render_set(n, "color", COLOR_DEFAULT_LINE);
    render_set(n, "fontcolor", "white");
    render_set(n, "penwidth", "3");
}

static void add_node(RenderLayers *L, const Graph *g, const RenderOptions *o, EntId v,
                     Agnode_t **nodes)
{
    const Entity *e = world_entity(g->world, v);
    const char *name = world_name(g->world, v);
    uint32_t layer = L->of[v];
    Agnode_t *n = agnode(L->rank[layer], (char *)name, 1);
    nodes[v] = n;
    if (!L->first[layer])
        L->first[layer] = n;
    char label[400];
    escape_label(e->display ? e->display : name, label, sizeof label);
    render_set(n, "shape", node_shape(e->kind));
    /* An entity only ever used, never declared, has a dashed outline: likely a typo. */
    const char *style = e->kind == ENT_COMPANY ? "rounded,filled" : "filled";
    render_set(n, "style", e->declared ? style : e->kind == ENT_COMPANY ? "rounded,filled,dashed"
                                                                   : "filled,dashed");
    render_set(n, "fontname", RENDER_FONT);
    node_tooltip(n, g, v, name);
    if (o->defaulted && o->defaulted[v]) {
        mark_defaulted(n, o, v, label);
    } else {
        render_set(n, "label", label);
        render_set(n, "fillcolor", L->fill[layer]);
    }
}

/* ---- edges ---- */

static void fmt_width(double w, double wmax, char *buf, size_t n)
{
    /* sqrt: area-like scaling, so the largest edge is 7pt and a 100x smaller one still shows. */
    double pw = wmax > 0 ? 1.0 + 6.0 * sqrt(fmax(w, 0) / wmax) : 1.0;
    snprintf(buf, n, "%.2f", pw);
}

/* The labelled edges with their amounts, for render_labels_declutter. */
typedef struct EdgeList {
    RenderEdge *v;
    size_t n, cap;
    const uint32_t *of;   /* each entity's layer (RenderLayers.of) while edges are added */
} EdgeList;

static void add_edge(Agraph_t *root, EdgeList *el, double usd, Agnode_t **nodes, EntId u,
                     EntId v, const char *label, const char *pw, const char *klass,
                     const char *tooltip)
{
    /* agedge with a NULL name and create=1 makes a new edge even when one exists. */
    Agedge_t *e = agedge(root, nodes[u], nodes[v], NULL, 1);
    /* Money that flows back to an earlier layer must not pull its layer's order round. */
    if (el->of[u] > el->of[v])
        render_set(e, "constraint", "false");
    el->v = vec_grow(el->v, &el->cap, el->n + 1, sizeof *el->v);
    el->v[el->n++] = (RenderEdge){e, usd};
    /* xlabel, not label: Graphviz 2.43's dot frees an edge-label node twice when labelled
     * edges run between clusters (it crashed on the 2025 web); xlabels are placed after the
     * layout and need no label nodes. */
    render_set(e, "xlabel", label);
    render_set(e, "tooltip", tooltip);
    render_set(e, "penwidth", pw);
    render_set(e, "fontname", RENDER_FONT);
    render_set(e, "fontsize", "10");
    if (!strcmp(klass, "cycle")) {
        render_set(e, "class", "cycle");
        render_set(e, "color", COLOR_CYCLE);
        render_set(e, "fontcolor", COLOR_CYCLE);
    } else if (!strcmp(klass, "nonbinding")) {
        render_set(e, "class", "nonbinding");
        render_set(e, "style", "dashed");
        render_set(e, "color", COLOR_NONBINDING);
        render_set(e, "fontcolor", COLOR_NONBINDING);
    } else {
        render_set(e, "color", COLOR_EDGE);
    }
}

static double max_edge(const Graph *g)
{
    double m = 0;
    for (size_t i = 0; i < g->m; i++)
        m = fmax(m, g->out[i].w);
    return m;
}

/* Hover text: what the aggregated edge is made of. */
static void edge_tooltip(const Graph *g, EntId u, const GEdge *e, bool cyc, char *buf, size_t n)
{
    char w[32], b[32], f[32], o[32];
    double other = e->w - e->buys - e->fund;
    snprintf(buf, n, "%s -> %s: %s (purchases %s, investments and loans %s, other payments %s)%s",
             world_name(g->world, u), world_name(g->world, e->peer), usd_text(e->w, w, sizeof w),
             usd_text(e->buys, b, sizeof b), usd_text(e->fund, f, sizeof f),
             usd_text(other > 0 ? other : 0, o, sizeof o), cyc ? "; on a loop" : "");
}

static void add_binding_edges(Agraph_t *root, EdgeList *el, const Graph *g, Agnode_t **nodes,
                              double wmax)
{
    uint32_t ncomp = 0;
    uint32_t *comp = scc_tarjan(g, &ncomp);
    char label[64], pw[32], tip[400];
    for (EntId u = 0; u < g->n; u++)
        for (uint32_t k = g->out_off[u]; k < g->out_off[u + 1]; k++) {
            const GEdge *e = &g->out[k];
            /* u -> v lies on a cycle exactly when v reaches u: same component. */
            bool cyc = comp && comp[u] == comp[e->peer];
            usd_text(e->w, label, sizeof label);
            fmt_width(e->w, wmax, pw, sizeof pw);
            edge_tooltip(g, u, e, cyc, tip, sizeof tip);
            add_edge(root, el, e->w, nodes, u, e->peer, label, pw, cyc ? "cycle" : "plain", tip);
        }
    free(comp);
}

typedef struct NbEdge {
    EntId u, v;
    double usd;
} NbEdge;

static int cmp_nb(const void *a, const void *b)
{
    const NbEdge *x = a, *y = b;
    if (x->u != y->u)
        return x->u < y->u ? -1 : 1;
    return (x->v > y->v) - (x->v < y->v);
}

/* Nonbinding money deals aggregated per payer/payee (sorted, so no pairwise scan). */
static NbEdge *nonbinding_edges(const Graph *g, size_t *n)
{
    size_t nd = world_n_deals(g->world), cap = 0, k = 0;
    NbEdge *v = NULL;
    Deal d;
    for (DealId i = 0; i < nd; i++) {
        if (!world_deal(g->world, i, &d) || d.binding || !verb_moves_money(d.kind))
            continue;
        v = vec_grow(v, &cap, k + 1, sizeof *v);
        v[k++] = (NbEdge){d.payer, d.payee, deal_total(&d, &g->h)};
    }
    if (k)
        qsort(v, k, sizeof *v, cmp_nb);
    size_t out = 0;
    for (size_t i = 0; i < k; i++) {
        if (out && v[out - 1].u == v[i].u && v[out - 1].v == v[i].v)
            v[out - 1].usd += v[i].usd;
        else
            v[out++] = v[i];
    }
    *n = out;
    return v;
}

static void add_nonbinding_edges(Agraph_t *root, EdgeList *el, const Graph *g, Agnode_t **nodes,
                                 double wmax)
{
    size_t n = 0;
    NbEdge *nb = nonbinding_edges(g, &n);
    char amt[64], label[96], pw[32], tip[300];
    for (size_t i = 0; i < n; i++) {
        snprintf(label, sizeof label, "%s nonbinding", usd_text(nb[i].usd, amt, sizeof amt));
        snprintf(tip, sizeof tip, "%s -> %s: %s of letters of intent (no obligation)",
                 world_name(g->world, nb[i].u), world_name(g->world, nb[i].v), amt);
        fmt_width(nb[i].usd, wmax, pw, sizeof pw);
        add_edge(root, el, nb[i].usd, nodes, nb[i].u, nb[i].v, label, pw, "nonbinding", tip);
    }
    free(nb);
}

/* ---- object ids ----
 * cgraph's default id discipline makes a name's id the address of its interned copy, and
 * orders subgraphs by id: the clusters would come out in heap-address order, which changes
 * from one render to the next in a process (the REPL, the tests). This discipline gives
 * names ids in the order they are first used (via our own Interner) and numbers anonymous
 * objects (edges) per graph, so the same world always gives the same picture. Names get even
 * ids and anonymous objects odd ones, as in cgraph's own discipline. */

typedef struct IdState {
    Agdisc_t disc;      /* first: cgraph hands this pointer back to idopen */
    Agiddisc_t iddisc;
    Interner names;
    IDTYPE anon;
} IdState;

static void *idopen(Agraph_t *g, Agdisc_t *disc)
{
    (void)g;
    return (IdState *)disc;
}

static long idmap(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    IdState *st = state;
    (void)objtype;
    if (!str) {
        *id = st->anon;
        st->anon += 2;
        return 1;
    }
    Sym s = createflag ? intern_cstr(&st->names, str) : intern_find(&st->names, str, strlen(str));
    if (s == SYM_NONE)
        return 0;
    *id = (IDTYPE)s * 2;
    return 1;
}

static long idalloc(void *state, int objtype, IDTYPE id)
{
    (void)state, (void)objtype, (void)id;
    return 0;   /* ids are never requested by number here */
}

static void idfree(void *state, int objtype, IDTYPE id) { (void)state, (void)objtype, (void)id; }

static char *idprint(void *state, int objtype, IDTYPE id)
{
    IdState *st = state;
    (void)objtype;
    return id % 2 == 0 ? (char *)sym_str(&st->names, (Sym)(id / 2)) : NULL;
}

static void idclose(void *state) { (void)state; }
static void idregister(void *state, int objtype, void *obj) { (void)state, (void)objtype, (void)obj; }

static void idstate_init(IdState *st)
{
    st->iddisc = (Agiddisc_t){idopen, idmap, idalloc, idfree, idprint, idclose, idregister};
    st->disc = (Agdisc_t){&AgMemDisc, &st->iddisc, &AgIoDisc};
    intern_init(&st->names);
    st->anon = 1;
}

/* ---- the whole graph ---- */

static Agraph_t *build(const Graph *g, const RenderOptions *o, IdState *ids, EdgeList *el)
{
    /* Not Agstrictdirected: that would merge a binding edge with its nonbinding twin. */
    Agraph_t *root = agopen((char *)"dealgraph", Agdirected, &ids->disc);
    render_set(root, "rankdir", "LR");
    /* Rank the graph as a whole, not cluster by cluster: only then do the layer ranks
     * of render_layers_chain hold across clusters. */
    render_set(root, "newrank", "true");
    render_set(root, "nodesep", "0.4");
    render_set(root, "ranksep", "1.6");   /* room between the columns for the labels */
    render_set(root, "fontname", RENDER_FONT);
    render_set(root, "bgcolor", "white");
    /* Graphviz places every xlabel, overlapping where crowded; render_labels_declutter then
     * keeps the heaviest edges' labels that fit. */
    render_set(root, "forcelabels", "true");
    /* The caption doubles as the legend: colour and dashes need a key to be read. */
    char caption[600];
    snprintf(caption, sizeof caption, "%s%sred edges: money that goes round a loop;  "
             "dashed: nonbinding (letters of intent)", o->title ? o->title : "",
             o->title ? "\\n" : "");
    render_set(root, "label", caption);
    render_set(root, "labelloc", "t");
    render_set(root, "fontsize", "16");
    Agnode_t **nodes = xcalloc(g->n ? g->n : 1, sizeof *nodes);
    RenderLayers L;
    render_layers_build(&L, root, g->world);
    for (EntId v = 0; v < g->n; v++)
        add_node(&L, g, o, v, nodes);
    render_layers_chain(&L, root);
    el->of = L.of;
    double wmax = max_edge(g);
    add_binding_edges(root, el, g, nodes, wmax);
    add_nonbinding_edges(root, el, g, nodes, wmax);
    render_layers_free(&L);
    free(nodes);
    return root;
}

static char *dup_bytes(const char *p, size_t n)
{
    char *s = xmalloc(n + 1);
    memcpy(s, p, n);
    s[n] = 0;
    return s;
}

struct Renderer {
    GVC_t *gvc;
};

Renderer *renderer_new(void)
{
    Renderer *r = xcalloc(1, sizeof *r);
    /* Font-substitution warnings are noise for a user; real errors still print. */
    agseterr(AGERR);
    r->gvc = gvContext();
    return r;
}

void renderer_free(Renderer *r)
{
    if (!r)
        return;
    gvFreeContext(r->gvc);
    free(r);
}

/* DOT is written as built, without a layout: it is what a user pipes into dot, sfdp or
 * neato, it costs nothing on any size of web, and it carries no coordinates to churn in a
 * diff. agwrite goes through the iodisc's FILE-based writer, hence the memory stream. */
static int write_dot(Agraph_t *root, char **data, size_t *len, char *err, size_t errn)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *mem = open_memstream(&buf, &n);
    if (!mem || agwrite(root, mem) != 0 || fclose(mem) != 0) {
        snprintf(err, errn, "could not write DOT");
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

static int layout_and_render(GVC_t *gvc, Agraph_t *root, const EdgeList *el, RenderFormat f,
                             char **data, size_t *len, char *err, size_t errn)
{
    if (gvLayout(gvc, root, "dot") != 0) {
        snprintf(err, errn, "graphviz could not lay the graph out");
        return -1;
    }
    render_labels_declutter(root, el->v, el->n);
    char *out = NULL;
    unsigned int n = 0;
    int rc = -1;
    const char *fmt = render_format_name(f);
    if (gvRenderData(gvc, root, fmt, &out, &n) == 0 && out) {
        *data = dup_bytes(out, n);
        *len = n;
        rc = 0;
    } else {
        snprintf(err, errn, "graphviz could not render %s", fmt);
    }
    if (out)
        gvFreeRenderData(out);
    gvFreeLayout(gvc, root);
    return rc;
}

bool render_too_large(const Graph *g, char *why, size_t n)
{
    if (g->n <= RENDER_MAX_NODES && g->m <= RENDER_MAX_EDGES)
        return false;
    snprintf(why, n,
             "the money graph has %zu entities and %zu edges, more than a picture can lay out "
             "in reasonable time (at most %d and %d); write .dot and lay it out with sfdp",
             g->n, g->m, RENDER_MAX_NODES, RENDER_MAX_EDGES);
    return true;
}

int render_data(Renderer *r, const Graph *g, const RenderOptions *o, RenderFormat f,
                char **data, size_t *len, char *err, size_t errn)
{
    static const RenderOptions none = {0};
    *data = NULL;
    *len = 0;
    if (f != RENDER_DOT && render_too_large(g, err, errn))
        return -1;
    IdState ids;
    idstate_init(&ids);
    EdgeList el = {0};
    Agraph_t *root = build(g, o ? o : &none, &ids, &el);
    int rc = f == RENDER_DOT ? write_dot(root, data, len, err, errn)
                             : layout_and_render(r->gvc, root, &el, f, data, len, err, errn);
    agclose(root);
    free(el.v);
    intern_free(&ids.names);
    return rc;
}
