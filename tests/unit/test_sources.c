/* test_sources.c - origins of inflow and circularity, checked against hand solutions. */
#include "enginefix.h"
#include "cycles.h"
#include "sources.h"

static double share(const Sources *s, EntId o, bool unfunded)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->items[i].origin == o && s->items[i].unfunded == unfunded)
            return s->items[i].usd;
    return 0;
}

static double sum_items(const Sources *s)
{
    double t = s->unattributed;
    for (size_t i = 0; i < s->n; i++)
        t += s->items[i].usd;
    return t;
}

/* Triangle, sources of nvidia. Pools P = own + in + gap:
 *   P_nvidia = 221 + 40 = 261B, P_openai = 33 + 100 = 133B, P_oracle = 68 + 100 = 168B.
 * Equations (P_u y_u - sum_k w(u,k) y_k = w(u,nvidia)):
 *   168 y_or = 40 (1 + y_nv)      (oracle pays nvidia 40B)
 *   133 y_oa = 100 y_or
 *   261 y_nv = 100 y_oa
 * so y_nv = k y_or with k = 10000/34713, and y_or = 5/21 (1 + k y_or) = 5 / (21 - 5k).
 * y_or = 173565/678973 ~ 0.25563, y_oa ~ 0.19220, y_nv ~ 0.07364.
 * sources: nvidia 221 y_nv ~ 16.27B, openai 33 y_oa ~ 6.34B, oracle 68 y_or ~ 17.38B = 40B. */
static void test_triangle(void **state)
{
    (void)state;
    Fix *f = fix_new();
    Tri t = triangle(f);
    Engine *e = engine_new(f->w);
    double k = 10000.0 / 34713.0, y_or = 5.0 / (21.0 - 5.0 * k);
    double y_oa = 100.0 / 133.0 * y_or, y_nv = 100.0 / 261.0 * y_oa;
    Sources s;
    sources_of(engine_solver(e), t.nv, &s);
    assert_true(s.converged);
    assert_near(s.in, 40 * B, 1e-12);
    assert_near(share(&s, t.nv, false), y_nv * 221 * B, 1e-9);
    assert_near(share(&s, t.oa, false), y_oa * 33 * B, 1e-9);
    assert_near(share(&s, t.orc, false), y_or * 68 * B, 1e-9);
    assert_near(s.unattributed, 0, 1e-9);
    assert_near(sum_items(&s), 40 * B, 1e-9);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.items[0].origin, t.orc);   /* largest first: 17.38 > 16.27 > 6.34 */
    assert_int_equal(s.items[1].origin, t.nv);
    sources_release(&s);
    double c;
    assert_true(sources_circularity(engine_solver(e), engine_components(e), t.nv, &c));
    assert_near(c, y_nv * 221.0 / 40.0, 1e-9);
    assert_near(fig(e, FIG_CIRCULARITY, t.nv), y_nv * 221.0 / 40.0, 1e-9);
    assert_near(figure_source_from(e, t.nv, t.oa), y_oa * 33 * B, 1e-9);
    engine_free(e);
    fix_free(f);
}

/* A vendor lends its customer 10B to buy 10B from it; vendor cash 50B, customer nothing.
 *   P_customer = 0 + 10 + 0 = 10B: y_c = 10 (1 + y_v) / 10 = 1 + y_v
 *   P_vendor = 50 + 10 = 60B: y_v = 10 y_c / 60 = (1 + y_v)/6, so y_v = 1/5
 *   sources(vendor)[vendor] = 50 * 1/5 = 10B: all of its revenue is its own money. */
static void test_vendor_loan_is_circular(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId v = decl(f, "vendor", ENT_COMPANY), c = ent(f, "customer");
    attr(f, v, A_CASH, 50 * B);
    deal(f, VERB_LENDS, v, c, 10 * B);
    deal(f, VERB_BUYS, c, v, 10 * B);
    Engine *e = engine_new(f->w);
    Sources s;
    sources_of(engine_solver(e), v, &s);
    assert_int_equal(s.n, 1);
    assert_near(share(&s, v, false), 10 * B, 1e-9);
    sources_release(&s);
    assert_near(fig(e, FIG_CIRCULARITY, v), 1.0, 1e-9);
    /* the customer's 10B came from the vendor too: y_v' = 10/60 for target customer */
    sources_of(engine_solver(e), c, &s);
    assert_near(share(&s, v, false), 10 * B, 1e-9);
    sources_release(&s);
    assert_near(fig(e, FIG_CIRCULARITY, c), 0, 1e-12);   /* own 0: nothing of its own */
    engine_free(e);
    fix_free(f);
}

/* A chain with no loop: users (market) pay 30B to a, a pays 20B to b, b pays 50B to c.
 *   b: own 0, in 20, out 50 -> gap 30B. P_b = 50, y_b = 50/50 = 1.
 *   a: P_a = 30, y_a = 20 y_b / 30 = 2/3. users: P = own 30, y_u = 30 y_a / 30 = 2/3.
 *   sources(c): users 2/3 * 30 = 20B, unfunded at b 1 * 30 = 30B; sum 50B = in(c). */
static void test_chain_with_gap(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId u = decl(f, "users", ENT_MARKET), a = ent(f, "a"), b = ent(f, "b"), c = ent(f, "c");
    deal(f, VERB_PAYS, u, a, 30 * B);
    deal(f, VERB_PAYS, a, b, 20 * B);
    deal(f, VERB_PAYS, b, c, 50 * B);
    Engine *e = engine_new(f->w);
    Sources s;
    sources_of(engine_solver(e), c, &s);
    assert_int_equal(s.n, 2);
    assert_true(s.items[0].unfunded);
    assert_int_equal(s.items[0].origin, b);
    assert_near(s.items[0].usd, 30 * B, 1e-9);
    assert_near(share(&s, u, false), 20 * B, 1e-9);
    assert_near(s.unattributed, 0, 1e-9);
    sources_release(&s);
    assert_near(fig(e, FIG_CIRCULARITY, c), 0, 1e-12);
    /* sources of a: all 30B from users */
    sources_of(engine_solver(e), a, &s);
    assert_near(share(&s, u, false), 30 * B, 1e-9);
    sources_release(&s);
    engine_free(e);
    fix_free(f);
}

/* A pure loop with no resources: x pays 10B to y, y pays 10B to x. No origin explains it:
 * all 10B is unattributed, circularity is 0 (nothing of x's own came back), never NaN. */
static void test_pure_loop_unattributed(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId x = ent(f, "x"), y = ent(f, "y");
    deal(f, VERB_PAYS, x, y, 10 * B);
    deal(f, VERB_PAYS, y, x, 10 * B);
    Engine *e = engine_new(f->w);
    Sources s;
    sources_of(engine_solver(e), x, &s);
    assert_int_equal(s.n, 0);
    assert_near(s.unattributed, 10 * B, 1e-12);
    sources_release(&s);
    assert_near(fig(e, FIG_CIRCULARITY, x), 0, 0);
    double tc;
    assert_true(figure_system(e, SYS_TOTAL_CIRCULATED, &tc));
    assert_near(tc, 0, 0);
    engine_free(e);
    fix_free(f);
}

/* An entity nobody pays: no inflow, circularity undefined. */
static void test_no_inflow(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId a = decl(f, "a", ENT_COMPANY), b = ent(f, "b");
    attr(f, a, A_CASH, 5 * B);
    deal(f, VERB_PAYS, a, b, 1 * B);
    Engine *e = engine_new(f->w);
    double c;
    assert_false(figure_entity(e, FIG_CIRCULARITY, a, &c));
    Sources s;
    sources_of(engine_solver(e), a, &s);
    assert_int_equal(s.n, 0);
    assert_near(s.unattributed, 0, 0);
    sources_release(&s);
    engine_free(e);
    fix_free(f);
}

/* A 10,000-entity ring with one funded entity: the solve stays finite and sums to in(v).
 *   e0 has cash 1B and pays 1B to e1, each e_i pays 1B to e_{i+1}, e9999 pays 1B to e0.
 *   Every dollar entering e0 started as e0's cash (it is the only origin), so
 *   sources(e0)[e0] = 1B and circularity(e0) = 100%. */
static void test_big_ring(void **state)
{
    (void)state;
    Fix *f = fix_new();
    enum { N = 10000 };
    EntId id[N];
    char name[32];
    for (int i = 0; i < N; i++) {
        snprintf(name, sizeof name, "e%d", i);
        id[i] = ent(f, name);
    }
    attr(f, id[0], A_CASH, 1 * B);
    for (int i = 0; i < N; i++)
        deal(f, VERB_PAYS, id[i], id[(i + 1) % N], 1 * B);
    Engine *e = engine_new(f->w);
    Sources s;
    sources_of(engine_solver(e), id[0], &s);
    assert_int_equal(s.n, 1);
    assert_near(s.items[0].usd, 1 * B, 1e-9);
    sources_release(&s);
    assert_near(fig(e, FIG_CIRCULARITY, id[0]), 1.0, 1e-9);
    engine_free(e);
    fix_free(f);
}

/* A loop that leaks little: a and b pay each other 100B, a has 0.1B cash, nothing else.
 * a is the only origin, so all of in(a) = 100B is a's own money: circularity 100%.
 * (Gauss-Seidel would shrink the error by only ~0.1% a sweep here; the exact solve is
 * used for small sets.) */
static void test_leaky_loop_exact(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId a = decl(f, "a", ENT_COMPANY), b = ent(f, "b");
    attr(f, a, A_CASH, 0.1 * B);
    deal(f, VERB_PAYS, a, b, 100 * B);
    deal(f, VERB_PAYS, b, a, 100 * B);
    Engine *e = engine_new(f->w);
    Sources s;
    sources_of(engine_solver(e), a, &s);
    assert_true(s.converged);
    assert_int_equal(s.sweeps, 0);
    assert_int_equal(s.n, 1);
    assert_near(s.items[0].usd, 100 * B, 1e-9);
    sources_release(&s);
    assert_near(fig(e, FIG_CIRCULARITY, a), 1.0, 1e-9);
    engine_free(e);
    fix_free(f);
}

/* Gauss-Seidel and the exact solve agree on a 400-entity web with loops, gaps and a market
 * (a deterministic pseudo-random web; the answer is checked against itself two ways, and
 * against the invariant sum of origins == in). */
static void test_gauss_seidel_matches_exact(void **state)
{
    (void)state;
    Fix *f = fix_new();
    enum { N = 400 };
    EntId id[N];
    char name[16];
    unsigned r = 12345;
    for (int i = 0; i < N; i++) {
        snprintf(name, sizeof name, "e%03d", i % 1000);
        id[i] = decl(f, name, i == 0 ? ENT_MARKET : ENT_COMPANY);
        if (i % 3)
            attr(f, id[i], A_CASH, (double)(i % 7) * B);
    }
    for (int k = 0; k < 4 * N; k++) {
        r = r * 1103515245u + 12345u;
        EntId p = id[(r >> 8) % N];
        r = r * 1103515245u + 12345u;
        EntId q = id[1 + (r >> 8) % (N - 1)];
        if (p != q)
            deal(f, VERB_PAYS, p, q, (double)(1 + (r >> 4) % 9) * B);
    }
    Engine *e = engine_new(f->w);
    SourceSolver *gs = source_solver_new(engine_graph(e));
    source_solver_set_dense_max(gs, 0);
    SourceSolver *ex = source_solver_new(engine_graph(e));
    source_solver_set_dense_max(ex, N);
    for (int i = 1; i < N; i += 37) {
        Sources a, b;
        sources_of(gs, id[i], &a);
        sources_of(ex, id[i], &b);
        assert_true(a.converged);
        assert_true(a.sweeps > 0);
        assert_int_equal(b.sweeps, 0);
        assert_int_equal(a.n, b.n);
        for (size_t j = 0; j < a.n; j++)
            assert_near(share(&a, b.items[j].origin, b.items[j].unfunded), b.items[j].usd, 1e-9);
        assert_near(sum_items(&a), a.in, 1e-9);
        assert_near(sum_items(&b), b.in, 1e-9);
        sources_release(&a);
        sources_release(&b);
    }
    source_solver_free(gs);
    source_solver_free(ex);
    engine_free(e);
    fix_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_triangle), cmocka_unit_test(test_vendor_loan_is_circular),
        cmocka_unit_test(test_chain_with_gap), cmocka_unit_test(test_pure_loop_unattributed),
        cmocka_unit_test(test_no_inflow), cmocka_unit_test(test_big_ring),
        cmocka_unit_test(test_leaky_loop_exact), cmocka_unit_test(test_gauss_seidel_matches_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
