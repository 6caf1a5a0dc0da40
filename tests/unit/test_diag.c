/* test_diag.c - syntax and lexical diagnostics as the user sees them: file:line:col, the
 * source line, the caret under the span, the hint. */
#include "testutil.h"
#include "parse.h"
#include <stdio.h>

/* Parse text and return everything diags_print writes (malloc'd). */
static char *diagnose(const char *text)
{
    SourceSet src;
    Diags d;
    Interner in;
    Arena a;
    srcset_init(&src);
    diags_init(&d, &src);
    intern_init(&in);
    arena_init(&a);
    size_t len = strlen(text);
    char *copy = malloc(len + 1);
    memcpy(copy, text, len + 1);
    uint32_t id = srcset_add(&src, "x.deal", NULL, copy, len);
    parse_source(&a, &in, &d, id);
    char *out = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&out, &n);
    diags_print(&d, fp, 0);
    fclose(fp);
    arena_free(&a);
    intern_free(&in);
    diags_free(&d);
    srcset_free(&src);
    return out;
}

static void test_bad_suffix_caret(void **st)
{
    (void)st;
    char *out = diagnose("let a = 1\nlet b = 10XB\n");
    assert_string_equal(out,
        "x.deal:2:11: error: bad suffix in amount '10XB'\n"
        "    2 | let b = 10XB\n"
        "      |           ^~\n"
        "      = hint: an amount takes a scale K M B T, a unit GW MW or %, and a rate /y /mo or /GW\n");
    free(out);
}

static void test_unknown_verb(void **st)
{
    (void)st;
    char *out = diagnose("\n  openai sells 10GW to nvidia\n");
    assert_string_equal(out,
        "x.deal:2:10: error: unknown verb 'sells'\n"
        "    2 |   openai sells 10GW to nvidia\n"
        "      |          ^~~~~\n"
        "      = hint: a deal's verb is one of: invests, lends, buys, pays, grants, guarantees, "
        "commits (or `NAME defaults` in a scenario)\n");
    free(out);
}

static void test_unclosed_brace_points_at_brace(void **st)
{
    (void)st;
    char *out = diagnose("scenario w \"d\" {\n  a defaults\n  cancel x\n");
    assert_string_equal(out,
        "x.deal:1:16: error: unclosed '{' opened here\n"
        "    1 | scenario w \"d\" {\n"
        "      |                ^\n"
        "      = hint: add the missing '}'\n");
    free(out);
}

static void test_columns_count_characters(void **st)
{
    (void)st;
    /* "é" is two bytes but one column: the '=' after `let "é" ` is at column 9 */
    char *out = diagnose("let \"\xc3\xa9\" = 1\n");
    assert_non_null(strstr(out, "x.deal:1:5: error: unexpected string \"\xc3\xa9\", expected name\n"));
    free(out);
}

static void test_expected_list(void **st)
{
    (void)st;
    char *out = diagnose("let a 5\n");
    assert_non_null(strstr(out, "x.deal:1:7: error: unexpected amount 5, expected '=' or '~'\n"));
    free(out);
    out = diagnose("show sources of\n");   /* `of` cannot end a statement: the newline is space */
    assert_non_null(strstr(out, "x.deal:1:16: error: unexpected end of input, expected name\n"));
    free(out);
}

static void test_unexpected_close(void **st)
{
    (void)st;
    char *out = diagnose("let a = 1\n}\nlet b = 2\n");
    assert_non_null(strstr(out, "x.deal:2:1: error: unexpected '}'"));
    assert_non_null(strstr(out, "hint: there is no open '{'"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_suffix_caret), cmocka_unit_test(test_unknown_verb),
        cmocka_unit_test(test_unclosed_brace_points_at_brace),
        cmocka_unit_test(test_columns_count_characters), cmocka_unit_test(test_expected_list),
        cmocka_unit_test(test_unexpected_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
