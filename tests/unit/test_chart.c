/* test_chart.c - the cash-by-year chart (chart.c): data from the timeline, SVG and PNG.
 *
 * Fixture, worked by hand (dated: `as of 2025`, so the horizon starts in 2025):
 *   a: cash 10B; pays 30B to b over 2y from 2025 (15B in 2025, 15B in 2026)
 *   b: cash 0
 *   m: a market paying 4B to b in 2026 (markets are left out of the default chart)
 * The horizon is 2025..2026 (the last year a deal pays), so 3 points per line:
 *   a: start 10B, end 2025 = 10 - 15 = -5B, end 2026 = -5 - 15 = -20B
 *   b: start 0,   end 2025 = 15B,           end 2026 = 15 + 15 + 4 = 34B */
#include "testutil.h"
#include <stdio.h>
#include "chart.h"
#include "graph.h"
#include "world.h"

#define B 1e9

typedef struct Fix {
    Interner in;
    World *w;
    EntId a, b, m;
} Fix;

static Fix *fix_new(void)
{
    Fix *f = calloc(1, sizeof *f);
    intern_init(&f->in);
    f->w = world_new(&f->in);
    f->a = world_ensure(f->w, intern_cstr(&f->in, "a"), (Span){0});
    f->b = world_ensure(f->w, intern_cstr(&f->in, "b"), (Span){0});
    f->m = world_ensure(f->w, intern_cstr(&f->in, "m"), (Span){0});
    Entity *e = world_entity_mut(f->w, f->a);
    e->declared = true;
    e->attr[A_CASH] = 10 * B;
    e->has |= 1u << A_CASH;
    world_entity_mut(f->w, f->m)->kind = ENT_MARKET;
    world_set_asof(f->w, 2025 * 12);
    Deal d = {.kind = VERB_PAYS, .payer = f->a, .payee = f->b, .amount = 30 * B,
              .from = 2025 * 12, .over = 24, .due = MONTH_NONE, .milestone = DEAL_NONE,
              .binding = true};
    world_add_deal(f->w, &d);
    d = (Deal){.kind = VERB_PAYS, .payer = f->m, .payee = f->b, .amount = 4 * B,
               .from = 2026 * 12, .due = MONTH_NONE, .milestone = DEAL_NONE, .binding = true};
    world_add_deal(f->w, &d);
    return f;
}

static void fix_free(Fix *f)
{
    world_free(f->w);
    intern_free(&f->in);
    free(f);
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_timeline_data(void **state)
{
    (void)state;
    Fix *f = fix_new();
    Graph *g = graph_new(f->w);
    ChartData d;
    chart_timeline_data(g, NULL, 0, &d);
    assert_int_equal(d.x0, 2025);
    assert_int_equal(d.nx, 3);
    assert_false(d.undated);
    assert_int_equal(d.nlines, 2);          /* the market m is left out */
    assert_string_equal(d.lines[0].label, "a");
    assert_near(d.lines[0].y[0], 10 * B, 1e-9);
    assert_near(d.lines[0].y[1], -5 * B, 1e-9);
    assert_near(d.lines[0].y[2], -20 * B, 1e-9);
    assert_string_equal(d.lines[1].label, "b");
    assert_near(d.lines[1].y[0], 0, 1e-9);
    assert_near(d.lines[1].y[1], 15 * B, 1e-9);
    assert_near(d.lines[1].y[2], 34 * B, 1e-9);
    chart_data_free(&d);
    /* Named entities come in the order given, markets included. */
    EntId pick[] = {f->m, f->b};
    chart_timeline_data(g, pick, 2, &d);
    assert_int_equal(d.nlines, 2);
    assert_string_equal(d.lines[0].label, "m");
    assert_string_equal(d.lines[1].label, "b");
    chart_data_free(&d);
    graph_free(g);
    fix_free(f);
}

/* Under a scenario that cancels a's 30B to b (the horizon stays 2025..2026):
 *   a: 10B, 10B, 10B      b: 0, 0, 4B (only the market's 4B in 2026)
 * and the base lines are the base timelines worked out at the top of this file. */
static void test_scenario_with_base(void **state)
{
    (void)state;
    Fix *f = fix_new();
    World *k = world_fork(f->w);
    world_cancel(k, 0);
    Graph *g = graph_new(k), *base = graph_new(f->w);
    ChartData d;
    chart_timeline_data(g, NULL, 0, &d);
    chart_timeline_base(base, &d);
    assert_int_equal(d.nx, 3);
    assert_int_equal(d.nlines, 2);
    const double scen[2][3] = {{10 * B, 10 * B, 10 * B}, {0, 0, 4 * B}};
    const double was[2][3] = {{10 * B, -5 * B, -20 * B}, {0, 15 * B, 34 * B}};
    for (int i = 0; i < 2; i++)
        for (int x = 0; x < 3; x++) {
            assert_near(d.lines[i].y[x], scen[i][x], 1e-9);
            assert_near(d.base[i].y[x], was[i][x], 1e-9);
        }
    char *svg = NULL, err[100];
    size_t len = 0;
    assert_int_equal(chart_render(&d, RENDER_SVG, &svg, &len, err, sizeof err), 0);
    assert_int_equal(count(svg, "stroke-width:2.5;"), 2);    /* scenario lines */
    assert_int_equal(count(svg, "stroke-width:1.25;"), 2);   /* base lines */
    free(svg);
    chart_data_free(&d);
    graph_free(g);
    graph_free(base);
    world_free(k);
    fix_free(f);
}

static ChartData sample(void)
{
    static double y1[] = {10 * B, -5 * B, -20 * B}, y2[] = {0, 15 * B, 34 * B},
                  y3[] = {1 * B, 2 * B, 3 * B};
    static ChartLine lines[] = {{"a", y1}, {"b", y2}, {"c", y3}};
    ChartData d = {.ylabel = "cash (USD)", .x0 = 2025, .nx = 3, .lines = lines, .nlines = 3};
    snprintf(d.title, sizeof d.title, "Cash by year");
    return d;
}

static void test_svg_one_line_per_entity(void **state)
{
    (void)state;
    ChartData d = sample();
    char *svg = NULL, err[100];
    size_t len = 0;
    assert_int_equal(chart_render(&d, RENDER_SVG, &svg, &len, err, sizeof err), 0);
    assert_true(len > 100);
    assert_non_null(strstr(svg, "<svg"));
    assert_non_null(strstr(svg, "</svg>"));
    /* Only entity lines are stroked 2.5 wide. */
    assert_int_equal(count(svg, "stroke-width:2.5;") + count(svg, "stroke-width=\"2.5\""), 3);
    free(svg);
}

static void test_svg_deterministic(void **state)
{
    (void)state;
    ChartData d = sample();
    char *a = NULL, *b = NULL, err[100];
    size_t la = 0, lb = 0;
    assert_int_equal(chart_render(&d, RENDER_SVG, &a, &la, err, sizeof err), 0);
    assert_int_equal(chart_render(&d, RENDER_SVG, &b, &lb, err, sizeof err), 0);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);
}

static void test_png(void **state)
{
    (void)state;
    ChartData d = sample();
    char *png = NULL, err[100];
    size_t len = 0;
    assert_int_equal(chart_render(&d, RENDER_PNG, &png, &len, err, sizeof err), 0);
    assert_true(len > 1000);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    free(png);
}

static void test_refuses_dot_and_handles_flat(void **state)
{
    (void)state;
    ChartData d = sample();
    char *out = NULL, err[100];
    size_t len = 0;
    assert_int_equal(chart_render(&d, RENDER_DOT, &out, &len, err, sizeof err), -1);
    assert_null(out);
    /* No lines at all, and a single point: still a valid picture. */
    ChartData empty = {.x0 = 0, .nx = 1, .undated = true};
    assert_int_equal(chart_render(&empty, RENDER_SVG, &out, &len, err, sizeof err), 0);
    assert_non_null(strstr(out, "</svg>"));
    free(out);
}

/* Count occurrences of needle in hay. */
static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

/* Default probabilities: one bar per entity, labelled with its probability, the same bytes
 * drawn twice; a PNG is a PNG. */
static void test_default_bars(void **state)
{
    (void)state;
    const char *names[] = {"openai", "oracle", "nvidia"};
    double p[] = {0.25, 0.1, 0}, lo[] = {0.2, 0.07, 0}, hi[] = {0.3, 0.14, 0.01};
    ChartBars b = {.title = "Default probability", .subtitle = "1000 samples", .names = names,
                   .p = p, .lo = lo, .hi = hi, .n = 3};
    char *a = NULL, *c = NULL, err[128];
    size_t na, nc;
    assert_int_equal(chart_defaults(&b, RENDER_SVG, &a, &na, err, sizeof err), 0);
    assert_int_equal(chart_defaults(&b, RENDER_SVG, &c, &nc, err, sizeof err), 0);
    assert_true(na == nc && memcmp(a, c, na) == 0);
    assert_non_null(strstr(a, "<svg"));
    free(c);
    assert_int_equal(chart_defaults(&b, RENDER_PNG, &c, &nc, err, sizeof err), 0);
    assert_memory_equal(c, "\x89PNG", 4);
    assert_int_equal(chart_defaults(&b, RENDER_DOT, &c, &nc, err, sizeof err), -1);
    free(a);
    free(c);
}

/* The loss histogram draws its two markers (VaR solid, ES dashed) and refuses DOT. */
static void test_loss_histogram(void **state)
{
    (void)state;
    double loss[100];
    for (int i = 0; i < 100; i++)
        loss[i] = i * 1e9;
    ChartHist h = {.title = "System loss", .loss = loss, .n = 100, .q = 0.95, .var = 95e9,
                   .es = 97e9};
    char *a = NULL, err[128];
    size_t na;
    assert_int_equal(chart_losses(&h, RENDER_SVG, &a, &na, err, sizeof err), 0);
    assert_true(count_of(a, "stroke-dasharray") >= 1);
    free(a);
    assert_int_equal(chart_losses(&h, RENDER_DOT, &a, &na, err, sizeof err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timeline_data),
        cmocka_unit_test(test_scenario_with_base),
        cmocka_unit_test(test_svg_one_line_per_entity),
        cmocka_unit_test(test_svg_deterministic),
        cmocka_unit_test(test_png),
        cmocka_unit_test(test_refuses_dot_and_handles_flat),
        cmocka_unit_test(test_default_bars),
        cmocka_unit_test(test_loss_histogram),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
