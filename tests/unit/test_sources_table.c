/* test_sources_table.c - the sources of many entities: the one-pass method over the
 * strongly connected components, its bounds, and many entities in one solve, checked
 * against hand solutions and against one exact solve per entity. */
#include "enginefix.h"
#include "cycles.h"
#include "sources.h"
#include "sources_table.h"

static double share(const Sources *s, EntId o, bool unfunded)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->items[i].origin == o && s->items[i].unfunded == unfunded)
            return s->items[i].usd;
    return 0;
}

static SourceTable table_of(Engine *e, bool bounded, SourcesFit want)
{
    SourceTable t;
    size_t loop;
    assert_int_equal(sources_table_all(engine_graph(e), engine_components(e), bounded, &t, &loop),
                     want);
    return t;
}

/* Two Sources agree: the same origins, each within 1e-9 of in, the same unattributed. */
static void assert_same(const Sources *a, const Sources *b)
{
    assert_int_equal(a->of, b->of);
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++)
        assert_near(share(b, a->items[i].origin, a->items[i].unfunded), a->items[i].usd,
                    1e-9 * fmax(1.0, a->in) / fmax(1.0, a->items[i].usd));
    assert_near(a->unattributed, b->unattributed, 1e-9 * fmax(1.0, a->in));
}

/* The triangle (test_sources.c works it by hand): sources of nvidia are oracle 68 y_or,
 * nvidia 221 y_nv, openai 33 y_oa with y_or = 5 / (21 - 5k), k = 10000/34713,
 * y_oa = 100/133 y_or, y_nv = 100/261 y_oa. The whole loop is one component: one solve. */
static void test_triangle_in_one_pass(void **state)
{
    (void)state;
    Fix *f = fix_new();
    Tri t = triangle(f);
    Engine *e = engine_new(f->w);
    double k = 10000.0 / 34713.0, y_or = 5.0 / (21.0 - 5.0 * k);
    double y_oa = 100.0 / 133.0 * y_or, y_nv = 100.0 / 261.0 * y_oa;
    SourceTable tab = table_of(e, true, SOURCES_FIT);
    assert_int_equal(tab.nlisted, 3);
    const Sources *s = &tab.of[t.nv];
    assert_near(s->in, 40 * B, 1e-12);
    assert_int_equal(s->n, 3);
    assert_int_equal(s->items[0].origin, t.orc);   /* sorted as sources_of sorts */
    assert_near(share(s, t.orc, false), y_or * 68 * B, 1e-9);
    assert_near(share(s, t.nv, false), y_nv * 221 * B, 1e-9);
    assert_near(share(s, t.oa, false), y_oa * 33 * B, 1e-9);
    assert_near(s->unattributed, 0, 1e-9);
    for (EntId v = 0; v < 3; v++) {   /* and every other entity as its own solve has it */
        Sources one;
        sources_of(engine_solver(e), v, &one);
        assert_same(&tab.of[v], &one);
        sources_release(&one);
    }
    sources_table_free(&tab);
    engine_free(e);
    fix_free(f);
}

/* A chain (test_sources.c): users pay 30B to a, a pays 20B to b, b pays 50B to c. Every
 * component is one entity: sources(c) = unfunded at b 30B, users 20B; sources(b) =
 * users 20B (two thirds of a's pool, all users' money); sources(a) = users 30B. */
static void test_chain_in_one_pass(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId u = decl(f, "users", ENT_MARKET), a = ent(f, "a"), b = ent(f, "b"), c = ent(f, "c");
    deal(f, VERB_PAYS, u, a, 30 * B);
    deal(f, VERB_PAYS, a, b, 20 * B);
    deal(f, VERB_PAYS, b, c, 50 * B);
    Engine *e = engine_new(f->w);
    SourceTable tab = table_of(e, true, SOURCES_FIT);
    assert_int_equal(tab.of[c].n, 2);
    assert_near(share(&tab.of[c], b, true), 30 * B, 1e-9);
    assert_near(share(&tab.of[c], u, false), 20 * B, 1e-9);
    assert_near(share(&tab.of[b], u, false), 20 * B, 1e-9);
    assert_int_equal(tab.of[b].n, 1);
    assert_near(share(&tab.of[a], u, false), 30 * B, 1e-9);
    assert_int_equal(tab.of[u].n, 0);   /* nothing comes in */
    assert_int_equal(tab.items, 4);
    sources_table_free(&tab);
    engine_free(e);
    fix_free(f);
}

/* A closed loop with nothing of its own (x and y pay each other 10B) is a component no
 * origin feeds: nothing to solve, and all of its inflow is unattributed. */
static void test_unfed_loop(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId x = ent(f, "x"), y = ent(f, "y");
    deal(f, VERB_PAYS, x, y, 10 * B);
    deal(f, VERB_PAYS, y, x, 10 * B);
    Engine *e = engine_new(f->w);
    SourceTable tab = table_of(e, true, SOURCES_FIT);
    assert_int_equal(tab.of[x].n, 0);
    assert_near(tab.of[x].unattributed, 10 * B, 1e-12);
    assert_near(tab.of[y].unattributed, 10 * B, 1e-12);
    sources_table_free(&tab);
    engine_free(e);
    fix_free(f);
}

/* A deterministic pseudo-random web of n entities with loops, gaps and a market. */
static void random_web(Fix *f, EntId *id, int n, int deals, unsigned seed)
{
    char name[16];
    unsigned r = seed;
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "e%03d", i);
        id[i] = decl(f, name, i == 0 ? ENT_MARKET : ENT_COMPANY);
        if (i % 3)
            attr(f, id[i], A_CASH, (double)(i % 7) * B);
    }
    for (int k = 0; k < deals; k++) {
        r = r * 1103515245u + 12345u;
        EntId p = id[(r >> 8) % (unsigned)n];
        r = r * 1103515245u + 12345u;
        EntId q = id[1 + (r >> 8) % (unsigned)(n - 1)];
        if (p != q)
            deal(f, VERB_PAYS, p, q, (double)(1 + (r >> 4) % 9) * B);
    }
}

/* On a 400-entity web (a big component, small ones, chains into and out of it) the one
 * pass gives every entity's sources as one exact solve each does. */
static void test_one_pass_matches_solves(void **state)
{
    (void)state;
    Fix *f = fix_new();
    enum { N = 400 };
    EntId id[N];
    random_web(f, id, N, 2 * N, 777);
    Engine *e = engine_new(f->w);
    SourceTable tab = table_of(e, true, SOURCES_FIT);
    SourceSolver *ex = source_solver_new(engine_graph(e));
    source_solver_set_dense_max(ex, N);
    for (int i = 0; i < N; i++) {
        Sources one;
        sources_of(ex, id[i], &one);
        assert_same(&tab.of[id[i]], &one);
        sources_release(&one);
    }
    source_solver_free(ex);
    sources_table_free(&tab);
    engine_free(e);
    fix_free(f);
}

/* Many entities in one solve, by Gauss-Seidel and exactly, agree with one exact solve
 * each: 25 targets, some with no inflow (the market) and one given twice over batches. */
static void test_many_in_one_solve(void **state)
{
    (void)state;
    Fix *f = fix_new();
    enum { N = 400, K = 25 };
    EntId id[N], v[K];
    random_web(f, id, N, 4 * N, 12345);
    for (int j = 0; j < K; j++)
        v[j] = id[(j * 37) % N];   /* id[0], the market, first */
    Engine *e = engine_new(f->w);
    SourceSolver *gs = source_solver_new(engine_graph(e)), *ex = source_solver_new(engine_graph(e));
    source_solver_set_dense_max(gs, 0);
    source_solver_set_dense_max(ex, N);
    Sources many[K];
    sources_of_many(gs, v, K, many);
    for (int j = 0; j < K; j++) {
        Sources one;
        sources_of(ex, v[j], &one);
        assert_true(many[j].converged);
        assert_same(&many[j], &one);
        sources_release(&one);
        sources_release(&many[j]);
    }
    sources_of_many(ex, v, K, many);   /* exact, all at once */
    for (int j = 0; j < K; j++) {
        Sources one;
        sources_of(ex, v[j], &one);
        assert_int_equal(many[j].sweeps, 0);
        assert_same(&many[j], &one);
        sources_release(&one);
        sources_release(&many[j]);
    }
    SourceTable tab;
    sources_table_of(gs, v, K, &tab);   /* in batches of SOURCES_BATCH */
    assert_int_equal(tab.nlisted, K);
    assert_false(tab.listed[id[1]]);
    for (int j = 0; j < K; j++)
        assert_true(tab.listed[v[j]]);
    sources_table_free(&tab);
    source_solver_free(gs);
    source_solver_free(ex);
    engine_free(e);
    fix_free(f);
}

/* A ring of n entities, each paying 1B to the next; e0 has 1B of cash when funded. */
static void ring(Fix *f, EntId *id, int n, bool funded)
{
    char name[32];
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "e%04d", i);
        id[i] = ent(f, name);
    }
    if (funded)
        attr(f, id[0], A_CASH, 1 * B);
    for (int i = 0; i < n; i++)
        deal(f, VERB_PAYS, id[i], id[(i + 1) % n], 1 * B);
}

/* The bounds: a funded loop of SOURCES_ALL_LOOP + 1 entities is not solved at once
 * (bounded or not); the same loop with no origin needs no solve and fits; a chain (no
 * loop at all) whose sources are more than SOURCES_ALL_ITEMS numbers does not fit. */
static void test_bounds(void **state)
{
    (void)state;
    enum { N = SOURCES_ALL_LOOP + 1 };
    static EntId id[N];
    Fix *f = fix_new();
    ring(f, id, N, true);
    Engine *e = engine_new(f->w);
    SourceTable tab;
    size_t loop;
    assert_int_equal(sources_table_all(engine_graph(e), engine_components(e), false, &tab, &loop),
                     SOURCES_BIG_LOOP);
    assert_int_equal(loop, N);
    assert_null(tab.of);
    assert_null(engine_sources_all(e));
    assert_int_equal(engine_sources_fit(e, &loop), SOURCES_BIG_LOOP);
    engine_free(e);
    fix_free(f);

    f = fix_new();
    ring(f, id, N, false);
    e = engine_new(f->w);
    const SourceTable *all = engine_sources_all(e);
    assert_non_null(all);
    assert_near(all->of[id[5]].unattributed, 1 * B, 1e-12);
    engine_free(e);
    fix_free(f);

    /* chain e0 -> e1 -> ... with 1B of cash each and 1000B passed on: entity i has i
     * origins, so 2100 entities have 2100 * 2099 / 2 > 2,000,000 numbers of sources */
    enum { C = 2100 };
    static EntId ch[C];
    char name[32];
    f = fix_new();
    for (int i = 0; i < C; i++) {
        snprintf(name, sizeof name, "c%04d", i);
        ch[i] = decl(f, name, ENT_COMPANY);
        attr(f, ch[i], A_CASH, 1 * B);
    }
    for (int i = 0; i + 1 < C; i++)
        deal(f, VERB_PAYS, ch[i], ch[i + 1], 1000 * B);
    e = engine_new(f->w);
    assert_int_equal(sources_table_all(engine_graph(e), engine_components(e), true, &tab, &loop),
                     SOURCES_TOO_MANY);
    assert_int_equal(loop, 0);
    engine_free(e);
    fix_free(f);
}

/* The report's table when every entity's is beyond the bounds: the SOURCES_LARGEST
 * entities by in(v), ties by name (in a ring all pay 1B: e0000, e0001, ...), with their
 * circularity cached; every entity's on request. In the ring only e0's cash is an origin,
 * so each entity's inflow is all e0's money and circularity(e0) = 100%. */
static void test_listed_largest(void **state)
{
    (void)state;
    enum { N = SOURCES_ALL_LOOP + 1 };
    static EntId id[N];
    Fix *f = fix_new();
    ring(f, id, N, true);
    attr(f, id[7], A_CASH, 1 * B);
    deal(f, VERB_PAYS, id[7], id[9], 5 * B);   /* e0009 is the largest: in 6B; e0007 has a
                                                  gap of 1 + 1 - 6 = 4B */
    Engine *e = engine_new(f->w);
    EntId top[3];
    assert_int_equal(sources_largest(engine_graph(e), 3, top), 3);
    assert_int_equal(top[0], id[9]);
    assert_int_equal(top[1], id[0]);
    assert_int_equal(top[2], id[1]);
    const SourceTable *t = engine_sources_listed(e, false);
    assert_int_equal(t->nlisted, SOURCES_LARGEST);
    assert_true(t->listed[id[9]]);
    assert_true(t->listed[id[0]]);
    assert_false(t->listed[id[500]]);
    assert_near(t->of[id[9]].in, 6 * B, 1e-12);
    assert_near(fig(e, FIG_CIRCULARITY, id[0]), share(&t->of[id[0]], id[0], false) / (1 * B),
                1e-12);
    engine_free(e);
    e = engine_new(f->w);
    t = engine_sources_listed(e, true);
    assert_int_equal(t->nlisted, N);
    double sum = t->of[id[500]].unattributed;   /* e0's and e7's cash, e7's gap of 4B */
    for (size_t i = 0; i < t->of[id[500]].n; i++)
        sum += t->of[id[500]].items[i].usd;
    assert_int_equal(t->of[id[500]].n, 3);
    assert_near(sum, 1 * B, 1e-9);
    engine_free(e);
    fix_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_triangle_in_one_pass), cmocka_unit_test(test_chain_in_one_pass),
        cmocka_unit_test(test_unfed_loop), cmocka_unit_test(test_one_pass_matches_solves),
        cmocka_unit_test(test_many_in_one_solve), cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_listed_largest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
