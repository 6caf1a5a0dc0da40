/* test_draw.c - the counter-based draws of a simulate (engine/draw.h, docs/RISK.md
 * "Draws"): reproducible by (seed, k, name) alone, and distributed as named. The moment
 * checks allow 4 standard errors of the sample mean (and of the sample variance). */
#include "testutil.h"
#include "draw.h"

#define N 200000

/* FNV-1a 64 test vectors (Fowler, Noll, Vo; the reference's test suite). */
static void name_hash_is_fnv1a(void **st)
{
    (void)st;
    assert_true(draw_name_hash("") == 0xcbf29ce484222325u);
    assert_true(draw_name_hash("a") == 0xaf63dc4c8601ec8cu);
    assert_true(draw_name_hash("foobar") == 0x85944171f73967e8u);
}

/* A draw is a function of (seed, k, name): the same arguments, the same bits, in any order;
 * any other argument, another draw. */
static void draws_depend_on_seed_k_name_only(void **st)
{
    (void)st;
    Dist d = {DIST_NORMAL, {0, 1, 0}};
    uint64_t g = draw_name_hash("g"), h = draw_name_hash("h");
    double later = dist_draw(&d, 7, 1000, g);
    for (uint64_t k = 0; k < 1000; k++)
        (void)dist_draw(&d, 7, k, h);
    assert_true(dist_draw(&d, 7, 1000, g) == later);
    assert_true(dist_draw(&d, 8, 1000, g) != later);
    assert_true(dist_draw(&d, 7, 1001, g) != later);
    assert_true(dist_draw(&d, 7, 1000, h) != later);
}

static void moments(const Dist *d, double *mean, double *var)
{
    double s = 0, s2 = 0;
    uint64_t name = draw_name_hash("x");
    for (uint64_t k = 0; k < N; k++) {
        double x = dist_draw(d, 42, k, name);
        s += x;
        s2 += x * x;
    }
    *mean = s / N;
    *var = s2 / N - *mean * *mean;
}

/* uniform(0, 1): mean 1/2 (sd of the mean 0.2887/sqrt(N) = 0.00065), variance 1/12;
 * every draw strictly inside (0, 1). */
static void uniform_moments(void **st)
{
    (void)st;
    for (uint64_t k = 0; k < N; k++) {
        double u = draw_uniform(1, k, 99, 0);
        assert_true(u > 0 && u < 1);
    }
    Dist d = {DIST_UNIFORM, {0, 1, 0}};
    double m, v;
    moments(&d, &m, &v);
    assert_true(fabs(m - 0.5) < 4 * 0.2887 / sqrt(N));
    assert_true(fabs(v - 1.0 / 12) < 0.002);
}

/* normal(-10%, 20%): mean -0.1 (sd of the mean 0.2/sqrt(N) = 0.00045), variance 0.04
 * (sd of the sample variance 0.04 sqrt(2/N) = 0.00013); P(z < -1) = 0.158655. */
static void normal_moments(void **st)
{
    (void)st;
    Dist d = {DIST_NORMAL, {-0.1, 0.2, 0}};
    double m, v;
    moments(&d, &m, &v);
    assert_true(fabs(m + 0.1) < 4 * 0.2 / sqrt(N));
    assert_true(fabs(v - 0.04) < 4 * 0.04 * sqrt(2.0 / N));
    uint64_t below = 0, name = draw_name_hash("z");
    Dist z = {DIST_NORMAL, {0, 1, 0}};
    for (uint64_t k = 0; k < N; k++)
        below += dist_draw(&z, 3, k, name) < -1;
    assert_true(fabs((double)below / N - 0.158655) < 4 * sqrt(0.158655 * 0.841345 / N));
}

/* triangular(0, 1, 4): mean 5/3, variance (a^2+b^2+c^2-ab-ac-bc)/18 = (0+1+16-0-0-4)/18
 * = 13/18; lognormal(0, 0.5): mean e^0.125 = 1.133148, variance (e^0.25 - 1) e^0.25
 * = 0.364696. */
static void triangular_and_lognormal_moments(void **st)
{
    (void)st;
    Dist t = {DIST_TRIANGULAR, {0, 1, 4}}, l = {DIST_LOGNORMAL, {0, 0.5, 0}};
    double m, v;
    moments(&t, &m, &v);
    assert_true(fabs(m - 5.0 / 3) < 4 * sqrt(13.0 / 18 / N));
    assert_near(dist_mean(&t), 5.0 / 3, 1e-12);
    moments(&l, &m, &v);
    assert_true(fabs(m - 1.133148) < 4 * sqrt(0.364696 / N));
    assert_near(dist_mean(&l), 1.133148, 1e-6);
}

/* Two names drawn in the same samples are uncorrelated (|r| < 4/sqrt(N)). */
static void names_are_independent(void **st)
{
    (void)st;
    Dist z = {DIST_NORMAL, {0, 1, 0}};
    uint64_t a = draw_name_hash("demand"), b = draw_name_hash("rates");
    double sab = 0, sa = 0, sb = 0, saa = 0, sbb = 0;
    for (uint64_t k = 0; k < N; k++) {
        double x = dist_draw(&z, 0, k, a), y = dist_draw(&z, 0, k, b);
        sab += x * y, sa += x, sb += y, saa += x * x, sbb += y * y;
    }
    double cov = sab / N - sa / N * sb / N;
    double r = cov / sqrt((saa / N - sa / N * sa / N) * (sbb / N - sb / N * sb / N));
    assert_true(fabs(r) < 4 / sqrt(N));
}

static void parameters_checked(void **st)
{
    (void)st;
    assert_null(dist_check(&(Dist){DIST_NORMAL, {0, 0, 0}}));
    assert_non_null(dist_check(&(Dist){DIST_NORMAL, {0, -1, 0}}));
    assert_non_null(dist_check(&(Dist){DIST_LOGNORMAL, {0, -1, 0}}));
    assert_non_null(dist_check(&(Dist){DIST_UNIFORM, {2, 1, 0}}));
    assert_non_null(dist_check(&(Dist){DIST_TRIANGULAR, {0, 3, 2}}));
    assert_null(dist_check(&(Dist){DIST_TRIANGULAR, {1, 1, 1}}));
    assert_non_null(dist_check(&(Dist){DIST_UNIFORM, {0, INFINITY, 0}}));
    /* a degenerate distribution draws its one value */
    assert_true(dist_draw(&(Dist){DIST_TRIANGULAR, {1, 1, 1}}, 0, 5, 9) == 1);
    assert_true(dist_draw(&(Dist){DIST_NORMAL, {0.25, 0, 0}}, 0, 5, 9) == 0.25);
    assert_int_equal(dist_find("lognormal"), DIST_LOGNORMAL);
    assert_int_equal(dist_find("gauss"), -1);
    assert_int_equal(dist_arity(DIST_TRIANGULAR), 3);
    char buf[160];
    assert_string_equal(dist_list(buf, sizeof buf), "normal(mean, sd), uniform(a, b), "
                        "triangular(a, mode, b), lognormal(mu, sigma)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(name_hash_is_fnv1a),
        cmocka_unit_test(draws_depend_on_seed_k_name_only),
        cmocka_unit_test(uniform_moments),
        cmocka_unit_test(normal_moments),
        cmocka_unit_test(triangular_and_lognormal_moments),
        cmocka_unit_test(names_are_independent),
        cmocka_unit_test(parameters_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
