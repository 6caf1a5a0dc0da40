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

static const char *cause(const StressResult *r, EntId i)
{
    return r->forced[i] ? "forced" : r->by_distress[i] ? "distress" : "clearing";
}

void stress_show_defaults(FILE *out, const StressResult *r, const World *w)
{
    size_t n, k = 0;
    Row *rows = rows_of(r, w, ENT_NONE, &n);
    for (size_t x = 0; x < n; x++)
        if (r->round[rows[x].id] > 0) {
            rows[k] = rows[x];
            rows[k++].key = -(double)r->round[rows[x].id]; /* earliest round first */
        }
    qsort(rows, k, sizeof *rows, by_key);
    if (!k) {
        fprintf(out, "defaults: none\n");
        free(rows);
        return;
    }
    fprintf(out, "defaults: %zu of %zu\n", k, r->n);
    Table t;
    table_init(&t, 5);
    table_row(&t, (const char *const[]){"entity", "round", "shortfall", "paid", "cause"});
    for (size_t x = 0; x < k; x++) {
        EntId i = rows[x].id;
        char rd[16], sf[32], pd[32];
        snprintf(rd, sizeof rd, "%d", r->round[i]);
        usd_text(stress_shortfall(r, i), sf, sizeof sf);
        pct_text(stress_paid_fraction(r, i), pd, sizeof pd);
        table_row(&t, (const char *const[]){rows[x].name, rd, sf, pd, cause(r, i)});
    }
    t.left_mask |= 1u << 4;
    table_print(&t, out, "  ");
    table_free(&t);
    free(rows);
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

static void show_warrants(FILE *out, const StressResult *r, const World *w)
{
    if (!r->nwarrants)
        return;
    fprintf(out, "warrants:\n");
    Table t;
    table_init(&t, 6);
    table_row(&t, (const char *const[]){"granter", "holder", "vested", "shares", "value", "dilution"});
    for (size_t k = 0; k < r->nwarrants; k++) {
        const StressWarrant *x = &r->warrants[k];
        char f[32], s[32], v[32], d[32];
        table_row(&t, (const char *const[]){world_name(w, x->granter), world_name(w, x->holder),
                                             pct_text(x->fraction, f, sizeof f),
                                             scaled_text(x->vested_shares, s, sizeof s),
                                             usd_text(x->value, v, sizeof v),
                                             pct_text(x->dilution, d, sizeof d)});
    }
    t.left_mask |= 1u << 1;
    table_print(&t, out, "  ");
    table_free(&t);
}

static void show_guarantees(FILE *out, const StressResult *r, const World *w)
{
    if (!r->nguarantees)
        return;
    fprintf(out, "guarantees:\n");
    Table t;
    table_init(&t, 5);
    table_row(&t, (const char *const[]){"guarantor", "party", "amount", "called", "paid"});
    for (size_t k = 0; k < r->nguarantees; k++) {
        const StressGuarantee *g = &r->guarantees[k];
        char a[32], c[32], p[32];
        table_row(&t, (const char *const[]){world_name(w, g->guarantor), world_name(w, g->party),
                                             usd_text(g->amount, a, sizeof a),
                                             usd_text(g->called, c, sizeof c),
                                             usd_text(g->paid, p, sizeof p)});
    }
    t.left_mask |= 1u << 1;
    table_print(&t, out, "  ");
    table_free(&t);
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
    if (v == ENT_NONE) {
        show_warrants(out, r, w);
        show_guarantees(out, r, w);
    }
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

bool stress_show_topic(FILE *out, const StressResult *r, const World *w, const char *topic,
                       EntId v)
{
    if (!strcmp(topic, "defaults"))
        stress_show_defaults(out, r, w);
    else if (!strcmp(topic, "losses"))
        stress_show_losses(out, r, w);
    else if (!strcmp(topic, "payments"))
        stress_show_payments(out, r, w, v);
    else if (!strcmp(topic, "distress"))
        stress_show_distress(out, r, w, v);
    else
        return false;
    return true;
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

static json_t *defaults_json(const StressResult *r, const World *w)
{
    size_t n, k = 0;
    Row *rows = rows_of(r, w, ENT_NONE, &n);
    for (size_t x = 0; x < n; x++)
        if (r->round[rows[x].id] > 0) {
            rows[k] = rows[x];
            rows[k++].key = -(double)r->round[rows[x].id];
        }
    qsort(rows, k, sizeof *rows, by_key);
    json_t *a = json_array();
    for (size_t x = 0; x < k; x++) {
        EntId i = rows[x].id;
        json_array_append_new(a, json_pack("{s:s, s:i, s:o, s:o, s:s}", "name", rows[x].name,
                                           "round", r->round[i], "shortfall",
                                           num(stress_shortfall(r, i)), "paid",
                                           num(stress_paid_fraction(r, i)), "cause", cause(r, i)));
    }
    free(rows);
    return a;
}

static json_t *warrants_json(const StressResult *r, const World *w)
{
    json_t *a = json_array();
    for (size_t k = 0; k < r->nwarrants; k++) {
        const StressWarrant *x = &r->warrants[k];
        json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "granter",
                                           world_name(w, x->granter), "holder",
                                           world_name(w, x->holder), "vested_fraction",
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
        json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o, s:o}", "guarantor",
                                           world_name(w, g->guarantor), "party",
                                           world_name(w, g->party), "amount", num(g->amount),
                                           "called", num(g->called), "paid", num(g->paid)));
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
    json_object_set_new(o, "warrants", warrants_json(r, w));
    json_object_set_new(o, "guarantees", guarantees_json(r, w));
    json_object_set_new(o, "params", json_pack("{s:o, s:o, s:s}", "alpha", num(r->params.alpha),
                                               "beta", num(r->params.beta), "debtrank",
                                               r->params.debtrank == DR_ORIGINAL ? "original"
                                                                                 : "differential"));
    json_object_set_new(o, "rounds", json_integer(r->rounds));
    json_object_set_new(o, "converged", json_boolean(r->converged));
    return o;
}
