/* test_stress.c - the yearly what-if model on worlds built through the world API, every
 * number worked out by hand in the comment above its test: obligations from deals and
 * loans with interest over the years, shocks, guarantees, warrants, the equity channel
 * (distress that does not stop payments), losses against the base (cash at the end of the
 * last year), drop nonbinding, cancel, and a base world left unchanged. */
#include "testutil.h"
#include "stress.h"

typedef struct Fx {
    Interner in;
    World *w;
} Fx;

static Fx *fx_new(void)
{
    Fx *f = calloc(1, sizeof *f);
    intern_init(&f->in);
    f->w = world_new(&f->in);
    return f;
}

static void fx_free(Fx *f)
{
    world_free(f->w);
    intern_free(&f->in);
    free(f);
}

static EntId co(Fx *f, const char *name, EntKind kind)
{
    EntId id = world_ensure(f->w, intern_cstr(&f->in, name), (Span){0});
    Entity *e = world_entity_mut(f->w, id);
    e->kind = kind;
    e->declared = true;
    return id;
}

static void set(Fx *f, EntId id, AttrId a, double v)
{
    Entity *e = world_entity_mut(f->w, id);
    e->attr[a] = v;
    e->has |= 1u << a;
}

static DealId add(Fx *f, Verb v, EntId p, EntId q, double amount)
{
    Deal d = {.kind = v, .payer = p, .payee = q, .amount = amount, .from = MONTH_NONE,
              .due = MONTH_NONE, .milestone = DEAL_NONE, .binding = true};
    return world_add_deal(f->w, &d);
}

static DealId add_d(Fx *f, Deal d)
{
    if (!d.from)
        d.from = MONTH_NONE;
    if (!d.due)
        d.due = MONTH_NONE;
    d.binding = true;
    return world_add_deal(f->w, &d);
}

static StressResult *run_shocks(Fx *f, const Shock *s, size_t n, World **fork)
{
    StressParams p;
    *fork = stress_apply(f->w, s, n, &p);
    StressResult *r = stress_run(*fork, f->w, &p);
    stress_params_free(&p);
    return r;
}

/* The three banks of test_clearing.c (systemicrisk default_clearing example) written as
 * deals: b1 b2 b3 pay 0.5 to each other and 1.5 / 0.5 / 0.5 to outside; cash 0.5, 0.625,
 * 0.75; no dates (one year, everything owed). EN: p = (165/112, 159/112, 1.5), rounds 1 2 0.
 * With alpha 0.5 and beta 0.7: p1 = 4225/8416 and everybody defaults (rounds 1 2 2). */
static void three_banks_from_deals(void **state)
{
    (void)state;
    Fx *f = fx_new();
    EntId b[3] = {co(f, "b1", ENT_BANK), co(f, "b2", ENT_BANK), co(f, "b3", ENT_BANK)};
    EntId out = co(f, "outside", ENT_COMPANY);
    double cash[3] = {0.5, 0.625, 0.75}, ext[3] = {1.5, 0.5, 0.5};
    for (int i = 0; i < 3; i++) {
        set(f, b[i], A_CASH, cash[i]);
        add(f, VERB_PAYS, b[i], out, ext[i]);
        for (int j = 0; j < 3; j++)
            if (i != j)
                add(f, VERB_PAYS, b[i], b[j], 0.5);
    }
    StressParams p;
    stress_params_init(&p);
    StressResult *r = stress_run(f->w, NULL, &p);
    assert_near(r->payment[b[0]], 165.0 / 112, 1e-9);
    assert_near(r->payment[b[1]], 159.0 / 112, 1e-9);
    assert_near(r->payment[b[2]], 1.5, 1e-12);
    assert_int_equal(r->round[b[0]], 1);
    assert_int_equal(r->round[b[1]], 2);
    assert_int_equal(r->round[b[2]], 0);
    assert_near(stress_shortfall(r, b[0]), 2.5 - 165.0 / 112, 1e-9);
    assert_near(r->loss[b[0]], 0, 0); /* the base against itself */
    stress_free(r);
    Shock s[] = {{SH_ALPHA, ENT_NONE, DEAL_NONE, 0.5}, {SH_BETA, ENT_NONE, DEAL_NONE, 0.7}};
    World *w;
    r = run_shocks(f, s, 2, &w);
    assert_near(r->payment[b[0]], 4225.0 / 8416, 1e-9);
    assert_int_equal(r->round[b[2]], 2);
    /* b3 received 0.2 * 165/112 + (159/112)/3 in the base and paid its 1.5 in full, ending
     * with 0.75 + that - 1.5; in the scenario it defaults and ends with 0 */
    double base_in = 0.2 * 165.0 / 112 + 159.0 / 112 / 3;
    assert_near(r->loss[b[2]], 0.75 + base_in - 1.5, 1e-12);
    assert_near(r->received[b[2]], 0.2 * 4225.0 / 8416 + 160275.0 / 311392 / 3, 1e-9);
    stress_free(r);
    world_free(w);
    fx_free(f);
}

/* A market pays 100 to a, a owes 80 to b, a has no cash. Base: a is paid 100 and pays 80.
 * `shock payments of users by -50%`: users pays 50 (a market always pays what it owes), a
 * defaults in round 1 paying 50. Losses are cash at the end against the base: a ended with
 * 100 - 80 = 20 and ends with 0: loss 20; b ended with 80, now 50: loss 30 (together the
 * 50 users no longer pay); paid(a) = 50/80 = 62.5%. */
static void payments_shock_and_figures(void **state)
{
    (void)state;
    Fx *f = fx_new();
    EntId users = co(f, "users", ENT_MARKET), a = co(f, "a", ENT_COMPANY), b = co(f, "b", ENT_COMPANY);
    add(f, VERB_PAYS, users, a, 100);
    add(f, VERB_PAYS, a, b, 80);
    Shock s = {SH_PAYMENTS, users, DEAL_NONE, -0.5};
    World *w;
    StressResult *r = run_shocks(f, &s, 1, &w);
    assert_near(r->payment[users], 50, 1e-12);
    assert_int_equal(r->round[users], 0);
    assert_near(r->payment[a], 50, 1e-9);
    assert_int_equal(r->round[a], 1);
    assert_near(r->loss[a], 20, 1e-9);
    assert_near(r->loss[b], 30, 1e-9);
    Value v = stress_figure(r, WF_PAID, a);
    assert_true(v.flags & VF_PCT);
    assert_near(v.num, 0.625, 1e-12);
    v = stress_figure(r, WF_DEFAULTED, a);
    assert_true(v.kind == V_BOOL && v.num == 1);
    v = stress_figure(r, WF_SHORTFALL, a);
    assert_true(dim_eq(v.dim, DIM_USD));
    assert_near(v.num, 30, 1e-9);
    v = stress_figure(r, WF_LOSS, b);
    assert_near(v.num, 30, 1e-9);
    v = stress_figure(r, WF_DISTRESS, b);
    assert_near(v.num, 0, 0); /* b declares no equity: no equity channel */
    assert_int_equal(stress_figure_find("shortfall"), WF_SHORTFALL);
    assert_string_equal(stress_figure_name(WF_DISTRESS), "distress");
    assert_int_equal(stress_figure_find("nonsense"), -1);
    stress_free(r);
    world_free(w);
    fx_free(f);
}

/* bank (cash 100) lends 100 to x in 2025 at 10% a year, due 2027; as of 2025. Without a
 * horizon the model ends in 2025, the last year a deal pays (a repayment does not stretch
 * it): x is paid 100 and owes nothing yet. With `horizon 2027`:
 *   2025: bank pays x 100; x owes no interest (nothing was disbursed before 2025).
 *   2026: x owes interest 10 on the 100 and pays it: cash 90.
 *   2027: x owes interest 10 + principal 100 = 110, has 90: defaults in 2027 (round 1),
 *         pays 90 (81.8%), and 20 stays in arrears: shortfall 20.
 * x's dues over the years: 10 + 110 = 120; it paid 100. */
static void loan_repayment_with_interest(void **state)
{
    (void)state;
    Fx *f = fx_new();
    EntId bank = co(f, "bank", ENT_BANK), x = co(f, "x", ENT_COMPANY);
    set(f, bank, A_CASH, 100);
    add_d(f, (Deal){.kind = VERB_LENDS, .payer = bank, .payee = x, .amount = 100,
                    .price = 0.10, .from = 2025 * 12, .due = 2027 * 12, .milestone = DEAL_NONE});
    world_set_asof(f->w, 2025 * 12);
    StressParams p;
    stress_params_init(&p);
    StressResult *r = stress_run(f->w, NULL, &p);
    assert_int_equal(r->nyears, 1);
    assert_near(r->obligation[x], 0, 0);
    assert_int_equal(r->year[x], 0);
    stress_free(r);
    world_set_horizon(f->w, 2027);
    r = stress_run(f->w, NULL, &p);
    assert_int_equal(r->nyears, 3);
    assert_near(r->obligation[bank], 100, 1e-12);
    assert_near(r->obligation[x], 120, 1e-12);
    assert_near(r->payment[x], 100, 1e-9);
    assert_near(r->cash_y[1 * r->n + x], 90, 1e-9);        /* end of 2026 */
    assert_near(r->dues_y[2 * r->n + x], 110, 1e-9);
    assert_near(stress_shortfall(r, x), 20, 1e-9);
    assert_near(stress_paid_fraction(r, x), 90.0 / 110, 1e-12);
    assert_int_equal(r->year[x], 2027);
    assert_int_equal(r->round[x], 1);
    assert_int_equal(r->year[bank], 0);
    stress_free(r);
    fx_free(f);
}

/* b owes c 100 (one year, no dates); g guarantees 30 to b: it pays b's creditors what b
 * does not pay them, never into b, and takes that much of b's debt over.
 * b has 60, g 50: b pays 60 (defaults, round 1); call min(30, 40) = 30, g pays it: c gets
 *   90; b's arrears 40 - 30 = 10.
 * g has only 20: g owes the 30 call, pays 20 and defaults (round 1 of the clearing with the
 *   call): c gets 80; g's arrears 10, b's 10.
 * b has 80: b pays 80, the call is 20 and g pays it: c is kept whole (100), b still did not
 *   pay and is in default, with no arrears left. */
static void guarantees(void **state)
{
    (void)state;
    double cases[3][2] = {{60, 50}, {60, 20}, {80, 50}}; /* b cash, g cash */
    for (int k = 0; k < 3; k++) {
        Fx *f = fx_new();
        EntId b = co(f, "b", ENT_COMPANY), c = co(f, "c", ENT_COMPANY), g = co(f, "g", ENT_COMPANY);
        set(f, b, A_CASH, cases[k][0]);
        set(f, g, A_CASH, cases[k][1]);
        add(f, VERB_PAYS, b, c, 100);
        add(f, VERB_GUARANTEES, g, b, 30);
        StressParams p;
        stress_params_init(&p);
        StressResult *r = stress_run(f->w, NULL, &p);
        assert_int_equal(r->nguarantees, 1);
        assert_int_equal(r->round[b], 1);
        if (k == 0) {
            assert_near(r->guarantees[0].called, 30, 1e-9);
            assert_near(r->guarantees[0].paid, 30, 1e-9);
            assert_near(r->payment[b], 60, 1e-9);
            assert_near(r->received[c], 90, 1e-9);
            assert_near(stress_shortfall(r, b), 10, 1e-9);
            assert_int_equal(r->round[g], 0);
            assert_near(r->guarantee_out[g], 30, 1e-9);
        } else if (k == 1) {
            assert_near(r->guarantees[0].called, 30, 1e-9);
            assert_near(r->guarantees[0].paid, 20, 1e-9);
            assert_near(r->payment[b], 60, 1e-9);
            assert_near(r->received[c], 80, 1e-9);
            assert_int_equal(r->round[g], 1);
            assert_near(stress_shortfall(r, g), 10, 1e-9);
            assert_near(stress_shortfall(r, b), 10, 1e-9);
        } else {
            assert_near(r->guarantees[0].called, 20, 1e-9);
            assert_near(r->payment[b], 80, 1e-9);
            assert_near(r->received[c], 100, 1e-9);
            assert_near(stress_shortfall(r, b), 0, 1e-9);
            assert_int_equal(r->year[c], 0);
        }
        stress_free(r);
        fx_free(f);
    }
}

/* amd (1000 shares at 10) grants openai 160 shares at strike 4, vesting with deal m:
 * openai buys 100 from amd over 2y from 2025; as of 2026, so 50 is settled and 50 owed.
 * openai has 25: it pays 25 of 50 (half). Paid fraction = (50 + 50 * 0.5) / 100 = 0.75;
 * vested 160 * 0.75 = 120; value 120 * (10 - 4) = 720; dilution 120 / (1000 + 120).
 * `cancel m`: openai owes nothing; the warrant vests nothing; amd loses the 25 it was paid
 * in the base: loss(amd) = 25. */
static void warrants_and_cancel(void **state)
{
    (void)state;
    Fx *f = fx_new();
    EntId amd = co(f, "amd", ENT_COMPANY), oa = co(f, "openai", ENT_COMPANY);
    set(f, amd, A_SHARES, 1000);
    set(f, amd, A_PRICE, 10);
    set(f, oa, A_CASH, 25);
    DealId m = add_d(f, (Deal){.kind = VERB_BUYS, .payer = oa, .payee = amd, .amount = 100,
                               .from = 2025 * 12, .over = 24, .milestone = DEAL_NONE});
    add_d(f, (Deal){.kind = VERB_GRANTS, .payer = amd, .payee = oa, .amount = 160, .price = 4,
                    .milestone = m});
    world_set_asof(f->w, 2026 * 12);
    StressParams p;
    stress_params_init(&p);
    StressResult *r = stress_run(f->w, NULL, &p);
    assert_near(r->obligation[oa], 50, 1e-9);
    assert_near(r->payment[oa], 25, 1e-9);
    assert_int_equal(r->nwarrants, 1);
    assert_near(r->warrants[0].fraction, 0.75, 1e-9);
    assert_near(r->warrants[0].vested_shares, 120, 1e-9);
    assert_near(r->warrants[0].value, 720, 1e-9);
    assert_near(r->warrants[0].dilution, 120.0 / 1120, 1e-12);
    assert_int_equal(r->warrants[0].granter, amd);
    stress_free(r);
    Shock s = {SH_CANCEL, ENT_NONE, m, 0};
    World *w;
    r = run_shocks(f, &s, 1, &w);
    assert_near(r->obligation[oa], 0, 0);
    assert_int_equal(r->round[oa], 0);
    assert_near(r->warrants[0].vested_shares, 0, 0);
    assert_near(r->loss[amd], 25, 1e-9);
    stress_free(r);
    world_free(w);
    fx_free(f);
}

/* Stakes settled before `as of`: a invests 50 in b and b invests 50 in a (2024), equity 100
 * each: Lambda_ab = Lambda_ba = 0.5. x owes a 20 and is forced into default: a is not paid
 * 20, h0(a) = 20/100 = 0.2, h0(x) = 1 (x has no stakeholders).
 * differential: h(a) = 0.2/0.75 = 0.266667, h(b) = 0.133333;
 *   loss(a) = 20 (unpaid) + 50 * h(b) = 26.6667, loss(b) = 50 * h(a) = 13.3333.
 * original (`set debtrank original`): h = (0.25, 0.1), loss(a) = 20 + 5 = 25, loss(b) = 12.5. */
static void equity_channel_loop(void **state)
{
    (void)state;
    Fx *f = fx_new();
    EntId a = co(f, "a", ENT_COMPANY), b = co(f, "b", ENT_COMPANY), x = co(f, "x", ENT_COMPANY);
    set(f, a, A_EQUITY, 100);
    set(f, b, A_EQUITY, 100);
    add_d(f, (Deal){.kind = VERB_INVESTS, .payer = a, .payee = b, .amount = 50, .from = 2024 * 12});
    add_d(f, (Deal){.kind = VERB_INVESTS, .payer = b, .payee = a, .amount = 50, .from = 2024 * 12});
    add_d(f, (Deal){.kind = VERB_PAYS, .payer = x, .payee = a, .amount = 20, .from = 2025 * 12});
    world_set_asof(f->w, 2025 * 12);
    set(f, x, A_CASH, 20);
    for (int orig = 0; orig < 2; orig++) {
        Shock s[] = {{SH_DEFAULT, x, DEAL_NONE, 0}, {SH_DEBTRANK, ENT_NONE, DEAL_NONE, orig}};
        World *w;
        StressResult *r = run_shocks(f, s, 2, &w);
        assert_true(r->forced[x]);
        assert_int_equal(r->round[x], 1);
        assert_near(r->obligation[a], 0, 0); /* the stakes were settled in 2024 */
        double ha = orig ? 0.25 : 0.2 / 0.75, hb = orig ? 0.1 : 0.1 / 0.75;
        assert_near(r->distress[a], ha, 1e-9);
        assert_near(r->distress[b], hb, 1e-9);
        assert_near(r->loss[a], 20 + 50 * hb, 1e-7);
        assert_near(r->loss[b], 50 * ha, 1e-7);
        assert_int_equal(r->round[a], 0);
        stress_free(r);
        world_free(w);
    }
    fx_free(f);
}

/* nv (equity 80) holds a settled stake of 100 in oa; nv owes c 30 and has 30 cash.
 * `oa defaults`: h(oa) = 1 -> h(nv) = min(1, 100/80) = 1: nv's equity is gone (insolvent),
 * but distress does not stop payments: nv still pays c its 30 and is not in default, so c
 * loses nothing. loss(nv) = its cash (unchanged) + the stake lost: 100 * h(oa) = 100. */
static void distress_does_not_stop_payments(void **state)
{
    (void)state;
    Fx *f = fx_new();
    EntId nv = co(f, "nv", ENT_COMPANY), oa = co(f, "oa", ENT_COMPANY), c = co(f, "c", ENT_COMPANY);
    set(f, nv, A_EQUITY, 80);
    set(f, nv, A_CASH, 30);
    add_d(f, (Deal){.kind = VERB_INVESTS, .payer = nv, .payee = oa, .amount = 100, .from = 2024 * 12});
    add_d(f, (Deal){.kind = VERB_PAYS, .payer = nv, .payee = c, .amount = 30, .from = 2025 * 12});
    world_set_asof(f->w, 2025 * 12);
    Shock s = {SH_DEFAULT, oa, DEAL_NONE, 0};
    World *w;
    StressResult *r = run_shocks(f, &s, 1, &w);
    assert_int_equal(r->round[oa], 1);
    assert_int_equal(r->year[oa], 2025);
    assert_int_equal(r->round[nv], 0);
    assert_true(r->insolvent[nv]);
    assert_false(r->insolvent[oa]);   /* in payment default, not merely insolvent */
    assert_near(r->payment[nv], 30, 1e-9);
    assert_near(r->loss[c], 0, 1e-9);
    assert_near(r->loss[nv], 100, 1e-9);
    assert_near(r->distress[nv], 1, 0);
    stress_free(r);
    world_free(w);
    fx_free(f);
}

/* a buys 100 from b nonbinding, and pays 10 to b (binding); a has 5. A letter of intent is
 * no obligation: a owes 10, pays 5, with or without `drop nonbinding`; the fork does not see
 * the letter after the drop, the base still does. */
static void drop_nonbinding(void **state)
{
    (void)state;
    Fx *f = fx_new();
    EntId a = co(f, "a", ENT_COMPANY), b = co(f, "b", ENT_COMPANY);
    set(f, a, A_CASH, 5);
    Deal loi = {.kind = VERB_BUYS, .payer = a, .payee = b, .amount = 100, .from = MONTH_NONE,
                .due = MONTH_NONE, .milestone = DEAL_NONE, .binding = false};
    DealId id = world_add_deal(f->w, &loi);
    add(f, VERB_PAYS, a, b, 10);
    Shock s = {SH_DROP_NONBINDING, ENT_NONE, DEAL_NONE, 0};
    World *w;
    StressResult *r = run_shocks(f, &s, 1, &w);
    Deal d;
    assert_false(world_deal(w, id, &d));
    assert_true(world_deal(f->w, id, &d));
    assert_near(r->obligation[a], 10, 0);
    assert_near(r->payment[a], 5, 1e-9);
    assert_near(r->loss[b], 0, 1e-9);
    stress_free(r);
    world_free(w);
    fx_free(f);
}

/* Every kind of shock on a fork; the base's entities, deals and clearing are the same
 * before and after. */
static void base_unchanged(void **state)
{
    (void)state;
    Fx *f = fx_new();
    EntId users = co(f, "users", ENT_MARKET), a = co(f, "a", ENT_COMPANY), b = co(f, "b", ENT_COMPANY);
    set(f, a, A_CASH, 40);
    set(f, a, A_REVENUE, 10);
    set(f, a, A_PRICE, 7);
    set(f, b, A_EQUITY, 50);
    add(f, VERB_PAYS, users, a, 100);
    DealId ab = add(f, VERB_BUYS, a, b, 120);
    add(f, VERB_INVESTS, b, a, 20);
    StressParams p;
    stress_params_init(&p);
    StressResult *before = stress_run(f->w, NULL, &p);
    Entity ea = *world_entity(f->w, a);
    Shock s[] = {{SH_PAYMENTS, users, DEAL_NONE, -0.5}, {SH_REVENUE, a, DEAL_NONE, -0.5},
                 {SH_PRICE, a, DEAL_NONE, -0.5},       {SH_CASH, a, DEAL_NONE, -1},
                 {SH_CANCEL, ENT_NONE, ab, 0},         {SH_DEFAULT, b, DEAL_NONE, 0},
                 {SH_RECOVERY, ENT_NONE, DEAL_NONE, 0.6}, {SH_DROP_NONBINDING, ENT_NONE, DEAL_NONE, 0}};
    World *w;
    StressResult *r = run_shocks(f, s, sizeof s / sizeof *s, &w);
    assert_near(world_entity(w, a)->attr[A_PRICE], 3.5, 1e-12);
    assert_near(world_entity(w, a)->attr[A_CASH], 0, 0);
    assert_true(r->params.alpha == 0.6 && r->params.beta == 0.6);
    StressResult *after = stress_run(f->w, NULL, &p);
    assert_memory_equal(&ea, world_entity(f->w, a), sizeof ea);
    Deal d;
    assert_true(world_deal(f->w, ab, &d) && d.amount == 120);
    assert_true(world_deal(f->w, 0, &d) && d.amount == 100);
    assert_int_equal(before->n, after->n);
    assert_memory_equal(before->payment, after->payment, before->n * sizeof(double));
    assert_memory_equal(before->round, after->round, before->n * sizeof(int));
    assert_memory_equal(before->distress, after->distress, before->n * sizeof(double));
    stress_free(before);
    stress_free(after);
    stress_free(r);
    world_free(w);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(three_banks_from_deals),
        cmocka_unit_test(payments_shock_and_figures),
        cmocka_unit_test(loan_repayment_with_interest),
        cmocka_unit_test(guarantees),
        cmocka_unit_test(warrants_and_cancel),
        cmocka_unit_test(equity_channel_loop),
        cmocka_unit_test(distress_does_not_stop_payments),
        cmocka_unit_test(drop_nonbinding),
        cmocka_unit_test(base_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
