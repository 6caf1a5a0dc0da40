/* stress_show.c - `show defaults|losses|payments|distress` in a what-if, and the "clearing"
 * object of `report --json`. Output only: every number comes from the StressResult. */
#include "stress_show.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "table.h"

typedef struct Row {
    const char *name;
    EntId id;
    double key;     /* sort key, larger first (ties by name) */
} Row;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const Row *)a)->name, ((const Row *)b)->name);
}

static int by_key(const void *a, const void *b)
{
    const Row *x = a, *y = b;
    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* The entities of r (v = ENT_NONE) or just v, sorted by name. Caller frees. */
static Row *rows_of(const StressResult *r, const World *w, EntId v, size_t *n)
{
    Row *rows = xcalloc(r->n + 1, sizeof *rows);
    *n = 0;
    for (EntId i = 0; i < r->n; i++)
        if (v == ENT_NONE || v == i)
            rows[(*n)++] = (Row){world_name(w, i), i, 0};
    qsort(rows, *n, sizeof *rows, by_name);
    return rows;
}

/* A dated result shows years; a script with no dates is one period, shown as before. */
static bool dated(const StressResult *r) { return r->nyears > 1 || r->first_year != 0; }

/* The defaulters, earliest first: by year, then round, then name. Caller frees. */
static Row *defaulters(const StressResult *r, const World *w, size_t *k)
{
    size_t n;
    Row *rows = rows_of(r, w, ENT_NONE, &n);
    *k = 0;
    for (size_t x = 0; x < n; x++) {
        EntId i = rows[x].id;
        if (r->round[i]) {
            rows[*k] = rows[x];
            rows[(*k)++].key = -((double)r->year[i] * 1e6 + r->round[i]);
        }
    }
    qsort(rows, *k, sizeof *rows, by_key);
    return rows;
}

static bool any_base(const StressResult *r)
{
    for (EntId i = 0; i < r->n; i++)
        if (r->in_base[i])
            return true;
    return false;
}

static void show_insolvent(FILE *out, const StressResult *r, const World *w)
{
    size_t n, k = 0;
    Row *rows = rows_of(r, w, ENT_NONE, &n);
    for (size_t x = 0; x < n; x++)
        if (r->insolvent[rows[x].id])
            fprintf(out, "%s%s", k++ ? ", " : "insolvent (equity gone, paying in full): ",
                    rows[x].name);
    if (k)
        fputc('\n', out);
    free(rows);
}

void stress_show_defaults(FILE *out, const StressResult *r, const World *w)
{
    size_t k;
    Row *rows = defaulters(r, w, &k);
    if (!k)
        fprintf(out, "defaults: none\n");
    bool years = dated(r), base = r->scenario && any_base(r);
    const char *head[8];
    int nc = 0;
    head[nc++] = "entity";
    if (years)
        head[nc++] = "year";
    head[nc++] = "round";
    if (years)
        head[nc++] = "cured";
    head[nc++] = "shortfall";
    head[nc++] = "paid";
    head[nc++] = "cause";
    if (base)
        head[nc++] = "base";
    Table t;
    table_init(&t, (size_t)nc);
    if (k) {
        fprintf(out, "defaults: %zu of %zu\n", k, r->n);
        table_row(&t, head);
    }
    for (size_t x = 0; x < k; x++) {
        EntId i = rows[x].id;
        char yr[16], rd[16], cu[16], sf[32], pd[32];
        const char *cell[8];
        int c = 0;
        snprintf(yr, sizeof yr, "%d", r->year[i]);
        snprintf(rd, sizeof rd, "%d", r->round[i]);
        snprintf(cu, sizeof cu, "%d", r->cured[i]);
        cell[c++] = rows[x].name;
        if (years)
            cell[c++] = yr;
        cell[c++] = rd;
        if (years)
            cell[c++] = r->cured[i] ? cu : "-";
        cell[c++] = usd_text(stress_shortfall(r, i), sf, sizeof sf);
        cell[c++] = pct_text(stress_paid_fraction(r, i), pd, sizeof pd);
        cell[c++] = stress_default_cause(r, i);
        if (base)
            cell[c++] = r->in_base[i] ? "base" : "";
        table_row(&t, cell);
    }
    t.left_mask |= 1u << (years ? 6 : 4);
    if (base)
        t.left_mask |= 1u << (nc - 1);
    if (k)
        table_print(&t, out, "  ");
    table_free(&t);
    free(rows);
    show_insolvent(out, r, w);
}

/* `show timeline of X` in a what-if: the stressed cash path, year by year. */
void stress_show_timeline(FILE *out, const StressResult *r, const World *w, EntId v)
{
    if (v >= r->n)
        return;
    fprintf(out, "timeline of %s in the scenario\n", world_name(w, v));
    Table t;
    table_init(&t, 8);
    table_row(&t, (const char *const[]){"year", "start", "revenue", "in", "dues", "paid", "end",
                                         ""});
    const Entity *e = world_entity(w, v);
    double start = (e->has & (1u << A_CASH)) ? e->attr[A_CASH] : 0;
    for (int y = 0; y < r->nyears; y++) {
        size_t at = (size_t)y * r->n + v;
        char b[7][32];
        int year = r->first_year + y;
        snprintf(b[0], sizeof b[0], "%d", year);
        /* the marks are the changes: the first year short is the default; short again
         * after a year that was not (a cure it undoes is no longer the entity's cure:
         * docs/STRESS.md) is told too */
        bool again = r->short_y[at] && y > 0 && !r->short_y[at - r->n];
        const char *mark = r->round[v] && r->year[v] == year ? "default"
                           : again ? "short again" : r->cured[v] == year ? "cured" : "";
        table_row(&t, (const char *const[]){dated(r) ? b[0] : "now",
                                             usd_text(start, b[1], 32),
                                             usd_text(r->revenue_y[at], b[2], 32),
                                             usd_text(r->in_y[at], b[3], 32),
                                             usd_text(r->dues_y[at], b[4], 32),
                                             usd_text(r->paid_y[at], b[5], 32),
                                             usd_text(r->cash_y[at], b[6], 32), mark});
        start = r->cash_y[at];
    }
    t.left_mask |= 1u << 7;
    table_print(&t, out, "  ");
    table_free(&t);
    if (r->round[v] && r->cured[v])
        fprintf(out, "  in default from %d, cured in %d\n", r->year[v], r->cured[v]);
    else if (r->round[v])
        fprintf(out, "  in default from %d\n", r->year[v]);
}

void stress_show_losses(FILE *out, const StressResult *r, const World *w)
{
    size_t n, k = 0;
    Row *rows = rows_of(r, w, ENT_NONE, &n);
    double total = 0;
    for (size_t x = 0; x < n; x++) {
        double l = r->loss[rows[x].id];
        if (fabs(l) >= 0.5) { /* below half a dollar is rounding, not a loss */
            rows[k] = rows[x];
            rows[k++].key = l;
            total += l;
        }
    }
    qsort(rows, k, sizeof *rows, by_key);
    if (!k) {
        fprintf(out, "losses: none\n");
        free(rows);
        return;
    }
    fprintf(out, "losses against the base world:\n");
    Table t;
    table_init(&t, 2);
    table_row(&t, (const char *const[]){"entity", "loss"});
    char buf[32];
    for (size_t x = 0; x < k; x++)
        table_row(&t, (const char *const[]){rows[x].name, usd_text(rows[x].key, buf, sizeof buf)});
    table_row(&t, (const char *const[]){"total", usd_text(total, buf, sizeof buf)});
    table_print(&t, out, "  ");
    table_free(&t);
    free(rows);
}

/* Is v one of the two parties a and b (every row is, for v == ENT_NONE)? */
static bool party_to(EntId v, EntId a, EntId b) { return v == ENT_NONE || v == a || v == b; }

/* Print t under its heading when it has rows past the header row. */
static void print_section(FILE *out, Table *t, const char *heading)
{
    if (t->nrows > 1) {
        fprintf(out, "%s:\n", heading);
        table_print(t, out, "  ");
    }
    table_free(t);
}

/* The label of the deal warrant x vests with, or NULL. */
static const char *vesting_label(const World *w, const StressWarrant *x)
{
    Deal g;
    return world_deal(w, x->deal, &g) ? world_deal_label(w, g.milestone) : NULL;
}

/* The warrants granted or held by v (every one for ENT_NONE); likewise below. */
static void show_warrants(FILE *out, const StressResult *r, const World *w, EntId v)
{
    Table t;
    table_init(&t, 7);
    table_row(&t, (const char *const[]){"granter", "holder", "vesting", "vested", "shares",
                                         "value", "dilution"});
    for (size_t k = 0; k < r->nwarrants; k++) {
        const StressWarrant *x = &r->warrants[k];
        if (!party_to(v, x->granter, x->holder))
            continue;
        char f[32], s[32], v[32], d[32];
        const char *with = vesting_label(w, x);
        table_row(&t, (const char *const[]){world_name(w, x->granter), world_name(w, x->holder),
                                             with ? with : "-",
                                             pct_text(x->fraction, f, sizeof f),
                                             scaled_text(x->vested_shares, s, sizeof s),
                                             usd_text(x->value, v, sizeof v),
                                             pct_text(x->dilution, d, sizeof d)});
    }
    t.left_mask |= 1u << 1 | 1u << 2;
    print_section(out, &t, "warrants");
}

static void show_guarantees(FILE *out, const StressResult *r, const World *w, EntId v)
{
    Table t;
    table_init(&t, 6);
    table_row(&t, (const char *const[]){"guarantor", "party", "deal", "amount", "called", "paid"});
    for (size_t k = 0; k < r->nguarantees; k++) {
        const StressGuarantee *g = &r->guarantees[k];
        if (!party_to(v, g->guarantor, g->party))
            continue;
        char a[32], c[32], p[32];
        const char *covers = world_deal_label(w, g->covers);   /* NULL: a party's shortfalls */
        table_row(&t, (const char *const[]){world_name(w, g->guarantor), world_name(w, g->party),
                                             covers ? covers : "-",
                                             usd_text(g->amount, a, sizeof a),
                                             usd_text(g->called, c, sizeof c),
                                             usd_text(g->paid, p, sizeof p)});
    }
    t.left_mask |= 1u << 1 | 1u << 2;
    print_section(out, &t, "guarantees");
}

/* The years a facility was drawn and how much: "2000 1B, 2001 2.1B" ("now 1B" undated). */
static void draws_text(const StressResult *r, const StressCredit *c, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int y = 0; y < r->nyears && o + 1 < n; y++) {
        char a[32];
        if (!(c->drawn_y[y] > 0))
            continue;
        int w = dated(r) ? snprintf(buf + o, n - o, "%s%d %s", o ? ", " : "", r->first_year + y,
                                    usd_text(c->drawn_y[y], a, sizeof a))
                         : snprintf(buf + o, n - o, "now %s", usd_text(c->drawn_y[y], a, sizeof a));
        o = w > 0 && (size_t)w < n - o ? o + (size_t)w : n - 1;
    }
    if (!o)
        snprintf(buf, n, "none");
}

static void show_credits(FILE *out, const StressResult *r, const World *w, EntId v)
{
    Table t;
    table_init(&t, 6);
    table_row(&t, (const char *const[]){"lender", "borrower", "limit", "drawn", "paid", "draws"});
    for (size_t k = 0; k < r->ncredits; k++) {
        const StressCredit *c = &r->credits[k];
        if (!party_to(v, c->lender, c->borrower))
            continue;
        char l[32], d[32], p[32], ys[512];
        draws_text(r, c, ys, sizeof ys);
        table_row(&t, (const char *const[]){world_name(w, c->lender), world_name(w, c->borrower),
                                             usd_text(c->limit, l, sizeof l),
                                             usd_text(c->drawn, d, sizeof d),
                                             usd_text(c->paid, p, sizeof p), ys});
    }
    t.left_mask |= 1u << 1 | 1u << 5;
    print_section(out, &t, "credit facilities");
}

void stress_show_payments(FILE *out, const StressResult *r, const World *w, EntId v)
{
    size_t n;
    Row *rows = rows_of(r, w, v, &n);
    fprintf(out, "payments:\n");
    Table t;
    table_init(&t, 5);
    table_row(&t, (const char *const[]){"entity", "owes", "pays", "paid", "received"});
    for (size_t x = 0; x < n; x++) {
        EntId i = rows[x].id;
        if (v == ENT_NONE && r->obligation[i] <= 0 && r->received[i] <= 0)
            continue;
        char o[32], p[32], f[32], in[32];
        table_row(&t, (const char *const[]){rows[x].name, usd_text(r->obligation[i], o, sizeof o),
                                             usd_text(r->payment[i], p, sizeof p),
                                             pct_text(stress_paid_fraction(r, i), f, sizeof f),
                                             usd_text(r->received[i], in, sizeof in)});
    }
    table_print(&t, out, "  ");
    table_free(&t);
    free(rows);
    show_warrants(out, r, w, v);
    show_guarantees(out, r, w, v);
    show_credits(out, r, w, v);
}

void stress_show_distress(FILE *out, const StressResult *r, const World *w, EntId v)
{
    size_t n, k = 0;
    Row *rows = rows_of(r, w, v, &n);
    for (size_t x = 0; x < n; x++)
        if (v != ENT_NONE || r->distress[rows[x].id] > 0) {
            rows[k] = rows[x];
            rows[k++].key = r->distress[rows[x].id];
        }
    qsort(rows, k, sizeof *rows, by_key);
    if (!k) {
        fprintf(out, "distress: none\n");
        free(rows);
        return;
    }
    fprintf(out, "distress (share of equity lost):\n");
    Table t;
    table_init(&t, 4);
    table_row(&t, (const char *const[]){"entity", "distress", "equity", "stake loss"});
    for (size_t x = 0; x < k; x++) {
        EntId i = rows[x].id;
        char h[32], q[32], s[32];
        table_row(&t, (const char *const[]){rows[x].name, pct_text(r->distress[i], h, sizeof h),
                                             r->equity[i] > 0 ? usd_text(r->equity[i], q, sizeof q) : "n/a",
                                             usd_text(r->stake_loss[i], s, sizeof s)});
    }
    table_print(&t, out, "  ");
    table_free(&t);
    free(rows);
}

void stress_show_breaking(FILE *out, const World *w, const double *bp, const int *year)
{
    size_t n = world_n_entities(w), k = 0;
    Row *rows = xcalloc(n + 1, sizeof *rows);
    for (EntId v = 0; v < n; v++)
        if (world_entity(w, v)->kind != ENT_MARKET)   /* a market always pays */
            rows[k++] = (Row){world_name(w, v), v, isnan(bp[v]) ? -2 : -bp[v]};
    qsort(rows, k, sizeof *rows, by_key);
    fprintf(out, "breaking points (the demand cut at which each defaults):\n");
    Table t;
    table_init(&t, 3);
    table_row(&t, (const char *const[]){"entity", "cut", "year"});
    for (size_t x = 0; x < k; x++) {
        EntId v = rows[x].id;
        char c[32], y[16];
        snprintf(y, sizeof y, "%d", year[v]);
        snprintf(c, sizeof c, "%.2f%%", 100 * bp[v]);   /* found to 0.01% */
        table_row(&t, (const char *const[]){rows[x].name, isnan(bp[v]) ? "n/a" : c,
                                             isnan(bp[v]) || !year[v] ? "" : y});
    }
    table_print(&t, out, "  ");
    table_free(&t);
    free(rows);
}

bool stress_show_topic(FILE *out, const StressResult *r, const World *w, ShowTopic t, EntId v)
{
    switch (t) {
    case TOPIC_DEFAULTS: stress_show_defaults(out, r, w); return true;
    case TOPIC_LOSSES: stress_show_losses(out, r, w); return true;
    case TOPIC_PAYMENTS: stress_show_payments(out, r, w, v); return true;
    case TOPIC_DISTRESS: stress_show_distress(out, r, w, v); return true;
    case TOPIC_TIMELINE:
        if (v == ENT_NONE)
            return false;
        stress_show_timeline(out, r, w, v);
        return true;
    default: return false;
    }
}

/* ---- JSON ---- */

/* A plain number, or null when it is not finite (never NaN in the report). */
static json_t *num(double x) { return isfinite(x) ? json_real(x) : json_null(); }

static json_t *per_entity(const StressResult *r, const World *w, const double *x)
{
    json_t *o = json_object();
    for (EntId i = 0; i < r->n; i++)
        json_object_set_new(o, world_name(w, i), num(x[i]));
    return o;
}

static json_t *year_or_null(int y) { return y ? json_integer(y) : json_null(); }

static json_t *defaults_json(const StressResult *r, const World *w)
{
    size_t k;
    Row *rows = defaulters(r, w, &k);
    json_t *a = json_array();
    for (size_t x = 0; x < k; x++) {
        EntId i = rows[x].id;
        json_array_append_new(a, json_pack("{s:s, s:o, s:i, s:o, s:o, s:o, s:s, s:b}", "name",
                                           rows[x].name, "year", year_or_null(r->year[i]),
                                           "round", r->round[i], "cured",
                                           year_or_null(r->cured[i]), "shortfall",
                                           num(stress_shortfall(r, i)), "paid",
                                           num(stress_paid_fraction(r, i)), "cause",
                                           stress_default_cause(r, i),
                                           "base", r->in_base[i]));
    }
    free(rows);
    return a;
}

static json_t *insolvent_json(const StressResult *r, const World *w)
{
    size_t n;
    Row *rows = rows_of(r, w, ENT_NONE, &n);
    json_t *a = json_array();
    for (size_t x = 0; x < n; x++)
        if (r->insolvent[rows[x].id])
            json_array_append_new(a, json_string(rows[x].name));
    free(rows);
    return a;
}

/* One year: every non-market entity's cash at its end; every entity's dues and payments. */
static json_t *years_json(const StressResult *r, const World *w)
{
    json_t *a = json_array();
    for (int y = 0; y < r->nyears; y++) {
        json_t *cash = json_object(), *dues = json_object(), *pay = json_object();
        for (EntId i = 0; i < r->n; i++) {
            size_t at = (size_t)y * r->n + i;
            const char *nm = world_name(w, i);
            if (world_entity(w, i)->kind != ENT_MARKET)
                json_object_set_new(cash, nm, num(r->cash_y[at]));
            json_object_set_new(dues, nm, num(r->dues_y[at]));
            json_object_set_new(pay, nm, num(r->paid_y[at]));
        }
        json_array_append_new(a, json_pack("{s:i, s:o, s:o, s:o}", "year", r->first_year + y,
                                           "cash", cash, "dues", dues, "payments", pay));
    }
    return a;
}

static json_t *warrants_json(const StressResult *r, const World *w)
{
    json_t *a = json_array();
    for (size_t k = 0; k < r->nwarrants; k++) {
        const StressWarrant *x = &r->warrants[k];
        const char *with = vesting_label(w, x);
        json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "granter",
                                           world_name(w, x->granter), "holder",
                                           world_name(w, x->holder), "vesting",
                                           with ? json_string(with) : json_null(),
                                           "vested_fraction",
                                           num(x->fraction), "vested_shares",
                                           num(x->vested_shares), "value", num(x->value),
                                           "dilution", num(x->dilution)));
    }
    return a;
}

static json_t *guarantees_json(const StressResult *r, const World *w)
{
    json_t *a = json_array();
    for (size_t k = 0; k < r->nguarantees; k++) {
        const StressGuarantee *g = &r->guarantees[k];
        const char *label = world_deal_label(w, g->covers);
        json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "guarantor",
                                           world_name(w, g->guarantor), "party",
                                           world_name(w, g->party), "deal",
                                           label ? json_string(label) : json_null(), "amount",
                                           num(g->amount), "called", num(g->called), "paid",
                                           num(g->paid)));
    }
    return a;
}

static json_t *credits_json(const StressResult *r, const World *w)
{
    json_t *a = json_array();
    for (size_t k = 0; k < r->ncredits; k++) {
        const StressCredit *c = &r->credits[k];
        const char *label = world_deal_label(w, c->deal);
        json_t *ys = json_array();
        for (int y = 0; y < r->nyears; y++)
            if (c->drawn_y[y] > 0)
                json_array_append_new(ys, json_pack("{s:o, s:o}", "year",
                                                    dated(r) ? json_integer(r->first_year + y)
                                                             : json_null(),
                                                    "drawn", num(c->drawn_y[y])));
        json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "lender",
                                           world_name(w, c->lender), "borrower",
                                           world_name(w, c->borrower), "deal",
                                           label ? json_string(label) : json_null(), "limit",
                                           num(c->limit), "drawn", num(c->drawn), "paid",
                                           num(c->paid), "draws", ys));
    }
    return a;
}

json_t *stress_json(const StressResult *r, const World *w)
{
    json_t *o = json_object();
    json_object_set_new(o, "scenario", r->scenario ? json_string(r->scenario) : json_null());
    json_object_set_new(o, "payments", per_entity(r, w, r->payment));
    json_object_set_new(o, "obligations", per_entity(r, w, r->obligation));
    json_object_set_new(o, "received", per_entity(r, w, r->received));
    json_object_set_new(o, "defaults", defaults_json(r, w));
    json_object_set_new(o, "losses", per_entity(r, w, r->loss));
    json_object_set_new(o, "distress", per_entity(r, w, r->distress));
    json_object_set_new(o, "insolvent", insolvent_json(r, w));
    json_object_set_new(o, "shortfall", per_entity(r, w, r->shortfall));
    json_object_set_new(o, "years", years_json(r, w));
    json_object_set_new(o, "external", per_entity(r, w, r->external));
    json_object_set_new(o, "default_costs", per_entity(r, w, r->default_cost));
    json_object_set_new(o, "stake_losses", per_entity(r, w, r->stake_loss));
    json_object_set_new(o, "to_outside", num(r->to_outside));
    json_object_set_new(o, "warrants", warrants_json(r, w));
    json_object_set_new(o, "guarantees", guarantees_json(r, w));
    json_object_set_new(o, "credit", credits_json(r, w));
    json_object_set_new(o, "params", json_pack("{s:o, s:o, s:s}", "alpha", num(r->params.alpha),
                                               "beta", num(r->params.beta), "debtrank",
                                               r->params.debtrank == DR_ORIGINAL ? "original"
                                                                                 : "differential"));
    json_object_set_new(o, "rounds", json_integer(r->rounds));
    json_object_set_new(o, "converged", json_boolean(r->converged));
    return o;
}
