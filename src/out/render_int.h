/* render_int.h - what the picture's files share (render.c: the graph, its nodes and edges;
 * render_layers.c: the layers as ordered clusters; render_labels.c: edge labels that never
 * overlap). Nothing outside src/out/render*.c includes it. */
#ifndef DG_RENDER_INT_H
#define DG_RENDER_INT_H
#include <graphviz/cgraph.h>
#include "render.h"

#define RENDER_FONT "Helvetica"

/* agsafeset wants mutable strings in older cgraph headers; the values are copied. */
void render_set(void *obj, const char *name, const char *value);

/* The layers of a world as clusters, left to right in the world's layer order
 * (world_layer_order), then the default layers of entities with none, in entity order.
 * Each cluster holds one rank: a layer is one column of the picture. */
typedef struct RenderLayers {
    size_t n;
    Agraph_t **rank;          /* [n]: the rank=same subgraph inside each layer's cluster */
    Agnode_t **first;         /* [n]: the layer's first node, NULL while it has none */
    const char **names;       /* [n] */
    const char **fill;        /* [n]: the fill of its nodes */
    uint32_t *of;             /* [entities]: each entity's layer index */
} RenderLayers;
void render_layers_build(RenderLayers *L, Agraph_t *root, const World *w);
/* An invisible edge from each layer's first node to the next's (minlen 1, weight 0): with
 * each layer one rank and the graph ranked as a whole (newrank), layer i is left of layer
 * i + 1. Money edges back to an earlier layer do not constrain the ranks. */
void render_layers_chain(RenderLayers *L, Agraph_t *root);
void render_layers_free(RenderLayers *L);

/* A labelled edge and the amount it carries. */
typedef struct RenderEdge {
    Agedge_t *e;
    double usd;
} RenderEdge;
/* After gvLayout: drop the xlabels that would overlap a heavier edge's label or a node,
 * so no two drawn labels intersect (the amount stays in the edge's tooltip). Returns how
 * many labels were dropped. */
size_t render_labels_declutter(Agraph_t *root, const RenderEdge *edges, size_t n);

#endif
