/* sources.c - origins of an entity's inflow by one sparse solve (the adjoint method).
 *
 * Tracing every origin forward would be one solve per origin; the
 * adjoint system (D - W) y = w(.,v) gives all origins of v's inflow in one solve, restricted
 * to the nodes that can reach v. Entities that no origin feeds (closed loops with no own
 * resources and no gap) make the system singular; they are left out (y = 0) and their money
 * is reported as unattributed. Up to SOURCES_DENSE_MAX nodes the system is solved exactly
 * (Gaussian elimination; a loop that leaks little would take Gauss-Seidel very many sweeps);
 * larger sets use Gauss-Seidel, nodes visited nearest-to-v first, which converges fast on
 * deal webs; see docs/ENGINE.md for the criterion and the cap. */
#include "sources.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"

struct SourceSolver {
    const Graph *g;
    double *y;
    uint32_t *mark;    /* == gen: node is in the current reachable set */
    uint32_t gen;
    EntId *set;        /* the reachable set, BFS order from v */
    size_t nset;
    uint32_t *pos;     /* node -> index in set (valid for marked nodes) */
    size_t dense_max;
};

SourceSolver *source_solver_new(const Graph *g)
{
    SourceSolver *s = xcalloc(1, sizeof *s);
    s->g = g;
    s->y = xcalloc(g->n + 1, sizeof *s->y);
    s->mark = xcalloc(g->n + 1, sizeof *s->mark);
    s->set = xmalloc((g->n + 1) * sizeof *s->set);
    s->pos = xmalloc((g->n + 1) * sizeof *s->pos);
    s->dense_max = SOURCES_DENSE_MAX;
    return s;
}

void source_solver_set_dense_max(SourceSolver *s, size_t max) { s->dense_max = max;
}

void source_solver_free(SourceSolver *s)
{
    if (!s)
        return;
    free(s->y);
    free(s->mark);
    free(s->set);
    free(s->pos);
    free(s);
}

/* Reverse BFS from v over positive edges among originated nodes (within v's component
 * when comp is given). */
static void reach(SourceSolver *s, EntId v, const uint32_t *comp)
{
    const Graph *g = s->g;
    if (++s->gen == 0) {   /* wrapped: clear the stamps once */
        memset(s->mark, 0, g->n * sizeof *s->mark);
        s->gen = 1;
    }
    s->nset = 0;
    if (!g->originated[v])
        return;
    s->mark[v] = s->gen;
    s->set[s->nset++] = v;
    for (size_t qh = 0; qh < s->nset; qh++) {
        EntId x = s->set[qh];
        s->y[x] = 0;
        for (uint32_t i = g->in_off[x]; i < g->in_off[x + 1]; i++) {
            EntId u = g->in[i].peer;
            if (g->in[i].w <= 0 || s->mark[u] == s->gen || !g->originated[u] ||
                (comp && comp[u] != comp[v]))
                continue;
            s->mark[u] = s->gen;
            s->set[s->nset++] = u;
        }
    }
}

/* Gauss-Seidel on P_u y_u = w(u,v) + sum_k w(u,k) y_k over the reachable set. */
static int solve(SourceSolver *s, EntId v, bool *converged)
{
    const Graph *g = s->g;
    int sweep;
    for (sweep = 1; sweep <= SOURCES_MAX_SWEEPS; sweep++) {
        double worst = 0;
        for (size_t j = 0; j < s->nset; j++) {
            EntId u = s->set[j];
            double pool = g->own[u] + g->in_usd[u] + g->gap[u];
            if (pool <= 0)
                continue;
            double acc = 0;
            for (uint32_t i = g->out_off[u]; i < g->out_off[u + 1]; i++) {
                EntId k = g->out[i].peer;
                if (k == v)
                    acc += g->out[i].w;
                if (s->mark[k] == s->gen)
                    acc += g->out[i].w * s->y[k];
            }
            double y = acc / pool, d = fabs(y - s->y[u]);
            s->y[u] = y;
            if (y > 0 && d / y > worst)
                worst = d / y;
        }
        if (worst < SOURCES_TOL) {
            *converged = true;
            return sweep;
        }
    }
    *converged = false;
    return SOURCES_MAX_SWEEPS;
}

/* Gaussian elimination with partial pivoting on a (k x k, row-major) with right side b;
 * the answer replaces b. False when a pivot vanishes (cannot happen on originated nodes). */
static bool gauss(double *a, double *b, size_t k)
{
    for (size_t c = 0; c < k; c++) {
        size_t p = c;
        for (size_t r = c + 1; r < k; r++)
            if (fabs(a[r * k + c]) > fabs(a[p * k + c]))
                p = r;
        if (!(fabs(a[p * k + c]) > 0))
            return false;
        if (p != c) {
            for (size_t j = 0; j < k; j++) {
                double t = a[c * k + j];
                a[c * k + j] = a[p * k + j];
                a[p * k + j] = t;
            }
            double t = b[c];
            b[c] = b[p];
            b[p] = t;
        }
        for (size_t r = c + 1; r < k; r++) {
            double f = a[r * k + c] / a[c * k + c];
            if (f == 0)
                continue;
            for (size_t j = c; j < k; j++)
                a[r * k + j] -= f * a[c * k + j];
            b[r] -= f * b[c];
        }
    }
    for (size_t c = k; c-- > 0;) {
        double x = b[c];
        for (size_t j = c + 1; j < k; j++)
            x -= a[c * k + j] * b[j];
        b[c] = x / a[c * k + c];
    }
    return true;
}

/* The same system as solve(), exactly, for a small reachable set. */
static bool solve_dense(SourceSolver *s, EntId v)
{
    const Graph *g = s->g;
    size_t k = s->nset;
    double *a = xcalloc(k * k + 1, sizeof *a), *b = xcalloc(k + 1, sizeof *b);
    for (size_t j = 0; j < k; j++)
        s->pos[s->set[j]] = (uint32_t)j;
    for (size_t j = 0; j < k; j++) {
        EntId u = s->set[j];
        a[j * k + j] += g->own[u] + g->in_usd[u] + g->gap[u];
        for (uint32_t i = g->out_off[u]; i < g->out_off[u + 1]; i++) {
            EntId x = g->out[i].peer;
            if (x == v)
                b[j] += g->out[i].w;
            if (s->mark[x] == s->gen)
                a[j * k + s->pos[x]] -= g->out[i].w;
        }
    }
    bool ok = gauss(a, b, k);
    for (size_t j = 0; ok && j < k; j++)
        s->y[s->set[j]] = b[j] > 0 && isfinite(b[j]) ? b[j] : 0;
    free(a);
    free(b);
    return ok;
}

/* Dense when small, Gauss-Seidel otherwise; returns the sweeps used (0 = exact). */
static int solve_any(SourceSolver *s, EntId v, bool *converged)
{
    if (s->nset <= s->dense_max && solve_dense(s, v)) {
        *converged = true;
        return 0;
    }
    return solve(s, v, converged);
}

static int cmp_share(const void *a, const void *b)
{
    const SourceShare *x = a, *y = b;
    if (x->usd != y->usd)
        return x->usd > y->usd ? -1 : 1;
    int c = strcmp(x->name, y->name);
    return c ? c : (int)x->unfunded - (int)y->unfunded;
}

void sources_of(SourceSolver *s, EntId v, Sources *out)
{
    const Graph *g = s->g;
    memset(out, 0, sizeof *out);
    out->of = v;
    out->in = g->in_usd[v];
    out->converged = true;
    reach(s, v, NULL);
    if (out->in > 0 && s->nset)
        out->sweeps = solve_any(s, v, &out->converged);
    out->items = xmalloc((2 * s->nset + 1) * sizeof *out->items);
    double sum = 0;
    for (size_t j = 0; j < s->nset && out->in > 0; j++) {
        EntId u = s->set[j];
        double a = s->y[u] * g->own[u], b = s->y[u] * g->gap[u];
        if (a > 0)
            out->items[out->n++] = (SourceShare){u, false, a, world_name(g->world, u)};
        if (b > 0)
            out->items[out->n++] = (SourceShare){u, true, b, world_name(g->world, u)};
        sum += a + b;
    }
    qsort(out->items, out->n, sizeof *out->items, cmp_share);
    double rest = out->in - sum;
    out->unattributed = rest > 1e-9 * fmax(1.0, out->in) ? rest : 0;
}

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
    reach(s, v, comp);
    bool conv;
    solve_any(s, v, &conv);
    return s->y[v] * g->own[v];
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
