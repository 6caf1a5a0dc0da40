/* test_clearing.c - the greatest clearing vector (Eisenberg-Noe, Rogers-Veraart) on networks
 * worked out by hand, the round each entity defaults in, the bounds, and the 10k x 1M size.
 *
 * Source of the three-bank network: the example in the documentation of the CRAN package
 * `systemicrisk` (Gandy & Veraart), function default_clearing ("Clearing Vector with
 * Bankruptcy Costs", which implements the Greatest Clearing Vector Algorithm of Rogers &
 * Veraart 2013, Definition 3.6): external assets ea = (1/2, 5/8, 3/4), external liabilities
 * el = (3/2, 1/2, 1/2), L_ij = 1/2 between every pair, run with alpha = beta = 1 and with
 * alpha = 0.5, beta = 0.7. The documentation gives the inputs only; the clearing vectors
 * below are solved by hand (the arithmetic is in each test). External liabilities are
 * obligations to a fourth entity, "outside", that owes nothing. */
#include "testutil.h"
#include "arena.h"
#include "clearing.h"
#include "cascade_net.h"

typedef struct Three {
    Csr ob;
    double e[4], p[4], in[4];
    int round[4];
    ClearingStats st;
} Three;

static void three_banks(Three *t, double alpha, double beta)
{
    WEdge e[] = {{0, 1, 0.5}, {0, 2, 0.5}, {1, 0, 0.5}, {1, 2, 0.5}, {2, 0, 0.5}, {2, 1, 0.5},
                 {0, 3, 1.5}, {1, 3, 0.5}, {2, 3, 0.5}};
    csr_build(&t->ob, 4, e, sizeof e / sizeof *e);
    double ext[4] = {0.5, 0.625, 0.75, 0};
    memcpy(t->e, ext, sizeof ext);
    clearing_run(&t->ob, t->e, alpha, beta, NULL, t->p, t->in, t->round, &t->st);
}

/* L = (2.5, 1.5, 1.5); Pi_1j = 0.2, Pi_2j = Pi_3j = 1/3.
 * Round 1 (all pay in full): bank 1 has 0.5 + 0.5 + 0.5 = 1.5 < 2.5 -> defaults;
 *   banks 2, 3 have 0.625 + 1 = 1.625 >= 1.5 and 0.75 + 1 = 1.75 >= 1.5.
 * Solve D = {1}: p1 = 0.5 + 0.5 + 0.5 = 1.5.
 * Round 2: bank 2 has 0.625 + 0.2 * 1.5 + 0.5 = 1.425 < 1.5 -> defaults; bank 3 has
 *   0.75 + 0.3 + 0.5 = 1.55 >= 1.5.
 * Solve D = {1, 2}: p1 = 0.5 + p2/3 + 1.5/3 = 1 + p2/3; p2 = 0.625 + 0.2 p1 + 0.5.
 *   p1 = 1 + (1.125 + 0.2 p1)/3 = 1.375 + p1/15 -> p1 = 1.375 * 15/14 = 165/112;
 *   p2 = 1.125 + 0.2 * 165/112 = 159/112.
 * Round 3: bank 3 has 0.75 + 0.2 * 165/112 + (159/112)/3 = 1.517857 >= 1.5: done. */
static void en_three_banks(void **state)
{
    (void)state;
    Three t;
    three_banks(&t, 1, 1);
    assert_near(t.ob.rowsum[0], 2.5, 1e-12);
    assert_near(t.p[0], 165.0 / 112, 1e-9);
    assert_near(t.p[1], 159.0 / 112, 1e-9);
    assert_near(t.p[2], 1.5, 1e-12);
    assert_int_equal(t.round[0], 1);
    assert_int_equal(t.round[1], 2);
    assert_int_equal(t.round[2], 0);
    assert_int_equal(t.round[3], 0);
    assert_int_equal(t.st.rounds, 2);
    assert_true(t.st.converged);
    /* outside receives 1.5 * p1/2.5 + 0.5 * p2/1.5 + 0.5 */
    assert_near(t.in[3], 0.6 * 165.0 / 112 + (159.0 / 112) / 3 + 0.5, 1e-9);
    csr_free(&t.ob);
}

/* alpha = 0.5, beta = 0.7.
 * Round 1: bank 1 defaults as above; p1 = 0.5 * 0.5 + 0.7 * (0.5 + 0.5) = 0.95.
 * Round 2: bank 2 has 0.625 + 0.2 * 0.95 + 0.5 = 1.315 < 1.5, bank 3 has
 *   0.75 + 0.19 + 0.5 = 1.44 < 1.5: both default (bank 3 survives without default costs).
 * Solve D = {1, 2, 3}:
 *   p1 = 0.25   + 0.7 (p2 + p3)/3
 *   p2 = 0.3125 + 0.7 (0.2 p1 + p3/3)
 *   p3 = 0.375  + 0.7 (0.2 p1 + p2/3)
 * p2 - p3 = -0.0625 - (0.7/3)(p2 - p3) -> p2 - p3 = -0.0625 / (1 + 7/30) = -75/1480.
 * S = p2 + p3 = 0.6875 + 0.28 p1 + (7/30) S and p1 = 0.25 + (7/30) S
 *   -> (23/30 - 0.28 * 7/30) S = 0.6875 + 0.07 -> (263/375) S = 0.7575 -> S = 1.0800856;
 * p1 = 0.25 + (7/30) S = 4225/8416 = 0.5020200, p2 = (S - 75/1480)/2 = 0.5147049,
 * p3 = (S + 75/1480)/2 = 0.5653806. */
static void rv_three_banks(void **state)
{
    (void)state;
    Three t;
    three_banks(&t, 0.5, 0.7);
    double S = 0.7575 * 375 / 263, d = 0.0625 / (1 + 7.0 / 30);
    assert_near(t.p[0], 4225.0 / 8416, 1e-9);
    assert_near(t.p[0], 0.25 + 7.0 / 30 * S, 1e-9);
    assert_near(t.p[1], (S - d) / 2, 1e-9);
    assert_near(t.p[2], (S + d) / 2, 1e-9);
    assert_int_equal(t.round[0], 1);
    assert_int_equal(t.round[1], 2);
    assert_int_equal(t.round[2], 2);
    assert_int_equal(t.st.rounds, 2);
    csr_free(&t.ob);
}

/* A chain a -> b -> c, 10 each; a has 4, b nothing. a pays 4 (round 1), so b receives 4 and
 * pays 4 (round 2); c is paid 4. Forcing a into default: a pays 0, b pays 0. */
static void chain_and_forced(void **state)
{
    (void)state;
    WEdge e[] = {{0, 1, 10}, {1, 2, 10}};
    Csr ob;
    csr_build(&ob, 3, e, 2);
    double ext[3] = {4, 0, 0}, p[3], in[3];
    int round[3];
    ClearingStats st;
    clearing_run(&ob, ext, 1, 1, NULL, p, in, round, &st);
    assert_near(p[0], 4, 1e-12);
    assert_near(p[1], 4, 1e-9);
    assert_near(in[2], 4, 1e-9);
    assert_int_equal(round[0], 1);
    assert_int_equal(round[1], 2);
    assert_int_equal(round[2], 0);
    bool forced[3] = {true, false, false};
    clearing_run(&ob, ext, 1, 1, forced, p, in, round, &st);
    assert_near(p[0], 0, 0);
    assert_near(p[1], 0, 1e-12);
    assert_int_equal(round[0], 1);
    assert_int_equal(round[1], 1); /* with a paying nothing, b is short from the start */
    csr_free(&ob);
}

/* Rogers & Veraart (2013), "Failure and rescue in an interbank network", Management Science
 * 59(4), Example 3.3 (transcribed in the tests of github.com/ninagad/Greatest-Clearing-
 * Vector-Algorithm): bank 1 owes bank 2 2, bank 2 owes bank 1 2.2, e = (1, 1),
 * alpha = beta = 1/2. Other clearing vectors exist, but the greatest pays in full:
 * 1 + 2.2 >= 2 and 1 + 2 >= 2.2, so p = (2, 2.2) with no default. With bank 1 owing 2.2
 * too: p = (2.2, 2.2). */
static void rv_example_3_3(void **state)
{
    (void)state;
    for (int v = 0; v < 2; v++) {
        WEdge e[] = {{0, 1, v ? 2.2 : 2}, {1, 0, 2.2}};
        Csr ob;
        csr_build(&ob, 2, e, 2);
        double ext[2] = {1, 1}, p[2], in[2];
        int round[2];
        ClearingStats st;
        clearing_run(&ob, ext, 0.5, 0.5, NULL, p, in, round, &st);
        assert_near(p[0], v ? 2.2 : 2, 0);
        assert_near(p[1], 2.2, 0);
        assert_int_equal(round[0] + round[1], 0);
        assert_int_equal(st.rounds, 0);
        csr_free(&ob);
    }
}

/* Rogers & Veraart (2013), Section 5.1, the circular network: six banks in a ring, bank
 * 2k owes bank 2k+1 a = 2, bank 2k+1 owes bank 2k+2 a + eps = 3 (eps = 1); external assets
 * gamma (1 - eps) = 0 for the even (0-based) banks, gamma (1 + eps) = 0.8 for the odd ones
 * (gamma = 0.4); alpha = beta = 1/2. Round 1: the odd banks have 0.8 + 2 = 2.8 < 3 and
 * default; the even banks have 0 + 3 >= 2. Then p_odd = 0.4 + 0.5 * 2 = 1.4, and the even
 * banks have 1.4 < 2: round 2. With everybody in default the paper's closed form is
 *   p_even = alpha gamma / (1 - beta^2) ((1 - eps) + beta (1 + eps)) = 0.2/0.75 * 1 = 0.26667
 *   p_odd  = alpha gamma / (1 - beta^2) (beta (1 - eps) + (1 + eps)) = 0.2/0.75 * 2 = 0.53333
 * (by hand: x = 0.5 y, y = 0.4 + 0.5 x -> y = 0.4/0.75). */
static void rv_section_5_1_ring(void **state)
{
    (void)state;
    WEdge e[6];
    double ext[6], p[6], in[6];
    int round[6];
    for (uint32_t i = 0; i < 6; i++) {
        e[i] = (WEdge){i, (i + 1) % 6, i % 2 ? 3 : 2};
        ext[i] = i % 2 ? 0.8 : 0;
    }
    Csr ob;
    csr_build(&ob, 6, e, 6);
    ClearingStats st;
    clearing_run(&ob, ext, 0.5, 0.5, NULL, p, in, round, &st);
    double k = 0.5 * 0.4 / (1 - 0.25);
    for (int i = 0; i < 6; i++) {
        assert_near(p[i], i % 2 ? k * (0.5 * 0 + 2) : k * (0 + 0.5 * 2), 1e-9);
        assert_int_equal(round[i], i % 2 ? 1 : 2);
    }
    csr_free(&ob);
}

/* Duplicate obligations add up, self-loops and non-positive amounts vanish. */
static void csr_merges(void **state)
{
    (void)state;
    WEdge e[] = {{0, 1, 2}, {0, 1, 3}, {0, 0, 9}, {1, 0, -1}, {1, 0, 4}, {0, 2, 1}};
    Csr g;
    csr_build(&g, 3, e, 6);
    assert_int_equal(g.m, 3);
    assert_int_equal(g.off[1] - g.off[0], 2);
    assert_int_equal(g.to[g.off[0]], 1);
    assert_near(g.amt[g.off[0]], 5, 0);
    assert_near(g.rowsum[0], 6, 0);
    assert_near(g.rowsum[1], 4, 0);
    assert_near(g.rowsum[2], 0, 0);
    csr_free(&g);
}

/* A loop where everybody is short: a owes b 10 and b owes a 10, neither has anything else;
 * it clears in full (each pays with what the other pays). With a owing 10 more to c, a's
 * 20 of debts face 10 of income: p_a = 0 + p_b, p_b = min(10, 0.5 p_a) -> p = 0. The solve
 * must stop (a geometric descent), within the bound. */
static void loop_descends(void **state)
{
    (void)state;
    WEdge e[] = {{0, 1, 10}, {1, 0, 10}, {0, 2, 10}};
    Csr ob;
    csr_build(&ob, 3, e, 3);
    double ext[3] = {0, 0, 0}, p[3], in[3];
    int round[3];
    ClearingStats st;
    clearing_run(&ob, ext, 1, 1, NULL, p, in, round, &st);
    assert_true(st.converged);
    assert_true(p[0] < 1e-6 * 20);
    assert_true(p[1] < 1e-6 * 10);
    assert_int_equal(round[0], 1);
    assert_int_equal(round[1], 2);
    csr_free(&ob);
    WEdge e2[] = {{0, 1, 10}, {1, 0, 10}};
    csr_build(&ob, 2, e2, 2);
    clearing_run(&ob, ext, 1, 1, NULL, p, in, round, &st);
    assert_near(p[0], 10, 0);
    assert_int_equal(round[0] + round[1], 0);
    csr_free(&ob);
}

/* 10k entities, 1M obligations with a long cascade: clears within the bound, and the result
 * is a clearing vector, checked against receipts recomputed here from p (its time is
 * measured by make bench, tests/bench/clearcost.c, never here). */
static void ten_k_by_one_m(void **state)
{
    (void)state;
    size_t n = 10000, m = 1000000;
    WEdge *e = malloc(m * sizeof *e);
    double *ext = malloc(n * sizeof *ext), *p = malloc(n * sizeof *p), *in = malloc(n * sizeof *in);
    int *round = malloc(n * sizeof *round);
    cascade_net(n, m, e, ext);
    Csr ob;
    csr_build(&ob, n, e, m);
    bool *forced = calloc(n, 1);
    forced[0] = forced[1] = true;
    ClearingStats st;
    clearing_run(&ob, ext, 1, 1, forced, p, in, round, &st);
    assert_true(st.converged);
    assert_true(st.rounds >= 1 && (size_t)st.rounds <= n + 1);
    double *got = calloc(n, sizeof *got);
    for (size_t i = 0; i < n; i++)
        for (size_t k = ob.off[i]; k < ob.off[i + 1]; k++)
            got[ob.to[k]] += ob.amt[k] / ob.rowsum[i] * p[i];
    size_t ndef = 0;
    for (size_t i = 0; i < n; i++) {
        double L = ob.rowsum[i], tol = 1e-7 * (L + 1);
        assert_true(fabs(got[i] - in[i]) <= tol);
        if (forced[i]) {
            assert_true(p[i] == 0 && round[i] == 1);
        } else if (round[i] == 0) {
            assert_true(fabs(p[i] - L) <= tol);              /* pays in full ... */
            assert_true(ext[i] + got[i] >= L - tol);         /* ... because it can */
        } else {
            assert_true(fabs(p[i] - fmin(L, ext[i] + got[i])) <= tol); /* pays what it has */
            assert_true(ext[i] + got[i] < L + tol);
        }
        ndef += round[i] > 0;
    }
    assert_true(ndef > 2 && st.rounds >= 2); /* the cascade goes beyond the forced pair */
    free(got);
    csr_free(&ob);
    free(e);
    free(ext);
    free(p);
    free(in);
    free(round);
    free(forced);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(en_three_banks),  cmocka_unit_test(rv_three_banks),
        cmocka_unit_test(chain_and_forced), cmocka_unit_test(csr_merges),
        cmocka_unit_test(loop_descends),   cmocka_unit_test(rv_example_3_3),
        cmocka_unit_test(rv_section_5_1_ring), cmocka_unit_test(ten_k_by_one_m),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
