/* test_keywords.c - the keyword list (src/front/keywords.h) against what cannot read it:
 * grammar/parser.y's %token list (through the parser's token names) and the lexer.
 * (grammar/README.md's list of keywords: test_doc_lists.c.) */
#include "testutil.h"
#include "lex.h"
#include "reading.h"

typedef struct Word {
    int tok;
    const char *word;
} Word;

#define WORD(tok, word) {tok, word},
static const Word KEYWORDS[] = {DG_KEYWORDS(WORD)};
static const Word SPELLINGS[] = {DG_KEYWORD_SPELLINGS(WORD)};
#undef WORD
#define N(a) (sizeof a / sizeof *a)

static bool lowercase_word(const char *s)
{
    for (const char *p = s; *p; p++)
        if ((*p < 'a' || *p > 'z') && *p != '_')
            return false;
    return *s != '\0';
}

/* Each keyword is its token's name in grammar/parser.y, and each is found by spelling. */
static void test_table_names_its_tokens(void **st)
{
    (void)st;
    for (size_t i = 0; i < N(KEYWORDS); i++) {
        assert_string_equal(token_name(KEYWORDS[i].tok), KEYWORDS[i].word);
        assert_int_equal(keyword_token(KEYWORDS[i].word, strlen(KEYWORDS[i].word)),
                         KEYWORDS[i].tok);
        assert_true(token_is_keyword(KEYWORDS[i].tok));
        for (size_t j = 0; j < i; j++)
            assert_int_not_equal(KEYWORDS[j].tok, KEYWORDS[i].tok);
    }
    for (size_t i = 0; i < N(SPELLINGS); i++)
        assert_true(token_is_keyword(SPELLINGS[i].tok));
    assert_int_equal(keyword_token("payments", 8), 0);
    assert_int_equal(keyword_token("pa", 2), 0);
    assert_int_equal(keyword_token("in", 1), 0);
    assert_false(token_is_keyword(IDENT));
    assert_false(token_is_keyword(';'));
}

/* Every token grammar/parser.y spells as a lowercase word is a keyword of the table, but
 * for the tokens that stand for a class of text. */
static void test_parser_tokens_are_in_table(void **st)
{
    (void)st;
    static const int classes[] = {IDENT, NUMBER, DATE, STRING, NEWLINE, COMMENT};
    size_t keywords = 0;
    for (int k = YYUNDEF + 1; strcmp(token_name(k), "invalid token") != 0; k++) {
        const char *name = token_name(k);
        bool cls = false;
        for (size_t i = 0; i < N(classes); i++)
            cls |= classes[i] == k;
        if (cls || !lowercase_word(name))
            continue;
        if (!token_is_keyword(k))
            fail_msg("grammar/parser.y's token '%s' is not in src/front/keywords.h", name);
        keywords++;
    }
    assert_int_equal(keywords, N(KEYWORDS));
}

/* The lexer returns each keyword's token, for either spelling, and a name for the rest. */
static void test_lexer_reads_table(void **st)
{
    (void)st;
    Reading rd;
    reading_init(&rd);
    for (size_t i = 0; i < N(KEYWORDS) + N(SPELLINGS); i++) {
        const Word *w = i < N(KEYWORDS) ? &KEYWORDS[i] : &SPELLINGS[i - N(KEYWORDS)];
        uint32_t id = reading_add(&rd, "t.deal", w->word, strlen(w->word));
        Token *t;
        size_t n = lex_all(&rd.in, &rd.diags, &rd.src, id, &t);
        assert_true(n >= 2);
        if (t[0].kind != w->tok)
            fail_msg("the lexer reads '%s' as %s", w->word, token_name(t[0].kind));
        assert_int_equal(t[0].span.end - t[0].span.start, strlen(w->word));
        free(t);
    }
    const char *names[] = {"companys", "pa", "payments", "in_", "_in", "ifx"};
    for (size_t i = 0; i < N(names); i++) {
        uint32_t id = reading_add(&rd, "t.deal", names[i], strlen(names[i]));
        Token *t;
        lex_all(&rd.in, &rd.diags, &rd.src, id, &t);
        assert_int_equal(t[0].kind, IDENT);
        free(t);
    }
    assert_int_equal(rd.diags.nerrors, 0);
    reading_free(&rd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_names_its_tokens),
        cmocka_unit_test(test_parser_tokens_are_in_table),
        cmocka_unit_test(test_lexer_reads_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
