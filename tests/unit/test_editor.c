/* test_editor.c - what `dealgraph lsp` asks of dg.h ("editors"): the figure definitions
 * embedded from docs/ENGINE.md (read here again: each listed figure's row must be the text
 * the hover gives, so the two cannot drift), unsaved buffers read before the disk (the
 * script and an include), diagnostics as records with editor ranges, and the symbol index
 * across files. Run from the repository root. */
#include "testutil.h"
#include <limits.h>
#include <stdio.h>
#include <unistd.h>
#include "dg.h"

static char *read_all(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
    s[n] = '\0';
    fclose(fp);
    return s;
}

typedef struct FigCheck {
    const char *doc;
    int checked;
} FigCheck;

/* The row of a figure in ENGINE.md ("| `name` |" or "| `name(a, b)` |") holds the text. */
static void check_figure(const char *name, int nargs, bool whatif, void *ud)
{
    FigCheck *fc = ud;
    (void)nargs;
    const char *def = dg_figure_doc(name);
    if (whatif) {   /* docs/STRESS.md's: the hover points there */
        assert_null(def);
        return;
    }
    if (!def)
        fail_msg("no definition embedded for figure '%s'", name);
    char key[80];
    snprintf(key, sizeof key, "| `%s", name);
    const char *row = NULL;
    for (const char *p = strstr(fc->doc, key); p && !row; p = strstr(p + 1, key))
        if (p[strlen(key)] == '`' || p[strlen(key)] == '(')
            row = p;
    assert_non_null(row);
    const char *cell = strchr(row + 1, '|') + 2, *end = strchr(cell, '|');
    size_t n = (size_t)(end - cell) - 1;   /* the cell less its closing blank */
    if (strncmp(def, cell, n) != 0)
        fail_msg("figure '%s': hover says \"%s\", ENGINE.md \"%.*s\"", name, def, (int)n, cell);
    fc->checked++;
}

static void test_figure_docs(void **st)
{
    (void)st;
    FigCheck fc = {read_all("docs/ENGINE.md"), 0};
    dg_each_figure(check_figure, &fc);
    assert_int_equal(fc.checked, 24);   /* the listed: 17 of one entity, 2 of two, 5 of the system */
    assert_non_null(strstr(dg_figure_doc("leverage"), "; n/a when equity null"));
    assert_null(dg_figure_doc("no_such_figure"));
    free((char *)fc.doc);
}

/* ---- unsaved buffers ---- */

typedef struct Buffers {
    const char *path[2], *text[2];
    int asked;
} Buffers;

static const char *reader(void *ud, const char *path, size_t *len)
{
    Buffers *b = ud;
    b->asked++;
    for (int i = 0; i < 2; i++)
        if (b->path[i] && !strcmp(b->path[i], path)) {
            *len = strlen(b->text[i]);
            return b->text[i];
        }
    return NULL;
}

typedef struct Seen {
    DgDiag d[8];
    char msg[8][200];
    int n;
} Seen;

static void seen(const DgDiag *d, void *ud)
{
    Seen *s = ud;
    if (s->n < 8) {
        s->d[s->n] = *d;
        snprintf(s->msg[s->n], sizeof s->msg[0], "%s", d->message);
        s->n++;
    }
}

static FILE *devnull(void)
{
    FILE *fp = fopen("/dev/null", "w");
    assert_non_null(fp);
    return fp;
}

static void test_buffers_before_disk(void **st)
{
    (void)st;
    char dir[] = "/tmp/dg_editor_XXXXXX", main_path[PATH_MAX], part_path[PATH_MAX];
    assert_non_null(mkdtemp(dir));
    snprintf(main_path, sizeof main_path, "%s/main.deal", dir);
    snprintf(part_path, sizeof part_path, "%s/part.deal", dir);
    FILE *fp = fopen(main_path, "w");
    fputs("company nobody\n", fp);   /* the disk: the buffer below replaces it */
    fclose(fp);
    fp = fopen(part_path, "w");
    fputs("company c\n", fp);
    fclose(fp);
    char real_main[PATH_MAX], real_part[PATH_MAX];
    assert_non_null(realpath(main_path, real_main));
    assert_non_null(realpath(part_path, real_part));
    /* main's buffer includes part, whose buffer declares b; the emoji is 2 UTF-16 units */
    Buffers b = {{real_main, real_part},
                 {"include \"part.deal\"\ncompany a \"\xF0\x9F\x98\x80\" { cash 5GW }\n"
                  "a pays 5B to b\na pays 1B to zed\n",
                  "company b\n"}, 0};
    FILE *null = devnull();
    DgOptions o = {.out = null, .err = null, .strict = true, .quiet = true};
    Dg *dg = dg_new(&o);
    dg_set_reader(dg, reader, &b);
    dg_run_file(dg, main_path);
    dg_finish(dg);
    assert_int_equal(b.asked, 2);
    Seen s = {0};
    dg_each_diag(dg, seen, &s);
    assert_int_equal(s.n, 2);
    /* `cash 5GW`: line 1, after `company a "X" { cash ` = 21 characters, 22 UTF-16 units */
    assert_string_equal(s.d[0].at.file, real_main);
    assert_int_equal(s.d[0].at.line, 1);
    assert_int_equal(s.d[0].at.col, 22);
    assert_int_equal(s.d[0].at.end_line, 1);
    assert_int_equal(s.d[0].at.end_col, 25);
    assert_int_equal(s.d[0].severity, DG_SEV_ERROR);
    /* zed is undeclared (b is, in the buffer of part.deal): line 3, `a pays 1B to ` = 13 */
    assert_string_equal(s.msg[1], "'zed' is used but never declared");
    assert_int_equal(s.d[1].at.line, 3);
    assert_int_equal(s.d[1].at.col, 13);
    assert_int_equal(s.d[1].at.end_col, 16);

    /* the index: b's use in main and its definition in part */
    const DgSym *use = dg_symbol_at(dg, real_main, 2, 13);
    assert_non_null(use);
    assert_int_equal(use->kind, DG_SYM_ENTITY);
    assert_string_equal(use->name, "b");
    assert_false(use->definition);
    size_t n, defs = 0;
    const DgSym *all = dg_symbols(dg, &n);
    for (size_t i = 0; i < n; i++)
        if (all[i].kind == DG_SYM_ENTITY && !strcmp(all[i].name, "b") && all[i].definition) {
            assert_string_equal(all[i].at.file, real_part);
            assert_int_equal(all[i].at.line, 0);
            assert_int_equal(all[i].at.col, 8);
            defs++;
        }
    assert_int_equal(defs, 1);
    /* the deal at `a pays 5B to b`, on its verb: a card */
    const DgSym *deal = dg_symbol_at(dg, real_main, 2, 3);
    assert_non_null(deal);
    assert_int_equal(deal->kind, DG_SYM_DEAL);
    char *card = dg_deal_card(dg, deal);
    assert_non_null(card);
    assert_non_null(strstr(card, "a pays to b\n"));
    assert_non_null(strstr(card, "amount: 5B USD\n"));
    free(card);
    card = dg_entity_card(dg, "b");
    assert_non_null(card);
    assert_non_null(strstr(card, "b (company)"));
    free(card);
    assert_null(dg_entity_card(dg, "nobody"));   /* the disk's main.deal was not read */
    dg_free(dg);
    fclose(null);
    unlink(main_path);
    unlink(part_path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figure_docs),
        cmocka_unit_test(test_buffers_before_disk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
