/* test_graph.c - the money graph: which deals are edges, aggregation, in/out/own/gap. */
#include "enginefix.h"
#include "graph.h"

/* Triangle: in/out are the edge sums; own = cash + one year of revenue; no gap.
 *   own: nvidia 56+165 = 221B, openai 20+13 = 33B, oracle 11+57 = 68B
 *   gap(openai) = max(0, 100 - 33 - 100) = 0 */
static void test_triangle_sums(void **state)
{
    (void)state;
    Fix *f = fix_new();
    Tri t = triangle(f);
    Graph *g = graph_new(f->w);
    assert_int_equal(g->n, 3);
    assert_int_equal(g->m, 3);
    assert_near(g->in_usd[t.nv], 40 * B, 1e-12);
    assert_near(g->out_usd[t.nv], 100 * B, 1e-12);
    assert_near(g->in_usd[t.oa], 100 * B, 1e-12);
    assert_near(g->own[t.nv], 221 * B, 1e-12);
    assert_near(g->own[t.oa], 33 * B, 1e-12);
    assert_near(g->own[t.orc], 68 * B, 1e-12);
    assert_near(g->gap[t.oa], 0, 1e-12);
    assert_near(graph_w(g, t.oa, t.orc), 100 * B, 1e-12);
    assert_near(graph_w(g, t.orc, t.oa), 0, 1e-12);
    graph_free(g);
    fix_free(f);
}

/* Parallel deals merge into one edge; grants, guarantees and nonbinding deals are not edges.
 *   a pays 3B to b; a lends 4B to b; a buys 5B from b  -> w(a,b) = 12B, buys 5B, fund 4B
 *   a guarantees 100B to b; a grants b 1M shares; a buys 7B from b nonbinding -> no edge
 *   nb_in(b) = 7B; borrowed(b) = 4B; commitments(a) = 3 + 5 = 8B = backlog(b) */
static void test_aggregation_and_kinds(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId a = ent(f, "a"), b = ent(f, "b");
    deal(f, VERB_PAYS, a, b, 3 * B);
    deal(f, VERB_LENDS, a, b, 4 * B);
    deal(f, VERB_BUYS, a, b, 5 * B);
    deal(f, VERB_GUARANTEES, a, b, 100 * B);
    deal(f, VERB_GRANTS, a, b, 1e6);
    Deal nb = mk(VERB_BUYS, a, b, 7 * B);
    nb.binding = false;
    world_add_deal(f->w, &nb);
    Graph *g = graph_new(f->w);
    assert_int_equal(g->m, 1);
    const GEdge *e = graph_edge(g, a, b);
    assert_non_null(e);
    assert_near(e->w, 12 * B, 1e-12);
    assert_near(e->buys, 5 * B, 1e-12);
    assert_near(e->fund, 4 * B, 1e-12);
    assert_near(e->owed, 8 * B, 1e-12);
    assert_near(g->nb_in[b], 7 * B, 1e-12);
    assert_near(g->borrowed[b], 4 * B, 1e-12);
    assert_near(g->commitments[a], 8 * B, 1e-12);
    assert_near(g->backlog[b], 8 * B, 1e-12);
    /* a has no resources and pays 12B it never received: gap 12B; b receives, no gap */
    assert_near(g->gap[a], 12 * B, 1e-12);
    assert_near(g->gap[b], 0, 1e-12);
    /* the deal index lists all six deals under both a and b */
    assert_int_equal(g->deal_off[a + 1] - g->deal_off[a], 6);
    assert_int_equal(g->deal_off[b + 1] - g->deal_off[b], 6);
    graph_free(g);
    fix_free(f);
}

/* A market's own resources are exactly what it pays, so it never has a gap. */
static void test_market_own(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId u = decl(f, "users", ENT_MARKET), a = ent(f, "a");
    attr(f, u, A_CASH, 1 * B);   /* ignored for a market */
    deal(f, VERB_PAYS, u, a, 13 * B);
    Graph *g = graph_new(f->w);
    assert_near(g->own[u], 13 * B, 1e-12);
    assert_near(g->gap[u], 0, 1e-12);
    assert_true(g->originated[u] && g->originated[a]);
    graph_free(g);
    fix_free(f);
}

/* A closed loop that no own resource or gap feeds is marked as having no origin. */
static void test_origin_marks(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId x = ent(f, "x"), y = ent(f, "y"), z = ent(f, "z");
    deal(f, VERB_PAYS, x, y, 10 * B);
    deal(f, VERB_PAYS, y, x, 10 * B);
    attr(f, z, A_CASH, 1 * B);
    Graph *g = graph_new(f->w);
    assert_false(g->originated[x]);
    assert_false(g->originated[y]);
    assert_true(g->originated[z]);
    graph_free(g);
    fix_free(f);
}

/* Empty world: a graph with no nodes. */
static void test_empty(void **state)
{
    (void)state;
    Fix *f = fix_new();
    Graph *g = graph_new(f->w);
    assert_int_equal(g->n, 0);
    assert_int_equal(g->m, 0);
    assert_near(graph_w(g, 0, 1), 0, 0);
    graph_free(g);
    fix_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_triangle_sums), cmocka_unit_test(test_aggregation_and_kinds),
        cmocka_unit_test(test_market_own), cmocka_unit_test(test_origin_marks),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
