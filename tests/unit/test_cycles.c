/* test_cycles.c - SCCs and elementary cycles, bounds, and very long loops. */
#include "enginefix.h"
#include "cycles.h"

static Cycles find_all(Engine *e, size_t max)
{
    Cycles c;
    cycles_find(engine_graph(e), engine_components(e), max, CYCLES_MAX_STEPS, &c);
    return c;
}

/* The triangle has one loop nvidia -> openai -> oracle -> nvidia; its smallest edge is
 * oracle's 40B purchase. */
static void test_triangle(void **state)
{
    (void)state;
    Fix *f = fix_new();
    Tri t = triangle(f);
    Engine *e = engine_new(f->w);
    Cycles c = find_all(e, CYCLES_MAX);
    assert_int_equal(c.n, 1);
    assert_false(c.truncated);
    assert_int_equal(c.items[0].len, 3);
    assert_int_equal(c.items[0].path[0], t.nv);
    assert_int_equal(c.items[0].path[1], t.oa);
    assert_int_equal(c.items[0].path[2], t.orc);
    assert_near(c.items[0].bottleneck, 40 * B, 1e-12);
    cycles_free(&c);
    engine_free(e);
    fix_free(f);
}

/* a->b 5, b->a 3, b->c 7, c->a 2, and a self-payment d->d 1, plus a chain x->y.
 * Loops: [a b] bottleneck min(5,3) = 3; [a b c] min(5,7,2) = 2; [d] 1. Largest first.
 * Components: {a,b,c}, {d}, {x}, {y} = 4. */
static void test_shared_edge_and_self_loop(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId c_ = ent(f, "c"), a = ent(f, "a"), b = ent(f, "b"), d = ent(f, "d");
    EntId x = ent(f, "x"), y = ent(f, "y");
    deal(f, VERB_PAYS, a, b, 5);
    deal(f, VERB_PAYS, b, a, 3);
    deal(f, VERB_PAYS, b, c_, 7);
    deal(f, VERB_PAYS, c_, a, 2);
    deal(f, VERB_PAYS, d, d, 1);
    deal(f, VERB_PAYS, x, y, 9);
    Engine *e = engine_new(f->w);
    uint32_t nc;
    uint32_t *comp = scc_tarjan(engine_graph(e), &nc);
    assert_int_equal(nc, 4);
    assert_int_equal(comp[a], comp[b]);
    assert_int_equal(comp[a], comp[c_]);
    assert_int_not_equal(comp[x], comp[y]);
    free(comp);
    Cycles c = find_all(e, CYCLES_MAX);
    assert_int_equal(c.n, 3);
    assert_near(c.items[0].bottleneck, 3, 0);
    assert_int_equal(c.items[0].len, 2);
    assert_int_equal(c.items[0].path[0], a);   /* starts at the smallest name */
    assert_near(c.items[1].bottleneck, 2, 0);
    assert_int_equal(c.items[1].len, 3);
    assert_int_equal(c.items[1].path[0], a);
    assert_int_equal(c.items[1].path[1], b);
    assert_int_equal(c.items[1].path[2], c_);
    assert_int_equal(c.items[2].len, 1);
    assert_int_equal(c.items[2].path[0], d);
    cycles_free(&c);
    engine_free(e);
    fix_free(f);
}

/* Complete digraphs: K_n has sum_{k=2..n} C(n,k) (k-1)! elementary cycles.
 *   K4: 6*1 + 4*2 + 1*6 = 20.
 *   K8: 28 + 56*2 + 70*6 + 56*24 + 28*120 + 8*720 + 5040 = 16064 > 10000: the bound cuts. */
static void complete(Fix *f, int n)
{
    EntId id[8];
    char name[16];
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "k%d", i);
        id[i] = ent(f, name);
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            if (i != j)
                deal(f, VERB_PAYS, id[i], id[j], 1 + i + j);
}

static void test_complete_graphs(void **state)
{
    (void)state;
    Fix *f = fix_new();
    complete(f, 4);
    Engine *e = engine_new(f->w);
    Cycles c = find_all(e, CYCLES_MAX);
    assert_int_equal(c.n, 20);
    assert_false(c.truncated);
    for (size_t i = 1; i < c.n; i++)
        assert_true(c.items[i - 1].bottleneck >= c.items[i].bottleneck);
    cycles_free(&c);
    engine_free(e);
    fix_free(f);

    f = fix_new();
    complete(f, 8);
    e = engine_new(f->w);
    c = find_all(e, 20000);
    assert_int_equal(c.n, 16064);
    assert_false(c.truncated);
    cycles_free(&c);
    /* Cut at 10000: the list becomes the shortest cycles: all 28 + 112 + 420 + 1344 + 3360
     * = 5264 of length 2..6, then 4736 of the 5760 of length 7, none of length 8. */
    c = find_all(e, CYCLES_MAX);
    assert_int_equal(c.n, CYCLES_MAX);
    assert_true(c.truncated);
    size_t bylen[9] = {0};
    for (size_t i = 0; i < c.n; i++)
        bylen[c.items[i].len]++;
    assert_int_equal(bylen[2], 28);
    assert_int_equal(bylen[3], 112);
    assert_int_equal(bylen[6], 3360);
    assert_int_equal(bylen[7], 4736);
    assert_int_equal(bylen[8], 0);
    cycles_free(&c);
    /* a step budget cuts too */
    cycles_find(engine_graph(e), engine_components(e), CYCLES_MAX, 1000, &c);
    assert_true(c.truncated);
    assert_true(c.n < CYCLES_MAX);
    cycles_free(&c);
    engine_free(e);
    fix_free(f);
}

/* A loop through 10,000 entities: one component, one cycle, no recursion depth problem.
 * Edge i -> i+1 weighs 1000 + i, so the bottleneck is the first edge, 1000. */
static void test_long_loop(void **state)
{
    (void)state;
    Fix *f = fix_new();
    enum { N = 10000 };
    char name[16];
    for (int i = 0; i < N; i++) {
        snprintf(name, sizeof name, "e%05d", i % 100000);
        ent(f, name);
    }
    for (EntId i = 0; i < N; i++)
        deal(f, VERB_PAYS, i, (i + 1) % N, 1000 + i);
    Engine *e = engine_new(f->w);
    uint32_t nc;
    uint32_t *comp = scc_tarjan(engine_graph(e), &nc);
    assert_int_equal(nc, 1);
    free(comp);
    Cycles c = find_all(e, CYCLES_MAX);
    assert_int_equal(c.n, 1);
    assert_int_equal(c.items[0].len, N);
    assert_int_equal(c.items[0].path[0], 0);
    assert_near(c.items[0].bottleneck, 1000, 0);
    cycles_free(&c);
    engine_free(e);
    fix_free(f);
}

/* No loops at all, and an empty world. */
static void test_acyclic_and_empty(void **state)
{
    (void)state;
    Fix *f = fix_new();
    Engine *e = engine_new(f->w);
    Cycles c = find_all(e, CYCLES_MAX);
    assert_int_equal(c.n, 0);
    cycles_free(&c);
    engine_free(e);
    EntId a = ent(f, "a"), b = ent(f, "b");
    deal(f, VERB_PAYS, a, b, 1);
    deal(f, VERB_LENDS, a, b, 1);
    e = engine_new(f->w);
    c = find_all(e, CYCLES_MAX);
    assert_int_equal(c.n, 0);
    assert_false(c.truncated);
    cycles_free(&c);
    engine_free(e);
    fix_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_triangle), cmocka_unit_test(test_shared_edge_and_self_loop),
        cmocka_unit_test(test_complete_graphs), cmocka_unit_test(test_long_loop),
        cmocka_unit_test(test_acyclic_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
