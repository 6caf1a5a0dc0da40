/* csv.c - the CSV files of `report --csv` (csv.h; columns in docs/PICTURES.md "CSV"). */
#include "csv.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cycles.h"
#include "dealcols.h"
#include "sources_table.h"

/* One field: quoted when it holds a comma, a quote, CR or LF (RFC 4180). */
static void field(StrBuf *b, const char *s, bool first)
{
    if (!first)
        strbuf_add(b, ",", 1);
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        strbuf_str(b, s);
        return;
    }
    strbuf_add(b, "\"", 1);
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        strbuf_add(b, s, (size_t)(q - s) + 1);
        strbuf_add(b, "\"", 1);
    }
    strbuf_str(b, s);
    strbuf_add(b, "\"", 1);
}

static void end_row(StrBuf *b) { strbuf_add(b, "\r\n", 2); }

/* A plain number: the shortest of 15 to 17 significant digits that reads back exactly, so a
 * CSV imports back the same world; empty when not ok. */
static void num(StrBuf *b, bool ok, double x)
{
    char buf[64] = "";
    for (int digits = 15; ok && isfinite(x) && digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, x == 0 ? 0 : x);
        if (strtod(buf, NULL) == x)
            break;   /* the shortest of 15 to 17 digits that reads back as x */
    }
    field(b, buf, false);
}

static void integer(StrBuf *b, bool first, bool ok, long x)
{
    char buf[32] = "";
    if (ok)
        snprintf(buf, sizeof buf, "%ld", x);
    field(b, buf, first);
}

static void header(StrBuf *b, const char *const *cols)
{
    for (size_t i = 0; cols[i]; i++)
        field(b, cols[i], i == 0);
    end_row(b);
}

char *months_text(int32_t months, char *buf, size_t n)
{
    if (months % 12 == 0)
        snprintf(buf, n, "%dy", months / 12);
    else
        snprintf(buf, n, "%dmo", months);
    return buf;
}

void csv_entities(StrBuf *b, Engine *e)
{
    const Graph *g = engine_graph(e);
    const EntId *ids = engine_by_name(e);
    const SourceTable *t = engine_sources_listed(e, false);
    field(b, "name", true);
    field(b, "kind", false);
    field(b, "display", false);
    field(b, "declared", false);
    for (int f = 0; f < FIG__COUNT; f++)
        field(b, figure_name((FigId)f), false);
    end_row(b);
    for (size_t i = 0; i < g->n; i++) {
        EntId v = ids[i];
        const Entity *en = world_entity(g->world, v);
        field(b, world_name(g->world, v), true);
        field(b, entkind_name(en->kind), false);
        field(b, en->display ? en->display : "", false);
        field(b, en->declared ? "yes" : "no", false);
        for (int f = 0; f < FIG__COUNT; f++) {
            double x = 0;
            bool ok = (f != FIG_CIRCULARITY || t->listed[v]) && figure_entity(e, (FigId)f, v, &x);
            if (f == FIG_RUNWAY)
                integer(b, false, ok, (long)x);
            else
                num(b, ok, x);
        }
        end_row(b);
    }
}

void csv_sources(StrBuf *b, Engine *e)
{
    const Graph *g = engine_graph(e);
    const EntId *ids = engine_by_name(e);
    const SourceTable *t = engine_sources_listed(e, false);
    static const char *const cols[] = {"entity", "origin", "kind", "usd", NULL};
    header(b, cols);
    for (size_t i = 0; i < g->n; i++) {
        EntId v = ids[i];
        if (!t->listed[v])
            continue;
        const Sources *s = &t->of[v];
        for (size_t k = 0; k < s->n; k++) {
            field(b, world_name(g->world, v), true);
            field(b, s->items[k].name, false);
            field(b, s->items[k].unfunded ? "unfunded" : "own", false);
            num(b, true, s->items[k].usd);
            end_row(b);
        }
        if (s->unattributed > 0) {
            field(b, world_name(g->world, v), true);
            field(b, "", false);
            field(b, "unattributed", false);
            num(b, true, s->unattributed);
            end_row(b);
        }
    }
}

void csv_cycles(StrBuf *b, Engine *e)
{
    const Graph *g = engine_graph(e);
    Cycles c;
    cycles_find(g, engine_components(e), CYCLES_MAX, CYCLES_MAX_STEPS, &c);
    static const char *const cols[] = {"rank", "path", "length", "bottleneck", NULL};
    header(b, cols);
    StrBuf path = {0};
    for (size_t i = 0; i < c.n; i++) {
        const Cycle *cy = &c.items[i];
        for (size_t k = 0; k <= cy->len; k++) {
            if (k)
                strbuf_str(&path, " -> ");
            strbuf_str(&path, world_name(g->world, cy->path[k % cy->len]));
        }
        integer(b, true, true, (long)i + 1);
        field(b, path.s, false);
        integer(b, false, true, (long)cy->len);
        num(b, true, cy->bottleneck);
        end_row(b);
        path.len = 0;
    }
    strbuf_free(&path);
    cycles_free(&c);
}

/* The columns `dealgraph import` reads (model/dealcols.h), in their order. */
#define DG_COL_NAME(e, name, req) name,
static const char *const DEAL_COLS[] = {DG_DEAL_COLUMNS(DG_COL_NAME) NULL};
#undef DG_COL_NAME

static void month_field(StrBuf *b, int32_t m)
{
    char buf[32] = "";
    if (m != MONTH_NONE)
        value_text(value_date(m), buf, sizeof buf);
    field(b, buf, false);
}

static void label_field(StrBuf *b, const World *w, DealId id)
{
    const char *label = world_deal_label(w, id);
    field(b, label ? label : "", false);
}

/* A money deal's amount and schedule as written, or, for a yearly rate or a deal the
 * horizon cuts, the USD it pays within the horizon spread over the months it pays in
 * there: the same total, so the money graph imports back the same. */
static void deal_money(StrBuf *b, const Deal *d, const Horizon *h)
{
    char buf[32];
    double total = deal_total(d, h);
    int32_t from = d->from, over = d->over;
    double amount = d->amount;
    if (d->per_year || d->path != PATH_NONE || fabs(total - d->amount) > 1e-6 * fabs(total)) {
        int32_t s, e;
        deal_span(d, h, &s, &e);
        int32_t lo = h->first * 12, hi = (h->last + 1) * 12;
        s = s < lo ? lo : s;
        e = e > hi ? hi : e;
        amount = total;
        from = h->dated ? s : MONTH_NONE;
        over = h->dated && e - s > 1 ? e - s : 0;
    }
    num(b, true, amount);
    field(b, "USD", false);
    month_field(b, from);
    field(b, over > 0 ? months_text(over, buf, sizeof buf) : "", false);
}

static void deal_row(StrBuf *b, const World *w, const Deal *d, const Horizon *h)
{
    bool covers = d->kind == VERB_GUARANTEES && d->milestone != DEAL_NONE;
    field(b, d->label != SYM_NONE ? sym_str(world_interner(w), d->label) : "", true);
    field(b, world_name(w, d->payer), false);
    field(b, verb_name(d->kind), false);
    field(b, covers ? "" : world_name(w, d->payee), false);
    if (d->kind == VERB_GRANTS) {
        num(b, true, d->amount);
        field(b, "shares", false);
        field(b, "", false);
        field(b, "", false);
    } else if (d->kind == VERB_GUARANTEES) {
        num(b, true, d->amount);
        field(b, "USD", false);
        field(b, "", false);
        field(b, "", false);
    } else if (d->kind == VERB_COMMITS) {
        /* a facility's amount is its limit, its schedule the years it can be drawn in */
        char buf[32];
        num(b, true, d->amount);
        field(b, "USD", false);
        month_field(b, d->from);
        field(b, d->over > 0 ? months_text(d->over, buf, sizeof buf) : "", false);
    } else {
        deal_money(b, d, h);
    }
    bool loan = d->kind == VERB_LENDS || d->kind == VERB_COMMITS;
    month_field(b, loan ? d->due : MONTH_NONE);
    num(b, loan && d->price > 0, d->price);
    field(b, d->binding ? "yes" : "no", false);
    field(b, d->source ? d->source : "", false);
    if (d->kind == VERB_GRANTS)
        label_field(b, w, d->milestone);
    else
        field(b, "", false);
    if (covers)
        label_field(b, w, d->milestone);
    else
        field(b, "", false);
    end_row(b);
}

void csv_deals(StrBuf *b, Engine *e)
{
    const Graph *g = engine_graph(e);
    header(b, DEAL_COLS);
    Deal d;
    for (DealId i = 0; i < world_n_deals(g->world); i++)
        if (world_deal(g->world, i, &d))
            deal_row(b, g->world, &d, &g->h);
}

/* Entities of a clearing by name, markets left out (qsort on names: they are unique). */
static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static EntId *by_name(const StressResult *r, const World *w, size_t *n)
{
    size_t m = r->n < world_n_entities(w) ? r->n : world_n_entities(w), k = 0;
    const char **names = xcalloc(m + 1, sizeof *names);
    for (EntId v = 0; v < m; v++)
        if (world_entity(w, v)->kind != ENT_MARKET)
            names[k++] = world_name(w, v);
    qsort(names, k, sizeof *names, name_cmp);
    EntId *ids = xcalloc(k + 1, sizeof *ids);
    Interner *in = world_interner(w);
    for (size_t i = 0; i < k; i++)
        ids[i] = world_find(w, intern_find(in, names[i], strlen(names[i])));
    free(names);
    *n = k;
    return ids;
}

static int default_cmp(const void *a, const void *b)
{
    const long *x = a, *y = b;   /* {year, round, name rank} */
    for (int i = 0; i < 3; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

void csv_defaults(StrBuf *b, const StressResult *r, const World *w)
{
    static const char *const cols[] = {"entity", "year", "round", "cured", "shortfall",
                                       "paid", "cause", "base", NULL};
    header(b, cols);
    size_t n;
    EntId *ids = by_name(r, w, &n);
    long *keys = xcalloc(3 * n + 3, sizeof *keys);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (r->year[ids[i]]) {
            keys[3 * k] = r->year[ids[i]];
            keys[3 * k + 1] = r->round[ids[i]];
            keys[3 * k++ + 2] = (long)i;
        }
    qsort(keys, k, 3 * sizeof *keys, default_cmp);
    for (size_t j = 0; j < k; j++) {
        EntId v = ids[keys[3 * j + 2]];
        field(b, world_name(w, v), true);
        integer(b, false, true, r->year[v]);
        integer(b, false, true, r->round[v]);
        integer(b, false, r->cured[v] != 0, r->cured[v]);
        num(b, true, r->shortfall[v]);
        num(b, true, r->paid_frac[v]);
        field(b, stress_default_cause(r, v), false);
        field(b, r->in_base[v] ? "yes" : "no", false);
        end_row(b);
    }
    free(keys);
    free(ids);
}

void csv_losses(StrBuf *b, const StressResult *r, const World *w)
{
    static const char *const cols[] = {"entity", "loss", "distress", "insolvent",
                                       "shortfall", "cash_end", NULL};
    header(b, cols);
    size_t n;
    EntId *ids = by_name(r, w, &n);
    for (size_t i = 0; i < n; i++) {
        EntId v = ids[i];
        field(b, world_name(w, v), true);
        num(b, true, r->loss[v]);
        num(b, true, r->distress[v]);
        field(b, r->insolvent[v] ? "yes" : "no", false);
        num(b, true, r->shortfall[v]);
        num(b, true, r->cash_end[v]);
        end_row(b);
    }
    free(ids);
}

void csv_years(StrBuf *b, const StressResult *r, const World *w)
{
    static const char *const cols[] = {"entity", "year", "cash", "dues", "paid", "received",
                                       "revenue", NULL};
    header(b, cols);
    size_t n;
    EntId *ids = by_name(r, w, &n);
    for (size_t i = 0; i < n; i++)
        for (int t = 0; t < r->nyears; t++) {
            size_t at = (size_t)t * r->n + ids[i];
            field(b, world_name(w, ids[i]), true);
            integer(b, false, true, r->first_year + t);
            num(b, true, r->cash_y[at]);
            num(b, true, r->dues_y[at]);
            num(b, true, r->paid_y[at]);
            num(b, true, r->in_y[at]);
            num(b, true, r->revenue_y[at]);
            end_row(b);
        }
    free(ids);
}
