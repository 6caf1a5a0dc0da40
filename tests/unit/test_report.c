/* test_report.c - the JSON report of a small web, parsed back with jansson, and the text
 * outputs' basic shape. */
#include "enginefix.h"
#include <stdio.h>
#include <jansson.h>
#include "report.h"
#include "show.h"
#include "show_topic.h"

static json_t *report_of(Engine *e, const ReportOptions *opt)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(report_write(f, e, opt), 0);
    rewind(f);
    json_error_t err;
    json_t *root = json_loadf(f, 0, &err);
    fclose(f);
    if (!root)
        print_error("json: %s at %d\n", err.text, err.line);
    assert_non_null(root);
    return root;
}

static json_t *entity(json_t *root, const char *name)
{
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(root, "entities"), i, x)
        if (!strcmp(json_string_value(json_object_get(x, "name")), name))
            return x;
    fail_msg("no entity %s", name);
    return NULL;
}

static double num(json_t *o, const char *key)
{
    json_t *x = json_object_get(o, key);
    assert_true(json_is_number(x));
    return json_number_value(x);
}

/* The triangle (numbers worked in test_figures.c and test_sources.c):
 *   openai: in 100B, out 100B, own 33B, gap 0, commitments 100B, leverage 0.2, ratio 100/13
 *   oracle: leverage (105 + 40) / 20 = 7.25; nvidia: backlog 40B, sources sum to 40B
 *   one cycle nvidia -> openai -> oracle -> nvidia, bottleneck 40B
 *   system: total commitments 140B, end demand 0, system leverage null. */
static void test_triangle_json(void **state)
{
    (void)state;
    Fix *f = fix_new();
    triangle(f);
    Engine *e = engine_new(f->w);
    ReportOptions opt = {.json = true};
    json_t *root = report_of(e, &opt);
    json_t *oa = entity(root, "openai");
    assert_string_equal(json_string_value(json_object_get(oa, "kind")), "company");
    assert_near(num(oa, "in"), 100 * B, 1e-12);
    assert_near(num(oa, "own"), 33 * B, 1e-12);
    assert_near(num(oa, "gap"), 0, 0);
    assert_near(num(oa, "commitments"), 100 * B, 1e-12);
    assert_near(num(oa, "leverage"), 0.2, 1e-12);
    assert_near(num(oa, "commitment_ratio"), 100.0 / 13.0, 1e-12);
    assert_true(json_is_null(json_object_get(oa, "runway")));
    assert_near(num(entity(root, "oracle"), "leverage"), 7.25, 1e-12);
    json_t *nv = entity(root, "nvidia");
    assert_near(num(nv, "backlog"), 40 * B, 1e-12);
    json_t *src = json_object_get(nv, "sources");
    double sum = 0;
    const char *k;
    json_t *v;
    json_object_foreach(src, k, v)
        sum += json_number_value(v);
    assert_int_equal(json_object_size(src), 3);
    assert_near(sum, 40 * B, 1e-9);
    /* entities come in name order */
    assert_string_equal(json_string_value(json_object_get(
        json_array_get(json_object_get(root, "entities"), 0), "name")), "nvidia");
    json_t *cyc = json_object_get(root, "cycles");
    assert_int_equal(json_array_size(cyc), 1);
    json_t *c0 = json_array_get(cyc, 0);
    assert_near(num(c0, "bottleneck"), 40 * B, 1e-12);
    json_t *path = json_object_get(c0, "path");
    assert_int_equal(json_array_size(path), 4);
    assert_string_equal(json_string_value(json_array_get(path, 0)), "nvidia");
    assert_string_equal(json_string_value(json_array_get(path, 3)), "nvidia");
    json_t *sys = json_object_get(root, "system");
    assert_near(num(sys, "total_commitments"), 140 * B, 1e-12);
    assert_near(num(sys, "end_demand"), 0, 0);
    assert_true(json_is_null(json_object_get(sys, "system_leverage")));
    json_t *cl = json_object_get(root, "clearing");
    assert_true(json_is_null(json_object_get(cl, "scenario")));
    assert_true(json_is_array(json_object_get(cl, "defaults")));
    /* three entities in one loop: every entity's sources, 3 origins each, in one pass */
    json_t *ls = json_object_get(root, "sources_listed");
    assert_string_equal(json_string_value(json_object_get(ls, "whose")), "all");
    assert_int_equal(json_integer_value(json_object_get(ls, "entities")), 3);
    assert_string_equal(json_string_value(json_object_get(ls, "why")),
                        "every entity's sources are 9 numbers, found in one pass");
    json_decref(root);

    opt.no_sources = true;
    root = report_of(e, &opt);
    ls = json_object_get(root, "sources_listed");
    assert_string_equal(json_string_value(json_object_get(ls, "whose")), "none");
    assert_int_equal(json_integer_value(json_object_get(ls, "entities")), 0);
    nv = entity(root, "nvidia");
    assert_true(json_is_null(json_object_get(nv, "sources")));
    assert_true(json_is_null(json_object_get(nv, "circularity")));
    assert_true(json_is_null(json_object_get(json_object_get(root, "system"), "total_circulated")));
    json_decref(root);
    engine_free(e);
    fix_free(f);
}

static json_t *fake_clearing(void *ud)
{
    return json_pack("{s:s}", "scenario", (const char *)ud);
}

/* Degenerate webs give defined JSON: an empty world, and a pure loop with nothing of its own
 * (in 10B each, sources only "(unattributed)", leverage null). The clearing hook is used. */
static void test_degenerate_json(void **state)
{
    (void)state;
    Fix *f = fix_new();
    Engine *e = engine_new(f->w);
    ReportOptions opt = {.json = true, .clearing = fake_clearing, .clearing_ud = "winter"};
    json_t *root = report_of(e, &opt);
    assert_int_equal(json_array_size(json_object_get(root, "entities")), 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(root, "clearing"),
                                                          "scenario")), "winter");
    json_decref(root);
    engine_free(e);
    EntId x = ent(f, "x"), y = ent(f, "y");
    deal(f, VERB_PAYS, x, y, 10 * B);
    deal(f, VERB_PAYS, y, x, 10 * B);
    e = engine_new(f->w);
    opt.clearing = NULL;
    root = report_of(e, &opt);
    json_t *jx = entity(root, "x");
    assert_near(num(json_object_get(jx, "sources"), "(unattributed)"), 10 * B, 1e-12);
    assert_near(num(jx, "circularity"), 0, 0);
    assert_true(json_is_null(json_object_get(jx, "leverage")));
    json_decref(root);
    engine_free(e);
    fix_free(f);
}

/* Text output: the summary and cards print, with n/a and no NaN anywhere. */
static void test_text_has_no_nan(void **state)
{
    (void)state;
    Fix *f = fix_new();
    Tri t = triangle(f);
    ent(f, "ghost");
    Engine *e = engine_new(f->w);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ReportOptions opt = {0};
    assert_int_equal(report_write(out, e, &opt), 0);
    show_leverage(out, e, ENT_NONE);
    show_exposure(out, e, t.nv, ENT_NONE);
    show_timeline(out, e, t.oa);
    show_deals(out, e, ENT_NONE);
    show_system(out, e);
    assert_int_equal(show_topic(out, e, TOPIC_CYCLES, t.orc, ENT_NONE), SHOW_OK);
    assert_int_equal(show_topic(out, e, TOPIC_DEFAULTS, ENT_NONE, ENT_NONE), SHOW_NOT_MINE);
    assert_int_equal(show_topic(out, e, TOPIC_SOURCES, ENT_NONE, ENT_NONE), SHOW_NEEDS_ENTITY);
    assert_int_equal(show_topic_find("summary"), TOPIC_SUMMARY);
    assert_int_equal(show_topic_find("nvidia"), -1);
    assert_true(show_topic_flags(TOPIC_TIMELINE) & TF_OF);
    assert_true(show_topic_flags(TOPIC_DISTRESS) & TF_WHATIF);
    fclose(out);
    /* "nan"/"inf" as words (vendor_financing contains "nan") */
    for (const char *p = buf; *p; p++) {
        bool word = p == buf || !((p[-1] >= 'a' && p[-1] <= 'z') || p[-1] == '_');
        assert_false(word && (!strncmp(p, "nan", 3) || !strncmp(p, "inf", 3) ||
                              !strncmp(p, "-nan", 4) || !strncmp(p, "-inf", 4)));
    }
    if (getenv("SHOW_OUTPUT"))
        fputs(buf, stderr);
    assert_non_null(strstr(buf, "nvidia -> openai -> oracle -> nvidia"));
    assert_non_null(strstr(buf, "n/a"));
    assert_non_null(strstr(buf, "cycles of oracle (1)\n"));   /* the triangle's one loop */
    free(buf);
    engine_free(e);
    fix_free(f);
}

/* show sources lists 25 origins and sums the rest: 30 payers p00..p29, each with cash 1B,
 * pay 1B to hub, so each is the origin of 1B (y = 1B / pool 1B = 1); equal amounts sort by
 * name, p25..p29 are summed: "(5 other origins)  5B  16.7%" (5/30). */
static void test_sources_cap(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId hub = ent(f, "hub");
    char name[16];
    for (int i = 0; i < 30; i++) {
        snprintf(name, sizeof name, "p%02d", i % 100);
        EntId p = decl(f, name, ENT_COMPANY);
        attr(f, p, A_CASH, 1 * B);
        deal(f, VERB_PAYS, p, hub, 1 * B);
    }
    Engine *e = engine_new(f->w);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    show_sources(out, e, hub);
    fclose(out);
    assert_non_null(strstr(buf, "  p24 "));
    assert_null(strstr(buf, "  p25 "));
    assert_non_null(strstr(buf, "(5 other origins)"));
    assert_non_null(strstr(buf, " 5B  16.7%\n"));
    free(buf);
    engine_free(e);
    fix_free(f);
}

/* A funded ring of 1,001 entities is one loop, beyond what is solved at once: the report
 * lists the sources and circularity of the 20 largest entities by in(v) (all in 1B: by
 * name, r0000 .. r0019), null for the rest and for total_circulated, and says so; with
 * all_sources it lists every entity's. In the ring e0's cash is the only origin, so
 * circularity(r0000) = 100%. */
static void test_largest_listed(void **state)
{
    (void)state;
    Fix *f = fix_new();
    enum { N = 1001 };
    static EntId id[N];
    char name[16];
    for (int i = 0; i < N; i++) {
        snprintf(name, sizeof name, "r%04d", i % 10000);
        id[i] = ent(f, name);
    }
    attr(f, id[0], A_CASH, 1 * B);
    for (int i = 0; i < N; i++)
        deal(f, VERB_PAYS, id[i], id[(i + 1) % N], 1 * B);
    Engine *e = engine_new(f->w);
    ReportOptions opt = {.json = true};
    json_t *root = report_of(e, &opt);
    json_t *ls = json_object_get(root, "sources_listed");
    assert_string_equal(json_string_value(json_object_get(ls, "whose")), "largest");
    assert_int_equal(json_integer_value(json_object_get(ls, "entities")), 20);
    assert_string_equal(json_string_value(json_object_get(ls, "why")),
                        "every entity's would need a loop of 1001 entities solved at once, "
                        "more than 1000");
    assert_near(num(json_object_get(entity(root, "r0019"), "sources"), "r0000"), 1 * B, 1e-9);
    assert_near(num(entity(root, "r0000"), "circularity"), 1.0, 1e-9);
    assert_true(json_is_null(json_object_get(entity(root, "r0020"), "sources")));
    assert_true(json_is_null(json_object_get(entity(root, "r0020"), "circularity")));
    assert_true(json_is_null(json_object_get(json_object_get(root, "system"), "total_circulated")));
    json_decref(root);

    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    opt.json = false;
    assert_int_equal(report_write(out, e, &opt), 0);
    fclose(out);
    assert_int_equal(strncmp(buf, "sources of the 20 largest entities by in(v) (", 45), 0);
    assert_non_null(strstr(buf, "; --sources all for every entity\n"));
    assert_non_null(strstr(buf, "sources of r0019 (in 1B)"));
    assert_null(strstr(buf, "sources of r0020 (in 1B)"));
    free(buf);
    engine_free(e);

    e = engine_new(f->w);
    opt = (ReportOptions){.json = true, .all_sources = true};
    root = report_of(e, &opt);
    ls = json_object_get(root, "sources_listed");
    assert_string_equal(json_string_value(json_object_get(ls, "whose")), "all");
    assert_int_equal(json_integer_value(json_object_get(ls, "entities")), N);
    assert_string_equal(json_string_value(json_object_get(ls, "why")), "--sources all");
    assert_near(num(json_object_get(entity(root, "r0500"), "sources"), "r0000"), 1 * B, 1e-9);
    assert_near(num(json_object_get(root, "system"), "total_circulated"), 1 * B, 1e-9);
    json_decref(root);
    engine_free(e);
    fix_free(f);
}

/* report_write streams the JSON entity by entity; its bytes are exactly those of the
 * whole tree (report_json) dumped at once: for the triangle (sources listed, none, all)
 * and for an empty world. */
static char *written(Engine *e, const ReportOptions *opt, bool tree)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (tree) {
        json_t *root = report_json(e, opt);
        json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
        fputc('\n', f);
        json_decref(root);
    } else {
        assert_int_equal(report_write(f, e, opt), 0);
    }
    fclose(f);
    return buf;
}

static void test_streamed_json_is_the_tree(void **state)
{
    (void)state;
    Fix *f = fix_new();
    for (int web = 0; web < 2; web++) {
        if (web)
            triangle(f);
        for (int mode = 0; mode < 3; mode++) {
            ReportOptions opt = {.json = true, .no_sources = mode == 1, .all_sources = mode == 2};
            Engine *a = engine_new(f->w), *b = engine_new(f->w);
            char *s = written(a, &opt, false), *t = written(b, &opt, true);
            assert_string_equal(s, t);
            free(s);
            free(t);
            engine_free(a);
            engine_free(b);
        }
    }
    fix_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_triangle_json), cmocka_unit_test(test_degenerate_json),
        cmocka_unit_test(test_text_has_no_nan), cmocka_unit_test(test_sources_cap),
        cmocka_unit_test(test_largest_listed), cmocka_unit_test(test_streamed_json_is_the_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
