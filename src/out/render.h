/* render.h - `dealgraph graph`: the money graph as DOT, SVG or PNG through Graphviz.
 *
 * (dg.c loads the script and calls it for `dealgraph graph`.) The picture is built with cgraph
 * (agopen/agnode/agedge/agsafeset); SVG and PNG are laid out with the "dot" engine of libgvc
 * and rendered in memory (gvRenderData), DOT is written as built (agwrite); the bytes are
 * written by dg_write_file (dg_out.c), so an unwritable path is a clean exit 3 rather than
 * a Graphviz message.
 * It reads engine results only (graph.h, cycles.h), never the AST:
 *   - entities are nodes, grouped in one cluster per layer (Entity.layer, any name; else a
 *     heuristic: markets -> demand, banks -> capital, other entities -> "companies"), the
 *     layers one column each, left to right in the world's layer order (render_layers.c);
 *   - every aggregated binding edge u -> v of the money graph is one edge, labelled with its
 *     USD amount (labels never overlap: render_labels.c), its pen width growing with the square root of the amount (so a 1T edge
 *     does not hide a 1B one);
 *   - nonbinding money deals (letters of intent) are extra dashed edges, one per payer/payee;
 *   - edges inside a strongly connected component lie on some cycle of the money graph and
 *     are drawn red (class "cycle"); this is exact and needs no bounded enumeration;
 *   - entities a scenario defaulted are filled red and labelled DEFAULTED (class "defaulted").
 * Output is deterministic: nodes in entity-id order, edges in CSR order, clusters in layer
 * order (render.c gives cgraph an id discipline for that), no timestamps (Graphviz's SVG has
 * none; its PNG, through cairo, has none either). */
#ifndef DG_RENDER_H
#define DG_RENDER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "graph.h"
#include "world.h"

typedef enum { RENDER_DOT, RENDER_SVG, RENDER_PNG } RenderFormat;

/* The format named by an output path's extension (.dot/.gv, .svg, .png; any case), or by
 * an explicit `--format` word. False when neither names one. */
bool render_format_from_path(const char *path, RenderFormat *f);
bool render_format_from_name(const char *name, RenderFormat *f);
const char *render_format_name(RenderFormat f);   /* "dot", "svg", "png" */

typedef struct RenderOptions {
    const char *title;       /* the graph's caption, or NULL for none */
    const bool *defaulted;   /* NULL, or g->n flags: entities a scenario defaulted */
    const int *round;        /* NULL, or g->n default rounds (valid where defaulted) */
} RenderOptions;

/* The layer an entity is drawn in: its `layer`, else the heuristic above. Never NULL. */
const char *render_layer(const Entity *e);

/* A Graphviz context. Make ONE per process and keep it: Graphviz 2.43's pango plugin keeps
 * a pointer to the last font name in a static, into the font table of the context that laid
 * out the last text, so laying out again after gvFreeContext reads freed memory (ASan sees
 * it). One long-lived context avoids that; free it only at the very end. */
typedef struct Renderer Renderer;
Renderer *renderer_new(void);
void renderer_free(Renderer *r);

/* Graphviz's dot layout grows much faster than linearly (crossing minimisation inside
 * clusters): about 6 s for 100 entities and 280 edges. SVG and PNG are refused beyond
 * these bounds (with a message saying to write .dot), so no input can make `graph` hang.
 * DOT is written without a layout and has no bound. */
#define RENDER_MAX_NODES 120
#define RENDER_MAX_EDGES 400
bool render_too_large(const Graph *g, char *why, size_t n);

/* The picture as bytes (heap, free with free()). DOT is the graph as built, without
 * coordinates; SVG and PNG are laid out with "dot". Returns 0, or -1 with a message in err
 * (including a graph too large to lay out). */
int render_data(Renderer *r, const Graph *g, const RenderOptions *o, RenderFormat f,
                char **data, size_t *len, char *err, size_t errn);

#endif
