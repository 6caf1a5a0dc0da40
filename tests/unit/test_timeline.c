/* test_timeline.c - yearly cash and runway over the horizon. */
#include "enginefix.h"
#include "timeline.h"

/* as of 2025. a: cash 10B, revenue 10B/y growing 100%/y.
 *   a pays 60B to b over 3y from 2025 (20B a year, 2025..2027); the horizon is 2025..2027.
 *   b receives 20B a year; users (market) pay b 5B/y (every year of the horizon).
 *   a: 2025 start 10, rev 10, out 20 -> end 0
 *      2026 start 0, rev 20, out 20 -> end 0
 *      2027 start 0, rev 40, out 20 -> end 20        runway: none
 *   Change the deal to 90B (30B a year): ends -10, -20, -10 -> runway 2025. */
static void test_growth_and_flows(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId a = decl(f, "a", ENT_COMPANY), b = ent(f, "b"), u = decl(f, "users", ENT_MARKET);
    attr(f, a, A_CASH, 10 * B);
    attr(f, a, A_REVENUE, 10 * B);
    attr(f, a, A_GROWTH, 1.0);
    world_set_asof(f->w, 2025 * 12);
    Deal d = mk(VERB_PAYS, a, b, 60 * B);
    d.from = 2025 * 12;
    d.over = 36;
    DealId id = world_add_deal(f->w, &d);
    Deal r = mk(VERB_PAYS, u, b, 5 * B);
    r.per_year = true;
    world_add_deal(f->w, &r);
    Engine *e = engine_new(f->w);
    Timeline t;
    timeline_of(engine_graph(e), a, &t);
    assert_int_equal(t.n, 3);
    assert_int_equal(t.years[0].year, 2025);
    assert_near(t.years[0].start, 10 * B, 1e-12);
    assert_near(t.years[0].revenue, 10 * B, 1e-12);
    assert_near(t.years[0].outflow, 20 * B, 1e-12);
    assert_near(t.years[0].end, 0, 1e-12);
    assert_near(t.years[1].revenue, 20 * B, 1e-12);
    assert_near(t.years[2].revenue, 40 * B, 1e-12);
    assert_near(t.years[2].end, 20 * B, 1e-9);
    assert_false(t.has_runway);
    timeline_free(&t);
    timeline_of(engine_graph(e), b, &t);
    assert_near(t.years[1].inflow, 25 * B, 1e-9);   /* 20B from a + 5B from users */
    assert_near(t.years[2].end, 75 * B, 1e-9);
    timeline_free(&t);
    timeline_of(engine_graph(e), u, &t);            /* a market pays from outside: no runway */
    assert_near(t.years[0].end, -5 * B, 1e-9);
    assert_false(t.has_runway);
    timeline_free(&t);
    engine_free(e);

    World *k = world_fork(f->w);
    world_cancel(k, id);
    d.amount = 90 * B;
    world_add_deal(k, &d);
    e = engine_new(k);
    timeline_of(engine_graph(e), a, &t);
    assert_near(t.years[0].end, -10 * B, 1e-9);
    assert_true(t.has_runway);
    assert_int_equal(t.runway, 2025);
    timeline_free(&t);
    bool has[3];
    int year[3];
    timeline_runways(engine_graph(e), has, year);
    assert_true(has[a]);
    assert_int_equal(year[a], 2025);
    assert_false(has[b]);
    assert_false(has[u]);
    engine_free(e);
    world_free(k);
    fix_free(f);
}

/* Deals settled before `as of` are outside the yearly buckets; a script with no dates is one
 * year 0 in which everything is paid.
 *   as of 2026: a lends 5B to b in 2024 (settled), a pays 1B to b in 2026.
 *   a: cash 2B -> 2026: 2 - 1 = 1B. */
static void test_settled_and_undated(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId a = decl(f, "a", ENT_COMPANY), b = ent(f, "b");
    attr(f, a, A_CASH, 2 * B);
    world_set_asof(f->w, 2026 * 12);
    Deal d = mk(VERB_LENDS, a, b, 5 * B);
    d.from = 2024 * 12;
    world_add_deal(f->w, &d);
    d = mk(VERB_PAYS, a, b, 1 * B);
    d.from = 2026 * 12 + 3;
    world_add_deal(f->w, &d);
    Engine *e = engine_new(f->w);
    Timeline t;
    timeline_of(engine_graph(e), a, &t);
    assert_int_equal(t.n, 1);
    assert_int_equal(t.years[0].year, 2026);
    assert_near(t.years[0].outflow, 1 * B, 1e-12);
    assert_near(t.years[0].end, 1 * B, 1e-12);
    timeline_free(&t);
    engine_free(e);
    fix_free(f);

    f = fix_new();
    a = ent(f, "a");
    b = ent(f, "b");
    deal(f, VERB_PAYS, a, b, 3 * B);
    e = engine_new(f->w);
    timeline_of(engine_graph(e), a, &t);
    assert_int_equal(t.n, 1);
    assert_int_equal(t.years[0].year, 0);
    assert_near(t.years[0].end, -3 * B, 1e-12);
    assert_true(t.has_runway);
    assert_int_equal(t.runway, 0);
    timeline_free(&t);
    engine_free(e);
    fix_free(f);
}

/* timeline_many walks the years once for several entities: the same rows as timeline_of. */
static void test_many(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId a = decl(f, "a", ENT_COMPANY), b = decl(f, "b", ENT_COMPANY), c = ent(f, "c");
    attr(f, a, A_CASH, 10 * B);
    attr(f, b, A_REVENUE, 3 * B);
    world_set_asof(f->w, 2025 * 12);
    Deal d = mk(VERB_PAYS, a, b, 30 * B);
    d.from = 2025 * 12;
    d.over = 36;
    world_add_deal(f->w, &d);
    Deal e2 = mk(VERB_BUYS, b, c, 4 * B);
    e2.from = 2026 * 12;
    world_add_deal(f->w, &e2);
    Engine *e = engine_new(f->w);
    const Graph *g = engine_graph(e);
    EntId v[3] = {c, a, b};
    Timeline many[3];
    timeline_many(g, v, 3, many);
    for (int i = 0; i < 3; i++) {
        Timeline one;
        timeline_of(g, v[i], &one);
        assert_int_equal(many[i].of, v[i]);
        assert_int_equal(many[i].n, one.n);
        assert_int_equal(many[i].has_runway, one.has_runway);
        for (int y = 0; y < one.n; y++) {
            assert_int_equal(many[i].years[y].year, one.years[y].year);
            assert_near(many[i].years[y].start, one.years[y].start, 1e-12);
            assert_near(many[i].years[y].inflow, one.years[y].inflow, 1e-12);
            assert_near(many[i].years[y].outflow, one.years[y].outflow, 1e-12);
            assert_near(many[i].years[y].end, one.years[y].end, 1e-12);
        }
        timeline_free(&one);
        timeline_free(&many[i]);
    }
    /* a: 10 - 10 a year: 0, -10, -20 -> runway 2026 */
    timeline_many(g, &a, 1, many);
    assert_near(many[0].years[2].end, -20 * B, 1e-9);
    assert_true(many[0].has_runway);
    assert_int_equal(many[0].runway, 2026);
    timeline_free(&many[0]);
    engine_free(e);
    fix_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_growth_and_flows), cmocka_unit_test(test_settled_and_undated),
        cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
