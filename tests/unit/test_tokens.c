/* test_tokens.c - the formatter's tokens read one top-level statement at a time, and the
 * digest of what the parser reads, which fmt compares to check that a layout says what the
 * script said. */
#include "testutil.h"
#include "tokens.h"

static FDigest dig(const char *s) { return ftoks_digest(s, strlen(s)); }

static bool same_digest(const char *a, const char *b)
{
    FDigest x = dig(a), y = dig(b);
    assert_true(x.lexes);
    assert_true(y.lexes);
    return x.hash == y.hash && x.tokens == y.tokens;
}

/* What layout changes and the parser does not see: blanks and newlines, comments, `;`
 * written for an implicit one, trailing fraction zeros, empty statements. */
static void test_digest_same(void **state)
{
    (void)state;
    assert_true(same_digest("a pays 1.50B to b\n", "a pays 1.5B to b;\n"));
    assert_true(same_digest("# note\n\n\na pays 1B to b # why\n", "a pays 1B to b;"));
    assert_true(same_digest("show cycles;; ;show leverage", "show cycles;\nshow leverage;\n"));
    assert_true(same_digest("scenario s { ; cancel d }", "scenario s {\n    cancel d;\n}\n"));
    assert_true(same_digest(";\na pays 1B to b", "a pays 1B to b;\n"));
    assert_true(same_digest("let x = (1+2)*3", "let x = (1 + 2) * 3;"));
    assert_int_equal(dig("a pays 1B to b").tokens, 6);   /* a pays 1B to b ; */
}

/* What the parser would read differently: an amount, a name, a string, an operator, two
 * statements joined into one, a unit. */
static void test_digest_differs(void **state)
{
    (void)state;
    assert_false(same_digest("a pays 1B to b", "a pays 2B to b"));
    assert_false(same_digest("a pays 1B to b", "a pays 1B to c"));
    assert_false(same_digest("company a \"A\"", "company a \"B\""));
    assert_false(same_digest("let x = 1 - 2", "let x = 1 + 2"));
    assert_false(same_digest("show cycles\nshow leverage", "show cycles show leverage"));
    assert_false(same_digest("let x = 10GW", "let x = 10B"));
    assert_false(same_digest("let x = 14%", "let x = 0.14"));
    assert_false(dig("a pays 1B to b @").lexes);   /* a character that is no token */
}

/* The reader gives what comes before the first statement, then one top-level statement a
 * call with the comments after it; marks and block fields are those of the whole text;
 * its digest is ftoks_digest's. */
static void test_reader_chunks(void **state)
{
    (void)state;
    const char *text = "# c1\na pays 1B to b\nscenario s {\n  cancel d\n  cancel e\n}\n# end\n";
    FTokReader *r = ftoks_open(text, strlen(text));
    FToks ts = {0};
    assert_true(ftoks_next(r, &ts));
    assert_int_equal(ts.n, 1);   /* # c1 */
    assert_int_equal(ts.t[0].kind, FK_COMMENT);
    assert_true(ftoks_next(r, &ts));
    assert_int_equal(ts.n, 5);   /* a pays 1B to b */
    assert_true(ts.t[0].flags & FF_START);
    assert_true(ts.t[4].flags & FF_END);
    assert_true(ftoks_next(r, &ts));
    assert_int_equal(ts.n, 9);   /* scenario s { cancel d cancel e } # end */
    assert_true(ts.t[0].flags & FF_START);
    assert_int_equal(ts.t[2].kind, '{');
    assert_int_equal(ts.t[2].close, 7);
    assert_int_equal(ts.t[2].nstmts, 2);
    assert_true(ts.t[7].flags & FF_END);
    assert_int_equal(ts.t[8].kind, FK_COMMENT);
    assert_int_equal(ts.t[8].start, (uint32_t)(strstr(text, "# end") - text));
    assert_false(ftoks_next(r, &ts));
    FDigest a = ftoks_reader_digest(r), b = dig(text);
    assert_true(a.lexes);
    assert_true(a.hash == b.hash && a.tokens == b.tokens);
    ftoks_close(r);
    ftoks_free(&ts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digest_same), cmocka_unit_test(test_digest_differs),
        cmocka_unit_test(test_reader_chunks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
