/* cycles.c - Tarjan's SCCs and Johnson's elementary cycles, both without recursion.
 *
 * Deal webs can hold loops through thousands of entities, so both
 * algorithms keep their DFS frames in heap arrays. Johnson's search runs per start node s
 * inside s's component over nodes with id >= s, so each elementary cycle is found exactly
 * once (at its smallest id). A cycle budget and a step budget bound the work; when either
 * is hit the result says `truncated` (deal webs can have exponentially many cycles), and
 * the list is replaced by the shortest cycles (all of length 1, 2, ... as far as a second
 * budget of the same size goes), which are the ones an analyst can read. */
#include "cycles.h"
#include <stdlib.h>
#include <string.h>
#include "arena.h"

#define UNSET UINT32_MAX

typedef struct Frame {
    EntId node;
    uint32_t pos;
    bool found;
    double w;          /* weight of the edge that led here */
} Frame;

static void tarjan_finish(uint32_t *stack, size_t *sp, bool *on, uint32_t *comp, EntId u,
                          uint32_t c)
{
    EntId x;
    do {
        x = stack[--*sp];
        on[x] = false;
        comp[x] = c;
    } while (x != u);
}

uint32_t *scc_tarjan(const Graph *g, uint32_t *ncomp)
{
    size_t n = g->n, sp = 0, fp = 0;
    uint32_t *comp = xmalloc((n + 1) * sizeof *comp), *idx = xmalloc((n + 1) * sizeof *idx);
    uint32_t *low = xmalloc((n + 1) * sizeof *low), *stack = xmalloc((n + 1) * sizeof *stack);
    bool *on = xcalloc(n + 1, sizeof *on);
    Frame *fr = xmalloc((n + 1) * sizeof *fr);
    uint32_t next = 0, nc = 0;
    for (size_t i = 0; i < n; i++)
        idx[i] = UNSET;
    for (EntId r = 0; r < n; r++) {
        if (idx[r] != UNSET)
            continue;
        idx[r] = low[r] = next++;
        stack[sp++] = r;
        on[r] = true;
        fr[fp++] = (Frame){r, g->out_off[r], false, 0};
        while (fp) {
            Frame *f = &fr[fp - 1];
            EntId u = f->node;
            if (f->pos < g->out_off[u + 1]) {
                const GEdge *e = &g->out[f->pos++];
                EntId k = e->peer;
                if (e->w <= 0)
                    continue;
                if (idx[k] == UNSET) {
                    idx[k] = low[k] = next++;
                    stack[sp++] = k;
                    on[k] = true;
                    fr[fp++] = (Frame){k, g->out_off[k], false, 0};
                } else if (on[k] && idx[k] < low[u]) {
                    low[u] = idx[k];
                }
                continue;
            }
            if (low[u] == idx[u])
                tarjan_finish(stack, &sp, on, comp, u, nc++);
            if (--fp && low[u] < low[fr[fp - 1].node])
                low[fr[fp - 1].node] = low[u];
        }
    }
    free(idx);
    free(low);
    free(stack);
    free(on);
    free(fr);
    *ncomp = nc;
    return comp;
}

/* ---- Johnson ---- */

typedef struct Blist { EntId *v; size_t n, cap; } Blist;

typedef struct Johnson {
    const Graph *g;
    const uint32_t *comp;
    bool *blocked;
    Blist *b;
    EntId *work;           /* unblock worklist, and the nodes touched since the last reset */
    EntId *touched;
    size_t ntouched;
    bool *is_touched;
    Frame *fr;
    size_t fp;
    Cycles *out;
    size_t cap, max_cycles;
    long steps, max_steps;
} Johnson;

static void touch(Johnson *j, EntId v)
{
    if (!j->is_touched[v]) {
        j->is_touched[v] = true;
        j->touched[j->ntouched++] = v;
    }
}

static void unblock(Johnson *j, EntId u)
{
    size_t top = 0;
    j->blocked[u] = false;
    j->work[top++] = u;
    while (top) {
        EntId x = j->work[--top];
        for (size_t i = 0; i < j->b[x].n; i++) {
            EntId w = j->b[x].v[i];
            if (j->blocked[w]) {
                j->blocked[w] = false;
                j->work[top++] = w;
            }
        }
        j->b[x].n = 0;
        j->steps++;
    }
}

static bool in_sub(const Johnson *j, EntId s, const GEdge *e)
{
    return e->w > 0 && e->peer >= s && j->comp[e->peer] == j->comp[s];
}

static void emit(Johnson *j, double closing)
{
    Cycle c = {xmalloc(j->fp * sizeof(EntId)), j->fp, closing};
    for (size_t i = 0; i < j->fp; i++) {
        c.path[i] = j->fr[i].node;
        if (i > 0 && j->fr[i].w < c.bottleneck)
            c.bottleneck = j->fr[i].w;
    }
    /* Start at the smallest name so a loop reads the same whatever the ids are. */
    size_t best = 0;
    for (size_t i = 1; i < c.len; i++)
        if (strcmp(world_name(j->g->world, c.path[i]), world_name(j->g->world, c.path[best])) < 0)
            best = i;
    EntId *rot = xmalloc(c.len * sizeof *rot);
    for (size_t i = 0; i < c.len; i++)
        rot[i] = c.path[(best + i) % c.len];
    free(c.path);
    c.path = rot;
    j->out->items = vec_grow(j->out->items, &j->cap, j->out->n + 1, sizeof *j->out->items);
    j->out->items[j->out->n++] = c;
}

/* When u is finished without reaching s, it stays blocked until a successor unblocks it. */
static void finish_unfound(Johnson *j, EntId s, EntId u)
{
    const Graph *g = j->g;
    for (uint32_t i = g->out_off[u]; i < g->out_off[u + 1]; i++) {
        if (!in_sub(j, s, &g->out[i]))
            continue;
        Blist *bl = &j->b[g->out[i].peer];
        if (bl->n && bl->v[bl->n - 1] == u)
            continue;
        bl->v = vec_grow(bl->v, &bl->cap, bl->n + 1, sizeof *bl->v);
        bl->v[bl->n++] = u;
        touch(j, g->out[i].peer);
        j->steps++;
    }
}

/* A cycle whose smallest id is s needs an edge into s from a larger id and one out of s to
 * a larger id (or a self-payment); checking that first skips most start nodes of long
 * rings in O(degree) instead of a walk round the ring. */
static bool may_start(const Johnson *j, EntId s)
{
    const Graph *g = j->g;
    bool in = false, out = false;
    for (uint32_t i = g->in_off[s]; i < g->in_off[s + 1] && !in; i++)
        in = g->in[i].w > 0 && g->in[i].peer >= s && j->comp[g->in[i].peer] == j->comp[s];
    for (uint32_t i = g->out_off[s]; i < g->out_off[s + 1] && !out; i++)
        out = in_sub(j, s, &g->out[i]);
    return in && out;
}

/* All elementary cycles through s whose other nodes have larger ids. False: budget hit. */
static bool circuits_from(Johnson *j, EntId s)
{
    const Graph *g = j->g;
    j->fp = 0;
    j->fr[j->fp++] = (Frame){s, g->out_off[s], false, 0};
    j->blocked[s] = true;
    touch(j, s);
    while (j->fp) {
        Frame *f = &j->fr[j->fp - 1];
        EntId u = f->node;
        if (f->pos < g->out_off[u + 1]) {
            const GEdge *e = &g->out[f->pos++];
            /* Every edge looked at counts, skipped or not, so the budget bounds the time. */
            if (++j->steps > j->max_steps)
                return false;
            if (!in_sub(j, s, e))
                continue;
            if (e->peer == s) {
                j->steps += (long)j->fp;   /* the copy of the path counts as work too */
                emit(j, e->w);
                f->found = true;
                if (j->out->n >= j->max_cycles)
                    return false;
            } else if (!j->blocked[e->peer]) {
                j->blocked[e->peer] = true;
                touch(j, e->peer);
                j->fr[j->fp++] = (Frame){e->peer, g->out_off[e->peer], false, e->w};
            }
            continue;
        }
        if (f->found)
            unblock(j, u);
        else
            finish_unfound(j, s, u);
        bool found = f->found;
        if (--j->fp && found)
            j->fr[j->fp - 1].found = true;
    }
    return true;
}

static void reset_touched(Johnson *j)
{
    for (size_t i = 0; i < j->ntouched; i++) {
        EntId v = j->touched[i];
        j->blocked[v] = false;
        j->b[v].n = 0;
        j->is_touched[v] = false;
    }
    j->ntouched = 0;
}

static int cmp_cycle(const void *a, const void *b, const World *w)
{
    const Cycle *x = a, *y = b;
    if (x->bottleneck != y->bottleneck)
        return x->bottleneck > y->bottleneck ? -1 : 1;
    for (size_t i = 0; i < x->len && i < y->len; i++) {
        int c = strcmp(world_name(w, x->path[i]), world_name(w, y->path[i]));
        if (c)
            return c;
    }
    return (x->len > y->len) - (x->len < y->len);
}

/* A merge sort, because qsort has no context argument for the names. */
static void sort_cycles(Cycle *a, Cycle *tmp, size_t n, const World *w)
{
    if (n < 2)
        return;
    size_t h = n / 2, i = 0, k = h, o = 0;
    sort_cycles(a, tmp, h, w);
    sort_cycles(a + h, tmp, n - h, w);
    while (i < h && k < n)
        tmp[o++] = cmp_cycle(&a[k], &a[i], w) < 0 ? a[k++] : a[i++];
    while (i < h)
        tmp[o++] = a[i++];
    while (k < n)
        tmp[o++] = a[k++];
    memcpy(a, tmp, n * sizeof *a);
}

/* Cycles of exactly `len` nodes through s (other nodes > s, same component), by a plain
 * depth-limited DFS: no blocking, so none is missed; the step budget bounds it. */
static bool cycles_of_length(Johnson *j, EntId s, size_t len, bool *on)
{
    const Graph *g = j->g;
    j->fp = 0;
    j->fr[j->fp++] = (Frame){s, g->out_off[s], false, 0};
    on[s] = true;
    bool ok = true;
    while (j->fp && ok) {
        Frame *f = &j->fr[j->fp - 1];
        if (j->fp == len) {   /* the last node: one lookup for the closing edge */
            const GEdge *e = graph_edge(g, f->node, s);
            j->steps += (long)len;
            if (e && e->w > 0) {
                emit(j, e->w);
                ok = j->out->n < j->max_cycles;
            }
            f->pos = g->out_off[f->node + 1];
        }
        if (f->pos >= g->out_off[f->node + 1]) {
            on[f->node] = false;
            j->fp--;
            continue;
        }
        const GEdge *e = &g->out[f->pos++];
        if (++j->steps > j->max_steps) {
            ok = false;
        } else if (in_sub(j, s, e) && !on[e->peer] && e->peer != s) {
            on[e->peer] = true;
            j->fr[j->fp++] = (Frame){e->peer, g->out_off[e->peer], false, e->w};
        }
    }
    while (j->fp)
        on[j->fr[--j->fp].node] = false;
    return ok;
}

/* When Johnson's search runs out of budget on a huge component, what it found first are
 * long cycles of little use; instead list the shortest ones: every cycle of length 1, 2,
 * ... until the budget or the cycle bound cuts. */
static void shortest_cycles(Johnson *j, const uint32_t *size)
{
    size_t n = j->g->n, maxlen = 0;
    for (size_t i = 0; i < n; i++)
        if (size[j->comp[i]] > maxlen)
            maxlen = size[j->comp[i]];
    bool *on = xcalloc(n + 1, sizeof *on);
    j->steps = 0;
    for (size_t len = 1; len <= maxlen; len++)
        for (EntId s = 0; s < n; s++)
            if ((size[j->comp[s]] >= len) && !cycles_of_length(j, s, len, on))
                goto done;
done:
    free(on);
}

static void johnson_free(Johnson *j)
{
    for (size_t i = 0; i < j->g->n; i++)
        free(j->b[i].v);
    free(j->blocked);
    free(j->b);
    free(j->work);
    free(j->touched);
    free(j->is_touched);
    free(j->fr);
}

void cycles_find(const Graph *g, const uint32_t *comp, size_t max_cycles, long max_steps,
                 Cycles *out)
{
    memset(out, 0, sizeof *out);
    size_t n = g->n;
    Johnson j = {g, comp, xcalloc(n + 1, sizeof(bool)), xcalloc(n + 1, sizeof(Blist)),
                 xmalloc((n + 1) * sizeof(EntId)), xmalloc((n + 1) * sizeof(EntId)), 0,
                 xcalloc(n + 1, sizeof(bool)), xmalloc((n + 1) * sizeof(Frame)), 0, out, 0,
                 max_cycles, 0, max_steps};
    for (EntId s = 0; s < n && max_cycles > 0; s++) {
        if (!may_start(&j, s))
            continue;
        if (!circuits_from(&j, s)) {
            out->truncated = true;
            break;
        }
        reset_touched(&j);
    }
    if (out->truncated) {
        uint32_t *size = xcalloc(n + 1, sizeof *size);
        for (size_t i = 0; i < n; i++)
            size[comp[i]]++;
        for (size_t i = 0; i < out->n; i++)
            free(out->items[i].path);
        out->n = 0;
        shortest_cycles(&j, size);
        free(size);
    }
    johnson_free(&j);
    Cycle *tmp = xmalloc((out->n + 1) * sizeof *tmp);
    sort_cycles(out->items, tmp, out->n, g->world);
    free(tmp);
}

void cycles_free(Cycles *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->items[i].path);
    free(c->items);
    memset(c, 0, sizeof *c);
}
