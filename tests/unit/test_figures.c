/* test_figures.c - per-entity and system figures on hand-worked webs. */
#include "enginefix.h"

/* Triangle (no dates: everything owed):
 *   commitments: openai 100B (buys from oracle), oracle 40B (buys from nvidia), nvidia 0
 *   backlog: oracle 100B, nvidia 40B
 *   commitment_ratio(openai) = 100 / 13 = 7.6923...
 *   leverage: nvidia (8 + 0 + 0) / 100 = 0.08; openai (0 + 0 + 100) / 500 (valuation) = 0.2;
 *             oracle (105 + 0 + 40) / 20 = 7.25
 *   concentration(openai) = 1 (nvidia is its only payer), hhi 1
 *   vendor_financing(openai) = 0 (oracle never funded openai)
 *   system: total commitments 140B; no market, so end demand 0 and system leverage n/a;
 *   total unfunded 0. */
static void test_triangle_figures(void **state)
{
    (void)state;
    Fix *f = fix_new();
    Tri t = triangle(f);
    Engine *e = engine_new(f->w);
    assert_near(fig(e, FIG_COMMITMENTS, t.oa), 100 * B, 1e-12);
    assert_near(fig(e, FIG_COMMITMENTS, t.orc), 40 * B, 1e-12);
    assert_near(fig(e, FIG_COMMITMENTS, t.nv), 0, 0);
    assert_near(fig(e, FIG_BACKLOG, t.orc), 100 * B, 1e-12);
    assert_near(fig(e, FIG_BACKLOG, t.nv), 40 * B, 1e-12);
    assert_near(fig(e, FIG_COMMITMENT_RATIO, t.oa), 100.0 / 13.0, 1e-12);
    assert_near(fig(e, FIG_LEVERAGE, t.nv), 0.08, 1e-12);
    assert_near(fig(e, FIG_LEVERAGE, t.oa), 0.2, 1e-12);
    assert_near(fig(e, FIG_LEVERAGE, t.orc), 7.25, 1e-12);
    assert_near(fig(e, FIG_CONCENTRATION, t.oa), 1, 1e-12);
    assert_near(fig(e, FIG_HHI, t.oa), 1, 1e-12);
    assert_near(fig(e, FIG_VENDOR_FINANCING, t.oa), 0, 0);
    assert_near(fig(e, FIG_PAPER, t.orc), 0, 0);
    double x;
    assert_true(figure_system(e, SYS_TOTAL_COMMITMENTS, &x));
    assert_near(x, 140 * B, 1e-12);
    assert_true(figure_system(e, SYS_END_DEMAND, &x));
    assert_near(x, 0, 0);
    assert_false(figure_system(e, SYS_LEVERAGE, &x));
    assert_true(figure_system(e, SYS_TOTAL_UNFUNDED, &x));
    assert_near(x, 0, 0);
    /* runway: one year; openai 20 + 13 + 100 - 100 = 33 >= 0: none */
    assert_false(figure_entity(e, FIG_RUNWAY, t.oa, &x));
    engine_free(e);
    fix_free(f);
}

/* Vendor financing and exposure: vendor lends 10B to customer, customer buys 10B from it.
 *   vendor_financing(customer) = 10B (its seller also lent to it)
 *   exposure(vendor, customer) = loan 10B + what customer still owes vendor 10B = 20B
 *   exposure(customer, vendor) = 0; borrowed(customer) = 10B
 *   leverage(customer): no equity, valuation or shares x price -> n/a */
static void test_vendor_financing(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId v = decl(f, "vendor", ENT_COMPANY), c = ent(f, "customer");
    attr(f, v, A_CASH, 50 * B);
    deal(f, VERB_LENDS, v, c, 10 * B);
    deal(f, VERB_BUYS, c, v, 10 * B);
    Engine *e = engine_new(f->w);
    assert_near(fig(e, FIG_VENDOR_FINANCING, c), 10 * B, 1e-12);
    assert_near(fig(e, FIG_VENDOR_FINANCING, v), 0, 0);
    assert_near(figure_exposure(e, v, c), 20 * B, 1e-12);
    assert_near(figure_exposure(e, c, v), 0, 0);
    assert_near(fig(e, FIG_BORROWED, c), 10 * B, 1e-12);
    assert_true(isnan(fig(e, FIG_LEVERAGE, c)));
    engine_free(e);
    fix_free(f);
}

/* A capacity purchase priced per GW (the evaluator prices 10GW at 35B/GW = 350B):
 *   as of 2026; openai buys 10GW from nvidia at 35B/GW over 5y from 2027.
 *   Horizon 2026..2031 (6 years). openai cash 20B, revenue 13B/y, equity 50B.
 *   own(openai) = 20 + 6 * 13 = 98B; gap = 350 - 98 - 0 = 252B
 *   commitments = 350B (all after as of); ratio 350/13; leverage 350/50 = 7
 *   runway: 2026 ends at 20 + 13 = 33B, 2027 at 33 + 13 - 70 = -24B -> 2027. */
static void test_capacity_purchase(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId oa = decl(f, "openai", ENT_COMPANY), nv = decl(f, "nvidia", ENT_COMPANY);
    attr(f, oa, A_CASH, 20 * B);
    attr(f, oa, A_REVENUE, 13 * B);
    attr(f, oa, A_EQUITY, 50 * B);
    world_entity_mut(f->w, nv)->gw_price = 35 * B;
    world_set_asof(f->w, 2026 * 12);
    Deal d = mk(VERB_BUYS, oa, nv, 350 * B);
    d.gw = 10;
    d.from = 2027 * 12;
    d.over = 60;
    world_add_deal(f->w, &d);
    Engine *e = engine_new(f->w);
    assert_near(fig(e, FIG_OWN, oa), 98 * B, 1e-12);
    assert_near(fig(e, FIG_GAP, oa), 252 * B, 1e-12);
    assert_near(fig(e, FIG_IN, nv), 350 * B, 1e-12);
    assert_near(fig(e, FIG_COMMITMENTS, oa), 350 * B, 1e-12);
    assert_near(fig(e, FIG_COMMITMENT_RATIO, oa), 350.0 / 13.0, 1e-12);
    assert_near(fig(e, FIG_LEVERAGE, oa), 7, 1e-12);
    assert_near(fig(e, FIG_RUNWAY, oa), 2027, 0);
    assert_true(isnan(fig(e, FIG_RUNWAY, nv)));
    double x;
    assert_true(figure_system(e, SYS_TOTAL_UNFUNDED, &x));
    assert_near(x, 252 * B, 1e-12);
    engine_free(e);
    fix_free(f);
}

/* A letter of intent: openai buys 100B from oracle nonbinding, pays 50B binding.
 *   paper(oracle) = 100 / (100 + 50) = 2/3; in(oracle) = 50B (the letter is no edge);
 *   commitments(openai) = 50B. */
static void test_letter_of_intent(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId oa = ent(f, "openai"), orc = ent(f, "oracle");
    Deal d = mk(VERB_BUYS, oa, orc, 100 * B);
    d.binding = false;
    world_add_deal(f->w, &d);
    deal(f, VERB_PAYS, oa, orc, 50 * B);
    Engine *e = engine_new(f->w);
    assert_near(fig(e, FIG_PAPER, orc), 2.0 / 3.0, 1e-12);
    assert_near(fig(e, FIG_IN, orc), 50 * B, 1e-12);
    assert_near(fig(e, FIG_COMMITMENTS, oa), 50 * B, 1e-12);
    assert_true(isnan(fig(e, FIG_PAPER, oa)));   /* nothing comes in */
    engine_free(e);
    fix_free(f);
}

/* Market demand and system leverage: users pay 30B to a, a pays 20B to b, b pays 50B to c.
 *   end demand 30B/y (one-year horizon); total commitments 30 + 20 + 50 = 100B;
 *   system leverage 100 / 30; total unfunded = gap(b) = 50 - 20 = 30B.
 *   concentration(c) = 1; hhi of x paid 3B by p and 1B by q: 0.75^2 + 0.25^2 = 0.625. */
static void test_system_and_concentration(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId u = decl(f, "users", ENT_MARKET), a = ent(f, "a"), b = ent(f, "b"), c = ent(f, "c");
    deal(f, VERB_PAYS, u, a, 30 * B);
    deal(f, VERB_PAYS, a, b, 20 * B);
    deal(f, VERB_PAYS, b, c, 50 * B);
    EntId x = ent(f, "x"), p = ent(f, "p"), q = ent(f, "q");
    deal(f, VERB_PAYS, p, x, 3 * B);
    deal(f, VERB_PAYS, q, x, 1 * B);
    Engine *e = engine_new(f->w);
    double s;
    assert_true(figure_system(e, SYS_END_DEMAND, &s));
    assert_near(s, 30 * B, 1e-12);
    assert_true(figure_system(e, SYS_TOTAL_COMMITMENTS, &s));
    assert_near(s, 104 * B, 1e-12);   /* plus p's 3B and q's 1B */
    assert_true(figure_system(e, SYS_LEVERAGE, &s));
    assert_near(s, 104.0 / 30.0, 1e-12);
    assert_true(figure_system(e, SYS_TOTAL_UNFUNDED, &s));
    assert_near(s, 34 * B, 1e-12);    /* plus p's 3B and q's 1B gaps */
    assert_near(fig(e, FIG_CONCENTRATION, x), 0.75, 1e-12);
    assert_near(fig(e, FIG_HHI, x), 0.625, 1e-12);
    assert_near(fig(e, FIG_RUNWAY, b), 0, 0);   /* year 0 ("now"): 20 - 50 < 0 */
    engine_free(e);
    fix_free(f);
}

/* Equity falls back to valuation, then shares x price; zero equity is n/a. */
static void test_equity_fallbacks(void **state)
{
    (void)state;
    Fix *f = fix_new();
    EntId a = ent(f, "a"), b = ent(f, "b"), c = ent(f, "c");
    attr(f, a, A_SHARES, 1.62 * B);
    attr(f, a, A_PRICE, 165);
    attr(f, a, A_DEBT, 26.73 * B);     /* 26.73 / (1.62 * 165 = 267.3) = 0.1 */
    attr(f, b, A_EQUITY, 0);
    attr(f, b, A_DEBT, 5 * B);
    attr(f, c, A_VALUATION, 10 * B);
    attr(f, c, A_SHARES, 1);
    attr(f, c, A_PRICE, 1);
    Engine *e = engine_new(f->w);
    assert_near(fig(e, FIG_LEVERAGE, a), 0.1, 1e-12);
    assert_true(isnan(fig(e, FIG_LEVERAGE, b)));
    assert_near(fig(e, FIG_EQUITY, c), 10 * B, 1e-12);
    assert_true(isnan(fig(e, FIG_COMMITMENT_RATIO, a)));  /* no revenue */
    engine_free(e);
    fix_free(f);
}

/* figure_find and figure_call: names, arity and units. */
static void test_figure_call(void **state)
{
    (void)state;
    Fix *f = fix_new();
    Tri t = triangle(f);
    Engine *e = engine_new(f->w);
    assert_int_equal(figure_find("leverage").nargs, 1);
    assert_int_equal(figure_find("leverage").id, FIG_LEVERAGE);
    assert_int_equal(figure_find("exposure").nargs, 2);
    assert_int_equal(figure_find("system_leverage").nargs, 0);
    assert_int_equal(figure_find("system_leverage").id, SYS_LEVERAGE);
    assert_int_equal(figure_find("defaulted").nargs, -1);
    assert_int_equal(figure_find(NULL).nargs, -1);
    Value v = figure_call(e, figure_find("commitments"), &t.oa);
    assert_int_equal(v.kind, V_NUM);
    assert_true(dim_eq(v.dim, DIM_USD));
    assert_near(v.num, 100 * B, 1e-12);
    v = figure_call(e, figure_find("circularity"), &t.nv);
    assert_true(v.flags & VF_PCT);
    v = figure_call(e, figure_find("system_leverage"), NULL);
    assert_int_equal(v.kind, V_NULL);
    EntId bad = 99;
    v = figure_call(e, figure_find("leverage"), &bad);   /* not an entity */
    assert_int_equal(v.kind, V_NULL);
    v = figure_call(e, (FigRef){-1, 0}, NULL);           /* no figure */
    assert_int_equal(v.kind, V_NULL);
    EntId ab[2] = {t.nv, t.oa};
    v = figure_call(e, figure_find("exposure"), ab);     /* stake 100B */
    assert_near(v.num, 100 * B, 1e-12);
    engine_free(e);
    fix_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_triangle_figures), cmocka_unit_test(test_vendor_financing),
        cmocka_unit_test(test_capacity_purchase), cmocka_unit_test(test_letter_of_intent),
        cmocka_unit_test(test_system_and_concentration), cmocka_unit_test(test_equity_fallbacks),
        cmocka_unit_test(test_figure_call),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
