/* show_deals.c - `show deals`: each deal as a sentence close to the script's own, with its
 * source. */
#include "show.h"

static char *fmt_month(int32_t m, char *buf, size_t n)
{
    return value_text(value_date(m), buf, n);
}

static char *fmt_months(int32_t months, char *buf, size_t n)
{
    if (months % 12 == 0)
        snprintf(buf, n, "%dy", months / 12);
    else
        snprintf(buf, n, "%dmo", months);
    return buf;
}

/* A yearly rate written as a path pays amount x path(year) (the amount is 1 until a shock
 * scales it): its points as the script writes them, `13B/y in 2025, 30B/y in 2026`; a
 * constant (`revenue 13B/y from users`) is its one value. Cut short, past the buffer, with
 * `...`: a sentence stays readable. */
static void path_text(const World *w, const Deal *d, char *buf, size_t n)
{
    const Path *pa = world_path(w, d->path);
    size_t o = 0;
    buf[0] = '\0';
    for (uint32_t k = 0; pa && k < pa->n; k++) {
        char v[32];
        usd_text(d->amount * pa->pts[k].v, v, sizeof v);
        int len = pa->pts[k].year == YEAR_FIRST
                      ? snprintf(buf + o, n - o, "%s%s/y", k ? ", " : "", v)
                      : snprintf(buf + o, n - o, "%s%s/y in %d", k ? ", " : "", v, pa->pts[k].year);
        if (len < 0 || (size_t)len >= n - o - 8) {
            snprintf(buf + o, n - o, "%s...", k ? ", " : "");
            return;
        }
        o += (size_t)len;
    }
}

/* One deal as a sentence close to the script's own, its source included. */
static void deal_line(FILE *out, const World *w, const Deal *d)
{
    char a[512], b[64], c[64];
    const char *p = world_name(w, d->payer), *q = world_name(w, d->payee);
    fputs("  ", out);
    if (d->label)
        fprintf(out, "%s: ", sym_str(world_interner(w), d->label));
    if (d->per_year && d->path != PATH_NONE)
        path_text(w, d, a, sizeof a);
    else
        snprintf(a, sizeof a, "%s%s", usd_text(d->amount, b, sizeof b), d->per_year ? "/y" : "");
    switch (d->kind) {
    case VERB_INVESTS: fprintf(out, "%s invests %s in %s", p, a, q); break;
    case VERB_LENDS: fprintf(out, "%s lends %s to %s", p, a, q); break;
    case VERB_BUYS:
        if (d->gw > 0)
            fprintf(out, "%s buys %sGW (%s) from %s", p, plain_text(d->gw, c, sizeof c), a, q);
        else
            fprintf(out, "%s buys %s from %s", p, a, q);
        break;
    case VERB_PAYS: fprintf(out, "%s pays %s to %s", p, a, q); break;
    case VERB_GRANTS:
        fprintf(out, "%s grants %s %s shares", p, q, scaled_text(d->amount, c, sizeof c));
        break;
    case VERB_GUARANTEES: {
        Deal m;   /* `A guarantees LABEL up to X` names the deal it covers */
        if (d->milestone != DEAL_NONE && world_deal(w, d->milestone, &m) && m.label)
            fprintf(out, "%s guarantees %s up to %s", p, sym_str(world_interner(w), m.label), a);
        else
            fprintf(out, "%s guarantees %s to %s", p, a, q);
        break;
    }
    case VERB_COMMITS: fprintf(out, "%s commits %s credit to %s", p, a, q); break;
    }
    if (d->kind == VERB_GRANTS && d->milestone != DEAL_NONE) {
        Deal m;
        if (world_deal(w, d->milestone, &m) && m.label)
            fprintf(out, " vesting with %s", sym_str(world_interner(w), m.label));
    }
    if (d->kind == VERB_GRANTS && d->price > 0)
        fprintf(out, " at %s", plain_text(d->price, c, sizeof c));
    bool loan = d->kind == VERB_LENDS || d->kind == VERB_COMMITS;
    if (loan && d->price > 0)
        fprintf(out, " at %s", pct_text(d->price, c, sizeof c));
    if (d->over > 0)
        fprintf(out, " over %s", fmt_months(d->over, c, sizeof c));
    if (d->from != MONTH_NONE)
        fprintf(out, " from %s", fmt_month(d->from, c, sizeof c));
    if (loan && d->due != MONTH_NONE)
        fprintf(out, " due %s", fmt_month(d->due, c, sizeof c));
    if (!d->binding)
        fputs(" nonbinding", out);
    if (d->source) {
        fputs(" source ", out);
        show_put_string(out, d->source);
    }
    fputc('\n', out);
}

void show_deals(FILE *out, Engine *e, EntId v)
{
    const Graph *g = engine_graph(e);
    Deal d;
    size_t shown = 0;
    if (v != ENT_NONE && v >= g->n)
        return;
    if (v == ENT_NONE)
        fprintf(out, "deals\n");
    else
        fprintf(out, "deals of %s\n", world_name(g->world, v));
    size_t lo = v == ENT_NONE ? 0 : g->deal_off[v];
    size_t hi = v == ENT_NONE ? world_n_deals(g->world) : g->deal_off[v + 1];
    for (size_t i = lo; i < hi; i++) {
        DealId id = v == ENT_NONE ? (DealId)i : g->deals[i];
        if (!world_deal(g->world, id, &d))
            continue;
        deal_line(out, g->world, &d);
        shown++;
    }
    if (!shown)
        fprintf(out, "  none\n");
}
