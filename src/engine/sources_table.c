/* sources_table.c - the sources of many entities: every entity's by one forward pass over
 * the strongly connected components, or chosen entities' in batches (sources_table.h).
 *
 * The forward pass: X_u, the origins of the money in u's pool, is u's own resources and
 * gap plus what its payers send, X_u = o_u + sum_p w(p,u)/P_p X_p. sources(u) = X_u - o_u,
 * computed directly as Y_u = sum_p w(p,u)/P_p (o_p + Y_p) (a sum of positive terms, so no
 * cancellation). Payers in earlier components are done; within a component C of k members
 * the Y_c solve (I - A_CC^T) Y_C = R_C, one right-hand side per origin that feeds C. Every
 * vector is a sparse list of (origin, usd); origin 2u is u's own resources, 2u+1 its gap. */
#include "sources_table.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "dense.h"

typedef struct Entry {
    uint32_t o;   /* 2u: u's own resources; 2u+1: u's gap */
    double usd;
} Entry;

typedef struct Pass {
    const Graph *g;
    const uint32_t *comp;
    bool bounded;
    Entry *ent;          /* every entity's Y, one after another */
    size_t nent, cap;
    size_t *off;         /* Y_v is ent[off[v] .. off[v] + len[v]) */
    uint32_t *len;
    uint32_t *col;       /* origin -> its column (valid where stamp == gen) */
    uint32_t *stamp, gen;
    uint32_t *origin;    /* column -> origin, for the component being solved */
    size_t ncol;
    uint32_t *loc;       /* member -> its row in the component being solved */
    double work;
} Pass;

static double pool(const Graph *g, EntId u) { return g->own[u] + g->in_usd[u] + g->gap[u]; }

static uint32_t column(Pass *p, uint32_t o)
{
    if (p->stamp[o] != p->gen) {
        p->stamp[o] = p->gen;
        p->col[o] = (uint32_t)p->ncol;
        p->origin[p->ncol++] = o;
    }
    return p->col[o];
}

/* What payer q sends to a payee at f of its pool: f o_q, and f Y_q unless q is a member
 * of the component (then Y_q is unknown, and is the solve's). With row NULL it only finds
 * the columns; else it adds into row. */
static void send(Pass *p, EntId q, double f, bool member, double *row)
{
    const Graph *g = p->g;
    double x[2] = {g->own[q], g->gap[q]};
    for (uint32_t b = 0; b < 2; b++)
        if (x[b] > 0) {
            uint32_t c = column(p, 2 * q + b);
            if (row)
                row[c] += f * x[b];
        }
    if (member)
        return;
    const Entry *e = p->len[q] ? p->ent + p->off[q] : NULL;   /* ent is NULL when empty */
    for (uint32_t i = 0; i < p->len[q]; i++) {
        uint32_t c = column(p, e[i].o);
        if (row)
            row[c] += f * e[i].usd;
    }
    p->work += 4.0 * p->len[q];
}

static void fresh_columns(Pass *p)
{
    p->ncol = 0;
    if (++p->gen == 0) {   /* wrapped: clear the stamps once */
        memset(p->stamp, 0, 2 * p->g->n * sizeof *p->stamp);
        p->gen = 1;
    }
}

/* Y of the members' rows of r (k x ncol), appended to ent. */
static void keep_rows(Pass *p, const EntId *mem, size_t k, const double *r)
{
    for (size_t i = 0; i < k; i++) {
        p->ent = vec_grow(p->ent, &p->cap, p->nent + p->ncol, sizeof *p->ent);
        p->off[mem[i]] = p->nent;
        for (size_t c = 0; c < p->ncol; c++) {
            double x = r[i * p->ncol + c];
            if (x > 0 && isfinite(x))
                p->ent[p->nent++] = (Entry){p->origin[c], x};
        }
        p->len[mem[i]] = (uint32_t)(p->nent - p->off[mem[i]]);
    }
}

/* One component (its k members): the columns, the bounds, the rows, the solve. */
static SourcesFit component(Pass *p, const EntId *mem, size_t k)
{
    const Graph *g = p->g;
    uint32_t cid = p->comp[mem[0]];
    fresh_columns(p);
    for (size_t i = 0; i < k; i++) {
        p->loc[mem[i]] = (uint32_t)i;
        for (uint32_t e = g->in_off[mem[i]]; e < g->in_off[mem[i] + 1]; e++)
            if (g->in[e].w > 0)
                send(p, g->in[e].peer, 0, p->comp[g->in[e].peer] == cid, NULL);
    }
    double m = (double)p->ncol, kk = (double)k;
    if (k > 1)
        p->work += kk * kk * kk / 3 + kk * kk * m;
    if (p->bounded && p->work > SOURCES_ALL_WORK)
        return SOURCES_TOO_LONG;
    if (p->bounded && (double)p->nent + kk * m > SOURCES_ALL_ITEMS)
        return SOURCES_TOO_MANY;
    if (p->ncol == 0)   /* no origin feeds it: no sources (a closed loop's are unattributed) */
        return SOURCES_FIT;
    double *r = xcalloc(k * p->ncol, sizeof *r), *a = xcalloc(k * k, sizeof *a);
    for (size_t i = 0; i < k; i++) {
        a[i * k + i] = 1;
        for (uint32_t e = g->in_off[mem[i]]; e < g->in_off[mem[i] + 1]; e++) {
            EntId q = g->in[e].peer;
            if (!(g->in[e].w > 0))
                continue;
            double f = g->in[e].w / pool(g, q);
            bool member = p->comp[q] == cid;
            if (member)
                a[i * k + p->loc[q]] -= f;
            send(p, q, f, member, r + i * p->ncol);
        }
    }
    /* A lone entity (no deal with itself) needs no solve. The matrix is singular only for
     * a closed loop that no origin feeds, and such a loop has no columns. */
    if ((k == 1 && a[0] == 1) || dense_solve(a, r, k, p->ncol))
        keep_rows(p, mem, k, r);
    free(a);
    free(r);
    return SOURCES_FIT;
}

/* Members grouped by component: comp c's members are mem[start[c] .. start[c+1]). */
static uint32_t group(const Graph *g, const uint32_t *comp, uint32_t **start, EntId **mem)
{
    uint32_t nc = 0;
    for (EntId v = 0; v < g->n; v++)
        nc = comp[v] + 1 > nc ? comp[v] + 1 : nc;
    *start = xcalloc((size_t)nc + 2, sizeof **start);
    *mem = xmalloc((g->n + 1) * sizeof **mem);
    for (EntId v = 0; v < g->n; v++)
        (*start)[comp[v] + 2]++;
    for (uint32_t c = 0; c < nc; c++)
        (*start)[c + 2] += (*start)[c + 1];
    for (EntId v = 0; v < g->n; v++)
        (*mem)[(*start)[comp[v] + 1]++] = v;
    return nc;
}

/* The largest loop (component of two or more) that some origin feeds: only those need
 * solving. */
static size_t largest_loop(const Graph *g, const uint32_t *start, const EntId *mem,
                           uint32_t nc)
{
    size_t big = 0;
    for (uint32_t c = 0; c < nc; c++) {
        size_t k = start[c + 1] - start[c];
        if (k > 1 && k > big && g->originated[mem[start[c]]])
            big = k;
    }
    return big;
}

static void to_table(const Pass *p, SourceTable *t)
{
    const Graph *g = p->g;
    t->n = g->n;
    t->of = xcalloc(g->n + 1, sizeof *t->of);
    t->listed = xcalloc(g->n + 1, sizeof *t->listed);
    for (EntId v = 0; v < g->n; v++) {
        Sources *s = &t->of[v];
        *s = (Sources){.of = v, .in = g->in_usd[v], .converged = true};
        s->items = xmalloc((p->len[v] + 1) * sizeof *s->items);
        const Entry *e = p->len[v] ? p->ent + p->off[v] : NULL;   /* ent is NULL when empty */
        for (uint32_t i = 0; i < p->len[v]; i++) {
            EntId u = e[i].o / 2;
            s->items[s->n++] = (SourceShare){u, e[i].o & 1, e[i].usd, world_name(g->world, u)};
        }
        sources_sort(s);
        t->listed[v] = true;
    }
    t->nlisted = g->n;
    t->items = p->nent;
}

SourcesFit sources_table_all(const Graph *g, const uint32_t *comp, bool bounded,
                             SourceTable *t, size_t *loop)
{
    memset(t, 0, sizeof *t);
    uint32_t *start;
    EntId *mem;
    uint32_t nc = group(g, comp, &start, &mem);
    *loop = largest_loop(g, start, mem, nc);
    SourcesFit fit = *loop > SOURCES_ALL_LOOP ? SOURCES_BIG_LOOP : SOURCES_FIT;
    Pass p = {.g = g, .comp = comp, .bounded = bounded};
    if (fit == SOURCES_FIT) {
        p.off = xcalloc(g->n + 1, sizeof *p.off);
        p.len = xcalloc(g->n + 1, sizeof *p.len);
        p.col = xmalloc((2 * g->n + 1) * sizeof *p.col);
        p.stamp = xcalloc(2 * g->n + 1, sizeof *p.stamp);
        p.origin = xmalloc((2 * g->n + 1) * sizeof *p.origin);
        p.loc = xmalloc((g->n + 1) * sizeof *p.loc);
    }
    /* sinks first in comp's numbering: the last component is upstream of all others */
    for (uint32_t c = nc; fit == SOURCES_FIT && c-- > 0;)
        fit = component(&p, mem + start[c], start[c + 1] - start[c]);
    if (fit == SOURCES_FIT)
        to_table(&p, t);
    free(p.ent);
    free(p.off);
    free(p.len);
    free(p.col);
    free(p.stamp);
    free(p.origin);
    free(p.loc);
    free(start);
    free(mem);
    return fit;
}

void sources_table_of(SourceSolver *s, const EntId *v, size_t k, SourceTable *t)
{
    const Graph *g = source_solver_graph(s);
    memset(t, 0, sizeof *t);
    t->n = g->n;
    t->of = xcalloc(g->n + 1, sizeof *t->of);
    t->listed = xcalloc(g->n + 1, sizeof *t->listed);
    Sources *batch = xmalloc(SOURCES_BATCH * sizeof *batch);
    for (size_t at = 0; at < k; at += SOURCES_BATCH) {
        size_t nb = k - at < SOURCES_BATCH ? k - at : SOURCES_BATCH;
        sources_of_many(s, v + at, nb, batch);
        for (size_t j = 0; j < nb; j++) {
            t->of[v[at + j]] = batch[j];
            t->listed[v[at + j]] = true;
            t->items += batch[j].n;
        }
    }
    t->nlisted = k;
    free(batch);
}

typedef struct Ranked {
    double in;
    const char *name;
    EntId id;
} Ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const Ranked *x = a, *y = b;
    if (x->in != y->in)
        return x->in > y->in ? -1 : 1;
    return strcmp(x->name, y->name);
}

size_t sources_largest(const Graph *g, size_t max, EntId *out)
{
    Ranked *r = xmalloc((g->n + 1) * sizeof *r);
    size_t n = 0;
    for (EntId v = 0; v < g->n; v++)
        if (g->in_usd[v] > 0)
            r[n++] = (Ranked){g->in_usd[v], world_name(g->world, v), v};
    qsort(r, n, sizeof *r, cmp_ranked);
    n = n < max ? n : max;
    for (size_t i = 0; i < n; i++)
        out[i] = r[i].id;
    free(r);
    return n;
}

void sources_table_free(SourceTable *t)
{
    for (size_t v = 0; t->of && v < t->n; v++)
        free(t->of[v].items);
    free(t->of);
    free(t->listed);
    memset(t, 0, sizeof *t);
}
