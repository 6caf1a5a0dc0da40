/* test_value.c - units through arithmetic, and how amounts are written for people. */
#include "testutil.h"
#include "value.h"

static void test_units(void **state)
{
    (void)state;
    char err[128];
    Value usd = value_num(10e9, DIM_USD), gw = value_num(2, DIM_GW);
    Value per_gw = value_num(35e9, DIM_USD_PER_GW), plain = value_num(5e9, DIM_NONE);

    /* GW x USD/GW = USD */
    Value r = value_arith('*', gw, per_gw, err, sizeof err);
    assert_int_equal(r.kind, V_NUM);
    assert_true(dim_eq(r.dim, DIM_USD));
    assert_near(r.num, 70e9, 1e-12);
    /* A plain number adapts: 10B USD + 5B = 15B USD */
    r = value_arith('+', usd, plain, err, sizeof err);
    assert_true(dim_eq(r.dim, DIM_USD));
    assert_near(r.num, 15e9, 1e-12);
    /* GW + USD is an error with a message naming both units */
    r = value_arith('+', gw, usd, err, sizeof err);
    assert_int_equal(r.kind, V_NULL);
    assert_string_equal(err, "cannot add GW and USD");
    /* USD / USD is a plain ratio */
    r = value_arith('/', usd, value_num(4e9, DIM_USD), err, sizeof err);
    assert_true(dim_is_none(r.dim));
    assert_near(r.num, 2.5, 1e-12);
    r = value_arith('/', usd, value_num(0, DIM_NONE), err, sizeof err);
    assert_int_equal(r.kind, V_NULL);
    assert_string_equal(err, "division by zero");
    /* Comparisons: 0.3 circularity < 30% holds with tolerance both ways */
    Value pct = value_num(0.3, DIM_NONE);
    pct.flags = VF_PCT;
    assert_false(value_compare("<", value_num(0.1 + 0.2, DIM_NONE), pct, err, sizeof err).num);
    assert_true(value_compare("<=", value_num(0.1 + 0.2, DIM_NONE), pct, err, sizeof err).num);
    assert_true(value_compare("==", value_num(0.1 + 0.2, DIM_NONE), pct, err, sizeof err).num);
    r = value_compare(">", gw, usd, err, sizeof err);
    assert_int_equal(r.kind, V_NULL);
    assert_string_equal(err, "cannot compare GW and USD");
    /* A year written as a number compares with a date (2027 vs 2026-09). */
    assert_true(value_compare(">", value_num(2027, DIM_NONE), value_date(2026 * 12 + 8), err,
                              sizeof err).num);
    /* ... and subtracts as one: June 2027 - 2025 = 2 years 5 months; Q3 2026 + 1y = July
     * 2027; a bare number added to a date is not a duration. */
    r = value_arith('-', value_date(2027 * 12 + 5), value_num(2025, DIM_NONE), err, sizeof err);
    assert_true(dim_eq(r.dim, DIM_YEARS));
    assert_true(fabs(r.num - 29.0 / 12) < 1e-12);
    r = value_arith('+', value_date(2026 * 12 + 6), value_num(1, DIM_YEARS), err, sizeof err);
    assert_int_equal(r.kind, V_DATE);
    assert_true(r.num == 2027 * 12 + 6);
    r = value_arith('+', value_date(2026 * 12 + 6), value_num(2, DIM_NONE), err, sizeof err);
    assert_int_equal(r.kind, V_NULL);
    assert_string_equal(err, "a date takes a duration: write + 2y");
    /* Overflow is an error, never an infinite amount. */
    r = value_arith('*', value_num(1e300, DIM_NONE), value_num(1e300, DIM_NONE), err, sizeof err);
    assert_int_equal(r.kind, V_NULL);
    assert_string_equal(err, "the result is too large to hold");
    /* Null compares false, never true. */
    assert_false(value_compare("<", value_null(), usd, err, sizeof err).num);
    assert_false(value_compare(">=", value_null(), usd, err, sizeof err).num);
    /* Percentages do not silently become money. */
    Value v = pct;
    assert_false(value_coerce(&v, DIM_USD));
    v = plain;
    assert_true(value_coerce(&v, DIM_COUNT));
}

static void test_format(void **state)
{
    (void)state;
    char b[64];
    assert_string_equal(usd_text(1.2e12, b, sizeof b), "1.2T");
    assert_string_equal(usd_text(350e9, b, sizeof b), "350B");
    assert_string_equal(usd_text(4.5e6, b, sizeof b), "4.5M");
    assert_string_equal(usd_text(250e3, b, sizeof b), "250K");
    assert_string_equal(usd_text(6.3e9, b, sizeof b), "6.3B");
    assert_string_equal(usd_text(37.5e9, b, sizeof b), "37.5B");
    assert_string_equal(usd_text(1.25e12, b, sizeof b), "1.25T");
    assert_string_equal(usd_text(-13e9, b, sizeof b), "-13B");
    assert_string_equal(usd_text(950, b, sizeof b), "950");
    assert_string_equal(usd_text(0, b, sizeof b), "0");
    /* A ratio of two scaled counts keeps its digits: 160M / 1.622B = 0.0986 */
    assert_string_equal(scaled_text(160e6 / 1.622e9, b, sizeof b), "0.0986");
    assert_string_equal(usd_text(999.96e9, b, sizeof b), "1T");   /* rounds up a scale */
    assert_string_equal(pct_text(0.14, b, sizeof b), "14%");
    assert_string_equal(pct_text(0.0525, b, sizeof b), "5.25%");
    assert_string_equal(pct_text(NAN, b, sizeof b), "n/a");
    assert_string_equal(value_text(value_num(13e9, DIM_USD_PER_YEAR), b, sizeof b), "13B/y");
    assert_string_equal(value_text(value_num(35e9, DIM_USD_PER_GW), b, sizeof b), "35B/GW");
    assert_string_equal(value_text(value_num(0.5, DIM_GW), b, sizeof b), "0.5GW");
    assert_string_equal(value_text(value_num(1.5, DIM_YEARS), b, sizeof b), "1.5y");
    assert_string_equal(value_text(value_date(2026 * 12 + 8), b, sizeof b), "2026-09");
    assert_string_equal(value_text(value_date(2027 * 12), b, sizeof b), "2027");
    assert_string_equal(value_text(value_num(77.25, DIM_NONE), b, sizeof b), "77.25");
    assert_string_equal(value_text(value_null(), b, sizeof b), "n/a");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
