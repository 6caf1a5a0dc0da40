/* test_eval.c - the evaluator through the library API: units, pricing, options, labels,
 * lets, includes, strictness, what-if isolation and engine-cache reuse.
 * Every expected number is worked out in the comment beside it. */
#include "testutil.h"
#include <stdio.h>
#include <unistd.h>
#include "dg.h"
#include "eval.h"
#include "eval_int.h"
#include "reading.h"

typedef struct T {
    Dg *dg;
    char *out, *err;
    size_t outn, errn;
    FILE *fo, *fe;
} T;

static void t_open(T *t, bool strict)
{
    memset(t, 0, sizeof *t);
    t->fo = open_memstream(&t->out, &t->outn);
    t->fe = open_memstream(&t->err, &t->errn);
    DgOptions o = {.out = t->fo, .err = t->fe, .strict = strict};
    t->dg = dg_new(&o);
}

static int t_run(T *t, const char *src)
{
    int rc = dg_run_text(t->dg, "<test>", src, strlen(src));
    int f = dg_finish(t->dg);
    fflush(t->fo);
    fflush(t->fe);
    return rc > f ? rc : f;
}

static void t_close(T *t)
{
    dg_free(t->dg);
    fclose(t->fo);
    fclose(t->fe);
    free(t->out);
    free(t->err);
}

static Deal deal_n(T *t, DealId id)
{
    Deal d;
    assert_true(world_deal(dg_world(t->dg), id, &d));
    return d;
}

static const Entity *ent(T *t, const char *name)
{
    const World *w = dg_world(t->dg);
    EntId id = world_find(w, intern_cstr(dg_interner(t->dg), name));
    assert_int_not_equal(id, ENT_NONE);
    return world_entity(w, id);
}

static void test_let_and_units(void **state)
{
    (void)state;
    T t;
    t_open(&t, false);
    /* 10B * 2 = 20B; a scaled number becomes USD as a deal amount */
    assert_int_equal(t_run(&t, "let t = 10B * 2\nshow t\ncompany a\ncompany b\na pays t to b\n"), DG_OK);
    assert_string_equal(t.out, "t = 20B\n");
    assert_near(deal_n(&t, 0).amount, 20e9, 1e-12);
    t_close(&t);
}

static void test_gw_priced(void **state)
{
    (void)state;
    T t;
    t_open(&t, false);
    /* 10 GW at the vendor's 35B/GW = 350B; 6 GW at 20B/GW = 120B */
    assert_int_equal(t_run(&t, "price nvidia 35B/GW\nopenai buys 10GW from nvidia\n"
                                "openai buys 6GW from amd at 20B/GW\n"), DG_OK);
    Deal d = deal_n(&t, 0);
    assert_near(d.amount, 350e9, 1e-12);
    assert_near(d.gw, 10, 1e-12);
    assert_near(deal_n(&t, 1).amount, 120e9, 1e-12);
    t_close(&t);
}

static void test_options(void **state)
{
    (void)state;
    T t;
    t_open(&t, false);
    assert_int_equal(t_run(&t, "users pay 13B/y to openai\n"
                                "deal s: openai buys 300B from oracle over 5y from 2027\n"
                                "jpm lends 38B to oracle at 6% due 2030 nonbinding\n"
                                "a pays 1B to b over 18mo from 2026Q3 source \"x\"\n"), DG_OK);
    Deal r = deal_n(&t, 0);
    assert_true(r.per_year);
    assert_near(r.amount, 13e9, 1e-12);
    Deal s = deal_n(&t, 1);
    assert_int_equal(s.from, 2027 * 12);      /* a bare year is January of that year */
    assert_int_equal(s.over, 60);             /* 5 years = 60 months */
    assert_int_equal(s.label, intern_cstr(dg_interner(t.dg), "s"));
    Deal l = deal_n(&t, 2);
    assert_near(l.price, 0.06, 1e-12);
    assert_int_equal(l.due, 2030 * 12);
    assert_false(l.binding);
    Deal q = deal_n(&t, 3);
    assert_int_equal(q.from, 2026 * 12 + 6);  /* Q3 starts in July: month index 6 */
    assert_int_equal(q.over, 18);
    assert_string_equal(q.source, "x");
    t_close(&t);
}

static void test_entity_attrs_merge(void **state)
{
    (void)state;
    T t;
    t_open(&t, false);
    assert_int_equal(t_run(&t, "company x \"X Corp\" { cash 5B; revenue 2B/y; growth 50% }\n"
                                "company x { cash 7B; margin 14%; layer \"cloud\" }\n"), DG_OK);
    const Entity *e = ent(&t, "x");
    assert_near(e->attr[A_CASH], 7e9, 1e-12);      /* the re-declaration overrides */
    assert_near(e->attr[A_REVENUE], 2e9, 1e-12);   /* and keeps what it does not name */
    assert_near(e->attr[A_GROWTH], 0.5, 1e-12);
    assert_near(e->attr[A_MARGIN], 0.14, 1e-12);
    assert_string_equal(e->display, "X Corp");
    assert_string_equal(e->layer, "cloud");
    assert_true(e->declared);
    t_close(&t);
}

static void test_forward_label(void **state)
{
    (void)state;
    T t;
    t_open(&t, false);
    assert_int_equal(t_run(&t, "amd grants openai 160M shares vesting with amd6\n"
                                "deal amd6: openai buys 6GW from amd at 20B/GW\n"), DG_OK);
    /* the grant joins the world when amd6 is defined: deal 0 is amd6, deal 1 the grant */
    assert_int_equal(world_n_deals(dg_world(t.dg)), 2);
    Deal g = deal_n(&t, 1);
    assert_int_equal(g.kind, VERB_GRANTS);
    assert_int_equal(g.milestone, 0);
    assert_near(g.amount, 160e6, 1e-12);
    t_close(&t);
}

static void test_errors_independent(void **state)
{
    (void)state;
    T t;
    t_open(&t, false);
    /* three independent mistakes, three errors; the good deal after them still counts */
    int rc = t_run(&t, "company x { revenue 13B }\n"
                       "a buys 10GW from b\n"
                       "deal d: a pays 1B to b\ndeal d: a pays 2B to b\n"
                       "a pays 3B to b\n");
    assert_int_equal(rc, DG_EFAIL);
    assert_int_equal(dg_error_count(t.dg), 3);
    assert_int_equal(world_n_deals(dg_world(t.dg)), 2);
    assert_true(ent(&t, "x")->declared);  /* a failed attribute still declares x */
    t_close(&t);
}

static void test_strict(void **state)
{
    (void)state;
    T t;
    t_open(&t, true);
    assert_int_equal(t_run(&t, "company nvidia\nnvida pays 1B to nvidia\n"), DG_EFAIL);
    assert_int_equal(dg_error_count(t.dg), 1);
    assert_non_null(strstr(t.err, "did you mean 'nvidia'?"));
    t_close(&t);
    t_open(&t, false);
    assert_int_equal(t_run(&t, "company nvidia\nnvida pays 1B to nvidia\n"), DG_OK);
    t_close(&t);
}

static void test_whatif_leaves_base(void **state)
{
    (void)state;
    T t;
    t_open(&t, false);
    int rc = t_run(&t, "company a { cash 10B }\ncompany b\ndeal x: a pays 5B to b\n"
                       "scenario s { shock cash of a by -50%; cancel x; b pays 1B to a; let k = 1 }\n"
                       "what if s { assert k == 1 }\nwhat if s { }\n");
    assert_int_equal(rc, DG_OK);
    /* after both what-ifs: cash 10B, one deal, x not cancelled, k unbound */
    assert_near(ent(&t, "a")->attr[A_CASH], 10e9, 1e-12);
    assert_int_equal(world_n_deals(dg_world(t.dg)), 1);
    Deal d;
    assert_true(world_deal(dg_world(t.dg), 0, &d));
    /* k is unbound again: a new `let k` is no redefinition */
    assert_int_equal(t_run(&t, "let k = 2\nassert k == 2\n"), DG_OK);
    t_close(&t);
}

static void test_scenario_error_once(void **state)
{
    (void)state;
    T t;
    t_open(&t, false);
    /* the bad shock (a GW amount as a percentage) is one mistake, though asked about twice */
    int rc = t_run(&t, "company a\nscenario s { shock cash of a by 10GW }\n"
                       "what if s { assert not defaulted(a) }\nwhat if s { }\n");
    assert_int_equal(rc, DG_EFAIL);
    assert_int_equal(dg_error_count(t.dg), 1);
    t_close(&t);
}

/* The evaluator itself (below the API): text run into an Eval of a Reading. */
static int ev_run(Eval *ev, const char *name, const char *text)
{
    return eval_text(ev, name, strdup(text), strlen(text));
}

static void test_engine_cached(void **state)
{
    (void)state;
    char *out = NULL;
    size_t outn = 0;
    FILE *fo = open_memstream(&out, &outn);
    Reading rd;
    reading_init(&rd);
    DgOptions o = {.out = fo, .err = stderr};
    Eval *ev = eval_new(&rd.in, &rd.src, &rd.diags, &o);
    assert_int_equal(ev_run(ev, "<t>", "company a { cash 10B }\na pays 5B to b\nshow in(b)\n"),
                     DG_OK);
    struct Engine *e1 = eval_engine_of(ev);
    uint64_t v1 = ev->base.version;
    /* more questions do not change the world, so the same engine answers them */
    assert_int_equal(ev_run(ev, "<q>", "show in(b)\nshow out(a)\n"), DG_OK);
    assert_int_equal(ev->base.version, v1);
    assert_ptr_equal(eval_engine_of(ev), e1);
    /* a new deal does */
    assert_int_equal(ev_run(ev, "<q2>", "a pays 1B to b\nshow in(b)\n"), DG_OK);
    assert_true(ev->base.version > v1);
    fflush(fo);
    assert_string_equal(out, "in(b) = 5B\nin(b) = 5B\nout(a) = 5B\nin(b) = 6B\n");
    eval_free(ev);
    reading_free(&rd);
    fclose(fo);
    free(out);
}

static void test_include_once(void **state)
{
    (void)state;
    char dir[] = "/tmp/dg_eval_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char a[128], b[128], m[128];
    snprintf(a, sizeof a, "%s/a.deal", dir);
    snprintf(b, sizeof b, "%s/b.deal", dir);
    snprintf(m, sizeof m, "%s/main.deal", dir);
    FILE *f = fopen(a, "w");
    fputs("deal once: x pays 1B to y\n", f);
    fclose(f);
    f = fopen(b, "w");
    fputs("include \"a.deal\"\n", f);
    fclose(f);
    f = fopen(m, "w");
    fputs("include \"a.deal\"\ninclude \"b.deal\"\n", f);
    fclose(f);
    T t;
    t_open(&t, false);
    /* a.deal twice would be a duplicate label: it must be evaluated once */
    assert_int_equal(dg_run_file(t.dg, m), DG_OK);
    assert_int_equal(world_n_deals(dg_world(t.dg)), 1);
    assert_int_equal(dg_run_file(t.dg, "/nonexistent/x.deal"), DG_EIO);
    t_close(&t);
    unlink(a), unlink(b), unlink(m), rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_let_and_units),     cmocka_unit_test(test_gw_priced),
        cmocka_unit_test(test_options),           cmocka_unit_test(test_entity_attrs_merge),
        cmocka_unit_test(test_forward_label),     cmocka_unit_test(test_errors_independent),
        cmocka_unit_test(test_strict),            cmocka_unit_test(test_whatif_leaves_base),
        cmocka_unit_test(test_engine_cached),     cmocka_unit_test(test_scenario_error_once),     cmocka_unit_test(test_include_once),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
