/* graph.c - build the binding money graph in one pass over the deals.
 *
 * Raw edges are bucketed by payer (counting sort), each payer's
 * row is sorted by payee and parallel edges merged; the in-rows are a transpose of that.
 * Cost O(D + E log deg) for D deals, so a 1M-deal web builds without per-entity scans. */
#include "graph.h"
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "credit.h"

typedef struct RawEdge {
    EntId u, v;
    GEdge e;
} RawEdge;

static bool is_money(Verb k) { return verb_moves_money(k); }

bool graph_is_market(const Graph *g, EntId v)
{
    return world_entity(g->world, v)->kind == ENT_MARKET;
}

/* Pass over the deals: per-entity sums, raw edges and the per-entity deal counts. */
static RawEdge *collect(Graph *g, size_t *nraw)
{
    size_t nd = world_n_deals(g->world), cap = 0, n = 0;
    RawEdge *raw = NULL;
    Deal d;
    for (DealId i = 0; i < nd; i++) {
        if (!world_deal(g->world, i, &d))
            continue;
        g->deal_off[d.payer + 1]++;
        if (d.payee != d.payer)
            g->deal_off[d.payee + 1]++;
        if (d.kind == VERB_COMMITS && d.binding) {
            double x = credit_committed(&d, &g->h);   /* a promise to lend: no edge */
            g->credit[d.payer] += x;
            g->commitments[d.payer] += x;
            g->any_credit = true;
        }
        if (!is_money(d.kind))
            continue;
        double tot = deal_total(&d, &g->h);
        if (!d.binding) {
            g->nb_in[d.payee] += tot;
            continue;
        }
        raw = vec_grow(raw, &cap, n + 1, sizeof *raw);
        RawEdge *r = &raw[n++];
        *r = (RawEdge){d.payer, d.payee, {d.payee, tot, 0, 0, 0}};
        if (d.kind == VERB_BUYS)
            r->e.buys = tot;
        if (d.kind == VERB_INVESTS || d.kind == VERB_LENDS)
            r->e.fund = tot;
        if (d.kind == VERB_LENDS)
            g->borrowed[d.payee] += tot;
        if (d.kind == VERB_BUYS || d.kind == VERB_PAYS) {
            double owed = deal_owed(&d, &g->h);
            r->e.owed = owed;
            g->commitments[d.payer] += owed;
            g->backlog[d.payee] += owed;
        }
    }
    *nraw = n;
    return raw;
}

static void fill_deal_index(Graph *g)
{
    for (size_t v = 0; v < g->n; v++)
        g->deal_off[v + 1] += g->deal_off[v];
    g->deals = xmalloc((g->deal_off[g->n] + 1) * sizeof *g->deals);
    uint32_t *pos = xmalloc((g->n + 1) * sizeof *pos);
    memcpy(pos, g->deal_off, (g->n + 1) * sizeof *pos);
    size_t nd = world_n_deals(g->world);
    Deal d;
    for (DealId i = 0; i < nd; i++) {
        if (!world_deal(g->world, i, &d))
            continue;
        g->deals[pos[d.payer]++] = i;
        if (d.payee != d.payer)
            g->deals[pos[d.payee]++] = i;
    }
    free(pos);
}

/* Stable counting sort of raw edges by one end (scratch `cnt` has n + 1 slots). */
static void sort_by(const Graph *g, const RawEdge *from, RawEdge *to, size_t nraw, bool by_payer,
                    uint32_t *cnt)
{
    memset(cnt, 0, (g->n + 1) * sizeof *cnt);
    for (size_t i = 0; i < nraw; i++)
        cnt[(by_payer ? from[i].u : from[i].v) + 1]++;
    for (size_t v = 0; v < g->n; v++)
        cnt[v + 1] += cnt[v];
    for (size_t i = 0; i < nraw; i++)
        to[cnt[by_payer ? from[i].u : from[i].v]++] = from[i];
}

/* Rows by payer, each sorted by payee, parallel edges merged in deal order: a stable sort
 * by payee, then by payer (O(n + m), and the sums of parallel edges never depend on a
 * library's sort). `raw` is reused as the second pass's output. */
static void build_out(Graph *g, RawEdge *raw, size_t nraw)
{
    uint32_t *cnt = xmalloc((g->n + 1) * sizeof *cnt);
    RawEdge *tmp = xmalloc((nraw + 1) * sizeof *tmp);
    sort_by(g, raw, tmp, nraw, false, cnt);
    sort_by(g, tmp, raw, nraw, true, cnt);
    free(tmp);
    g->out = xmalloc((nraw + 1) * sizeof *g->out);
    size_t m = 0, i = 0;
    for (size_t u = 0; u < g->n; u++) {
        g->out_off[u] = (uint32_t)m;
        for (; i < nraw && raw[i].u == u; i++) {
            GEdge *last = m > g->out_off[u] ? &g->out[m - 1] : NULL;
            if (last && last->peer == raw[i].v) {
                last->w += raw[i].e.w;
                last->buys += raw[i].e.buys;
                last->fund += raw[i].e.fund;
                last->owed += raw[i].e.owed;
            } else {
                g->out[m++] = raw[i].e;
            }
        }
    }
    g->out_off[g->n] = (uint32_t)m;
    g->m = m;
    free(cnt);
}

/* The transpose; rows come out sorted by source because u is scanned in order. */
static void build_in(Graph *g)
{
    for (size_t u = 0; u < g->n; u++)
        for (uint32_t i = g->out_off[u]; i < g->out_off[u + 1]; i++)
            g->in_off[g->out[i].peer + 1]++;
    for (size_t v = 0; v < g->n; v++)
        g->in_off[v + 1] += g->in_off[v];
    g->in = xmalloc((g->m + 1) * sizeof *g->in);
    uint32_t *pos = xmalloc((g->n + 1) * sizeof *pos);
    memcpy(pos, g->in_off, (g->n + 1) * sizeof *pos);
    for (size_t u = 0; u < g->n; u++)
        for (uint32_t i = g->out_off[u]; i < g->out_off[u + 1]; i++) {
            GEdge e = g->out[i];
            EntId v = e.peer;
            e.peer = (EntId)u;
            g->in[pos[v]++] = e;
            g->out_usd[u] += e.w;
            g->in_usd[v] += e.w;
        }
    free(pos);
}

/* own, gap, then which entities some origin (own or gap) feeds: a forward BFS. */
static void resources(Graph *g)
{
    EntId *queue = xmalloc((g->n + 1) * sizeof *queue);
    size_t qh = 0, qt = 0;
    for (EntId v = 0; v < g->n; v++) {
        const Entity *en = world_entity(g->world, v);
        if (en->kind == ENT_MARKET)
            g->own[v] = g->out_usd[v];
        else
            g->own[v] = ((en->has & (1u << A_CASH)) ? en->attr[A_CASH] : 0) +
                        revenue_over(g->world, v, &g->h);
        double gap = g->out_usd[v] - g->own[v] - g->in_usd[v];
        g->gap[v] = gap > 0 ? gap : 0;
        if (g->own[v] > 0 || g->gap[v] > 0) {
            g->originated[v] = true;
            queue[qt++] = v;
        }
    }
    while (qh < qt) {
        EntId u = queue[qh++];
        for (uint32_t i = g->out_off[u]; i < g->out_off[u + 1]; i++)
            if (g->out[i].w > 0 && !g->originated[g->out[i].peer]) {
                g->originated[g->out[i].peer] = true;
                queue[qt++] = g->out[i].peer;
            }
    }
    free(queue);
}

Graph *graph_new(const World *w)
{
    Graph *g = xcalloc(1, sizeof *g);
    g->world = w;
    g->h = horizon_of(w);
    g->n = world_n_entities(w);
    size_t n1 = g->n + 1;
    g->out_off = xcalloc(n1, sizeof *g->out_off);
    g->in_off = xcalloc(n1, sizeof *g->in_off);
    g->deal_off = xcalloc(n1, sizeof *g->deal_off);
    double **sums[] = {&g->in_usd, &g->out_usd, &g->own, &g->gap, &g->commitments,
                       &g->backlog, &g->borrowed, &g->nb_in, &g->credit};
    for (size_t i = 0; i < sizeof sums / sizeof *sums; i++)
        *sums[i] = xcalloc(n1, sizeof(double));
    g->originated = xcalloc(n1, sizeof *g->originated);
    size_t nraw;
    RawEdge *raw = collect(g, &nraw);
    fill_deal_index(g);
    build_out(g, raw, nraw);
    free(raw);
    build_in(g);
    resources(g);
    return g;
}

void graph_free(Graph *g)
{
    if (!g)
        return;
    void *ps[] = {g->out_off, g->out, g->in_off, g->in, g->in_usd, g->out_usd, g->own,
                  g->gap, g->commitments, g->backlog, g->borrowed, g->nb_in, g->originated,
                  g->deal_off, g->deals, g->credit};
    for (size_t i = 0; i < sizeof ps / sizeof *ps; i++)
        free(ps[i]);
    free(g);
}

const GEdge *graph_edge(const Graph *g, EntId u, EntId v)
{
    if (u >= g->n || v >= g->n)
        return NULL;
    uint32_t lo = g->out_off[u], hi = g->out_off[u + 1];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (g->out[mid].peer < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < g->out_off[u + 1] && g->out[lo].peer == v ? &g->out[lo] : NULL;
}

double graph_w(const Graph *g, EntId u, EntId v)
{
    const GEdge *e = graph_edge(g, u, v);
    return e ? e->w : 0;
}
