/* test_debtrank.c - original (Battiston et al. 2012, Sci. Rep. 2:541) and differential
 * (Bardoscia et al. 2015, PLoS ONE 10(6):e0130406) DebtRank on small graphs worked out by
 * hand. Bardoscia et al. show that the original form, where each bank propagates only once,
 * underestimates losses on loops, while both forms agree on trees; the two-bank loop and
 * the three-bank chain below are constructed to show exactly that (the papers' own
 * networks are bank data sets, so these examples are ours, computed by hand).
 *
 * Graph rows are the distressed entity j, entries (i, Lambda_ij): the share of i's equity
 * lost when j's equity is wiped out. */
#include "testutil.h"
#include "arena.h"
#include "debtrank.h"

/* Loop: Lambda_ab = Lambda_ba = 0.5; a starts with h = 0.2.
 * differential: h = h0 + Lambda h  (no entry reaches 1) ->
 *   h_a = 0.2 + 0.5 h_b, h_b = 0.5 h_a -> h_a = 0.2 / 0.75 = 0.266667, h_b = 0.133333;
 *   step by step: (0.2, 0) -> (0.2, 0.1) -> (0.25, 0.1) -> (0.25, 0.125) -> ...
 * original: t0 a distressed; t1 b += 0.5 * 0.2 = 0.1, a inactive, b distressed;
 *   t2 a += 0.5 * 0.1 -> 0.25, b inactive; nobody distressed: (0.25, 0.1). */
static void loop_original_vs_differential(void **state)
{
    (void)state;
    WEdge e[] = {{0, 1, 0.5}, {1, 0, 0.5}};
    Csr g;
    csr_build(&g, 2, e, 2);
    double h0[2] = {0.2, 0}, h[2];
    bool conv;
    debtrank_run(DR_DIFFERENTIAL, &g, NULL, h0, h, &conv);
    assert_true(conv);
    assert_near(h[0], 0.2 / 0.75, 1e-10);
    assert_near(h[1], 0.1 / 0.75, 1e-10);
    int steps = debtrank_run(DR_ORIGINAL, &g, NULL, h0, h, &conv);
    assert_near(h[0], 0.25, 1e-15);
    assert_near(h[1], 0.1, 1e-15);
    assert_int_equal(steps, 2);
    csr_free(&g);
}

/* Chain a -> b -> c: Lambda_ba = 0.5, Lambda_cb = 0.4, a defaulted (h = 1).
 * Both forms: h_b = 0.5 * 1 = 0.5, h_c = 0.4 * 0.5 = 0.2 (a tree: they agree). */
static void chain_both_agree(void **state)
{
    (void)state;
    WEdge e[] = {{0, 1, 0.5}, {1, 2, 0.4}};
    Csr g;
    csr_build(&g, 3, e, 2);
    double h0[3] = {1, 0, 0}, h[3];
    bool conv;
    for (int k = 0; k < 2; k++) {
        debtrank_run(k ? DR_ORIGINAL : DR_DIFFERENTIAL, &g, NULL, h0, h, &conv);
        assert_near(h[0], 1, 0);
        assert_near(h[1], 0.5, 1e-15);
        assert_near(h[2], 0.2, 1e-15);
    }
    csr_free(&g);
}

/* Distress is capped at 1: Lambda_ba = 3 (b's stake in a is three times b's equity); a at
 * h = 0.5 would cost b 1.5 of its equity -> h_b = 1. Weights given apart from the amounts. */
static void capped_at_one_and_weights(void **state)
{
    (void)state;
    WEdge e[] = {{0, 1, 300}};
    Csr g;
    csr_build(&g, 2, e, 1);
    double w[1] = {3}, h0[2] = {0.5, 0}, h[2];
    bool conv;
    debtrank_run(DR_DIFFERENTIAL, &g, w, h0, h, &conv);
    assert_near(h[1], 1, 0);
    debtrank_run(DR_ORIGINAL, &g, w, h0, h, &conv);
    assert_near(h[1], 1, 0);
    csr_free(&g);
}

/* A strong loop (Lambda = 1 both ways, the unstable case of Bardoscia et al.): the
 * differential form drives both to default, h = 1; the original stops at (0.1 + 0.1, 0.1). */
static void unstable_loop_defaults(void **state)
{
    (void)state;
    WEdge e[] = {{0, 1, 1}, {1, 0, 1}};
    Csr g;
    csr_build(&g, 2, e, 2);
    double h0[2] = {0.1, 0}, h[2];
    bool conv;
    debtrank_run(DR_DIFFERENTIAL, &g, NULL, h0, h, &conv);
    /* 0.1 moves around the loop unchanged, so h grows by 0.1 every other step up to 1. */
    assert_true(conv);
    assert_near(h[0], 1, 1e-12);
    assert_near(h[1], 1, 1e-12);
    debtrank_run(DR_ORIGINAL, &g, NULL, h0, h, &conv);
    assert_near(h[0], 0.2, 1e-15);
    assert_near(h[1], 0.1, 1e-15);
    csr_free(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loop_original_vs_differential),
        cmocka_unit_test(chain_both_agree),
        cmocka_unit_test(capped_at_one_and_weights),
        cmocka_unit_test(unstable_loop_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
