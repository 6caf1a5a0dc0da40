/* mc_show.c - text tables and JSON of a simulate's sums (mc_show.h). */
#include "mc_show.h"
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "table.h"
#include "value.h"

const double MC_DEFAULT_LEVELS[2] = {0.95, 0.99};

typedef struct Row {
    size_t j;
    const char *name;
    double key, key2;   /* larger first, then by name */
} Row;

static int by_key(const void *a, const void *b)
{
    const Row *x = a, *y = b;
    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    if (x->key2 != y->key2)
        return x->key2 > y->key2 ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const Row *)a)->name, ((const Row *)b)->name);
}

/* The entities, sorted by name (caller frees). */
static Row *rows_by_name(const McSum *m)
{
    Row *rows = xcalloc(m->n + 1, sizeof *rows);
    for (size_t j = 0; j < m->n; j++)
        rows[j] = (Row){j, m->ent[j].name, 0, 0};
    qsort(rows, m->n, sizeof *rows, by_name);
    return rows;
}

/* A share as a percentage, with the digits it takes to be neither 0% nor 100% when it is
 * neither (99.96% is not "100%", 0.004% not "0%"). */
static char *share_text(double p, char *buf, size_t n)
{
    pct_text(p, buf, n);
    if (!(p > 0 && p < 1) || (strcmp(buf, "0%") && strcmp(buf, "100%")))
        return buf;
    for (int d = 2; d <= 9; d++) {
        snprintf(buf, n, "%.*f%%", d, p * 100);
        if (strtod(buf, NULL) > 0 && strtod(buf, NULL) < 100)
            break;
    }
    return buf;
}

static void title(FILE *out, const char *what, const McSum *m, const McRun *run)
{
    fprintf(out, "%s: %" PRIu64 " sample%s of %s (seed %" PRIu64 ")\n", what, m->samples,
            m->samples == 1 ? "" : "s", run->scenario, run->seed);
}

static char *year_text(const McSum *m, int year, char *buf, size_t n)
{
    if (m->dated)
        snprintf(buf, n, "%d", year);
    else
        snprintf(buf, n, "now");
    return buf;
}

/* The defaulters as rows, in mc_defaulters' order (caller frees); *k of them. */
static Row *defaulter_rows(const McSum *m, size_t *k)
{
    Row *rows = xcalloc(m->n + 1, sizeof *rows);
    *k = 0;
    for (size_t j = 0; j < m->n; j++)
        if (m->ent[j].defaults)
            rows[(*k)++] = (Row){j, m->ent[j].name, mc_probability(m, j), mc_expected_loss(m, j)};
    qsort(rows, *k, sizeof *rows, by_key);
    return rows;
}

size_t mc_defaulters(const McSum *m, size_t *j)
{
    size_t k;
    Row *rows = defaulter_rows(m, &k);
    for (size_t i = 0; i < k; i++)
        j[i] = rows[i].j;
    free(rows);
    return k;
}

void mc_show_probabilities(FILE *out, const McSum *m, const McRun *run)
{
    title(out, "default probabilities", m, run);
    size_t k;
    Row *rows = defaulter_rows(m, &k);
    if (!k)
        fprintf(out, "  nobody defaulted\n");
    Table t;
    table_init(&t, 5);
    table_row(&t, (const char *const[]){"entity", "defaults", "probability", "95% interval",
                                        "expected loss"});
    for (size_t x = 0; x < k; x++) {
        char c[24], p[24], lo[24], hi[24], iv[56], el[32];
        double a, b;
        mc_wilson(m->ent[rows[x].j].defaults, m->samples, &a, &b);
        snprintf(c, sizeof c, "%" PRIu64, m->ent[rows[x].j].defaults);
        snprintf(iv, sizeof iv, "%s-%s", share_text(a, lo, sizeof lo), share_text(b, hi, sizeof hi));
        table_row(&t, (const char *const[]){rows[x].name, c, share_text(rows[x].key, p, sizeof p),
                                            iv, usd_text(rows[x].key2, el, sizeof el)});
    }
    if (k)
        table_print(&t, out, "  ");
    table_free(&t);
    if (k && k < m->n)
        fprintf(out, "  (%zu other%s never defaulted)\n", m->n - k, m->n - k == 1 ? "" : "s");
    free(rows);
}

void mc_show_years(FILE *out, const McSum *m, const McRun *run)
{
    title(out, "default years (share of samples first in default that year)", m, run);
    Row *rows = xcalloc(m->n + 1, sizeof *rows);
    size_t k = 0;
    for (size_t j = 0; j < m->n; j++)
        if (m->ent[j].defaults)
            rows[k++] = (Row){j, m->ent[j].name, mc_probability(m, j), 0};
    qsort(rows, k, sizeof *rows, by_key);
    if (!k) {
        fprintf(out, "  nobody defaulted\n");
        free(rows);
        return;
    }
    size_t nc = (size_t)m->nyears + 2;
    Table t;
    table_init(&t, nc);
    const char **cell = xcalloc(nc, sizeof *cell);
    char (*buf)[24] = xcalloc(nc, sizeof *buf);
    cell[0] = "entity";
    for (int y = 0; y < m->nyears; y++)
        cell[y + 1] = year_text(m, m->first_year + y, buf[y + 1], sizeof buf[y + 1]);
    cell[nc - 1] = "never";
    table_row(&t, cell);
    for (size_t x = 0; x < k; x++) {
        cell[0] = rows[x].name;
        for (int y = 0; y < m->nyears; y++)
            cell[y + 1] = share_text(mc_year_share(m, rows[x].j, m->first_year + y), buf[y + 1],
                                     sizeof buf[y + 1]);
        cell[nc - 1] = share_text(1 - rows[x].key, buf[nc - 1], sizeof buf[nc - 1]);
        table_row(&t, cell);
    }
    table_print(&t, out, "  ");
    table_free(&t);
    free(buf);
    free(cell);
    free(rows);
}

static void show_system(FILE *out, const McSum *m, const double *levels, size_t nlevels)
{
    char a[32], b[32], c[32];
    fprintf(out, "system loss: mean %s\n", usd_text(mc_system_mean(m), a, sizeof a));
    Table t;
    table_init(&t, 3);
    table_row(&t, (const char *const[]){"level", "VaR", "ES"});
    for (size_t i = 0; i < nlevels; i++)
        table_row(&t, (const char *const[]){pct_text(levels[i], a, sizeof a),
                                            usd_text(mc_var(m, levels[i]), b, sizeof b),
                                            usd_text(mc_es(m, levels[i]), c, sizeof c)});
    table_print(&t, out, "  ");
    table_free(&t);
}

void mc_show_losses(FILE *out, const McSum *m, const McRun *run, const double *levels,
                    size_t nlevels)
{
    if (!levels) {
        levels = MC_DEFAULT_LEVELS;
        nlevels = sizeof MC_DEFAULT_LEVELS / sizeof *MC_DEFAULT_LEVELS;
    }
    title(out, "expected losses", m, run);
    Row *rows = xcalloc(m->n + 1, sizeof *rows);
    size_t k = 0;
    double total = 0;
    for (size_t j = 0; j < m->n; j++) {
        double l = mc_expected_loss(m, j);
        total += l;
        if (fabs(l) >= 0.5)   /* below half a dollar is rounding, not a loss */
            rows[k++] = (Row){j, m->ent[j].name, l, 0};
    }
    qsort(rows, k, sizeof *rows, by_key);
    if (!k)
        fprintf(out, "  none\n");
    Table t;
    table_init(&t, 2);
    table_row(&t, (const char *const[]){"entity", "expected loss"});
    char buf[32];
    for (size_t x = 0; x < k; x++)
        table_row(&t, (const char *const[]){rows[x].name, usd_text(rows[x].key, buf, sizeof buf)});
    table_row(&t, (const char *const[]){"total", usd_text(total, buf, sizeof buf)});
    if (k)
        table_print(&t, out, "  ");
    table_free(&t);
    free(rows);
    show_system(out, m, levels, nlevels);
}

/* ---- JSON ---- */

static json_t *num(double x) { return isfinite(x) ? json_real(x) : json_null(); }

static json_t *entity_json(const McSum *m, size_t j)
{
    json_t *e = json_object(), *years = json_object();
    char key[24];
    double lo, hi;
    mc_wilson(m->ent[j].defaults, m->samples, &lo, &hi);
    json_object_set_new(e, "name", json_string(m->ent[j].name));
    json_object_set_new(e, "default_probability", num(mc_probability(m, j)));
    json_object_set_new(e, "interval", json_pack("[oo]", num(lo), num(hi)));
    for (int y = 0; y < m->nyears; y++)
        if (mc_year_share(m, j, m->first_year + y) > 0)
            json_object_set_new(years, year_text(m, m->first_year + y, key, sizeof key),
                                num(mc_year_share(m, j, m->first_year + y)));
    json_object_set_new(e, "default_years", years);
    json_object_set_new(e, "expected_loss", num(mc_expected_loss(m, j)));
    return e;
}

static json_t *system_json(const McSum *m)
{
    json_t *s = json_object(), *var = json_object(), *es = json_object();
    char key[24];
    for (size_t i = 0; i < sizeof MC_DEFAULT_LEVELS / sizeof *MC_DEFAULT_LEVELS; i++) {
        pct_text(MC_DEFAULT_LEVELS[i], key, sizeof key);
        json_object_set_new(var, key, num(mc_var(m, MC_DEFAULT_LEVELS[i])));
        json_object_set_new(es, key, num(mc_es(m, MC_DEFAULT_LEVELS[i])));
    }
    json_object_set_new(s, "mean", num(mc_system_mean(m)));
    json_object_set_new(s, "var", var);
    json_object_set_new(s, "es", es);
    return s;
}

/* What --merge needs: exact sums and every sample's system loss (hex floats are exact). */
static json_t *shard_json(const McSum *m, const McShard *sh)
{
    json_t *s = json_object(), *ents = json_array(), *sys = json_array();
    Row *rows = rows_by_name(m);
    char hex[33], key[24], f[40];
    for (size_t x = 0; x < m->n; x++) {
        size_t j = rows[x].j;
        json_t *e = json_object(), *years = json_object();
        json_object_set_new(e, "name", json_string(m->ent[j].name));
        json_object_set_new(e, "loss_sum", json_string(mc_acc_hex(m->ent[j].loss, hex)));
        for (int y = 0; y < m->nyears; y++) {
            uint64_t c = m->years[j * (size_t)m->nyears + (size_t)y];
            if (c)
                json_object_set_new(years, year_text(m, m->first_year + y, key, sizeof key),
                                    json_integer((json_int_t)c));
        }
        json_object_set_new(e, "years", years);
        json_array_append_new(ents, e);
    }
    for (size_t k = 0; k < m->nsys; k++) {
        snprintf(f, sizeof f, "%a", m->sys[k]);
        json_array_append_new(sys, json_string(f));
    }
    json_object_set_new(s, "index", json_integer((json_int_t)sh->index));
    json_object_set_new(s, "count", json_integer((json_int_t)sh->count));
    json_object_set_new(s, "total", json_integer((json_int_t)sh->total));
    json_object_set_new(s, "entities", ents);
    json_object_set_new(s, "system_losses", sys);
    free(rows);
    return s;
}

json_t *mc_json(const McSum *m, const McRun *run, const McShard *shard)
{
    json_t *root = json_object(), *ents = json_array();
    json_object_set_new(root, "scenario", json_string(run->scenario));
    json_object_set_new(root, "samples", json_integer((json_int_t)m->samples));
    json_object_set_new(root, "seed", json_integer((json_int_t)run->seed));
    Row *rows = rows_by_name(m);
    for (size_t x = 0; x < m->n; x++)
        json_array_append_new(ents, entity_json(m, rows[x].j));
    free(rows);
    json_object_set_new(root, "entities", ents);
    json_object_set_new(root, "system_loss", system_json(m));
    if (shard)
        json_object_set_new(root, "shard", shard_json(m, shard));
    return root;
}

bool mc_json_write(FILE *out, json_t *root)
{
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    return rc == 0 && fputc('\n', out) != EOF;
}
