/* test_montecarlo.c - the sums of a simulate and the measures read from them
 * (engine/montecarlo.h, docs/RISK.md "Measures"), on numbers worked out by hand. */
#include "testutil.h"
#include "montecarlo.h"

static const char *const NAMES[] = {"a", "b", "c"};

/* 3 defaults in 10 samples, z = 1.959964, z^2 = 3.841459:
 *   p = 0.3, z^2/n = 0.3841459, den = 1.3841459
 *   mid  = (0.3 + 0.1920729) / 1.3841459 = 0.355507
 *   half = 1.959964 x sqrt(0.021 + 0.0096036) / 1.3841459
 *        = 1.959964 x 0.174939 / 1.3841459 = 0.247716
 *   interval [0.107791, 0.603223]. */
static void wilson_three_in_ten(void **st)
{
    (void)st;
    double lo, hi;
    mc_wilson(3, 10, &lo, &hi);
    assert_near(lo, 0.107791, 2e-6);
    assert_near(hi, 0.603222, 2e-6);
}

/* 0 of 10: the interval is [0, z^2 / (n + z^2)] = [0, 3.841459 / 13.841459] = [0, 0.277533];
 * 10 of 10: [n / (n + z^2), 1] = [10 / 13.841459, 1] = [0.722467, 1]. */
static void wilson_edges(void **st)
{
    (void)st;
    double lo, hi;
    mc_wilson(0, 10, &lo, &hi);
    assert_true(lo == 0);
    assert_near(hi, 0.277533, 2e-6);
    mc_wilson(10, 10, &lo, &hi);
    assert_near(lo, 0.722467, 2e-6);
    assert_true(hi == 1);
    mc_wilson(0, 0, &lo, &hi);
    assert_true(lo == 0 && hi == 1);
}

static void sums_with_system_losses(McSum *m, const double *sys, size_t n)
{
    mc_init(m, 3, NAMES, true);
    for (size_t k = 0; k < n; k++)
        mc_add_sample(m, sys[k]);
    mc_finish(m);
}

/* System losses 5, 1, 4, 2, 3 (N = 5); sorted 1 2 3 4 5.
 *   50%: ceil(2.5) = 3 -> VaR 3; ES = mean of the 5 - 3 + 1 = 3 largest = (3+4+5)/3 = 4
 *   95%: ceil(4.75) = 5 -> VaR 5, ES 5;  100%: 5, 5
 *   20%: ceil(1) = 1 -> VaR 1, ES = mean of all five = 3
 *   60%: 0.6 x 5 = 3 (as a double, within rounding of 3) -> VaR 3, ES 4
 *   mean 3. */
static void var_and_es_by_hand(void **st)
{
    (void)st;
    const double sys[] = {5, 1, 4, 2, 3};
    McSum m;
    sums_with_system_losses(&m, sys, 5);
    assert_true(mc_var(&m, 0.5) == 3 && mc_es(&m, 0.5) == 4);
    assert_true(mc_var(&m, 0.95) == 5 && mc_es(&m, 0.95) == 5);
    assert_true(mc_var(&m, 1.0) == 5 && mc_es(&m, 1.0) == 5);
    assert_true(mc_var(&m, 0.2) == 1 && mc_es(&m, 0.2) == 3);
    assert_true(mc_var(&m, 0.6) == 3 && mc_es(&m, 0.6) == 4);
    assert_true(mc_system_mean(&m) == 3);
    mc_free(&m);
}

/* ceil(qN) where qN is an integer up to rounding: 0.07 x 100 = 7.000000000000001 as a
 * double, which is the 7th, not the 8th; 0.29 x 100 = 28.999999999999996 is the 29th. */
static void rank_is_ceil_of_qn(void **st)
{
    (void)st;
    assert_int_equal(mc_rank(0.07, 100), 7);
    assert_int_equal(mc_rank(0.29, 100), 29);
    assert_int_equal(mc_rank(0.95, 10), 10);   /* ceil(9.5) */
    assert_int_equal(mc_rank(0.95, 100000), 95000);
    assert_int_equal(mc_rank(1e-9, 10), 1);
    assert_int_equal(mc_rank(0.5, 0), 0);
}

/* Sums do not depend on the order samples come in: the same losses added in one order, in
 * reverse, and in two parts merged, give the same bits. */
static void exact_sums_any_order(void **st)
{
    (void)st;
    double x[200];
    uint64_t z = 12345;
    for (int i = 0; i < 200; i++) {
        z = z * 6364136223846793005u + 1442695040888963407u;
        x[i] = ((double)(z >> 11) / 9007199254740992.0 - 0.3) * 1e12 / (1 + i % 7);
    }
    McAcc a = {0, 0}, b = {0, 0}, c = {0, 0}, d = {0, 0};
    for (int i = 0; i < 200; i++)
        mc_acc_add(&a, mc_units(x[i]));
    for (int i = 199; i >= 0; i--)
        mc_acc_add(&b, mc_units(x[i]));
    for (int i = 0; i < 200; i += 2)
        mc_acc_add(&c, mc_units(x[i]));
    for (int i = 1; i < 200; i += 2)
        mc_acc_add(&d, mc_units(x[i]));
    mc_acc_sum(&c, d);
    assert_true(a.hi == b.hi && a.lo == b.lo && a.hi == c.hi && a.lo == c.lo);
    double plain = 0;
    for (int i = 0; i < 200; i++)
        plain += x[i];
    assert_near(mc_acc_usd(a), plain, 1e-9);
}

/* Negative sums (gains) and the hex form --merge reads: -1 unit is all ones. */
static void acc_negative_and_hex(void **st)
{
    (void)st;
    McAcc a = {0, 0}, back;
    char hex[33];
    mc_acc_add(&a, mc_units(-1.0 / 256));
    assert_string_equal(mc_acc_hex(a, hex), "ffffffffffffffffffffffffffffffff");
    assert_true(mc_acc_usd(a) == -1.0 / 256);
    mc_acc_add(&a, mc_units(-3e15));
    mc_acc_add(&a, mc_units(-3e15));
    assert_true(mc_acc_usd(a) == -6e15 - 1.0 / 256);
    assert_true(mc_acc_parse(mc_acc_hex(a, hex), &back) && back.hi == a.hi && back.lo == a.lo);
    assert_false(mc_acc_parse("12", &back));
    assert_false(mc_acc_parse("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", &back));
}

/* Two samples of a 4-entity result whose entity 1 is a market (slot UINT32_MAX):
 *   sample 1: a loses 10, market -, b loses 5 (defaults 2026), c 0 -> system 15
 *   sample 2: a loses 20 (defaults 2025), b -1, c 0 -> system 19
 * a: 1 default of 2, in 2025; expected loss 15. b: 1 of 2 (2026); expected loss 2. */
static void results_into_sums(void **st)
{
    (void)st;
    double loss1[] = {10, 99, 5, 0}, loss2[] = {20, 99, -1, 0};
    int round1[] = {0, 0, 1, 0}, round2[] = {2, 0, 0, 0};
    int year1[] = {0, 0, 2026, 0}, year2[] = {2025, 0, 0, 0};
    StressResult r = {.n = 4};
    const uint32_t slot[] = {0, UINT32_MAX, 1, 2};
    McSum m;
    mc_init(&m, 3, NAMES, true);
    r.loss = loss1, r.round = round1, r.year = year1;
    mc_add_result(&m, &r, slot, 4);
    r.loss = loss2, r.round = round2, r.year = year2;
    mc_add_result(&m, &r, slot, 4);
    mc_finish(&m);
    assert_int_equal(m.samples, 2);
    assert_true(mc_probability(&m, 0) == 0.5 && mc_probability(&m, 1) == 0.5);
    assert_true(mc_probability(&m, 2) == 0);
    assert_true(mc_expected_loss(&m, 0) == 15 && mc_expected_loss(&m, 1) == 2);
    assert_true(mc_year_share(&m, 0, 2025) == 0.5 && mc_year_share(&m, 0, 2026) == 0);
    assert_true(mc_probability_by(&m, 1, 2025) == 0 && mc_probability_by(&m, 1, 2026) == 0.5);
    assert_true(m.nsys == 2 && m.sys[0] == 15 && m.sys[1] == 19);
    assert_true(m.first_year == 2025 && m.nyears == 2);
    mc_free(&m);
}

/* Merging a sum into another widens the years seen and adds every count. */
static void merge_widens_years(void **st)
{
    (void)st;
    McSum a, b;
    mc_init(&a, 3, NAMES, true);
    mc_init(&b, 3, NAMES, true);
    mc_add_defaults(&a, 0, 2027, 2);
    mc_add_sample(&a, 1);
    mc_add_sample(&a, 2);
    mc_add_defaults(&b, 0, 2025, 1);
    mc_add_defaults(&b, 2, 2030, 1);
    mc_add_sample(&b, 3);
    mc_merge(&a, &b);
    mc_finish(&a);
    assert_int_equal(a.samples, 3);
    assert_int_equal(a.first_year, 2025);
    assert_int_equal(a.nyears, 6);
    assert_int_equal(a.ent[0].defaults, 3);
    assert_true(mc_year_share(&a, 0, 2027) == 2.0 / 3 && mc_year_share(&a, 2, 2030) == 1.0 / 3);
    assert_true(mc_probability_by(&a, 0, 2026) == 1.0 / 3);
    mc_free(&a);
    mc_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wilson_three_in_ten),
        cmocka_unit_test(wilson_edges),
        cmocka_unit_test(var_and_es_by_hand),
        cmocka_unit_test(rank_is_ceil_of_qn),
        cmocka_unit_test(exact_sums_any_order),
        cmocka_unit_test(acc_negative_and_hex),
        cmocka_unit_test(results_into_sums),
        cmocka_unit_test(merge_widens_years),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
