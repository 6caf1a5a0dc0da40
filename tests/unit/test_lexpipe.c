/* test_lexpipe.c - scanning on a second thread (src/front/lexpipe.c) gives the parser exactly the
 * token stream and the diagnostics that scanning on its own thread gives: same kinds,
 * spans, values, names and errors in the same order, on scripts with and without errors,
 * inputs that cross many batches, and a parse that stops reading early. */
#include "testutil.h"
#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include "lex.h"

/* One token as text: kind, span, implicit flag and value, names by their text. */
typedef struct Stream {
    char **lines;
    size_t n, cap;
    const char **strs;      /* STRING tokens' pointers, read again after lex_free */
    char **copies;          /* ... and what they said when read */
    size_t nstr, cstr;
    size_t nerrors, at_end;
    bool eof_error;
    Arena strings;
} Stream;

static void add(Stream *s, char *line)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->lines = realloc(s->lines, s->cap * sizeof *s->lines);
    }
    s->lines[s->n++] = line;
}

static char *dup_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = malloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

static void keep_string(Stream *s, const char *str)
{
    if (s->nstr == s->cstr) {
        s->cstr = s->cstr ? s->cstr * 2 : 64;
        s->strs = realloc(s->strs, s->cstr * sizeof *s->strs);
        s->copies = realloc(s->copies, s->cstr * sizeof *s->copies);
    }
    s->strs[s->nstr] = str;
    s->copies[s->nstr++] = strdup(str);
}

static char *describe(const Interner *in, int k, const YYSTYPE *v, Span sp, bool implicit)
{
    char val[128] = "";
    if (k == IDENT)
        snprintf(val, sizeof val, " %s", sym_str(in, v->sym));
    else if (k == NUMBER || k == DATE)
        snprintf(val, sizeof val, " %.17g/%d/%d%d%d%d/%u", v->val.num, (int)v->val.kind,
                 v->val.dim.usd, v->val.dim.gw, v->val.dim.yr, v->val.dim.cnt, v->val.flags);
    else if (k == STRING)
        snprintf(val, sizeof val, " \"%.100s\"", v->str);
    return dup_printf("%s %u-%u%s%s", token_name(k), sp.start, sp.end, implicit ? " i" : "",
                      val);
}

/* Read `text` through the token stream the parser reads, scanning as `flags` says. */
static Stream *read_stream(const char *text, size_t len, unsigned flags)
{
    Stream *s = calloc(1, sizeof *s);
    SourceSet src;
    Diags d;
    Interner in;
    srcset_init(&src);
    diags_init(&d, &src);
    d.max_errors = 100000;
    intern_init(&in);
    arena_init(&s->strings);
    char *copy = malloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    uint32_t id = srcset_add(&src, "t.deal", NULL, copy, len);
    Arena nodes;
    arena_init(&nodes);
    ParseCtx pc = {.arena = &nodes, .in = &in, .d = &d, .file = id};
    LexState ls;
    lex_init(&ls, &pc, &s->strings, id, flags);
    assert_true(!(flags & LEX_THREAD) || ls.pipe != NULL);
    for (size_t i = 0;; i++) {
        YYSTYPE v;
        Span sp;
        int k = lex_next(&v, &sp, &ls);
        add(s, describe(&in, k, &v, sp, k == ';' && ls.implicit));
        if (k == STRING)
            keep_string(s, v.str);
        if (k == END || i > 10000000)
            break;
    }
    s->eof_error = ls.eof_error;
    lex_free(&ls);
    s->nerrors = pc.nerrors;
    s->at_end = pc.nerrors_at_end;
    for (size_t i = 0; i < d.n; i++)
        add(s, dup_printf("diag %d %u-%u %s | %s", (int)d.items[i].level, d.items[i].span.start,
                          d.items[i].span.end, d.items[i].msg,
                          d.items[i].hint ? d.items[i].hint : "-"));
    arena_free(&nodes);
    intern_free(&in);
    diags_free(&d);
    srcset_free(&src);
    return s;
}

static void stream_free(Stream *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->lines[i]);
    for (size_t i = 0; i < s->nstr; i++)
        free(s->copies[i]);
    free(s->lines);
    free((void *)s->strs);
    free(s->copies);
    arena_free(&s->strings);
    free(s);
}

/* Scan both ways and compare everything; returns the token count for the caller's sanity. */
static size_t same_both_ways(const char *what, const char *text, size_t len)
{
    Stream *a = read_stream(text, len, 0), *b = read_stream(text, len, LEX_THREAD);
    for (size_t i = 0; i < a->n && i < b->n; i++)
        if (strcmp(a->lines[i], b->lines[i]) != 0) {
            print_error("%s: entry %zu differs:\n  own thread: %s\n  pipe:       %s\n", what, i,
                        a->lines[i], b->lines[i]);
            fail();
        }
    if (a->n != b->n) {
        print_error("%s: %zu entries against %zu\n", what, a->n, b->n);
        fail();
    }
    assert_int_equal(a->nerrors, b->nerrors);
    assert_int_equal(a->at_end, b->at_end);
    assert_int_equal(a->eof_error, b->eof_error);
    /* String literals outlive the scan: the pipe's arena went to the caller's. */
    assert_int_equal(a->nstr, b->nstr);
    for (size_t i = 0; i < b->nstr; i++)
        assert_string_equal(b->strs[i], b->copies[i]);
    size_t n = a->n;
    stream_free(a);
    stream_free(b);
    return n;
}

static void same_str(const char *text) { same_both_ways(text, text, strlen(text)); }

static void test_small_scripts(void **st)
{
    (void)st;
    same_str("");
    same_str("company a { cash 10B; revenue 13B/y }\nb pays $1.5T to a over 5y from 2026Q3\n");
    same_str("deal x: a invests 100B in b\n\n# note\nb buys 10GW from a at 35B/GW \"src\"\n");
    same_str("a pays \"unclosed");
    same_str("company Nvidia\nNvidia pays 5B to oracle\n");
    same_str("a pays 5Q to b\na pays 3.B to b\n2026-13\n\"bad \\q escape\"\n");
    same_str("x @ y $ z ` \x01\x02 \xff\xfe ok\n\xEF\xBB\xBF after a mark\n");
    same_str("\xEF\xBB\xBF" "company a\n");
    same_str(" a pays (1B + (2B * 3)\ncompany b\n");
    same_str("let a = 1 +\n  2\nscenario s {\n  a defaults\n");
}

static void test_stops_early(void **st)
{
    (void)st;
    /* Past the paren cap the stream stops reading: the scanning thread is cancelled with
     * the rest of a large input still unread. */
    size_t n = 300 + 4 * 1000000;
    char *t = malloc(n + 1);
    memset(t, '(', 300);
    for (size_t i = 300; i < n; i += 4)
        memcpy(t + i, "1B \n", 4);
    t[n] = '\0';
    same_both_ways("paren cap", t, strlen(t));
    free(t);
}

/* Many batches: a synthetic web with a lexical error every few hundred lines. */
static void test_large_input(void **st)
{
    (void)st;
    size_t cap = 8 << 20, len = 0;
    char *t = malloc(cap);
    for (int i = 0; len + 200 < cap; i++) {
        const char *bad = i % 397 == 0 ? " @" : i % 911 == 0 ? " 5Q" : i % 1499 == 0 ? " Bad" : "";
        len += (size_t)snprintf(t + len, cap - len, "e%d pays %d.%dB to e%d over %dy%s # c\n",
                                i % 9973, i % 50, i % 10, (i * 7) % 9973, 1 + i % 5, bad);
    }
    t[len] = '\0';
    size_t n = same_both_ways("large", t, len);
    assert_true(n > 1000000);
    free(t);
}

static char *slurp(const char *path, size_t *len)
{
    struct stat sb;
    FILE *f = stat(path, &sb) == 0 && S_ISREG(sb.st_mode) ? fopen(path, "rb") : NULL;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *t = malloc((size_t)n + 1);
    *len = fread(t, 1, (size_t)n, f);
    t[*len] = '\0';
    fclose(f);
    return t;
}

/* Every script the project ships or tests with. */
static void test_project_scripts(void **st)
{
    (void)st;
    static const char *const dirs[] = {"examples", "stdlib", "tests/golden", "tests/errors",
                                       "tests/examples", "tests/cli", "tests/fuzz/corpus"};
    int files = 0;
    for (size_t k = 0; k < sizeof dirs / sizeof *dirs; k++) {
        DIR *dir = opendir(dirs[k]);
        if (!dir)
            continue;
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            size_t nl = strlen(e->d_name);
            if (e->d_name[0] == '.' || nl < 6 || strcmp(e->d_name + nl - 5, ".deal") != 0)
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dirs[k], e->d_name);
            size_t len;
            char *t = slurp(path, &len);
            if (!t)
                continue;
            same_both_ways(path, t, len);
            free(t);
            files++;
        }
        closedir(dir);
    }
    assert_true(files > 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_scripts),
        cmocka_unit_test(test_stops_early),
        cmocka_unit_test(test_large_input),
        cmocka_unit_test(test_project_scripts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
