/* sources.c - origins of an entity's inflow by one sparse solve (the adjoint method).
 *
 * Tracing every origin forward would be one solve per origin; the
 * adjoint system (D - W) y = w(.,v) gives all origins of v's inflow in one solve, restricted
 * to the nodes that can reach v. Entities that no origin feeds (closed loops with no own
 * resources and no gap) make the system singular; they are left out (y = 0) and their money
 * is reported as unattributed. Up to SOURCES_DENSE_MAX nodes the system is solved exactly
 * (Gaussian elimination; a loop that leaks little would take Gauss-Seidel very many sweeps);
 * larger sets use Gauss-Seidel, nodes visited nearest-to-v first, which converges fast on
 * deal webs; see docs/ENGINE.md for the criterion and the cap.
 *
 * Several entities share one solve (sources_of_many): the matrix is the same, only the right
 * side differs, so y holds one column per entity (y[pos * k + j]) and every edge read in a
 * sweep serves all k of them. */
#include "sources.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "dense.h"

struct SourceSolver {
    const Graph *g;
    uint32_t *mark;    /* == gen: node is in the current reachable set */
    uint32_t gen;
    EntId *set;        /* the reachable set, BFS order from the targets */
    size_t nset;
    uint32_t *pos;     /* node -> index in set (valid for marked nodes) */
    size_t dense_max;
};

SourceSolver *source_solver_new(const Graph *g)
{
    SourceSolver *s = xcalloc(1, sizeof *s);
    s->g = g;
    s->mark = xcalloc(g->n + 1, sizeof *s->mark);
    s->set = xmalloc((g->n + 1) * sizeof *s->set);
    s->pos = xmalloc((g->n + 1) * sizeof *s->pos);
    s->dense_max = SOURCES_DENSE_MAX;
    return s;
}

void source_solver_set_dense_max(SourceSolver *s, size_t max) { s->dense_max = max; }
const Graph *source_solver_graph(const SourceSolver *s) { return s->g; }

void source_solver_free(SourceSolver *s)
{
    if (!s)
        return;
    free(s->mark);
    free(s->set);
    free(s->pos);
    free(s);
}

static void add_to_set(SourceSolver *s, EntId u)
{
    s->mark[u] = s->gen;
    s->pos[u] = (uint32_t)s->nset;
    s->set[s->nset++] = u;
}

/* Reverse BFS from the k targets over positive edges among originated nodes (within the
 * targets' component when comp is given: then k is 1). A target starts a search only when
 * the searches before it did not reach it: targets in a row (a pays b pays c) then come
 * in the order values flow, not all first, where each sweep would move a value past only
 * one of them. */
static void reach(SourceSolver *s, const EntId *v, size_t k, const uint32_t *comp)
{
    const Graph *g = s->g;
    if (++s->gen == 0) {   /* wrapped: clear the stamps once */
        memset(s->mark, 0, g->n * sizeof *s->mark);
        s->gen = 1;
    }
    s->nset = 0;
    size_t next = 0;
    for (size_t qh = 0;; qh++) {
        while (qh == s->nset && next < k)
            if (g->originated[v[next]] && s->mark[v[next]] != s->gen)
                add_to_set(s, v[next++]);
            else
                next++;
        if (qh == s->nset)
            break;
        EntId x = s->set[qh];
        for (uint32_t i = g->in_off[x]; i < g->in_off[x + 1]; i++) {
            EntId u = g->in[i].peer;
            if (g->in[i].w <= 0 || s->mark[u] == s->gen || !g->originated[u] ||
                (comp && comp[u] != comp[v[0]]))
                continue;
            add_to_set(s, u);
        }
    }
}

/* The right sides, sparse: w(u, v_j) for each payer u of a target, by u's place in the set
 * (most of the set pays no target directly, and the set can be the whole web). */
typedef struct Rhs {
    uint32_t pos, j;
    double w;
} Rhs;

static int cmp_rhs(const void *a, const void *b)
{
    const Rhs *x = a, *y = b;
    return x->pos != y->pos ? (x->pos < y->pos ? -1 : 1) : (x->j > y->j) - (x->j < y->j);
}

static Rhs *right_sides(const SourceSolver *s, const EntId *v, size_t k, size_t *n)
{
    const Graph *g = s->g;
    size_t cap = 1;
    for (size_t j = 0; j < k; j++)
        cap += g->in_off[v[j] + 1] - g->in_off[v[j]];
    Rhs *b = xmalloc(cap * sizeof *b);
    *n = 0;
    for (size_t j = 0; j < k; j++)
        for (uint32_t i = g->in_off[v[j]]; i < g->in_off[v[j] + 1]; i++)
            if (s->mark[g->in[i].peer] == s->gen)
                b[(*n)++] = (Rhs){s->pos[g->in[i].peer], (uint32_t)j, g->in[i].w};
    qsort(b, *n, sizeof *b, cmp_rhs);
    return b;
}

/* acc += w * y over k entries; the first loop runs a multiple of 4 times, which the
 * compiler vectorizes at -O2. */
static void add_scaled(double *restrict acc, const double *restrict y, double w, size_t k)
{
    size_t k4 = k & ~(size_t)3;
    for (size_t j = 0; j < k4; j++)
        acc[j] += w * y[j];
    for (size_t j = k4; j < k; j++)
        acc[j] += w * y[j];
}

/* One Gauss-Seidel update of the k values of the node at place p; *b walks the right
 * sides, which are in place order. Returns the largest relative change. */
static double update(const SourceSolver *s, size_t p, double *y, const Rhs **b,
                     const Rhs *bend, size_t k, double *acc)
{
    const Graph *g = s->g;
    EntId u = s->set[p];
    memset(acc, 0, k * sizeof *acc);
    for (; *b < bend && (*b)->pos == p; (*b)++)
        acc[(*b)->j] += (*b)->w;
    double pool = g->own[u] + g->in_usd[u] + g->gap[u];
    if (pool <= 0)
        return 0;
    double *yu = y + p * k;
    for (uint32_t i = g->out_off[u]; i < g->out_off[u + 1]; i++) {
        EntId x = g->out[i].peer;
        if (s->mark[x] != s->gen)
            continue;
        const double w = g->out[i].w, *yx = y + (size_t)s->pos[x] * k;
        add_scaled(acc, yx, w, k);
    }
    double worst = 0;
    for (size_t j = 0; j < k; j++) {
        double yn = acc[j] / pool, d = fabs(yn - yu[j]);
        yu[j] = yn;
        if (yn > 0 && d / yn > worst)
            worst = d / yn;
    }
    return worst;
}

/* Gauss-Seidel on P_u y_u = w(u,v) + sum_x w(u,x) y_x over the reachable set, y from 0. */
static int solve(SourceSolver *s, double *y, const Rhs *b, size_t nb, size_t k,
                 bool *converged)
{
    double *acc = xmalloc(k * sizeof *acc);
    int sweep;
    *converged = false;
    for (sweep = 1; sweep <= SOURCES_MAX_SWEEPS && !*converged; sweep++) {
        double worst = 0;
        const Rhs *at = b;
        for (size_t p = 0; p < s->nset; p++) {
            double d = update(s, p, y, &at, b + nb, k, acc);
            worst = d > worst ? d : worst;
        }
        *converged = worst < SOURCES_TOL;
    }
    free(acc);
    return sweep - 1;
}

/* The same system as solve(), exactly, for a small reachable set: y (nset x k), or NULL
 * when a pivot vanishes. */
static double *solve_dense(SourceSolver *s, const Rhs *rhs, size_t nb, size_t k)
{
    const Graph *g = s->g;
    size_t m = s->nset;
    double *a = xcalloc(m * m + 1, sizeof *a), *b = xcalloc(m * k + 1, sizeof *b);
    for (size_t i = 0; i < nb; i++)
        b[rhs[i].pos * k + rhs[i].j] += rhs[i].w;
    for (size_t j = 0; j < m; j++) {
        EntId u = s->set[j];
        a[j * m + j] += g->own[u] + g->in_usd[u] + g->gap[u];
        for (uint32_t i = g->out_off[u]; i < g->out_off[u + 1]; i++)
            if (s->mark[g->out[i].peer] == s->gen)
                a[j * m + s->pos[g->out[i].peer]] -= g->out[i].w;
    }
    bool ok = dense_solve(a, b, m, k);
    for (size_t j = 0; ok && j < m * k; j++)
        b[j] = b[j] > 0 && isfinite(b[j]) ? b[j] : 0;
    free(a);
    if (!ok)
        free(b);
    return ok ? b : NULL;
}

/* y (nset x k) for the right sides of the targets: exactly when the set is small, else by
 * Gauss-Seidel. *sweeps is the sweeps used (0 = exact). */
static double *solve_any(SourceSolver *s, const EntId *v, size_t k, int *sweeps,
                         bool *converged)
{
    size_t nb;
    Rhs *b = right_sides(s, v, k, &nb);
    *sweeps = 0;
    *converged = true;
    double *y = s->nset <= s->dense_max ? solve_dense(s, b, nb, k) : NULL;
    if (!y) {
        y = xcalloc(s->nset * k + 1, sizeof *y);
        *sweeps = solve(s, y, b, nb, k, converged);
    }
    free(b);
    return y;
}

static int cmp_share(const void *a, const void *b)
{
    const SourceShare *x = a, *y = b;
    if (x->usd != y->usd)
        return x->usd > y->usd ? -1 : 1;
    int c = strcmp(x->name, y->name);
    return c ? c : (int)x->unfunded - (int)y->unfunded;
}

void sources_sort(Sources *out)
{
    qsort(out->items, out->n, sizeof *out->items, cmp_share);
    double sum = 0;
    for (size_t i = 0; i < out->n; i++)
        sum += out->items[i].usd;
    double rest = out->in - sum;
    out->unattributed = rest > 1e-9 * fmax(1.0, out->in) ? rest : 0;
}

/* Column j of y as v_j's origins. */
static void collect(const SourceSolver *s, const double *y, size_t k, size_t j, Sources *out)
{
    const Graph *g = s->g;
    size_t n = 0;
    for (size_t p = 0; p < s->nset; p++)
        n += (y[p * k + j] * g->own[s->set[p]] > 0) + (y[p * k + j] * g->gap[s->set[p]] > 0);
    out->items = xmalloc((n + 1) * sizeof *out->items);
    for (size_t p = 0; p < s->nset && out->in > 0; p++) {
        EntId u = s->set[p];
        double yu = y[p * k + j], a = yu * g->own[u], b = yu * g->gap[u];
        if (a > 0)
            out->items[out->n++] = (SourceShare){u, false, a, world_name(g->world, u)};
        if (b > 0)
            out->items[out->n++] = (SourceShare){u, true, b, world_name(g->world, u)};
    }
    sources_sort(out);
}

void sources_of_many(SourceSolver *s, const EntId *v, size_t k, Sources *out)
{
    const Graph *g = s->g;
    /* only targets with inflow take part in the solve: the rest have no origins */
    EntId *t = xmalloc((k + 1) * sizeof *t);
    size_t nt = 0;
    for (size_t j = 0; j < k; j++) {
        out[j] = (Sources){.of = v[j], .in = g->in_usd[v[j]], .converged = true};
        if (out[j].in > 0)
            t[nt++] = v[j];
    }
    reach(s, t, nt, NULL);
    int sweeps = 0;
    bool conv = true;
    double *y = nt && s->nset ? solve_any(s, t, nt, &sweeps, &conv) : NULL;
    for (size_t j = 0, jt = 0; j < k; j++) {
        if (!(out[j].in > 0) || !y) {
            out[j].items = xmalloc(sizeof *out[j].items);
            sources_sort(&out[j]);
            jt += out[j].in > 0;
            continue;
        }
        out[j].sweeps = sweeps;
        out[j].converged = conv;
        collect(s, y, nt, jt++, &out[j]);
    }
    free(y);
    free(t);
}

void sources_of(SourceSolver *s, EntId v, Sources *out) { sources_of_many(s, &v, 1, out); }

void sources_release(Sources *src)
{
    free(src->items);
    memset(src, 0, sizeof *src);
}

double sources_self(SourceSolver *s, const uint32_t *comp, EntId v)
{
    const Graph *g = s->g;
    if (g->in_usd[v] <= 0 || g->own[v] <= 0)
        return 0;
    reach(s, &v, 1, comp);
    if (!s->nset)
        return 0;
    int sweeps;
    bool conv;
    double *y = solve_any(s, &v, 1, &sweeps, &conv);
    double self = y[s->pos[v]] * g->own[v];
    free(y);
    return self;
}

bool sources_circularity(SourceSolver *s, const uint32_t *comp, EntId v, double *out)
{
    double in = s->g->in_usd[v];
    if (!(in > 0))
        return false;
    double c = sources_self(s, comp, v) / in;
    *out = c > 1 ? 1 : c;
    return true;
}
