/* test_debtrank.c - original (Battiston et al. 2012, Sci. Rep. 2:541) and differential
 * (Bardoscia et al. 2015, PLoS ONE 10(6):e0130406) DebtRank on small graphs worked out by
 * hand. Bardoscia et al. show that the original form, where each bank propagates only once,
 * underestimates losses on loops, while both forms agree on trees; the two-bank loop and
 * the three-bank chain below are constructed to show exactly that (computed by hand).
 * The published examples (Battiston et al.'s SI Figure 5, the NetworkRiskMeasures README)
 * follow them, with their sources; their differential values are worked out by hand.
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
 * h = 0.5 would cost b 1.5 of its equity -> differential h_b = 1. The original form caps the
 * weight itself (Battiston et al. 2012: W = min(1, A/E)), so b takes h_a x 1 = 0.5.
 * Weights given apart from the amounts. */
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
    assert_near(h[1], 0.5, 1e-15);
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

/* ---- Published examples ----
 *
 * Battiston, Puliga, Kaushik, Tasca, Caldarelli (2012), "DebtRank: Too central to fail?",
 * Sci. Rep. 2:541, Supplementary Information, Figure 5: eight nodes; node 1 defaults. The
 * network and the original-DebtRank results are transcribed, with the paper's notation
 * W_ij = min{1, A_ji / E_j}, in V. Voutilainen's worked notebook
 * https://vvoutilainen.github.io/assets/notebooks/debtrank_example.html (repository
 * vvoutilainen/vvoutilainen.github.io, assets/notebooks/debtrank_example.html), read as
 * equity stakes: "2 -> 1, 4" is node 2 holding 4 of node 1's equity.
 *   stakes: 2->1 4, 5->2 3, 7->5 5, 2->5 2, 3->1 6, 4->1 3, 6->4 2, 8->6 7, 5->6 2
 *   equity E = (14, 6, 56, 8, 15, 9, 90, 50)  (nodes 1..8)
 * Two published runs, original DebtRank, node 1 at h = 1:
 *   (a) every impact forced to 0.5 as in the paper's Figure 5:
 *       h = (1, 0.625, 0.5, 0.5, 0.375, 0.25, 0.125, 0.125), DebtRank 0.357
 *   (b) the impacts from the stakes, W = stake / E of the holder:
 *       h = (1, 0.711111, 0.107143, 0.375, 0.144444, 0.083333, 0.007407, 0.011667),
 *       DebtRank 0.207
 * DebtRank = sum_k (h_k - h0_k) v_k with v_k = (stakes k holds) / (all stakes = 34).
 * The differential values are not published; they are worked out by hand below. The graph
 * has one loop, 2 <-> 5 (2 holds 5 and 5 holds 2): exactly where Bardoscia et al. (2015)
 * say the original form under-counts. */
enum { F5_N = 8, F5_M = 9 };
static const uint32_t f5_holder[F5_M] = {2, 5, 7, 2, 3, 4, 6, 8, 5};
static const uint32_t f5_issuer[F5_M] = {1, 2, 5, 5, 1, 1, 4, 6, 6};
static const double f5_stake[F5_M] = {4, 3, 5, 2, 6, 3, 2, 7, 2};
static const double f5_equity[F5_N] = {14, 6, 56, 8, 15, 9, 90, 50};

/* Rows are the issuer (whose distress spreads), entries the holder; weight 0.5 each (half)
 * or stake / equity of the holder. */
static void f5_graph(Csr *g, double *w, bool half)
{
    WEdge e[F5_M];
    for (int k = 0; k < F5_M; k++)
        e[k] = (WEdge){f5_issuer[k] - 1, f5_holder[k] - 1,
                       half ? 0.5 : f5_stake[k] / f5_equity[f5_holder[k] - 1]};
    csr_build(g, F5_N, e, F5_M);
    for (size_t k = 0; k < g->m; k++)
        w[k] = g->amt[k];
}

static double f5_debtrank(const double *h)
{
    double r = 0;
    for (int k = 0; k < F5_M; k++)
        r += f5_stake[k] * h[f5_holder[k] - 1]; /* v_k = stakes held / 34; node 1 holds none */
    return r / 34;
}

/* Original, impacts 0.5: t1 node 1 spreads 1 to its holders 2, 3, 4 -> 0.5 each; t2 they
 * spread 0.5: 5 (holds 2) and 6 (holds 4) get 0.25; t3 5 and 6 spread 0.25: 7 and 2 (hold
 * 5) get 0.125 -> h2 = 0.625 (2 is inactive but still loses), 8 and 5 (hold 6) get 0.125
 * -> h5 = 0.375; t4 7 and 8 spread to nobody. DebtRank (6 x .625 + 6 x .5 + 3 x .5
 * + 5 x .375 + 2 x .25 + 5 x .125 + 7 x .125) / 34 = 12.125 / 34 = 0.3566.
 * Differential (h = h0 + W h, nobody capped but node 1): h3 = h4 = 0.5, h6 = 0.5 h4 = 0.25,
 * h8 = 0.125; h2 = 0.5 + 0.5 h5, h5 = 0.5 h2 + 0.5 h6 -> h2 = 0.5625 / 0.75 = 0.75,
 * h5 = 0.5, h7 = 0.5 h5 = 0.25: the loop 2 <-> 5 adds 0.125 to both. */
static void battiston_fig5_half(void **state)
{
    (void)state;
    Csr g;
    double w[F5_M], h0[F5_N] = {1}, h[F5_N];
    f5_graph(&g, w, true);
    bool conv;
    debtrank_run(DR_ORIGINAL, &g, w, h0, h, &conv);
    const double orig[F5_N] = {1, 0.625, 0.5, 0.5, 0.375, 0.25, 0.125, 0.125};
    for (int i = 0; i < F5_N; i++)
        assert_near(h[i], orig[i], 1e-15);
    assert_near(f5_debtrank(h), 0.357, 5e-4);
    debtrank_run(DR_DIFFERENTIAL, &g, w, h0, h, &conv);
    assert_true(conv);
    const double diff[F5_N] = {1, 0.75, 0.5, 0.5, 0.5, 0.25, 0.25, 0.125};
    for (int i = 0; i < F5_N; i++)
        assert_near(h[i], diff[i], 1e-10);
    csr_free(&g);
}

/* Original, W from the stakes: t1 h2 = 4/6, h3 = 6/56 = 3/28, h4 = 3/8; t2 2 spreads to 5
 * (3/15 x 2/3 = 2/15), 4 to 6 (2/9 x 3/8 = 1/12), 3 to nobody; t3 5 spreads 2/15 to 7
 * (5/90 -> 1/135) and 2 (2/6 -> 2/45: h2 = 32/45), 6 spreads 1/12 to 8 (7/50 -> 7/600) and
 * 5 (2/15 -> 1/90: h5 = 13/90); t4 nobody holds 7 or 8.
 * Differential: h2 = 2/3 + h5/3, h5 = h2/5 + (2/15)(1/12) = h2/5 + 1/90
 *   -> (14/15) h2 = 2/3 + 1/270 = 181/270 -> h2 = 181/252 = 0.718254,
 *   h5 = 181/1260 + 14/1260 = 13/84 = 0.154762, h7 = (5/90)(13/84) = 13/1512;
 *   the rest as in the original (no loop through them). */
static void battiston_fig5_stakes(void **state)
{
    (void)state;
    Csr g;
    double w[F5_M], h0[F5_N] = {1}, h[F5_N];
    f5_graph(&g, w, false);
    bool conv;
    debtrank_run(DR_ORIGINAL, &g, w, h0, h, &conv);
    const double exact[F5_N] = {1, 32.0 / 45, 3.0 / 28, 3.0 / 8, 13.0 / 90, 1.0 / 12, 1.0 / 135,
                                7.0 / 600};
    const double published[F5_N] = {1, 0.711111, 0.107143, 0.375, 0.144444, 0.083333, 0.007407,
                                    0.011667};
    for (int i = 0; i < F5_N; i++) {
        assert_near(h[i], exact[i], 1e-14);
        assert_near(h[i], published[i], 5e-7);
    }
    assert_near(f5_debtrank(h), 0.207, 5e-4);
    debtrank_run(DR_DIFFERENTIAL, &g, w, h0, h, &conv);
    assert_true(conv);
    const double diff[F5_N] = {1, 181.0 / 252, 3.0 / 28, 3.0 / 8, 13.0 / 84, 1.0 / 12, 13.0 / 1512,
                               7.0 / 600};
    for (int i = 0; i < F5_N; i++)
        assert_near(h[i], diff[i], 1e-10);
    csr_free(&g);
}

/* The example of the R package NetworkRiskMeasures (Cinelli & Silva), function debt_rank,
 * with its printed output in the package README (github.com/carloscinelli/
 * NetworkRiskMeasures, README.md of the 0.1.x releases; debt_rank implements the original
 * DebtRank of Battiston et al. 2012 with weights min(1, exposure / buffer)):
 *   assets: a holds 1 of b; b holds 10 of a and 3 of c; c holds 3 of a and 2 of b;
 *   buffers (equity) a 2, b 5, c 2; node weights 10, 100, 30 (of 140).
 * Printed: each default in turn -> additional stress a 0.9285714 (2 more defaults),
 * c 0.6642857 (none), b 0.2500000 (1); a 10% shock to all three -> h = (0.15, 0.26, 0.30),
 * additional stress 16.07%, no default.
 * By hand (W = min(1, A/E): b<-a 1 (10/5 capped), c<-a 1 (3/2 capped), a<-b 0.5,
 * c<-b 1, b<-c 0.6):
 *   shock: everyone spreads 0.1 once: a 0.1 + 0.05, b 0.1 + 0.1 + 0.06, c 0.1 + 0.1 + 0.1;
 *     (0.5 x 10 + 0.16 x 100 + 0.2 x 30) / 140 = 22.5 / 140 = 0.160714.
 *   a defaults: b and c reach 1: (100 + 30) / 140 = 0.928571.
 *   c defaults: b 0.6; then a 0.5 x 0.6 = 0.3; then b 0.6 + 1 x 0.3 = 0.9:
 *     (10 x 0.3 + 100 x 0.9) / 140 = 93 / 140 = 0.664286.
 *   b defaults: a 0.5, c 1: (5 + 30) / 140 = 0.25.
 * Without the cap (W_ba = 2) "c defaults" would end with b at 1: the cap is what matches.
 * Differential (ours; Lambda uncapped), the 10% shock: the limit is the least h >= h0 with
 * h = min(1, h0 + Lambda h); h_b < 1 would need h_b = 0.1 + 2 (0.1 + 0.5 h_b) + 0.6 h_c,
 * i.e. 0 = 0.3 + 0.6 h_c: impossible, so h_b = 1, h_a = 0.1 + 0.5 = 0.6, and
 * h_c = min(1, 0.1 + 1.5 x 0.6 + 1) = 1: (0.6, 1, 1) -- the a <-> b loop (gain 0.5 x 2 = 1)
 * is the unstable case. */
static double nrm_additional(const double *h, const double *h0)
{
    const double wt[3] = {10, 100, 30};
    double r = 0;
    for (int i = 0; i < 3; i++)
        r += wt[i] * (h[i] - h0[i]);
    return r / 140;
}

static void nrm_readme_example(void **state)
{
    (void)state;
    WEdge e[] = {{0, 1, 10.0 / 5}, {0, 2, 3.0 / 2}, {1, 0, 1.0 / 2}, {1, 2, 2.0 / 2}, {2, 1, 3.0 / 5}};
    Csr g;
    csr_build(&g, 3, e, 5);
    bool conv;
    double h[3];
    double shock[3] = {0.1, 0.1, 0.1};
    debtrank_run(DR_ORIGINAL, &g, NULL, shock, h, &conv);
    assert_near(h[0], 0.15, 1e-15);
    assert_near(h[1], 0.26, 1e-15);
    assert_near(h[2], 0.30, 1e-15);
    assert_near(nrm_additional(h, shock), 0.1607, 5e-5);
    const double published[3] = {0.9285714, 0.2500000, 0.6642857};
    const int defaults[3] = {2, 1, 0};
    for (int v = 0; v < 3; v++) {
        double h0[3] = {0, 0, 0};
        h0[v] = 1;
        debtrank_run(DR_ORIGINAL, &g, NULL, h0, h, &conv);
        assert_near(nrm_additional(h, h0), published[v], 5e-8);
        int nd = 0;
        for (int i = 0; i < 3; i++)
            nd += i != v && h[i] >= 1;
        assert_int_equal(nd, defaults[v]);
    }
    debtrank_run(DR_DIFFERENTIAL, &g, NULL, shock, h, &conv);
    assert_true(conv);
    assert_near(h[0], 0.6, 1e-10);
    assert_near(h[1], 1, 0);
    assert_near(h[2], 1, 0);
    csr_free(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loop_original_vs_differential),
        cmocka_unit_test(chain_both_agree),
        cmocka_unit_test(capped_at_one_and_weights),
        cmocka_unit_test(unstable_loop_defaults),
        cmocka_unit_test(battiston_fig5_half),
        cmocka_unit_test(battiston_fig5_stakes),
        cmocka_unit_test(nrm_readme_example),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
