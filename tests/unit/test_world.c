/* test_world.c - the store, forks as overlays, and the schedule of payments. */
#include "testutil.h"
#include "schedule.h"
#include "world.h"

typedef struct { Interner in; World *w; EntId a, b; } Fix;

static Fix *fix_new(void)
{
    Fix *f = calloc(1, sizeof *f);
    intern_init(&f->in);
    f->w = world_new(&f->in);
    f->a = world_ensure(f->w, intern_cstr(&f->in, "a"), (Span){0});
    f->b = world_ensure(f->w, intern_cstr(&f->in, "b"), (Span){0});
    return f;
}

static void fix_free(Fix *f)
{
    world_free(f->w);
    intern_free(&f->in);
    free(f);
}

static Deal money(Verb v, EntId p, EntId q, double amount)
{
    return (Deal){.kind = v, .payer = p, .payee = q, .amount = amount, .from = MONTH_NONE,
                  .due = MONTH_NONE, .milestone = DEAL_NONE, .binding = true};
}

static void test_entities_and_labels(void **state)
{
    (void)state;
    Fix *f = fix_new();
    assert_int_equal(world_n_entities(f->w), 2);
    assert_int_equal(world_ensure(f->w, intern_cstr(&f->in, "a"), (Span){0}), f->a);
    assert_int_equal(world_find(f->w, intern_cstr(&f->in, "zzz")), ENT_NONE);
    Deal d = money(VERB_BUYS, f->a, f->b, 10e9);
    d.label = intern_cstr(&f->in, "big");
    DealId id = world_add_deal(f->w, &d);
    assert_int_equal(world_find_label(f->w, d.label), id);
    assert_string_equal(world_name(f->w, f->b), "b");
    fix_free(f);
}

/* A fork sees the base, changes only itself, and leaves the base as it was. */
static void test_fork_overlay(void **state)
{
    (void)state;
    Fix *f = fix_new();
    Deal d = money(VERB_PAYS, f->a, f->b, 100);
    DealId d0 = world_add_deal(f->w, &d);
    DealId d1 = world_add_deal(f->w, &d);
    world_entity_mut(f->w, f->a)->attr[A_CASH] = 5;

    World *k = world_fork(f->w);
    world_entity_mut(k, f->a)->attr[A_CASH] = 7;
    world_scale_payments(k, f->a, 0.5);
    world_cancel(k, d1);
    EntId c = world_ensure(k, intern_cstr(&f->in, "c"), (Span){0});
    Deal got;
    assert_true(world_deal(k, d0, &got));
    assert_near(got.amount, 50, 1e-12);      /* 100 x (1 - 50%) */
    assert_false(world_deal(k, d1, &got));    /* cancelled in the fork */
    assert_near(world_entity(k, f->a)->attr[A_CASH], 7, 0);
    assert_int_equal(c, 2);
    assert_int_equal(world_n_entities(k), 3);

    /* The base is untouched. */
    assert_true(world_deal(f->w, d0, &got));
    assert_near(got.amount, 100, 0);
    assert_true(world_deal(f->w, d1, &got));
    assert_near(world_entity(f->w, f->a)->attr[A_CASH], 5, 0);
    assert_int_equal(world_n_entities(f->w), 2);
    assert_int_equal(world_find(f->w, intern_cstr(&f->in, "c")), ENT_NONE);

    /* A fork of a fork compounds payment factors and drops letters of intent. */
    World *k2 = world_fork(k);
    world_scale_payments(k2, f->a, 0.5);
    Deal loi = money(VERB_BUYS, f->b, f->a, 9);
    loi.binding = false;
    DealId dl = world_add_deal(k2, &loi);
    assert_true(world_deal(k2, dl, &got));
    world_drop_nonbinding(k2);
    assert_false(world_deal(k2, dl, &got));
    assert_true(world_deal(k2, d0, &got));
    assert_near(got.amount, 25, 1e-12);
    world_free(k2);
    world_free(k);
    fix_free(f);
}

/* as of 2025; a 300 over 5y from 2027 pays 60 a year 2027..2031; a 13/y rate pays every year. */
static void test_schedule(void **state)
{
    (void)state;
    Fix *f = fix_new();
    world_set_asof(f->w, 2025 * 12);
    Deal big = money(VERB_BUYS, f->a, f->b, 300);
    big.from = 2027 * 12;
    big.over = 60;
    world_add_deal(f->w, &big);
    Deal rate = money(VERB_PAYS, f->b, f->a, 13);
    rate.per_year = true;
    world_add_deal(f->w, &rate);
    Deal old = money(VERB_BUYS, f->a, f->b, 40);
    old.from = 2023 * 12;
    world_add_deal(f->w, &old);

    Horizon h = horizon_of(f->w);
    assert_int_equal(h.first, 2025);
    assert_int_equal(h.last, 2031);                /* 2027 + 5 years - 1 */
    assert_int_equal(horizon_years(&h), 7);
    assert_near(deal_in_year(&big, &h, 2026), 0, 0);
    assert_near(deal_in_year(&big, &h, 2027), 60, 1e-12);
    assert_near(deal_in_year(&big, &h, 2031), 60, 1e-12);
    assert_near(deal_total(&big, &h), 300, 1e-12);
    assert_near(deal_total(&rate, &h), 13 * 7, 1e-12);   /* 2025..2031 */
    assert_near(deal_owed(&rate, &h), 13 * 7, 1e-12);
    assert_true(deal_settled(&old, &h));
    assert_near(deal_owed(&old, &h), 0, 0);
    assert_near(deal_total(&old, &h), 40, 0);           /* flows count settled deals */

    /* 18 months from 2026-07: 6 months in 2026, 12 in 2027: 1/3 and 2/3 of 90. */
    Deal half = money(VERB_PAYS, f->a, f->b, 90);
    half.from = 2026 * 12 + 6;
    half.over = 18;
    assert_near(deal_in_year(&half, &h, 2026), 30, 1e-12);
    assert_near(deal_in_year(&half, &h, 2027), 60, 1e-12);

    /* A scenario that cancels the long deal keeps the base's horizon (2025..2031), so the
     * yearly rate still counts 7 years there; a deal the fork adds can extend it. */
    World *k = world_fork(f->w);
    world_cancel(k, 0);
    Horizon hk = horizon_of(k);
    assert_int_equal(hk.first, 2025);
    assert_int_equal(hk.last, 2031);
    Deal later = money(VERB_PAYS, f->a, f->b, 5);
    later.from = 2033 * 12;
    world_add_deal(k, &later);
    assert_int_equal(horizon_of(k).last, 2033);
    world_free(k);

    /* Revenue 10 growing 100%: 10, 20, 40 ... over 7 years = 10 x (2^7 - 1) = 1270. */
    Entity *e = world_entity_mut(f->w, f->a);
    e->attr[A_REVENUE] = 10;
    e->attr[A_GROWTH] = 1.0;
    e->has |= 1u << A_REVENUE | 1u << A_GROWTH;
    assert_near(revenue_in_year(f->w, f->a, &h, 2027), 40, 1e-12);
    assert_near(revenue_over(f->w, f->a, &h), 1270, 1e-12);
    fix_free(f);
}

/* No dates at all: one year, everything owed. */
static void test_undated(void **state)
{
    (void)state;
    Fix *f = fix_new();
    Deal d = money(VERB_INVESTS, f->a, f->b, 100);
    world_add_deal(f->w, &d);
    Deal r = money(VERB_PAYS, f->b, f->a, 13);
    r.per_year = true;
    world_add_deal(f->w, &r);
    Horizon h = horizon_of(f->w);
    assert_false(h.dated);
    assert_int_equal(horizon_years(&h), 1);
    assert_near(deal_owed(&d, &h), 100, 0);
    assert_near(deal_total(&r, &h), 13, 1e-12);
    fix_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entities_and_labels),
        cmocka_unit_test(test_fork_overlay),
        cmocka_unit_test(test_schedule),
        cmocka_unit_test(test_undated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
