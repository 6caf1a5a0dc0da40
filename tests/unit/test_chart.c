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
#include <cairo.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "chart.h"
#include "chart_int.h"
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

/* More than CHART_DEFAULT_MAX_LINES (12) entities: the default lines are those whose cash runs
 * out first, then the largest by commitments, then the least cash. The web, by hand:
 *   late: cash 1B, pays 3B to rich01 in 2027      -> cash -2B at the end of 2027: runway 2027
 *   early: cash 1B, pays 2B to rich01 in 2026     -> runway 2026 (the horizon is 2025..2027)
 *   buyer: cash 100B, buys 10B from rich02 in 2025 -> no runway, commitments 10B
 *   rich01..rich12: cash 50B each, none owed      -> no runway, commitments 0; rich01 and
 *     rich02 receive 5B and 10B more (peak 55B, 60B), the others stay at 50B
 * 15 entities, so 12 lines: early, late, buyer, then nine of the 0-commitment rich ones by
 * least peak cash (rich03..rich11, all 50B, by name), leaving out rich12 (50B, last by name),
 * rich01 (55B) and rich02 (60B). The old rule (largest peak cash) kept buyer and the rich
 * and left out early and late, the two that run out. */
static void test_default_lines_run_out_first(void **state)
{
    (void)state;
    Interner in;
    intern_init(&in);
    World *w = world_new(&in);
    world_set_asof(w, 2025 * 12);
    char name[16];
    EntId rich[13];
    for (int i = 1; i <= 12; i++) {
        snprintf(name, sizeof name, "rich%02d", i);
        rich[i] = world_ensure(w, intern_cstr(&in, name), (Span){0});
        Entity *e = world_entity_mut(w, rich[i]);
        e->declared = true;
        e->attr[A_CASH] = 50 * B;
        e->has |= 1u << A_CASH;
    }
    const struct { const char *name; double cash, pay; int year; EntId to; Verb v; } p[] = {
        {"late", 1 * B, 3 * B, 2027, rich[1], VERB_PAYS},
        {"early", 1 * B, 2 * B, 2026, rich[1], VERB_PAYS},
        {"buyer", 100 * B, 10 * B, 2025, rich[2], VERB_BUYS},
    };
    for (size_t i = 0; i < 3; i++) {
        EntId v = world_ensure(w, intern_cstr(&in, p[i].name), (Span){0});
        Entity *e = world_entity_mut(w, v);
        e->declared = true;
        e->attr[A_CASH] = p[i].cash;
        e->has |= 1u << A_CASH;
        Deal d = {.kind = p[i].v, .payer = v, .payee = p[i].to, .amount = p[i].pay,
                  .from = p[i].year * 12, .due = MONTH_NONE, .milestone = DEAL_NONE,
                  .binding = true};
        world_add_deal(w, &d);
    }
    Graph *g = graph_new(w);
    ChartData d;
    chart_timeline_data(g, NULL, 0, &d);
    assert_int_equal(d.nlines, 12);
    /* Drawn in name order. */
    const char *want[] = {"buyer", "early", "late", "rich03", "rich04", "rich05", "rich06",
                          "rich07", "rich08", "rich09", "rich10", "rich11"};
    for (size_t i = 0; i < 12; i++)
        assert_string_equal(d.lines[i].label, want[i]);
    assert_non_null(strstr(d.subtitle, "runs out first"));
    chart_data_free(&d);
    graph_free(g);
    world_free(w);
    intern_free(&in);
}

/* No two of the first 48 lines share colour and dash pattern (the legend draws each
 * swatch with its line's style), and the first 12 colours are all different. */
static void test_line_styles_distinct(void **state)
{
    (void)state;
    double rgb[48][3], dash[48][CHART_MAX_DASHES] = {{0}};
    int nd[48];
    for (size_t i = 0; i < 48; i++)
        nd[i] = chart_line_style(i, rgb[i], dash[i]);
    for (size_t i = 0; i < 48; i++)
        for (size_t j = i + 1; j < 48; j++) {
            bool same_colour = rgb[i][0] == rgb[j][0] && rgb[i][1] == rgb[j][1] &&
                               rgb[i][2] == rgb[j][2];
            bool same_dash = nd[i] == nd[j] && !memcmp(dash[i], dash[j], sizeof dash[i]);
            assert_false(same_colour && same_dash);
            if (i < 12 && j < 12)
                assert_false(same_colour);
        }
    for (size_t i = 0; i < 12; i++)
        assert_int_equal(nd[i], 0);   /* the first twelve are solid */
}

/* The legend's swatches as drawn: 48 lines rendered to PNG and read back, the middle row
 * of each swatch (30 px from x = 750 + 24, at y = 78 + 6 + 20 i - 3) cut into covered and
 * bare pixels. Lines that share a colour must differ in at least 3 of those pixels: a dash
 * pattern whose gaps round caps fill, or that the marker hides, would look solid. The
 * canvas grows to hold all 48 legend lines (the last is at y = 1021, past 560). */
static const unsigned char *png_pos;
static size_t png_left;
static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int n)
{
    (void)closure;
    if (n > png_left)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, png_pos, n);
    png_pos += n;
    png_left -= n;
    return CAIRO_STATUS_SUCCESS;
}

static void test_swatches_look_different(void **state)
{
    (void)state;
    enum { N = 48, X0 = 750 + 24, LEN = 30 };
    static double y[] = {1 * B, 2 * B};
    static ChartLine lines[N];
    static char names[N][16];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "l%02d", i);
        lines[i] = (ChartLine){names[i], y};
    }
    ChartData d = {.ylabel = "cash (USD)", .x0 = 2025, .nx = 2, .lines = lines, .nlines = N};
    char *png = NULL, err[100];
    size_t len = 0;
    assert_int_equal(chart_render(&d, RENDER_PNG, &png, &len, err, sizeof err), 0);
    png_pos = (const unsigned char *)png;
    png_left = len;
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_read, NULL);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    int h = cairo_image_surface_get_height(s), stride = cairo_image_surface_get_stride(s);
    assert_true(h > 78 + 6 + 20 * (N - 1));
    const unsigned char *px = cairo_image_surface_get_data(s);
    bool covered[N][LEN];
    for (int i = 0; i < N; i++) {
        double rgb[3], dash[CHART_MAX_DASHES];
        chart_line_style((size_t)i, rgb, dash);
        double full = 765 - 255 * (rgb[0] + rgb[1] + rgb[2]);   /* the colour's distance from white */
        const uint32_t *row = (const uint32_t *)(px + (size_t)(78 + 6 + 20 * i - 3) * stride);
        for (int k = 0; k < LEN; k++) {
            uint32_t p = row[X0 + k];
            double dist = 765.0 - ((p >> 16) & 255) - ((p >> 8) & 255) - (p & 255);
            covered[i][k] = dist > full / 2;
        }
    }
    for (int i = 0; i < N; i++)
        for (int j = i + CHART_NCOLOURS; j < N; j += CHART_NCOLOURS) {
            int differ = 0;
            for (int k = 0; k < LEN; k++)
                differ += covered[i][k] != covered[j][k];
            if (differ < 3)
                fail_msg("legend lines %d and %d look alike (%d pixels differ)", i, j, differ);
        }
    cairo_surface_destroy(s);
    free(png);
}

/* A long display name is drawn whole: the canvas grows to hold the legend. The name's width
 * is measured here with cairo in the chart's font (sans-serif, 12): the legend starts 24 px
 * right of the plot (which ends at 960 - 210 = 750), its text 30 px further. */
static void test_legend_names_whole(void **state)
{
    (void)state;
    static double y[] = {1 * B, 2 * B, 3 * B};
    static ChartLine lines[] = {{"Crusoe/Blue Owl/Primary Digital JV (Abilene, Texas)", y}};
    ChartData d = {.ylabel = "cash (USD)", .x0 = 2025, .nx = 3, .lines = lines, .nlines = 1};
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 12);
    cairo_text_extents_t te;
    cairo_text_extents(cr, lines[0].label, &te);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    int w = chart_timeline_width(&d);
    assert_true(w >= 750 + 24 + 30 + te.x_advance);
    char *svg = NULL, err[100], want[64];
    size_t len = 0;
    assert_int_equal(chart_render(&d, RENDER_SVG, &svg, &len, err, sizeof err), 0);
    snprintf(want, sizeof want, "width=\"%dpt\"", w);
    assert_non_null(strstr(svg, want));
    free(svg);
    /* A short name keeps the usual 960. */
    lines[0].label = "a";
    assert_int_equal(chart_timeline_width(&d), 960);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timeline_data),
        cmocka_unit_test(test_scenario_with_base),
        cmocka_unit_test(test_svg_one_line_per_entity),
        cmocka_unit_test(test_svg_deterministic),
        cmocka_unit_test(test_png),
        cmocka_unit_test(test_default_lines_run_out_first),
        cmocka_unit_test(test_line_styles_distinct),
        cmocka_unit_test(test_swatches_look_different),
        cmocka_unit_test(test_legend_names_whole),
        cmocka_unit_test(test_refuses_dot_and_handles_flat),
        cmocka_unit_test(test_default_bars),
        cmocka_unit_test(test_loss_histogram),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
