/* diff.c - `dealgraph diff`: figure-by-figure changes between two worlds (see diff.h).
 *
 * Reads figures through the engine (figures.h) and the clearing results it is handed
 * (stress.h); computes nothing itself beyond "before vs after". */
#include "diff.h"
#include "figures.h"
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void diffset_free(DiffSet *s)
{
    for (size_t i = 0; i < s->nowned; i++)
        free(s->owned[i]);
    free(s->owned);
    free(s->rows);
    memset(s, 0, sizeof *s);
}

static bool same(Value a, Value b)
{
    if (a.kind != b.kind)
        return false;
    if (a.kind == V_NULL)
        return true;
    if (a.kind == V_STR)
        return !strcmp(a.str, b.str);
    return fabs(a.num - b.num) <= 1e-9 * fmax(1.0, fmax(fabs(a.num), fabs(b.num)));
}

void diff_add(DiffSet *s, const char *entity, const char *figure, Value before, Value after)
{
    if (same(before, after))
        return;
    if (entity) {  /* names outlive the worlds they came from */
        s->owned = vec_grow(s->owned, &s->capowned, s->nowned + 1, sizeof *s->owned);
        entity = s->owned[s->nowned++] = strdup(entity);
    }
    s->rows = vec_grow(s->rows, &s->cap, s->n + 1, sizeof *s->rows);
    s->rows[s->n++] = (DiffRow){entity, figure, before, after};
}

static bool numeric(const DiffRow *r)
{
    return r->before.kind != V_NULL && r->after.kind != V_NULL;
}

static int cmp_row(const void *pa, const void *pb)
{
    const DiffRow *a = pa, *b = pb;
    if (numeric(a) != numeric(b))
        return numeric(a) ? -1 : 1;
    if (numeric(a)) {
        double da = fabs(a->after.num - a->before.num), db = fabs(b->after.num - b->before.num);
        if (da != db)
            return da > db ? -1 : 1;
    }
    if (!a->entity != !b->entity)
        return a->entity ? 1 : -1;  /* system figures first among ties */
    int c = a->entity ? strcmp(a->entity, b->entity) : 0;
    return c ? c : strcmp(a->figure, b->figure);
}

void diff_sort(DiffSet *s)
{
    if (s->n)
        qsort(s->rows, s->n, sizeof *s->rows, cmp_row);
}

static json_t *num_or_null(Value v)
{
    return v.kind == V_NULL || !isfinite(v.num) ? json_null() : json_real(v.num);
}

static int write_json(FILE *out, const DiffSet *s)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < s->n; i++) {
        const DiffRow *r = &s->rows[i];
        json_t *o = json_object();
        json_object_set_new(o, "entity", r->entity ? json_string(r->entity) : json_null());
        json_object_set_new(o, "figure", json_string(r->figure));
        json_object_set_new(o, "before", num_or_null(r->before));
        json_object_set_new(o, "after", num_or_null(r->after));
        json_array_append_new(arr, o);
    }
    json_t *root = json_pack("{s:o}", "changes", arr);
    if (s->no_circularity)
        json_object_set_new(root, "not_compared",
                            json_pack("[s, s]", figure_name(FIG_CIRCULARITY),
                                      sysfig_name(SYS_TOTAL_CIRCULATED)));
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
    fputc('\n', out);
    json_decref(root);
    return rc == 0 && !ferror(out) ? DG_OK : DG_EIO;
}

/* v with sig significant digits, in value_text's style (its unit, the scale letter of an
 * amount, a percentage's %): what makes a small change visible when the usual three or
 * four digits print before and after alike. */
static char *precise_text(Value v, int sig, char *buf, size_t n)
{
    if (v.kind != V_NUM || !isfinite(v.num))
        return value_text(v, buf, n);
    bool pct = (v.flags & VF_PCT) && dim_is_none(v.dim);
    bool usd = dim_eq(v.dim, DIM_USD) || dim_eq(v.dim, DIM_USD_PER_YEAR);
    if (!pct && !usd && !dim_is_none(v.dim))
        return value_text(v, buf, n);
    double x = pct ? v.num * 100 : v.num;
    const char *scale = "";
    if (usd) {
        static const struct { double f; const char *s; } scales[] = {
            {1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
        for (size_t i = 0; i < sizeof scales / sizeof *scales; i++)
            if (fabs(x) >= scales[i].f * 0.9995) {
                x /= scales[i].f;
                scale = scales[i].s;
                break;
            }
    }
    snprintf(buf, n, "%.*g%s%s%s", sig, x, scale, pct ? "%" : "",
             dim_eq(v.dim, DIM_USD_PER_YEAR) ? "/y" : "");
    return buf;
}

/* Is s a zero as value_text writes one ("0", "-0", "0%", "0/y")? */
static bool zero_text(const char *s)
{
    if (*s == '-')
        s++;
    if (*s != '0')
        return false;
    for (s++; *s == '.' || *s == '0'; s++)
        ;
    return !*s || !strcmp(s, "%") || !strcmp(s, "/y");
}

/* Before, after and change as text, with as many digits as it takes for a listed change to
 * show: before and after that read differently and a change that is not 0 (up to 15). */
static void row_texts(const DiffRow *r, Value d, char *b, char *a, char *c, size_t n)
{
    value_text(r->before, b, n);
    value_text(r->after, a, n);
    if (d.kind == V_NULL) {
        *c = '\0';
        return;
    }
    value_text(d, c, n);
    for (int sig = 4; sig <= 15 && (!strcmp(a, b) || zero_text(c)); sig++) {
        precise_text(r->before, sig, b, n);
        precise_text(r->after, sig, a, n);
        precise_text(d, sig, c, n);
    }
}

/* The unit word a ratio figure prints with ("x", " years"), as in the tables; "" else. */
static const char *ratio_suffix(const char *figure)
{
    FigRef f = figure_find(figure);
    FigUnit u = f.nargs == 1 ? figure_unit((FigId)f.id)
                : f.nargs == 0 ? sysfig_unit((SysFig)f.id) : FU_PLAIN;
    return u == FU_TIMES ? "x" : u == FU_YEARS ? " years" : "";
}

static void add_suffix(char *s, size_t n, const char *suffix)
{
    if (*s && strcmp(s, "n/a"))
        snprintf(s + strlen(s), n - strlen(s), "%s", suffix);
}

static const char NOT_COMPARED[] =
    "(circularity and total_circulated not compared: every entity's sources are too costly "
    "on this web; `report --sources all` lists them)\n";

int diff_write(FILE *out, const DiffSet *s, bool json)
{
    if (json)
        return write_json(out, s);
    if (s->n == 0) {
        fputs("no changes\n", out);
        if (s->no_circularity)
            fputs(NOT_COMPARED, out);
        return ferror(out) ? DG_EIO : DG_OK;
    }
    int we = 6, wf = 6;
    for (size_t i = 0; i < s->n; i++) {
        int le = s->rows[i].entity ? (int)strlen(s->rows[i].entity) : 8;
        int lf = (int)strlen(s->rows[i].figure);
        we = le > we ? le : we;
        wf = lf > wf ? lf : wf;
    }
    fprintf(out, "%-*s  %-*s  %10s  %10s  %10s\n", we, "entity", wf, "figure", "before", "after",
            "change");
    for (size_t i = 0; i < s->n; i++) {
        const DiffRow *r = &s->rows[i];
        char b[64], a[64], c[64], err[96];
        Value d = value_arith('-', r->after, r->before, err, sizeof err);
        d.flags = r->after.flags;
        row_texts(r, d, b, a, c, sizeof b);
        const char *unit = ratio_suffix(r->figure);
        add_suffix(b, sizeof b, unit);
        add_suffix(a, sizeof a, unit);
        add_suffix(c, sizeof c, unit);
        fprintf(out, "%-*s  %-*s  %10s  %10s  %10s\n", we, r->entity ? r->entity : "(system)", wf,
                r->figure, b, a, c);
    }
    if (s->no_circularity)
        fputs(NOT_COMPARED, out);
    return ferror(out) ? DG_EIO : DG_OK;
}

/* ---- comparing two worlds ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char **sorted_names(const World *w)
{
    size_t n = world_n_entities(w);
    const char **v = calloc(n + 1, sizeof *v);
    for (EntId i = 0; i < n; i++)
        v[i] = world_name(w, i);
    qsort(v, n, sizeof *v, cmp_str);
    return v;
}

/* The id in w of the entity called name, or ENT_NONE (name NULL, or not in w). */
static EntId find_name(const World *w, const char *name)
{
    if (!name)
        return ENT_NONE;
    Sym s = intern_find(world_interner(w), name, strlen(name));
    return s == SYM_NONE ? ENT_NONE : world_find(w, s);
}

static Value entity_figure(Engine *e, const World *w, const char *name, FigId f)
{
    EntId id = find_name(w, name);
    if (id == ENT_NONE)
        return value_null();
    return figure_call(e, (FigRef){1, (int)f}, &id);
}

/* The entity names of either world, matched: pair k is (na[k], nb[k]), NULL where that
 * world lacks it; in name order. Returns the number of pairs; both arrays are the
 * caller's to free. */
static size_t match_names(const World *a, const World *b, const char ***na_out,
                          const char ***nb_out)
{
    const char **na = sorted_names(a), **nb = sorted_names(b);
    size_t ca = world_n_entities(a), cb = world_n_entities(b), ia = 0, ib = 0, k = 0;
    const char **pa = calloc(ca + cb + 1, sizeof *pa), **pb = calloc(ca + cb + 1, sizeof *pb);
    while (ia < ca || ib < cb) {
        int c = ia == ca ? 1 : ib == cb ? -1 : strcmp(na[ia], nb[ib]);
        pa[k] = c <= 0 ? na[ia++] : NULL;
        pb[k++] = c >= 0 ? nb[ib++] : NULL;
    }
    free(na);
    free(nb);
    *na_out = pa;
    *nb_out = pb;
    return k;
}

/* Every per-entity figure of every entity in either world (matched by name), and the
 * system figures; circularity only where every entity's sources are cheap in both (one
 * solve per entity is what made a diff of a large web take minutes). */
void diff_worlds(DiffSet *s, const World *a, const World *b)
{
    Engine *ea = engine_new(a), *eb = engine_new(b);
    bool circ = engine_sources_all(ea) && engine_sources_all(eb);
    s->no_circularity = !circ;
    const char **pa, **pb;
    size_t np = match_names(a, b, &pa, &pb);
    for (size_t k = 0; k < np; k++)
        for (int f = 0; f < FIG__COUNT; f++)
            if (circ || f != FIG_CIRCULARITY)
                diff_add(s, pa[k] ? pa[k] : pb[k], figure_name((FigId)f),
                         entity_figure(ea, a, pa[k], (FigId)f),
                         entity_figure(eb, b, pb[k], (FigId)f));
    for (int f = 0; f < SYS__COUNT; f++) {
        if (!circ && f == SYS_TOTAL_CIRCULATED)
            continue;
        FigRef sys = {0, f};
        diff_add(s, NULL, sysfig_name((SysFig)f), figure_call(ea, sys, NULL),
                 figure_call(eb, sys, NULL));
    }
    free(pa);
    free(pb);
    engine_free(ea);
    engine_free(eb);
}

/* A listed stress figure of the entity called name in r (world w's clearing); null when w
 * has no such entity. A bool (defaulted) as 0/1, so the table can sort it. */
static Value clearing_figure(const StressResult *r, const World *w, const char *name,
                             StressFig f)
{
    EntId v = find_name(w, name);
    if (v == ENT_NONE)
        return value_null();
    Value x = stress_figure(r, f, v);
    return x.kind == V_BOOL ? value_num(x.num, DIM_NONE) : x;
}

/* The listed stress figures (stress.h) of every entity of either world (matched by name):
 * ra is a's clearing, rb b's. */
void diff_clearing(DiffSet *s, const World *a, const World *b, const StressResult *ra,
                   const StressResult *rb)
{
    const char **pa, **pb;
    size_t np = match_names(a, b, &pa, &pb);
    for (size_t k = 0; k < np; k++)
        for (int f = 0; f < WF__COUNT; f++)
            if (stress_figure_listed((StressFig)f))
                diff_add(s, pa[k] ? pa[k] : pb[k], stress_figure_name((StressFig)f),
                         clearing_figure(ra, a, pa[k], (StressFig)f),
                         clearing_figure(rb, b, pb[k], (StressFig)f));
    free(pa);
    free(pb);
}
