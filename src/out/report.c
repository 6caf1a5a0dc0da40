/* report.c - the `report` command: every engine figure as JSON (docs/ENGINE.md "The
 * report") or as aligned text.
 *
 * Plain numbers in USD; an undefined figure is null, never NaN.
 * Entities in name order; keys in schema order. Sources (and circularity) are listed for
 * the entities engine_sources_listed gives, and the report says whose and why. The
 * "clearing" object is built by the caller's hook (the stress engine), see report.h. */
#include "report.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "cycles.h"
#include "show.h"
#include "sources.h"
#include "sources_table.h"

static json_t *num(bool ok, double x)
{
    return ok && isfinite(x) ? json_real(x) : json_null();
}

static json_t *fig(Engine *e, FigId f, EntId v)
{
    double x;
    bool ok = figure_entity(e, f, v, &x);
    if (f == FIG_RUNWAY)
        return ok ? json_integer((json_int_t)x) : json_null();
    return num(ok, x);
}

/* Whose sources the report lists, and why. */
typedef struct Listing {
    const SourceTable *t;   /* NULL with --no-sources */
    bool every;             /* every entity's */
    const char *whose;      /* "all", "largest" or "none" */
    char why[160];
} Listing;

static void listing(Engine *e, const ReportOptions *opt, Listing *l)
{
    *l = (Listing){.whose = "none"};
    if (opt->no_sources) {
        snprintf(l->why, sizeof l->why, "--no-sources");
        return;
    }
    l->t = engine_sources_listed(e, opt->all_sources);
    l->every = l->t->nlisted == engine_graph(e)->n;
    l->whose = l->every ? "all" : "largest";
    size_t loop;
    int fit = engine_sources_fit(e, &loop);
    if (opt->all_sources)
        snprintf(l->why, sizeof l->why, "--sources all");
    else if (l->every)
        snprintf(l->why, sizeof l->why, "every entity's sources are %zu numbers, found in "
                 "one pass", l->t->items);
    else if (fit == SOURCES_BIG_LOOP)
        snprintf(l->why, sizeof l->why, "every entity's would need a loop of %zu entities "
                 "solved at once, more than %d", loop, SOURCES_ALL_LOOP);
    else if (fit == SOURCES_TOO_MANY)
        snprintf(l->why, sizeof l->why, "every entity's would be more than %d numbers",
                 SOURCES_ALL_ITEMS);
    else
        snprintf(l->why, sizeof l->why, "every entity's would take more than %.0f steps",
                 SOURCES_ALL_WORK);
}

static bool listed(const Listing *l, EntId v) { return l->t && l->t->listed[v]; }

static json_t *sources_json(const Sources *s)
{
    json_t *o = json_object();
    char key[300];
    for (size_t i = 0; i < s->n; i++) {
        snprintf(key, sizeof key, "%s%s", s->items[i].unfunded ? "unfunded at " : "", s->items[i].name);
        json_object_set_new(o, key, num(true, s->items[i].usd));
    }
    if (s->unattributed > 0)
        json_object_set_new(o, "(unattributed)", num(true, s->unattributed));
    return o;
}

static json_t *listing_json(const Listing *l)
{
    return json_pack("{s:s, s:I, s:s}", "whose", l->whose, "entities",
                     (json_int_t)(l->t ? l->t->nlisted : 0), "why", l->why);
}

static json_t *entity_json(Engine *e, EntId v, const Listing *l)
{
    const World *w = engine_world(e);
    const Entity *en = world_entity(w, v);
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(world_name(w, v)));
    json_object_set_new(o, "kind", json_string(entkind_name(en->kind)));
    static const FigId head[] = {FIG_IN, FIG_OUT, FIG_OWN, FIG_GAP};
    for (size_t i = 0; i < sizeof head / sizeof *head; i++)
        json_object_set_new(o, figure_name(head[i]), fig(e, head[i], v));
    bool has = listed(l, v);
    json_object_set_new(o, "sources", has ? sources_json(&l->t->of[v]) : json_null());
    json_object_set_new(o, "circularity", has ? fig(e, FIG_CIRCULARITY, v) : json_null());
    static const FigId tail[] = {FIG_COMMITMENTS, FIG_BACKLOG, FIG_COMMITMENT_RATIO,
                                 FIG_LEVERAGE, FIG_CONCENTRATION, FIG_PAPER, FIG_RUNWAY,
                                 FIG_HHI, FIG_VENDOR_FINANCING, FIG_BORROWED, FIG_CREDIT,
                                 FIG_EQUITY};
    for (size_t i = 0; i < sizeof tail / sizeof *tail; i++)
        json_object_set_new(o, figure_name(tail[i]), fig(e, tail[i], v));
    json_object_set_new(o, "declared", json_boolean(en->declared));
    return o;
}

static json_t *cycles_json(Engine *e, bool *truncated)
{
    const Graph *g = engine_graph(e);
    Cycles c;
    cycles_find(g, engine_components(e), CYCLES_MAX, CYCLES_MAX_STEPS, &c);
    json_t *a = json_array();
    for (size_t i = 0; i < c.n; i++) {
        json_t *path = json_array();
        for (size_t k = 0; k <= c.items[i].len; k++)
            json_array_append_new(path, json_string(world_name(g->world, c.items[i].path[k % c.items[i].len])));
        json_t *o = json_object();
        json_object_set_new(o, "path", path);
        json_object_set_new(o, "bottleneck", num(true, c.items[i].bottleneck));
        json_array_append_new(a, o);
    }
    *truncated = c.truncated;
    cycles_free(&c);
    return a;
}

static json_t *system_json(Engine *e, bool circulated, bool truncated)
{
    const Graph *g = engine_graph(e);
    json_t *o = json_object();
    for (int f = 0; f < SYS__COUNT; f++) {
        double x = 0;
        bool ok = !(f == SYS_TOTAL_CIRCULATED && !circulated) && figure_system(e, (SysFig)f, &x);
        json_object_set_new(o, sysfig_name((SysFig)f), num(ok, x));
    }
    json_object_set_new(o, "horizon_first", g->h.dated ? json_integer(g->h.first) : json_null());
    json_object_set_new(o, "horizon_last", g->h.dated ? json_integer(g->h.last) : json_null());
    json_object_set_new(o, "horizon_years", json_integer(horizon_years(&g->h)));
    json_object_set_new(o, "cycles_truncated", json_boolean(truncated));
    return o;
}

/* The clearing of the base world when no stress hook is given. */
static json_t *empty_clearing(void)
{
    return json_pack("{s:n, s:{}, s:{}, s:[], s:{}, s:{}}", "scenario", "payments",
                     "obligations", "defaults", "losses", "distress");
}

#define JSON_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

/* The keys after "entities", in schema order, into root. */
static void tail_json(json_t *root, Engine *e, const ReportOptions *opt, const Listing *l)
{
    json_object_set_new(root, "sources_listed", listing_json(l));
    bool truncated = false;
    json_object_set_new(root, "cycles", cycles_json(e, &truncated));
    json_object_set_new(root, "system", system_json(e, l->every, truncated));
    json_t *clearing = opt->clearing ? opt->clearing(opt->clearing_ud) : NULL;   /* HOOK (stress) */
    json_object_set_new(root, "clearing", clearing ? clearing : empty_clearing());
}

json_t *report_json(Engine *e, const ReportOptions *opt)
{
    const Graph *g = engine_graph(e);
    const EntId *ids = engine_by_name(e);
    Listing l;
    listing(e, opt, &l);
    json_t *root = json_object(), *ents = json_array();
    for (size_t i = 0; i < g->n; i++)
        json_array_append_new(ents, entity_json(e, ids[i], &l));
    json_object_set_new(root, "entities", ents);
    tail_json(root, e, opt, &l);
    return root;
}

/* s with every line indented by `ind` spaces more. */
static void put_indented(FILE *out, const char *s, int ind)
{
    for (;;) {
        const char *nl = strchr(s, '\n');
        fprintf(out, "%*s", ind, "");
        if (!nl) {
            fputs(s, out);
            return;
        }
        fwrite(s, 1, (size_t)(nl - s) + 1, out);
        s = nl + 1;
    }
}

/* The bytes json_dumpf writes for report_json's tree, written as they are made: each
 * entity's object is dumped, at the depth the array puts it, and freed before the next
 * (the whole tree of a million entities' figures took gigabytes). */
static int write_json(FILE *out, Engine *e, const ReportOptions *opt)
{
    const Graph *g = engine_graph(e);
    const EntId *ids = engine_by_name(e);
    Listing l;
    listing(e, opt, &l);
    fputs(g->n ? "{\n  \"entities\": [" : "{\n  \"entities\": []", out);
    for (size_t i = 0; i < g->n; i++) {
        json_t *o = entity_json(e, ids[i], &l);
        char *s = json_dumps(o, JSON_FLAGS);
        json_decref(o);
        if (!s)
            return 3;
        fputs(i ? ",\n" : "\n", out);
        put_indented(out, s, 4);
        free(s);
    }
    if (g->n)
        fputs("\n  ]", out);
    json_t *tail = json_object();
    tail_json(tail, e, opt, &l);
    char *s = json_dumps(tail, JSON_FLAGS);   /* "{\n  \"sources_listed\": ...}" */
    json_decref(tail);
    if (!s)
        return 3;
    fprintf(out, ",\n%s\n", s + 2);
    free(s);
    return 0;
}

static void report_text(FILE *out, Engine *e, const ReportOptions *opt)
{
    const Graph *g = engine_graph(e);
    const EntId *ids = engine_by_name(e);
    Listing l;
    listing(e, opt, &l);
    if (l.t && !l.every)
        fprintf(out, "sources of the %zu largest entities by in(v) (%s); --sources all for "
                     "every entity\n\n", l.t->nlisted, l.why);
    show_summary(out, e);
    for (size_t i = 0; i < g->n; i++) {
        fputc('\n', out);
        show_entity_card(out, e, ids[i], listed(&l, ids[i]));
        if (listed(&l, ids[i]) && g->in_usd[ids[i]] > 0)
            show_sources_list(out, e, &l.t->of[ids[i]]);
    }
}

int report_write(FILE *out, Engine *e, const ReportOptions *opt)
{
    ReportOptions none = {0};
    if (!opt)
        opt = &none;
    if (opt->json) {
        if (write_json(out, e, opt) != 0)
            return 3;
    } else {
        report_text(out, e, opt);
    }
    return ferror(out) ? 3 : 0;
}
