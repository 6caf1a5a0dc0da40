/* test_fmt.c - the canonical layout of `dealgraph fmt` on small scripts. Every expected text
 * below is written by hand from the rules in docs/FMT.md, and every case is also checked to
 * be a fixed point (formatting the expected text gives it back). */
#include "testutil.h"
#include <stdio.h>
#include "arena.h"
#include "diag.h"
#include "fmt.h"
#include "intern.h"

static char *fmt_str(const char *in)
{
    size_t len;
    char *out = fmt_text(in, strlen(in), &len);
    assert_non_null(out);
    assert_int_equal(len, strlen(out));
    return out;
}

/* fmt(in) == want, and fmt(want) == want (idempotence). */
static void check(const char *in, const char *want)
{
    char *got = fmt_str(in);
    assert_string_equal(got, want);
    char *again = fmt_str(got);
    assert_string_equal(again, want);
    free(got);
    free(again);
}

static void test_one_statement_per_line(void **state)
{
    (void)state;
    check("as of 2025;   let tranche = 10B;\nshow cycles;show leverage\n",
          "as of 2025;\nlet tranche = 10B;\nshow cycles;\nshow leverage;\n");
}

static void test_spacing(void **state)
{
    (void)state;
    check("let x=tranche*2+(3 - -2)/ 4\n"
          "assert commitment_ratio( openai )>50 and not(x<=3)\n"
          "show exposure( a,b )\n"
          "assert in(openai)>=out(openai) or x!=1\n",
          "let x = tranche * 2 + (3 - -2) / 4;\n"
          "assert commitment_ratio(openai) > 50 and not (x <= 3);\n"
          "show exposure(a, b);\n"
          "assert in(openai) >= out(openai) or x != 1;\n");
}

static void test_deal_sentences(void **state)
{
    (void)state;
    /* A newline after `buys` (a keyword that cannot end a statement) continues it. */
    check("deal   stargate :openai buys\n    300B from oracle   over 5y   from 2027\n"
          "deal amd6:openai buys 6GW from amd at 20B/GW over 4y from 2026-09 nonbinding\n"
          "amd grants openai 160M shares vesting with amd6 at 0.010\n",
          "deal stargate: openai buys 300B from oracle over 5y from 2027;\n"
          "deal amd6: openai buys 6GW from amd at 20B/GW over 4y from 2026-09 nonbinding;\n"
          "amd grants openai 160M shares vesting with amd6 at 0.01;\n");
}

static void test_amounts(void **state)
{
    (void)state;
    /* Trailing fraction zeros go (with the point when nothing is left); `$`, scales, units,
     * rates and dates stay exactly as written. */
    check("let a = 100.0B\nlet b = $1.50T\nlet c = 10.00%\nlet d = 2026-09-22\n"
          "let e = 2026Q3\nlet f = 5B/mo\nlet g = 1.05\nlet h = 18mo\n",
          "let a = 100B;\nlet b = $1.5T;\nlet c = 10%;\nlet d = 2026-09-22;\n"
          "let e = 2026Q3;\nlet f = 5B/mo;\nlet g = 1.05;\nlet h = 18mo;\n");
}

static void test_entity_alignment(void **state)
{
    (void)state;
    check("company nvidia \"NVIDIA\" { cash 56B; revenue 165B/y; valuation 4T }\n",
          "company nvidia \"NVIDIA\" {\n"
          "    cash      56B;\n"
          "    revenue   165B/y;\n"
          "    valuation 4T;\n"
          "}\n");
}

static void test_entity_short_forms(void **state)
{
    (void)state;
    /* One attribute and no comment: one line. No attributes: `{}`. No block: as written. */
    check("company coreweave {\n  layer \"cloud\";\n}\ncompany x { }\nbank jpmorgan\n"
          "company y { cash -5B }\n",
          "company coreweave { layer \"cloud\" }\ncompany x {}\nbank jpmorgan;\n"
          "company y { cash -5B }\n");
}

static void test_comments_kept(void **state)
{
    (void)state;
    check("# header\n"
          "price nvidia 35B/GW      # per GW\n"
          "company o { # the block\n"
          "  cash 1B   # trailing\n"
          "      # own line in a block\n"
          "  debt 2B\n"
          "}\n"
          "let y = 1 + # why\n"
          "  2\n"
          "#end",
          "# header\n"
          "price nvidia 35B/GW; # per GW\n"
          "company o {          # the block\n"
          "    cash 1B;         # trailing\n"
          "    # own line in a block\n"
          "    debt 2B;\n"
          "}\n"
          "let y = 1 + # why\n"
          "    2;\n"
          "#end\n");
}

/* Trailing comments of consecutive lines share a column one space past the longest code;
 * a blank line, a line without one or a comment on its own line starts a new run. */
static void test_trailing_alignment(void **state)
{
    (void)state;
    check("a pays 1B to b # one\n"
          "deal long: a pays 2B to b over 5y # two\n"
          "\n"
          "let x = 1 # three\n"
          "let yy = 2 # four\n"
          "let z = 3\n"
          "let w = 4 # five\n"
          "# alone\n"
          "let v = 5     # six\n",
          "a pays 1B to b;                    # one\n"
          "deal long: a pays 2B to b over 5y; # two\n"
          "\n"
          "let x = 1;  # three\n"
          "let yy = 2; # four\n"
          "let z = 3;\n"
          "let w = 4; # five\n"
          "# alone\n"
          "let v = 5; # six\n");
}

static void test_blank_lines(void **state)
{
    (void)state;
    /* Leading and trailing blank lines go; a run becomes one; none after `{` or before `}`;
     * a blank line inside a statement does not survive as a group break. */
    check("\n\n# a\n\n\n\nbank b\n\nscenario s {\n\n  b defaults\n\n  drop nonbinding\n\n}\n"
          "let z = (1 +\n\n 2)\nshow z\n\n\n",
          "# a\n\nbank b;\n\nscenario s {\n    b defaults;\n\n    drop nonbinding;\n}\n"
          "let z = (1 + 2);\nshow z;\n");
}

static void test_scenarios_and_whatif(void **state)
{
    (void)state;
    check("scenario winter \"AI winter\" { shock payments of users by -50%; openai defaults; "
          "cancel stargate; set recovery 60%; set debtrank original }\n"
          "what if winter { show defaults; show losses; }\n"
          "what if { openai defaults } { show losses }\n",
          "scenario winter \"AI winter\" {\n"
          "    shock payments of users by -50%;\n"
          "    openai defaults;\n"
          "    cancel stargate;\n"
          "    set recovery 60%;\n"
          "    set debtrank original;\n"
          "}\n"
          "what if winter {\n"
          "    show defaults;\n"
          "    show losses;\n"
          "}\n"
          "what if {\n"
          "    openai defaults;\n"
          "} {\n"
          "    show losses;\n"
          "}\n");
}

static void test_nested_entity_in_scenario(void **state)
{
    (void)state;
    check("scenario s {\ncompany oracle { cash 1B; debt 200B }\nset alpha -5%\n}\n",
          "scenario s {\n"
          "    company oracle {\n"
          "        cash 1B;\n"
          "        debt 200B;\n"
          "    }\n"
          "    set alpha -5%;\n"
          "}\n");
}

static void test_strings_and_crlf(void **state)
{
    (void)state;
    /* Strings are copied byte for byte (a `#` inside is not a comment); CR LF becomes LF. */
    check("assert x > 1 \"a # not a comment \\\"q\\\"\"\r\nshow x\r\n",
          "assert x > 1 \"a # not a comment \\\"q\\\"\";\nshow x;\n");
}

static void test_empty(void **state)
{
    (void)state;
    check("", "");
    check("\n\n  \n", "");
    check("# only\n", "# only\n");
}

/* fmt_source checks the parse: a script with a syntax error gives NULL and a diagnostic. */
static char *via_source(const char *text, size_t *nerr)
{
    SourceSet src;
    Interner in;
    Diags d;
    srcset_init(&src);
    intern_init(&in);
    diags_init(&d, &src);
    size_t n = strlen(text);
    char *copy = xmalloc(n + 1);
    memcpy(copy, text, n + 1);
    uint32_t id = srcset_add(&src, "t.deal", NULL, copy, n);
    size_t len = 0;
    char *out = fmt_source(&src, id, &in, &d, &len);
    *nerr = d.nerrors;
    if (out)
        assert_int_equal(len, strlen(out));
    diags_free(&d);
    intern_free(&in);
    srcset_free(&src);
    return out;
}

static void test_source_parses(void **state)
{
    (void)state;
    size_t nerr;
    char *out = via_source("bank b\nnvidia invests 100.0B in openai # stake\n", &nerr);
    assert_int_equal(nerr, 0);
    assert_non_null(out);
    assert_string_equal(out, "bank b;\nnvidia invests 100B in openai; # stake\n");
    free(out);
}

static void test_source_error(void **state)
{
    (void)state;
    size_t nerr;
    char *out = via_source("nvidia invests in\n", &nerr);
    assert_null(out);
    assert_true(nerr >= 1);
    out = via_source("company x { cash 1B\n", &nerr);   /* unclosed block */
    assert_null(out);
    assert_true(nerr >= 1);
}

/* fmt reads the parser's own tokens (lex_all), so it cuts the text exactly where the parser
 * does: `12345-67` is an amount, a minus and an amount (a date needs exactly four digits
 * before its '-'), so it is spaced like any subtraction. */
static void test_tokens_are_the_lexers(void **state)
{
    (void)state;
    check("let x = 12345-67\nlet d = 2026-09\n", "let x = 12345 - 67;\nlet d = 2026-09;\n");
}

/* A byte-order mark at the start is skipped by the lexer, so it is not part of the layout:
 * the file formats (without it) instead of being refused. */
static void test_byte_order_mark(void **state)
{
    (void)state;
    size_t nerr;
    char *out = via_source("\xEF\xBB\xBF" "bank b\nshow b\n", &nerr);
    assert_int_equal(nerr, 0);
    assert_non_null(out);
    assert_string_equal(out, "bank b;\nshow b;\n");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_statement_per_line),
        cmocka_unit_test(test_spacing),
        cmocka_unit_test(test_deal_sentences),
        cmocka_unit_test(test_amounts),
        cmocka_unit_test(test_entity_alignment),
        cmocka_unit_test(test_entity_short_forms),
        cmocka_unit_test(test_comments_kept),
        cmocka_unit_test(test_trailing_alignment),
        cmocka_unit_test(test_blank_lines),
        cmocka_unit_test(test_scenarios_and_whatif),
        cmocka_unit_test(test_nested_entity_in_scenario),
        cmocka_unit_test(test_strings_and_crlf),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_source_parses),
        cmocka_unit_test(test_source_error),
        cmocka_unit_test(test_tokens_are_the_lexers),
        cmocka_unit_test(test_byte_order_mark),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
