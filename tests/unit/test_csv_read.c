/* test_csv_read.c - the CSV reader of `import` (src/base/csv_read.c): RFC 4180 quoting,
 * the byte range of every field, line numbers across quoted line breaks, and its errors at their places. */
#include "testutil.h"
#include "csv_read.h"
#include "reading.h"

static void read_text(Reading *rd, Csv *c, const char *text)
{
    reading_init(rd);
    uint32_t f = reading_add(rd, "t.csv", text, strlen(text));
    csv_read(c, &rd->diags, f);
}

static void test_quoting(void **st)
{
    (void)st;
    Reading rd;
    Csv c;
    /* a,"b,""c""" / "x\ny",,z (CRLF records, the second field of record 2 empty) */
    read_text(&rd, &c, "a,\"b,\"\"c\"\"\"\r\n\"x\ny\",,z\r\n");
    assert_int_equal(rd.diags.n, 0);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.rec[0].n, 2);
    assert_string_equal(c.rec[0].f[0].text, "a");
    assert_string_equal(c.rec[0].f[1].text, "b,\"c\"");
    assert_int_equal(c.rec[0].f[1].start, 2);    /* its opening quote */
    assert_int_equal(c.rec[0].f[1].end, 11);     /* one past its closing quote (at 10) */
    assert_int_equal(c.rec[0].line, 1);
    assert_int_equal(c.rec[1].line, 2);
    assert_int_equal(c.rec[1].n, 3);
    assert_string_equal(c.rec[1].f[0].text, "x\ny");
    assert_int_equal(c.rec[1].f[1].len, 0);
    assert_string_equal(c.rec[1].f[2].text, "z");
    csv_free(&c);
    reading_free(&rd);
    /* a record after a quoted line break starts on line 3; no final line break is fine */
    read_text(&rd, &c, "h\n\"1\n2\"\nlast");
    assert_int_equal(c.n, 3);
    assert_int_equal(c.rec[2].line, 4);
    assert_string_equal(c.rec[2].f[0].text, "last");
    csv_free(&c);
    reading_free(&rd);
}

static void test_errors(void **st)
{
    (void)st;
    Reading rd;
    Csv c;
    read_text(&rd, &c, "a,b\n\"open,c\n");
    assert_int_equal(rd.diags.nerrors, 1);
    assert_int_equal(rd.diags.items[0].span.start, 4);   /* at the opening quote */
    assert_string_equal(rd.diags.items[0].msg, "this quoted field is never closed");
    csv_free(&c);
    reading_free(&rd);
    /* text after a closing quote: one error, and the next records are read */
    read_text(&rd, &c, "\"a\"b,c\nd\n");
    assert_int_equal(rd.diags.nerrors, 1);
    assert_int_equal(rd.diags.items[0].span.start, 3);
    assert_int_equal(rd.diags.items[0].span.end, 4);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.rec[0].f[1].text, "c");
    csv_free(&c);
    reading_free(&rd);
    read_text(&rd, &c, "a\0b");   /* strlen stops at the NUL: nothing to read */
    assert_int_equal(c.n, 1);
    csv_free(&c);
    reading_free(&rd);
    reading_init(&rd);
    uint32_t f = reading_add(&rd, "t.csv", "a\0b", 3);
    csv_read(&c, &rd.diags, f);
    assert_int_equal(rd.diags.nerrors, 1);
    assert_int_equal(rd.diags.items[0].span.start, 1);
    csv_free(&c);
    reading_free(&rd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_quoting), cmocka_unit_test(test_errors)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
