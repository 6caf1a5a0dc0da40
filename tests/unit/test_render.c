/* test_render.c - the Graphviz picture of the money graph (render.c).
 *
 * The fixture is a small web built by hand, so what must be drawn is known without running
 * the engine's figures:
 *   nvidia invests 100B in openai          binding, on the loop
 *   openai buys 300B from oracle           binding, on the loop
 *   openai pays 5B to oracle               parallel: merged with the 300B into one 305B edge
 *   oracle buys 40B from nvidia            binding, on the loop
 *   jpm lends 38B to oracle                binding, not on a loop (nothing reaches jpm)
 *   users pay 13B to openai                binding, not on a loop (nothing reaches users)
 *   openai buys 100B from oracle nonbinding  one dashed edge
 * So the picture has 5 nodes, 5 binding edges (3 red: nvidia->openai->oracle->nvidia) and 1
 * dashed edge: 6 edges, and one invisible edge between each two neighbouring layers of the
 * five (chips labs cloud capital demand, in entity order): 4 more in DOT, none drawn. The DOT
 * text is read back with cgraph (agmemread), an independent parser, to count nodes and edges. */
#include "testutil.h"
#include <graphviz/cgraph.h>
#include <stdio.h>
#include "dg.h"
#include "graph.h"
#include "render.h"
#include "world.h"

typedef struct Fix {
    Interner in;
    World *w;
    EntId nvidia, openai, oracle, jpm, users;
} Fix;

static EntId ent(Fix *f, const char *name, EntKind k, const char *layer)
{
    EntId id = world_ensure(f->w, intern_cstr(&f->in, name), (Span){0});
    Entity *e = world_entity_mut(f->w, id);
    e->kind = k;
    e->layer = layer;
    e->declared = true;
    return id;
}

static void deal(Fix *f, Verb v, EntId p, EntId q, double usd, bool binding)
{
    Deal d = {.kind = v, .payer = p, .payee = q, .amount = usd, .from = MONTH_NONE,
              .due = MONTH_NONE, .milestone = DEAL_NONE, .binding = binding};
    world_add_deal(f->w, &d);
}

static Fix *fix_new(void)
{
    Fix *f = calloc(1, sizeof *f);
    intern_init(&f->in);
    f->w = world_new(&f->in);
    f->nvidia = ent(f, "nvidia", ENT_COMPANY, "chips");
    f->openai = ent(f, "openai", ENT_COMPANY, "labs");
    f->oracle = ent(f, "oracle", ENT_COMPANY, "cloud");
    f->jpm = ent(f, "jpm", ENT_BANK, NULL);
    f->users = ent(f, "users", ENT_MARKET, NULL);
    deal(f, VERB_INVESTS, f->nvidia, f->openai, 100e9, true);
    deal(f, VERB_BUYS, f->openai, f->oracle, 300e9, true);
    deal(f, VERB_PAYS, f->openai, f->oracle, 5e9, true);
    deal(f, VERB_BUYS, f->oracle, f->nvidia, 40e9, true);
    deal(f, VERB_LENDS, f->jpm, f->oracle, 38e9, true);
    deal(f, VERB_PAYS, f->users, f->openai, 13e9, true);
    deal(f, VERB_BUYS, f->openai, f->oracle, 100e9, false);
    return f;
}

static void fix_free(Fix *f)
{
    world_free(f->w);
    intern_free(&f->in);
    free(f);
}

/* One Graphviz context for the whole group (see renderer_new in render.h). */
static Renderer *R;

static int group_setup(void **state)
{
    (void)state;
    R = renderer_new();
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    renderer_free(R);
    return 0;
}

static char *render(Fix *f, const RenderOptions *o, RenderFormat fmt, size_t *len)
{
    Graph *g = graph_new(f->w);
    char *data = NULL, err[200] = "";
    int rc = render_data(R, g, o, fmt, &data, len, err, sizeof err);
    graph_free(g);
    if (rc != 0)
        print_error("render_data: %s\n", err);
    assert_int_equal(rc, 0);
    assert_non_null(data);
    return data;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_dot_reads_back(void **state)
{
    (void)state;
    Fix *f = fix_new();
    size_t len = 0;
    char *dot = render(f, NULL, RENDER_DOT, &len);
    assert_non_null(strstr(dot, "digraph"));
    Agraph_t *g = agmemread(dot);
    assert_non_null(g);
    assert_int_equal(agnnodes(g), 5);
    assert_int_equal(agnedges(g), 6 + 4);
    int dashed = 0, cycle = 0, invis = 0;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
            const char *st = agget(e, (char *)"style");
            const char *cl = agget(e, (char *)"class");
            dashed += st && !strcmp(st, "dashed");
            invis += st && !strcmp(st, "invis");
            cycle += cl && !strcmp(cl, "cycle");
        }
    assert_int_equal(dashed, 1);
    assert_int_equal(invis, 4);
    assert_int_equal(cycle, 3);
    /* The merged edge carries 300B + 5B. */
    Agedge_t *e = agedge(g, agnode(g, (char *)"openai", 0), agnode(g, (char *)"oracle", 0),
                         NULL, 0);
    assert_non_null(e);
    agclose(g);
    assert_non_null(strstr(dot, "305B"));
    assert_non_null(strstr(dot, "100B nonbinding"));
    free(dot);
    fix_free(f);
}

static void test_layers_are_clusters(void **state)
{
    (void)state;
    Fix *f = fix_new();
    size_t len = 0;
    char *dot = render(f, NULL, RENDER_DOT, &len);
    /* Three declared layers, plus the bank (capital) and the market (demand). */
    const char *want[] = {"cluster_chips", "cluster_cloud", "cluster_labs", "cluster_capital",
                          "cluster_demand"};
    for (size_t i = 0; i < 5; i++)
        assert_non_null(strstr(dot, want[i]));
    assert_null(strstr(dot, "cluster_companies"));
    free(dot);
    fix_free(f);
}

/* The layer order: those named in order first (world_note_layer ordered), then those
 * declared, then default layers in entity order. Here: `layers demand, cloud` named, chips
 * declared (nvidia) and labs declared (openai), capital by default (jpm): demand cloud chips
 * labs capital. The chain of invisible edges runs users -> oracle -> nvidia -> openai -> jpm
 * (each layer's first node). */
static void test_layer_order(void **state)
{
    (void)state;
    Fix *f = fix_new();
    world_note_layer(f->w, intern_cstr(&f->in, "chips"), false);
    world_note_layer(f->w, intern_cstr(&f->in, "labs"), false);
    world_note_layer(f->w, intern_cstr(&f->in, "demand"), true);
    world_note_layer(f->w, intern_cstr(&f->in, "cloud"), true);
    world_note_layer(f->w, intern_cstr(&f->in, "chips"), false);   /* again: keeps its place */
    size_t n = 0;
    const char **ord = world_layer_order(f->w, &n);
    assert_int_equal(n, 4);
    const char *want[] = {"demand", "cloud", "chips", "labs"};
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(ord[i], want[i]);
    free(ord);
    size_t len = 0;
    char *dot = render(f, NULL, RENDER_DOT, &len);
    Agraph_t *g = agmemread(dot);
    assert_non_null(g);
    const char *chain[][2] = {{"users", "oracle"}, {"oracle", "nvidia"}, {"nvidia", "openai"},
                              {"openai", "jpm"}};
    for (size_t i = 0; i < 4; i++) {
        Agnode_t *u = agnode(g, (char *)chain[i][0], 0), *v = agnode(g, (char *)chain[i][1], 0);
        int found = 0;   /* a money edge may run between the same two nodes */
        for (Agedge_t *e = agfstout(g, u); e; e = agnxtout(g, e))
            found += aghead(e) == v && !strcmp(agget(e, (char *)"style"), "invis");
        assert_int_equal(found, 1);
    }
    agclose(g);
    /* A fork adds its own layers after its base's. */
    World *fk = world_fork(f->w);
    world_note_layer(fk, intern_cstr(&f->in, "vendors"), false);
    world_note_layer(fk, intern_cstr(&f->in, "cloud"), false);
    ord = world_layer_order(fk, &n);
    assert_int_equal(n, 5);
    assert_string_equal(ord[4], "vendors");
    free(ord);
    world_free(fk);
    free(dot);
    fix_free(f);
}

static void test_layer_heuristic(void **state)
{
    (void)state;
    Entity e = {0};
    e.kind = ENT_MARKET;
    assert_string_equal(render_layer(&e), "demand");
    e.kind = ENT_BANK;
    assert_string_equal(render_layer(&e), "capital");
    e.kind = ENT_COMPANY;
    assert_string_equal(render_layer(&e), "companies");
    e.layer = "cloud";
    assert_string_equal(render_layer(&e), "cloud");
}

static void test_svg_well_formed_counts(void **state)
{
    (void)state;
    Fix *f = fix_new();
    size_t len = 0;
    char *svg = render(f, NULL, RENDER_SVG, &len);
    assert_true(len > 100);
    assert_memory_equal(svg, "<?xml", 5);
    assert_non_null(strstr(svg, "</svg>"));
    assert_int_equal(count(svg, "class=\"node"), 5);
    assert_int_equal(count(svg, "class=\"edge"), 6);
    assert_int_equal(count(svg, "stroke-dasharray"), 1);
    free(svg);
    fix_free(f);
}

static void test_png_signature(void **state)
{
    (void)state;
    Fix *f = fix_new();
    size_t len = 0;
    char *png = render(f, NULL, RENDER_PNG, &len);
    assert_true(len > 1000);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    free(png);
    fix_free(f);
}

static void test_defaulted_marked(void **state)
{
    (void)state;
    Fix *f = fix_new();
    bool def[5] = {false};
    int round[5] = {0};
    def[f->openai] = true;
    round[f->openai] = 1;
    RenderOptions o = {"scenario winter", def, round};
    size_t len = 0;
    char *dot = render(f, &o, RENDER_DOT, &len);
    Agraph_t *g = agmemread(dot);
    assert_non_null(g);
    int marked = 0;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        const char *cl = agget(n, (char *)"class");
        if (cl && !strcmp(cl, "defaulted")) {
            marked++;
            assert_string_equal(agnameof(n), "openai");
        }
    }
    assert_int_equal(marked, 1);
    agclose(g);
    assert_non_null(strstr(dot, "DEFAULTED (round 1)"));
    assert_non_null(strstr(dot, "scenario winter"));
    free(dot);
    fix_free(f);
}

/* The same world renders to the same bytes: nothing depends on time or addresses. */
static void test_deterministic(void **state)
{
    (void)state;
    Fix *f = fix_new();
    size_t l1 = 0, l2 = 0;
    char *a = render(f, NULL, RENDER_SVG, &l1);
    char *b = render(f, NULL, RENDER_SVG, &l2);
    assert_int_equal(l1, l2);
    assert_memory_equal(a, b, l1);
    free(a);
    free(b);
    fix_free(f);
}

static void test_empty_world(void **state)
{
    (void)state;
    Fix *f = calloc(1, sizeof *f);
    intern_init(&f->in);
    f->w = world_new(&f->in);
    size_t len = 0;
    char *svg = render(f, NULL, RENDER_SVG, &len);
    assert_non_null(strstr(svg, "</svg>"));
    assert_int_equal(count(svg, "class=\"node"), 0);
    free(svg);
    fix_free(f);
}

/* A web too large to lay out: SVG is refused with a message, DOT is still written. A ring
 * of RENDER_MAX_NODES + 1 entities has that many nodes and edges. */
static void test_too_large(void **state)
{
    (void)state;
    Fix *f = calloc(1, sizeof *f);
    intern_init(&f->in);
    f->w = world_new(&f->in);
    char name[32];
    EntId first = 0, prev = 0;
    for (int i = 0; i <= RENDER_MAX_NODES; i++) {
        snprintf(name, sizeof name, "e%d", i);
        EntId v = ent(f, name, ENT_COMPANY, NULL);
        if (i == 0)
            first = v;
        else
            deal(f, VERB_PAYS, prev, v, 1e9, true);
        prev = v;
    }
    deal(f, VERB_PAYS, prev, first, 1e9, true);
    Graph *g = graph_new(f->w);
    char *data = NULL, err[300] = "";
    size_t len = 0;
    assert_int_equal(render_data(R, g, NULL, RENDER_SVG, &data, &len, err, sizeof err), -1);
    assert_null(data);
    assert_non_null(strstr(err, "write .dot"));
    assert_int_equal(render_data(R, g, NULL, RENDER_DOT, &data, &len, err, sizeof err), 0);
    Agraph_t *back = agmemread(data);
    assert_non_null(back);
    assert_int_equal(agnnodes(back), RENDER_MAX_NODES + 1);
    assert_int_equal(agnedges(back), RENDER_MAX_NODES + 1);
    agclose(back);
    free(data);
    graph_free(g);
    fix_free(f);
}

static void test_formats(void **state)
{
    (void)state;
    RenderFormat f;
    assert_true(render_format_from_path("web.SVG", &f));
    assert_int_equal(f, RENDER_SVG);
    assert_true(render_format_from_path("out/web.png", &f));
    assert_int_equal(f, RENDER_PNG);
    assert_true(render_format_from_path("web.gv", &f));
    assert_int_equal(f, RENDER_DOT);
    assert_false(render_format_from_path("web", &f));
    assert_false(render_format_from_path("dir.svg/web", &f));
    assert_false(render_format_from_path("web.jpg", &f));
    assert_false(render_format_from_name("pdf", &f));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dot_reads_back),   cmocka_unit_test(test_layers_are_clusters),
        cmocka_unit_test(test_layer_heuristic),
        cmocka_unit_test(test_layer_order),  cmocka_unit_test(test_svg_well_formed_counts),
        cmocka_unit_test(test_png_signature),    cmocka_unit_test(test_defaulted_marked),
        cmocka_unit_test(test_deterministic),    cmocka_unit_test(test_empty_world),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_too_large),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
