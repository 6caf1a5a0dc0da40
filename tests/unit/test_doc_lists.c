/* test_doc_lists.c - the docs' lists of names against the lists in the code they describe:
 * docs/ENGINE.md's figure tables and docs/STRESS.md's what-if figures (engine/figlist.h,
 * stress.h), grammar/README.md's keywords and show topics (front/keywords.h,
 * out/show_topic.h, the risk measures' of eval_int.h), docs/REPL.md's :help topics and
 * meta-commands (cli/repl_help.c, repl_commands.h). A name added to one side only fails
 * here. Run from the repository root. */
#include "testutil.h"
#include <stdio.h>
#include "eval.h"
#include "figures.h"
#include "keywords.h"
#include "repl_commands.h"
#include "repl_int.h"
#include "show_topic.h"
#include "stress.h"

/* A name the docs list, with its number of arguments when written as a call. */
typedef struct Named {
    char name[64];
    int nargs;     /* `f` 1, `f()` 0, `f(a, b)` 2 */
    bool seen;     /* matched against the code's list */
} Named;

typedef struct Names {
    Named v[128];
    size_t n;
} Names;

static char *read_all(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot read %s (run from the repository root)", path);
    char *buf = malloc(1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    return buf;
}

static void add(Names *l, const char *s, size_t n)
{
    assert_true(l->n < 128 && n > 0 && n < 64);
    Named *x = &l->v[l->n++];
    const char *paren = memchr(s, '(', n);
    size_t len = paren ? (size_t)(paren - s) : n;
    memcpy(x->name, s, len);
    x->name[len] = '\0';
    x->nargs = !paren ? 1 : paren[1] == ')' ? 0 : 1 + (memchr(paren, ',', n - len) != NULL);
    x->seen = false;
}

/* Every `backticked` item between s and end. */
static void backticked(Names *l, const char *s, const char *end)
{
    for (const char *a; s < end && (a = memchr(s, '`', (size_t)(end - s))) != NULL; s++) {
        const char *b = memchr(a + 1, '`', (size_t)(end - a - 1));
        if (!b)
            break;
        add(l, a + 1, (size_t)(b - a - 1));
        s = b;
    }
}

/* Blank-separated words between s and end. */
static void words(Names *l, const char *s, const char *end)
{
    while (s < end) {
        while (s < end && *s == ' ')
            s++;
        const char *w = s;
        while (s < end && *s != ' ')
            s++;
        if (s > w)
            add(l, w, (size_t)(s - w));
    }
}

/* The first cells of the rows of every markdown table whose header starts `head`. */
static void first_cells(Names *l, const char *doc, const char *head)
{
    for (const char *p = doc; (p = strstr(p, head)) != NULL; p++) {
        const char *row = strchr(p, '\n');          /* the header's |---| line */
        for (row = row ? strchr(row + 1, '\n') : NULL; row && row[1] == '|';
             row = strchr(row + 1, '\n')) {
            const char *cell = row + 2, *end = strchr(cell, '|');
            backticked(l, cell, end);
        }
    }
}

/* The code's name: the doc must list it (with these arguments) exactly once. */
static void expect(Names *l, const char *doc, const char *name, int nargs)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i].name, name)) {
            if (l->v[i].seen)
                fail_msg("%s lists '%s' twice", doc, name);
            if (nargs >= 0 && l->v[i].nargs != nargs)
                fail_msg("%s writes '%s' with %d arguments, the code has %d", doc, name,
                         l->v[i].nargs, nargs);
            l->v[i].seen = true;
            return;
        }
    fail_msg("%s does not list '%s'", doc, name);
}

static void nothing_else(const Names *l, const char *doc)
{
    for (size_t i = 0; i < l->n; i++)
        if (!l->v[i].seen)
            fail_msg("%s lists '%s', which the code does not have", doc, l->v[i].name);
}

static void test_engine_figures(void **st)
{
    (void)st;
    char *doc = read_all("docs/ENGINE.md");
    Names l = {0};
    first_cells(&l, doc, "| figure |");
    for (int f = 0; f < FIG__COUNT; f++)
        expect(&l, "docs/ENGINE.md", figure_name((FigId)f), 1);
    for (int f = 0; f < PAIR__COUNT; f++)
        expect(&l, "docs/ENGINE.md", pairfig_name((PairFig)f), 2);
    for (int f = 0; f < SYS__COUNT; f++)
        expect(&l, "docs/ENGINE.md", sysfig_name((SysFig)f), 0);
    nothing_else(&l, "docs/ENGINE.md");
    free(doc);
}

static void test_stress_figures(void **st)
{
    (void)st;
    char *doc = read_all("docs/STRESS.md");
    const char *p = strstr(doc, "\n* Figures: "), *end = p ? strstr(p, ".\n") : NULL;
    assert_non_null(end);
    Names l = {0};
    backticked(&l, p, end);
    for (int f = 0; f < WF__COUNT; f++)
        expect(&l, "docs/STRESS.md", stress_figure_name((StressFig)f), 1);
    nothing_else(&l, "docs/STRESS.md");
    free(doc);
}

/* Newlines in doc between p and end as blanks: a list runs over lines. */
static void fold(char *p, const char *end)
{
    for (; p < end; p++)
        *p = *p == '\n' ? ' ' : *p;
}

/* The blank-separated words from just after `lead` up to `stop`. */
static void words_after(Names *l, char *doc, const char *lead, const char *stop)
{
    char *p = strstr(doc, lead), *end = p ? strstr(p + strlen(lead), stop) : NULL;
    if (!end)
        fail_msg("no \"%s ... %s\" in the document", lead, stop);
    p += strlen(lead);
    fold(p, end);
    words(l, p, end);
}

static void expect_keyword(const char *word, void *ud)
{
    expect(ud, "the keyword block of grammar/README.md", word, -1);
}

/* grammar/README.md's "## Keywords" block: both spellings of pays too. */
static void test_keywords(void **st)
{
    (void)st;
    char *doc = read_all("grammar/README.md");
    Names l = {0};
    words_after(&l, doc, "## Keywords\n\n```\n", "```");
    keyword_each(expect_keyword, &l);
    nothing_else(&l, "the keyword block of grammar/README.md");
    free(doc);
}

/* Is s[0..n) the topic of a risk measure (`breaking points`: one topic of two words)? */
typedef struct Piece {
    const char *s;
    size_t n;
    bool found;
} Piece;

static void risk_topic_is(const EvalRisk *r, void *ud)
{
    Piece *sp = ud;
    sp->found |= r->topic && strlen(r->topic) == sp->n && !memcmp(r->topic, sp->s, sp->n);
}

/* ... or a show topic of two words (`default years`)? */
static bool show_topic_is(const Piece *sp)
{
    for (int t = 0; t < TOPIC__COUNT; t++) {
        const char *name = show_topic_name((ShowTopic)t);
        if (strchr(name, ' ') && strlen(name) == sp->n && !memcmp(name, sp->s, sp->n))
            return true;
    }
    return false;
}

static void expect_risk_topic(const EvalRisk *r, void *ud)
{
    if (r->topic)   /* a simulate's figures have none of their own */
        expect(ud, "grammar/README.md", r->topic, -1);
}

/* "Topic words after `show` (`sources ... sensitivities`, and `breaking points`)": the
 * show topics and the risk measures' topics, each `backticked` piece a list of words or a
 * topic of two. */
static void test_show_topics(void **st)
{
    (void)st;
    char *doc = read_all("grammar/README.md");
    const char *lead = "Topic words after `show` (";
    char *p = strstr(doc, lead), *end = p ? strstr(p, "), attribute names") : NULL;
    assert_non_null(end);
    p += strlen(lead);
    fold(p, end);
    Names l = {0};
    for (char *a = memchr(p, '`', (size_t)(end - p)); a;) {
        char *z = memchr(a + 1, '`', (size_t)(end - a - 1));
        assert_non_null(z);
        Piece sp = {a + 1, (size_t)(z - a - 1), false};
        eval_each_risk(risk_topic_is, &sp);
        if (sp.found || show_topic_is(&sp))
            add(&l, sp.s, sp.n);
        else
            words(&l, sp.s, z);
        a = memchr(z + 1, '`', (size_t)(end - z - 1));
    }
    for (int t = 0; t < TOPIC__COUNT; t++)
        expect(&l, "grammar/README.md", show_topic_name((ShowTopic)t), -1);
    eval_each_risk(expect_risk_topic, &l);
    nothing_else(&l, "grammar/README.md");
    free(doc);
}

static void expect_help_topic(const char *name, void *ud)
{
    expect(ud, "docs/REPL.md's :help row", name, -1);
}

static void test_repl_help_and_commands(void **st)
{
    (void)st;
    char *doc = read_all("docs/REPL.md");
    const char *p = strstr(doc, "| `:help [TOPIC]`"), *t = p ? strstr(p, "topics: ") : NULL;
    const char *end = t ? strstr(t, " |") : NULL;
    assert_non_null(end);
    Names topics = {0};
    t += strlen("topics: ");
    words(&topics, t, end);
    repl_help_topics(expect_help_topic, &topics);
    nothing_else(&topics, "docs/REPL.md's :help row");
    /* the meta-commands table: `:WORD ARGS` in its first column */
    Names cmds = {0};
    first_cells(&cmds, doc, "| command ");
    for (size_t i = 0; i < cmds.n; i++)
        assert_true(cmds.v[i].name[0] == ':');
#define CMD_EXPECT(e, word, args, what) \
    expect(&cmds, "docs/REPL.md", *args ? ":" word " " args : ":" word, -1);
    REPL_COMMANDS(CMD_EXPECT)
#undef CMD_EXPECT
    nothing_else(&cmds, "docs/REPL.md");
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_engine_figures),
        cmocka_unit_test(test_stress_figures),
        cmocka_unit_test(test_show_topics),
        cmocka_unit_test(test_keywords),
        cmocka_unit_test(test_repl_help_and_commands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
