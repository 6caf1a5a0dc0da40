/* render_labels.c - edge labels that never overlap.
 *
 * Graphviz places every xlabel (forcelabels) next to its edge but lets them overlap where
 * edges bundle. After the layout, the labels are taken heaviest edge first; one that would
 * intersect a label already kept, a node or a caption is moved along its edge to the first
 * clear place, and when there is none it is not drawn: the big amounts stay legible, and a
 * small one without room keeps its amount in the edge's tooltip (docs/PICTURES.md). */
#include "render_int.h"
#include <graphviz/gvc.h>
#include <stdlib.h>

/* Points kept clear around each label: a reader's estimate of a label's extent may be a
 * little wider than the font's own. */
#define LABEL_PAD 2.0

typedef struct Box {
    double x0, y0, x1, y1;
} Box;

static bool overlap(const Box *a, const Box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static Box label_box(const textlabel_t *l)
{
    double hw = l->dimen.x / 2 + LABEL_PAD, hh = l->dimen.y / 2 + LABEL_PAD;
    return (Box){l->pos.x - hw, l->pos.y - hh, l->pos.x + hw, l->pos.y + hh};
}

static Box node_box(Agnode_t *n)
{
    double hw = ND_width(n) * 36.0, hh = ND_height(n) * 36.0;   /* inches to half points */
    return (Box){ND_coord(n).x - hw, ND_coord(n).y - hh, ND_coord(n).x + hw, ND_coord(n).y + hh};
}

/* A point of the edge's first bezier at fraction f of its parameter (the segments share
 * it evenly; list[0], list[3], ... lie on the curve). */
static bool curve_point(Agedge_t *e, double f, pointf *out)
{
    const splines *spl = ED_spl(e);
    if (!spl || spl->size < 1 || spl->list[0].size < 4)
        return false;
    const bezier *bz = &spl->list[0];
    int nseg = (bz->size - 1) / 3;
    double t = f * nseg;
    int k = (int)t;
    if (k >= nseg)
        k = nseg - 1;
    t -= k;
    const pointf *p = &bz->list[3 * k];
    double u = 1 - t, a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
    out->x = a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x;
    out->y = a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y;
    return true;
}

static bool clear_of(const Box *b, const Box *kept, size_t nb)
{
    for (size_t k = 0; k < nb; k++)
        if (overlap(b, &kept[k]))
            return false;
    return true;
}

/* Where Graphviz put the label, else beside a point along the edge (middle first, then out
 * towards the ends; above, below, right, left of it): the first place clear of nodes,
 * captions and the labels already kept. False when there is none. */
static bool place(textlabel_t *l, Agedge_t *e, const Box *kept, size_t nb, Box *out)
{
    *out = label_box(l);
    if (clear_of(out, kept, nb))
        return true;
    static const double FRACTIONS[] = {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88};
    double hw = l->dimen.x / 2 + LABEL_PAD, hh = l->dimen.y / 2 + LABEL_PAD;
    const double off[][2] = {{0, hh + 1}, {0, -hh - 1}, {hw + 1, 0}, {-hw - 1, 0}};
    for (size_t i = 0; i < sizeof FRACTIONS / sizeof *FRACTIONS; i++) {
        pointf p;
        if (!curve_point(e, FRACTIONS[i], &p))
            return false;
        for (size_t j = 0; j < 4; j++) {
            pointf c = {p.x + off[j][0], p.y + off[j][1]};
            Box b = {c.x - hw, c.y - hh, c.x + hw, c.y + hh};
            if (clear_of(&b, kept, nb)) {
                l->pos = c;
                *out = b;
                return true;
            }
        }
    }
    return false;
}

static Box text_box(const textlabel_t *l)
{
    double hw = l->dimen.x / 2, hh = l->dimen.y / 2;
    return (Box){l->pos.x - hw, l->pos.y - hh, l->pos.x + hw, l->pos.y + hh};
}

/* The captions of the graph and its clusters, as obstacles. */
static size_t caption_boxes(Agraph_t *g, Box **kept, size_t nb, size_t *cap)
{
    if (GD_label(g) && GD_label(g)->set) {
        *kept = vec_grow(*kept, cap, nb + 1, sizeof **kept);
        (*kept)[nb++] = text_box(GD_label(g));
    }
    for (Agraph_t *s = agfstsubg(g); s; s = agnxtsubg(s))
        nb = caption_boxes(s, kept, nb, cap);
    return nb;
}

typedef struct Ranked {
    const RenderEdge *re;
    size_t order;
} Ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const Ranked *x = a, *y = b;
    if (x->re->usd != y->re->usd)
        return x->re->usd > y->re->usd ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

size_t render_labels_declutter(Agraph_t *root, const RenderEdge *edges, size_t n)
{
    size_t cap = (size_t)agnnodes(root) + n + 1, nb = 0, dropped = 0;
    Box *kept = xcalloc(cap, sizeof *kept);
    for (Agnode_t *v = agfstnode(root); v; v = agnxtnode(root, v))
        kept[nb++] = node_box(v);
    nb = caption_boxes(root, &kept, nb, &cap);
    Ranked *r = xcalloc(n ? n : 1, sizeof *r);
    for (size_t i = 0; i < n; i++)
        r[i] = (Ranked){&edges[i], i};
    qsort(r, n, sizeof *r, cmp_ranked);
    for (size_t i = 0; i < n; i++) {
        textlabel_t *l = ED_xlabel(r[i].re->e);
        if (!l || !l->set)
            continue;
        Box b;
        if (place(l, r[i].re->e, kept, nb, &b)) {
            kept = vec_grow(kept, &cap, nb + 1, sizeof *kept);
            kept[nb++] = b;
        } else {
            l->set = false;   /* emit.c draws only labels that are set */
            dropped++;
        }
    }
    free(r);
    free(kept);
    return dropped;
}
