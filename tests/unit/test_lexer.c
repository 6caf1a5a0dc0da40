/* test_lexer.c - token kinds, spans, the newline rule, trivia, lexical errors (src/front/lex.c,
 * grammar/lexer.l). */
#include "testutil.h"
#include "lex.h"

typedef struct Fix {
    SourceSet src;
    Diags d;
    Interner in;
    Token *t;
    size_t n;
} Fix;

static Fix *lex_text(const char *text, size_t len)
{
    Fix *f = calloc(1, sizeof *f);
    srcset_init(&f->src);
    diags_init(&f->d, &f->src);
    intern_init(&f->in);
    char *copy = malloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    uint32_t id = srcset_add(&f->src, "t.deal", NULL, copy, len);
    f->n = lex_all(&f->in, &f->d, &f->src, id, &f->t);
    return f;
}

static Fix *lex_str(const char *text) { return lex_text(text, strlen(text)); }

static void fix_free(Fix *f)
{
    free(f->t);
    intern_free(&f->in);
    diags_free(&f->d);
    srcset_free(&f->src);
    free(f);
}

/* Compare the kinds (';' written as 'i' when implicit) against a list ending in END. */
static void expect_kinds(Fix *f, const int *kinds)
{
    size_t i = 0;
    for (; kinds[i] != END; i++) {
        assert_true(i < f->n);
        int k = f->t[i].kind == ';' && f->t[i].implicit_semi ? 'i' : f->t[i].kind;
        if (k != kinds[i]) {
            print_error("token %zu: got %s, want %d\n", i, token_name(f->t[i].kind), kinds[i]);
            fail();
        }
    }
    assert_int_equal(f->t[i].kind, END);
    assert_int_equal(f->n, i + 1);
}

static void test_deal_tokens_and_spans(void **st)
{
    (void)st;
    Fix *f = lex_str("deal x: a invests 100B in b;");
    const int want[] = {DEAL, IDENT, ':', IDENT, INVESTS, NUMBER, IN, IDENT, ';', END};
    expect_kinds(f, want);
    /* "deal x: a invests 100B" - 100B starts at byte 18 and is 4 bytes long */
    assert_int_equal(f->t[5].span.start, 18);
    assert_int_equal(f->t[5].span.end, 22);
    assert_false(f->t[8].implicit_semi);
    assert_int_equal(f->d.nerrors, 0);
    fix_free(f);
}

static void test_newline_rule(void **st)
{
    (void)st;
    /* A newline ends a statement after a name/literal/')'; not after an operator. */
    Fix *f = lex_str("let x = 1 +\n 2\nshow f(a,\n b)\n");
    const int want[] = {LET, IDENT, '=', NUMBER, '+', NUMBER, 'i', SHOW, IDENT, '(', IDENT, ',',
                        IDENT, ')', 'i', END};
    expect_kinds(f, want);
    /* the implicit ';' sits on the newline after 2 (byte 14) */
    assert_int_equal(f->t[6].span.start, 14);
    fix_free(f);
}

static void test_newline_after_keywords(void **st)
{
    (void)st;
    Fix *f = lex_str("a defaults\nb buys 1B from c nonbinding\nd grants e 5 shares\nassert true\n");
    const int want[] = {IDENT, DEFAULTS, 'i', IDENT, BUYS, NUMBER, FROM, IDENT, NONBINDING, 'i',
                        IDENT, GRANTS, IDENT, NUMBER, SHARES, 'i', ASSERT, TRUE, 'i', END};
    expect_kinds(f, want);
    fix_free(f);
}

static void test_braces_and_eof(void **st)
{
    (void)st;
    /* an implicit ';' before a '}' that closes a statement, and at the end of input */
    Fix *f = lex_str("company a { cash 5B }\nshow a");
    const int want[] = {COMPANY, IDENT, '{', IDENT, NUMBER, 'i', '}', 'i', SHOW, IDENT, 'i', END};
    expect_kinds(f, want);
    assert_int_equal(f->t[5].span.start, f->t[5].span.end);   /* inserted: empty span */
    fix_free(f);
}

static void test_trivia(void **st)
{
    (void)st;
    Fix *f = lex_str("# head\nlet a = 1  # tail\n\n\nlet b = 2\n");
    const int want[] = {COMMENT, LET, IDENT, '=', NUMBER, COMMENT, 'i', BLANK, LET, IDENT, '=',
                        NUMBER, 'i', END};
    expect_kinds(f, want);
    fix_free(f);
}

static void test_literal_kinds(void **st)
{
    (void)st;
    Fix *f = lex_str("2026Q3 2026-09-22 2027 \"s\" $1.5T 13B/y 18mo x2 pay pays y");
    const int want[] = {DATE, DATE, NUMBER, STRING, NUMBER, NUMBER, NUMBER, IDENT, PAYS, PAYS, IDENT,
                        'i', END};
    expect_kinds(f, want);
    fix_free(f);
}

static void test_operators(void **st)
{
    (void)st;
    Fix *f = lex_str("a<=b>=c==d!=e<f>g and not h or i");
    const int want[] = {IDENT, LE, IDENT, GE, IDENT, EQ, IDENT, NE, IDENT, '<', IDENT, '>', IDENT,
                        AND, NOT, IDENT, OR, IDENT, 'i', END};
    expect_kinds(f, want);
    fix_free(f);
}

static void test_bad_bytes_one_error_per_run(void **st)
{
    (void)st;
    Fix *f = lex_text("let a\0\0\0\0 = 1\n\xff\xfe\xfd\n# \xff is fine in a comment\n", 42);
    assert_int_equal(f->d.nerrors, 2);
    assert_string_equal(f->d.items[0].msg, "NUL bytes in the source");
    assert_int_equal(f->d.items[0].span.start, 5);
    assert_int_equal(f->d.items[0].span.end, 9);
    assert_string_equal(f->d.items[1].msg, "invalid UTF-8");
    fix_free(f);
}

static void test_byte_order_mark(void **st)
{
    (void)st;
    Fix *f = lex_str("\xef\xbb\xbfshow a");   /* skipped at the start of the file */
    const int want[] = {SHOW, IDENT, 'i', END};
    expect_kinds(f, want);
    assert_int_equal(f->t[0].span.start, 3);
    assert_int_equal(f->d.nerrors, 0);
    fix_free(f);
    f = lex_str("show \xef\xbb\xbf a");   /* anywhere else it is an error */
    assert_int_equal(f->d.nerrors, 1);
    fix_free(f);
}

static void test_uppercase_name(void **st)
{
    (void)st;
    Fix *f = lex_str("Nvidia");
    assert_int_equal(f->d.nerrors, 1);
    assert_int_equal(f->t[0].kind, IDENT);
    fix_free(f);
}

static void test_paren_cap(void **st)
{
    (void)st;
    char buf[LEX_MAX_PARENS + 20];
    memset(buf, '(', sizeof buf);
    Fix *f = lex_text(buf, sizeof buf);
    assert_int_equal(f->d.nerrors, 1);
    assert_non_null(strstr(f->d.items[0].msg, "nesting too deep"));
    assert_int_equal(f->d.items[0].span.start, LEX_MAX_PARENS);   /* the 257th '(' */
    assert_int_equal(f->t[f->n - 1].kind, END);
    assert_int_equal(f->n, LEX_MAX_PARENS + 1);
    fix_free(f);
}

static void test_unclosed(void **st)
{
    (void)st;
    Fix *f = lex_str("scenario w {\n let s = \"abc\n");
    assert_int_equal(f->d.nerrors, 2);
    assert_string_equal(f->d.items[0].msg, "unclosed string");
    assert_int_equal(f->d.items[0].span.start, 22);
    assert_string_equal(f->d.items[1].msg, "unclosed '{' opened here");
    assert_int_equal(f->d.items[1].span.start, 11);
    fix_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deal_tokens_and_spans), cmocka_unit_test(test_newline_rule),
        cmocka_unit_test(test_newline_after_keywords), cmocka_unit_test(test_braces_and_eof),
        cmocka_unit_test(test_trivia), cmocka_unit_test(test_literal_kinds),
        cmocka_unit_test(test_operators), cmocka_unit_test(test_bad_bytes_one_error_per_run),
        cmocka_unit_test(test_uppercase_name), cmocka_unit_test(test_byte_order_mark), cmocka_unit_test(test_paren_cap),
        cmocka_unit_test(test_unclosed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
