/* test_literal.c - amount, duration, date and string conversion (src/front/literal.c).
 * Expected values are the definitions of literal.h worked by hand. */
#include "testutil.h"
#include "literal.h"

static Value num(const char *s)
{
    Value v;
    LitError e;
    if (!lit_number(s, strlen(s), &v, &e)) {
        print_error("'%s' rejected: %s\n", s, e.msg);
        fail();
    }
    return v;
}

static void assert_dim(Value v, Dim d)
{
    assert_int_equal(v.kind, V_NUM);
    assert_true(dim_eq(v.dim, d));
}

static void test_scaled_amounts(void **st)
{
    (void)st;
    Value v = num("100B");
    assert_near(v.num, 100e9, 1e-12);
    assert_dim(v, DIM_NONE);
    assert_int_equal(v.flags, VF_SCALED);
    assert_near(num("160M").num, 160e6, 1e-12);
    assert_near(num("250K").num, 250e3, 1e-12);
    assert_near(num("24.3B").num, 24.3e9, 1e-12);
    v = num("185");   /* plain: no scale, no unit */
    assert_near(v.num, 185, 1e-12);
    assert_int_equal(v.flags, 0);
}

static void test_dollar(void **st)
{
    (void)st;
    Value v = num("$1.5T");
    assert_near(v.num, 1.5e12, 1e-12);
    assert_dim(v, DIM_USD);
    assert_int_equal(v.flags, VF_DOLLAR);
    v = num("$5");
    assert_near(v.num, 5, 1e-12);
    assert_dim(v, DIM_USD);
}

static void test_capacity_and_percent(void **st)
{
    (void)st;
    Value v = num("10GW");
    assert_near(v.num, 10, 1e-12);
    assert_dim(v, DIM_GW);
    v = num("500MW");   /* 500 MW = 0.5 GW */
    assert_near(v.num, 0.5, 1e-12);
    assert_dim(v, DIM_GW);
    v = num("14%");
    assert_near(v.num, 0.14, 1e-12);
    assert_dim(v, DIM_NONE);
    assert_int_equal(v.flags, VF_PCT);
}

static void test_rates(void **st)
{
    (void)st;
    Value v = num("13B/y");
    assert_near(v.num, 13e9, 1e-12);
    assert_dim(v, DIM_USD_PER_YEAR);
    v = num("5B/mo");   /* 5B a month = 12 x 5B = 60B a year */
    assert_near(v.num, 60e9, 1e-12);
    assert_dim(v, DIM_USD_PER_YEAR);
    v = num("35B/GW");
    assert_near(v.num, 35e9, 1e-12);
    assert_dim(v, DIM_USD_PER_GW);
}

static void test_durations(void **st)
{
    (void)st;
    Value v = num("5y");
    assert_near(v.num, 5, 1e-12);
    assert_dim(v, DIM_YEARS);
    v = num("18mo");   /* 18 / 12 = 1.5 years */
    assert_near(v.num, 1.5, 1e-12);
    assert_dim(v, DIM_YEARS);
}

static void test_dates(void **st)
{
    (void)st;
    Value v = num("2027");   /* a bare year stays a number; context decides */
    assert_int_equal(v.kind, V_NUM);
    assert_near(v.num, 2027, 1e-12);
    v = num("2026Q3");       /* Q3 starts in July: 2026*12 + 6 = 24318 */
    assert_int_equal(v.kind, V_DATE);
    assert_near(v.num, 24318, 1e-12);
    LitError e;
    assert_true(lit_date("2026-09", 7, &v, &e));   /* 2026*12 + 8 = 24320 */
    assert_int_equal(v.kind, V_DATE);
    assert_near(v.num, 24320, 1e-12);
    assert_true(lit_date("2026-09-22", 10, &v, &e));
    assert_near(v.num, 24320, 1e-12);
    assert_true(lit_date("2024-02-29", 10, &v, &e));   /* a leap day */
}

static void rejects_number(const char *s, size_t off)
{
    Value v;
    LitError e;
    assert_false(lit_number(s, strlen(s), &v, &e));
    assert_int_equal(e.off, off);
}

/* "1" and `zeros` zeros, then `tail`, in buf (at least zeros + 8 bytes). */
static const char *power_of_ten(char *buf, int zeros, const char *tail)
{
    buf[0] = '1';
    memset(buf + 1, '0', (size_t)zeros);
    strcpy(buf + 1 + zeros, tail);
    return buf;
}

static void test_long_fractions(void **st)
{
    (void)st;
    char s[420];
    memset(s, '0', sizeof s);
    s[0] = '1';
    s[1] = '.';
    s[402] = '\0';                    /* 1. and 400 zeros: digits past a double's precision */
    assert_near(num(s).num, 1, 1e-12);
    s[401] = '5';                      /* ...0005 still rounds to 1 */
    assert_near(num(s).num, 1, 1e-12);
    s[0] = '0';                        /* 0.000...5: below the smallest double, 0 */
    assert_near(num(s).num, 0, 1e-300);
}

static void test_bad_numbers(void **st)
{
    (void)st;
    rejects_number("10XB", 2);
    rejects_number("5GWh", 3);
    rejects_number("10B/x", 3);
    rejects_number("2026Q5", 4);
    rejects_number("$5y", 2);   /* a duration is not money */
    rejects_number("1.2.3", 3);
    /* Past the largest double (about 1.8e308): the whole literal, however it got there. */
    char big[420];
    rejects_number(power_of_ten(big, 400, ""), 0);
    rejects_number(power_of_ten(big, 300, "T"), 0);     /* 1e300 x 1e12 */
    rejects_number(power_of_ten(big, 308, "/mo"), 0);   /* 1e308 x 12 a year */
    rejects_number(power_of_ten(big, 400, "y"), 0);
    assert_near(num(power_of_ten(big, 308, "")).num, 1e308, 1e296);   /* still a double */
    Value v;
    LitError e;
    assert_false(lit_date("2026-13", 7, &v, &e));
    assert_int_equal(e.off, 5);
    assert_false(lit_date("2025-02-29", 10, &v, &e));
    assert_int_equal(e.off, 8);
}

/* A unit written apart from its number: the amount as the language writes it, and
 * nothing for a word that is no unit or a number that has a suffix already. */
static void test_unit_apart(void **st)
{
    (void)st;
    char buf[32];
    assert_true(lit_unit_apart("3", 1, "years", 5, buf, sizeof buf));
    assert_string_equal(buf, "3y");
    assert_true(lit_unit_apart("18", 2, "Months", 6, buf, sizeof buf));
    assert_string_equal(buf, "18mo");
    assert_true(lit_unit_apart("$5", 2, "billion", 7, buf, sizeof buf));
    assert_string_equal(buf, "$5B");
    assert_true(lit_unit_apart("10.5", 4, "GW", 2, buf, sizeof buf));
    assert_string_equal(buf, "10.5GW");
    assert_false(lit_unit_apart("5B", 2, "years", 5, buf, sizeof buf));   /* 5By is no amount */
    assert_false(lit_unit_apart("100", 3, "times", 5, buf, sizeof buf));  /* simulate's word */
    assert_false(lit_unit_apart("$", 1, "b", 1, buf, sizeof buf));
    assert_false(lit_unit_apart("3", 1, "yearsandyearsandyears", 21, buf, sizeof buf));
    /* a per-unit part glued to the word: `35 B/GW`, `13 billion/years to`, none, no room */
    strcpy(buf, "35B");
    assert_int_equal(lit_per_unit("/GW", 3, buf, sizeof buf), 3);
    assert_string_equal(buf, "35B/GW");
    strcpy(buf, "13B");
    assert_int_equal(lit_per_unit("/years to b", 11, buf, sizeof buf), 6);
    assert_string_equal(buf, "13B/y");
    strcpy(buf, "5B");
    assert_int_equal(lit_per_unit(" to b", 5, buf, sizeof buf), 0);
    assert_int_equal(lit_per_unit("/", 1, buf, sizeof buf), 0);
    assert_int_equal(lit_per_unit("/2", 2, buf, sizeof buf), 0);
    assert_string_equal(buf, "5B");
    char small[6] = "35B";
    assert_int_equal(lit_per_unit("/GW", 3, small, sizeof small), 3);
    assert_string_equal(small, "35B");   /* no room for /GW: the amount alone */
}

static void test_strings(void **st)
{
    (void)st;
    Arena a;
    arena_init(&a);
    const char *out;
    LitError e;
    const char *s = "\"a\\\"b\\\\c\\nd\"";
    assert_true(lit_string(&a, s, strlen(s), &out, &e));
    assert_string_equal(out, "a\"b\\c\nd");
    s = "\"caf\xc3\xa9\"";
    assert_true(lit_string(&a, s, strlen(s), &out, &e));
    assert_string_equal(out, "caf\xc3\xa9");
    s = "\"bad \\q\"";
    assert_false(lit_string(&a, s, strlen(s), &out, &e));
    assert_int_equal(e.off, 5);
    s = "\"x\xff\"";
    assert_false(lit_string(&a, s, strlen(s), &out, &e));
    assert_int_equal(e.off, 2);
    s = "\"red \x1b[31m\"";   /* a raw escape byte: it would reach the terminal */
    assert_false(lit_string(&a, s, strlen(s), &out, &e));
    assert_int_equal(e.off, 5);
    assert_string_equal(e.msg, "control character 0x1b in string");
    s = "\"del\x7f\"";
    assert_false(lit_string(&a, s, strlen(s), &out, &e));
    assert_int_equal(e.off, 4);
    s = "\"tab\tok\"";   /* a raw tab is allowed, as the escape \t is */
    assert_true(lit_string(&a, s, strlen(s), &out, &e));
    assert_string_equal(out, "tab\tok");
    s = "\"crlf\r";   /* unclosed at a CRLF line end: the CR is the line's, not the text's */
    assert_true(lit_string(&a, s, strlen(s), &out, &e));
    s = "\"cr\rx\"";
    assert_false(lit_string(&a, s, strlen(s), &out, &e));
    assert_int_equal(e.off, 3);
    s = "\"unclosed";   /* no closing quote: the text is still recovered */
    assert_true(lit_string(&a, s, strlen(s), &out, &e));
    assert_string_equal(out, "unclosed");
    arena_free(&a);
}

static void test_utf8(void **st)
{
    (void)st;
    assert_int_equal(utf8_seq_len((const unsigned char *)"a", 1), 1);
    assert_int_equal(utf8_seq_len((const unsigned char *)"\xc3\xa9", 2), 2);
    assert_int_equal(utf8_seq_len((const unsigned char *)"\xe2\x82\xac", 3), 3);
    assert_int_equal(utf8_seq_len((const unsigned char *)"\xe2\x82", 2), 0);   /* cut short */
    assert_int_equal(utf8_seq_len((const unsigned char *)"\xc0\x80", 2), 0);   /* overlong */
    assert_int_equal(utf8_seq_len((const unsigned char *)"\xed\xa0\x80", 3), 0); /* surrogate */
    assert_int_equal(utf8_seq_len((const unsigned char *)"\xff", 1), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scaled_amounts), cmocka_unit_test(test_dollar),
        cmocka_unit_test(test_capacity_and_percent), cmocka_unit_test(test_rates),
        cmocka_unit_test(test_durations), cmocka_unit_test(test_dates),
        cmocka_unit_test(test_bad_numbers), cmocka_unit_test(test_long_fractions),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_unit_apart),
        cmocka_unit_test(test_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
