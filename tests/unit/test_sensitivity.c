/* test_sensitivity.c - sensitivities: the Liu-Staum formula on the three-bank web worked by
 * hand, finite differences against it, a kink, and exact against finite differences on
 * random webs with no dates. */
#include "testutil.h"
#include <math.h>
#include <stdio.h>
#include "dg.h"
#include "sensitivity.h"
#include "world.h"

#define ALL ((1u << SF__COUNT) - 1)

static Dg *load(const char *text)
{
    FILE *null = fopen("/dev/null", "w");
    DgOptions o = {.out = null, .err = stderr, .quiet = true};
    Dg *dg = dg_new(&o);
    assert_int_equal(dg_run_text(dg, "<t>", text, strlen(text)), DG_OK);
    assert_int_equal(dg_finish(dg), DG_OK);
    fclose(null);
    return dg;
}

static EntId ent(Dg *dg, const char *name)
{
    return world_find(dg_world(dg), intern_cstr(dg_interner(dg), name));
}

/* The systemicrisk three-bank web (tests/golden/stress_three_banks.deal), in billions:
 * cash 0.5, 0.625, 0.75; 0.5 owed between every pair; 1.5, 0.5, 0.5 owed outside. */
static const char THREE[] =
    "bank b1 { cash 500M }\nbank b2 { cash 625M }\nbank b3 { cash 750M }\ncompany outside\n"
    "b1 pays 500M to b2\nb1 pays 500M to b3\nb2 pays 500M to b1\nb2 pays 500M to b3\n"
    "b3 pays 500M to b1\nb3 pays 500M to b2\nb1 pays 1.5B to outside\n"
    "b2 pays 500M to outside\nb3 pays 500M to outside\n";

/* By hand: EN defaults b1 (round 1) and b2 (round 2); b3 pays in full. b1 owes 2.5, so
 * Pi_12 = Pi_13 = 0.2; b2 owes 1.5, Pi_21 = Pi_23 = 1/3. On D = {b1, b2}:
 *   p1 = e1 + p2 / 3 + (b3's 0.5),  p2 = e2 + 0.2 p1 + (b3's 0.5)
 * so dp1/de1 = 1 + (1/3) dp2/de1 with dp2/de1 = 0.2 dp1/de1: dp1/de1 = 15/14,
 * dp2/de1 = 3/14; likewise dp1/de2 = 5/14, dp2/de2 = 15/14; b3 is outside D: 0.
 * paid = p / L: d paid(b1)/d cash(b1) = (15/14) / 2.5B per USD; shortfall = L - p. */
static const double DP[2][3] = {{15.0 / 14, 5.0 / 14, 0}, {3.0 / 14, 15.0 / 14, 0}};
static const double LB[2] = {2.5e9, 1.5e9};

static void check_three_banks(bool exact_ok, SensHow want_how)
{
    Dg *dg = load(THREE);
    const World *w = dg_world(dg);
    StressParams p;
    stress_params_init(&p);
    Sens *s = sens_new(w, NULL, &p);
    EntId b[3] = {ent(dg, "b1"), ent(dg, "b2"), ent(dg, "b3")};
    if (exact_ok)
        assert_null(sens_exact_why_not(s));
    for (int x = 0; x < 2; x++)
        for (int y = 0; y < 3; y++) {
            SensVal v[SF__COUNT];
            sens_of(s, b[x], (SensInput){SH_CASH, b[y]}, ALL, exact_ok, v);
            /* per 1B, so the tolerance is relative to numbers near 1 */
            assert_near(v[SF_PAID].d * 1e9, DP[x][y] / LB[x] * 1e9, 1e-6);
            assert_near(v[SF_SHORTFALL].d, -DP[x][y], 1e-6);
            assert_int_equal(v[SF_PAID].how, want_how);
            /* the base world against itself: more cash is no loss, less cash is; the loss
             * of a defaulter moves with its own cash and what it is paid */
            assert_true(v[SF_LOSS].how == SENS_CENTRAL || v[SF_LOSS].how == SENS_KINK);
        }
    /* b3 pays in full whatever moves: paid stays 100%, no shortfall */
    for (int y = 0; y < 3; y++) {
        SensVal v[SF__COUNT];
        sens_of(s, b[2], (SensInput){SH_CASH, b[y]}, ALL, exact_ok, v);
        assert_true(v[SF_PAID].d == 0 && v[SF_SHORTFALL].d == 0);
    }
    /* b1 has no revenue: n/a */
    SensVal v[SF__COUNT];
    sens_of(s, b[0], (SensInput){SH_REVENUE, b[0]}, ALL, exact_ok, v);
    assert_int_equal(v[SF_PAID].how, SENS_NA);
    sens_free(s);
    dg_free(dg);
}

static void three_banks_exact(void **state)
{
    (void)state;
    check_three_banks(true, SENS_EXACT);
}

static void three_banks_finite_differences(void **state)
{
    (void)state;
    check_three_banks(false, SENS_CENTRAL);
}

/* Revenue a market pays counts like cash: b2's 625M as 500M of cash and 125M of revenue
 * from a market gives the same clearing, so d paid(b1)/d revenue(b2) = (5/14) / 2.5B per
 * USD of b2's revenue. Exact and by finite differences. */
static void revenue_from_a_market(void **state)
{
    (void)state;
    char text[1024];
    snprintf(text, sizeof text, "market dep\n%s", THREE);
    char *at = strstr(text, "cash 625M");
    memcpy(at, "cash 500M", 9);
    strcat(text, "company b2 { revenue 125M/y from dep }\n");
    Dg *dg = load(text);
    StressParams p;
    stress_params_init(&p);
    Sens *s = sens_new(dg_world(dg), NULL, &p);
    SensInput in = {SH_REVENUE, ent(dg, "b2")};
    assert_near(sens_amount(s, in), 125e6, 1e-12);
    for (int exact_ok = 1; exact_ok >= 0; exact_ok--) {
        SensVal v[SF__COUNT];
        sens_of(s, ent(dg, "b1"), in, ALL, exact_ok, v);
        assert_near(v[SF_PAID].d * 1e9, 5.0 / 14 / 2.5, 1e-6);
        assert_int_equal(v[SF_PAID].how, exact_ok ? SENS_EXACT : SENS_CENTRAL);
    }
    /* the market's payments: more of them is more revenue for b2, the same slope */
    SensVal v[SF__COUNT];
    sens_of(s, ent(dg, "b1"), (SensInput){SH_PAYMENTS, ent(dg, "dep")}, ALL, true, v);
    assert_near(v[SF_PAID].d * 1e9, 5.0 / 14 / 2.5, 1e-6);
    assert_int_equal(v[SF_PAID].how, SENS_CENTRAL);
    sens_free(s);
    dg_free(dg);
}

/* A kink at the point: a owes b 10B and has exactly 10B. A rise of a's cash changes nothing
 * (a pays in full); a fall makes a default and pay 1 less per USD: paid(a) falls by
 * 1/10B per USD. The formula does not hold for that input, and finite differences report
 * the slope for a fall, marked as a kink. c, which owes d 10B and has 5B, is off that edge:
 * paid(c) moves by 1/10B per USD of c's cash, exactly. */
static void kink_at_a_tie(void **state)
{
    (void)state;
    Dg *dg = load("company a { cash 10B }\ncompany b\na pays 10B to b\n"
                  "company c { cash 5B }\ncompany d\nc pays 10B to d\n");
    StressParams p;
    stress_params_init(&p);
    Sens *s = sens_new(dg_world(dg), NULL, &p);
    assert_null(sens_exact_why_not(s));
    SensVal v[SF__COUNT];
    sens_of(s, ent(dg, "a"), (SensInput){SH_CASH, ent(dg, "a")}, ALL, true, v);
    assert_int_equal(v[SF_PAID].how, SENS_KINK);
    assert_near(v[SF_PAID].d * 1e9, 0.1, 1e-6);
    assert_near(v[SF_SHORTFALL].d, -1, 1e-6);
    sens_of(s, ent(dg, "c"), (SensInput){SH_CASH, ent(dg, "c")}, ALL, true, v);
    assert_int_equal(v[SF_PAID].how, SENS_EXACT);
    assert_near(v[SF_PAID].d * 1e9, 0.1, 1e-12);
    sens_free(s);
    dg_free(dg);
    /* The edge downstream: e has 2B and owes a 4B, so pays 2B; a has 8B + 2B and owes b
     * 10B, a tie. A fall of e's cash reaches a and defaults it: paid(a) falls by 1/10B per
     * USD of e's cash, a kink; paid(e) moves smoothly, 1/4B per USD. */
    dg = load("company e { cash 2B }\ncompany a { cash 8B }\ncompany b\n"
              "e pays 4B to a\na pays 10B to b\n");
    s = sens_new(dg_world(dg), NULL, &p);
    sens_of(s, ent(dg, "a"), (SensInput){SH_CASH, ent(dg, "e")}, ALL, true, v);
    assert_int_equal(v[SF_PAID].how, SENS_KINK);
    assert_near(v[SF_PAID].d * 1e9, 0.1, 1e-6);
    sens_of(s, ent(dg, "e"), (SensInput){SH_CASH, ent(dg, "e")}, ALL, true, v);
    assert_int_equal(v[SF_PAID].how, SENS_CENTRAL);
    assert_near(v[SF_PAID].d * 1e9, 0.25, 1e-6);
    sens_free(s);
    dg_free(dg);
}

/* A random web with no dates: banks with cash, debts between them and to an outside
 * company, sometimes a market paying revenue, sometimes Rogers-Veraart recovery. */
static int random_web(unsigned seed, char *buf, size_t cap, StressParams *p)
{
    srand(seed);
    int n = 3 + rand() % 6;
    size_t k = (size_t)snprintf(buf, cap, "market m\ncompany sink\n");
    for (int i = 0; i < n; i++) {
        k += (size_t)snprintf(buf + k, cap - k, "bank e%d { cash %dM }\n", i, rand() % 800);
        if (rand() % 3 == 0)
            k += (size_t)snprintf(buf + k, cap - k, "bank e%d { revenue %dM/y from m }\n", i,
                                  50 + rand() % 400);
    }
    for (int j = 0; j < 3 * n; j++) {
        int a = rand() % n, b = (a + 1 + rand() % (n - 1)) % n;
        k += (size_t)snprintf(buf + k, cap - k, "e%d pays %dM to e%d\n", a, 50 + rand() % 900, b);
    }
    for (int i = 0; i < n; i++)
        if (rand() % 2)
            k += (size_t)snprintf(buf + k, cap - k, "e%d pays %dM to sink\n", i, 100 + rand() % 900);
    stress_params_init(p);
    if (seed % 4 == 0)
        p->alpha = p->beta = 0.5 + (rand() % 50) / 100.0;
    return n;
}

static void exact_agrees_with_finite_differences(void **state)
{
    (void)state;
    char text[8192], name[16];
    int compared = 0, skipped = 0, webs = 0, moving = 0;
    for (unsigned seed = 1; seed <= 60; seed++) {
        StressParams p;
        int n = random_web(seed, text, sizeof text, &p);
        Dg *dg = load(text);
        Sens *s = sens_new(dg_world(dg), NULL, &p);
        if (sens_exact_why_not(s)) {   /* a tie, or a defaulter held at 0 */
            sens_free(s);
            dg_free(dg);
            continue;
        }
        webs++;
        for (int x = 0; x < n; x++)
            for (int y = 0; y < n; y++)
                for (int what = 0; what < 2; what++) {
                    snprintf(name, sizeof name, "e%d", x);
                    EntId ex = ent(dg, name);
                    snprintf(name, sizeof name, "e%d", y);
                    SensInput in = {what ? SH_REVENUE : SH_CASH, ent(dg, name)};
                    SensVal e[SF__COUNT], f[SF__COUNT];
                    sens_of(s, ex, in, ALL, true, e);
                    sens_of(s, ex, in, ALL, false, f);
                    if (e[SF_PAID].how == SENS_NA) {
                        assert_int_equal(f[SF_PAID].how, SENS_NA);
                        continue;
                    }
                    assert_int_equal(e[SF_PAID].how, SENS_EXACT);
                    if (f[SF_PAID].how != SENS_CENTRAL || f[SF_SHORTFALL].how != SENS_CENTRAL) {
                        skipped++;   /* a default boundary within the steps */
                        continue;
                    }
                    compared++;
                    moving += e[SF_PAID].d != 0;
                    assert_near(f[SF_PAID].d * 1e9, e[SF_PAID].d * 1e9, 1e-5);
                    assert_near(f[SF_SHORTFALL].d, e[SF_SHORTFALL].d, 1e-5);
                }
        sens_free(s);
        dg_free(dg);
    }
    print_message("sensitivities: %d webs, %d inputs compared (%d nonzero), %d skipped at a "
                  "default boundary\n", webs, compared, moving, skipped);
    assert_true(webs >= 30 && compared >= 500 && moving >= 100);
}

/* A random dated web with loans, stakes and a guarantee. */
static int random_dated(unsigned seed, char *buf, size_t cap)
{
    srand(seed);
    int n = 4 + rand() % 5;
    size_t k = (size_t)snprintf(buf, cap, "as of 2025\nhorizon 2028\nmarket users\n");
    for (int i = 0; i < n; i++)
        k += (size_t)snprintf(buf + k, cap - k, "company e%d { cash %dB; equity %dB }\n", i,
                              rand() % 6, 1 + rand() % 8);
    for (int i = 0; i < n; i += 2)
        k += (size_t)snprintf(buf + k, cap - k, "company e%d { revenue %dB/y from users }\n", i,
                              1 + rand() % 6);
    static const char *const verbs[] = {"buys %dB from", "invests %dB in", "lends %dB to"};
    for (int j = 0; j < n + n / 2; j++) {
        int a = rand() % n, b = (a + 1 + rand() % (n - 1)) % n, v = rand() % 3;
        k += (size_t)snprintf(buf + k, cap - k, "e%d ", a);
        k += (size_t)snprintf(buf + k, cap - k, verbs[v], 1 + rand() % 12);
        k += (size_t)snprintf(buf + k, cap - k, " e%d over %dy from %d%s\n", b,
                              1 + rand() % 3, 2024 + rand() % 3, v == 2 ? " due 2027 at 5%" : "");
    }
    k += (size_t)snprintf(buf + k, cap - k, "e0 guarantees 2B to e1\n");
    return n;
}

/* show sensitivities leaves out the inputs that cannot reach the entity: every input left
 * out moves nothing when asked one by one, and every one kept is among those that move. */
static void ranking_leaves_out_only_what_moves_nothing(void **state)
{
    (void)state;
    char text[8192];
    size_t total = 0, kept = 0;
    for (unsigned seed = 1; seed <= 12; seed++) {
        random_dated(seed, text, sizeof text);
        Dg *dg = load(text);
        const World *w = dg_world(dg);
        StressParams p;
        stress_params_init(&p);
        Sens *s = sens_new(w, NULL, &p);
        size_t ne = world_n_entities(w);
        for (EntId x = 0; x < ne; x++) {
            size_t n, ninputs, moving = 0;
            SensRow *rows = sens_rank(s, x, &n, &ninputs);
            for (EntId y = 0; y < ne; y++) {
                bool market = world_entity(w, y)->kind == ENT_MARKET;
                const ShockOp ops[3] = {SH_CASH, SH_REVENUE, SH_PAYMENTS};
                for (int o = 0; o < 3; o++) {
                    SensInput in = {ops[o], y};
                    if (market != (ops[o] == SH_PAYMENTS))
                        continue;
                    SensVal v[SF__COUNT];
                    sens_of(s, x, in, ALL, true, v);
                    bool moves = false;
                    for (int g = 0; g < SF__COUNT; g++)
                        moves |= v[g].d != 0 || v[g].jump != 0;
                    moving += moves;
                }
            }
            assert_int_equal(n, moving);
            for (size_t r = 1; r < n; r++)   /* ranked: |paid| never rises down the table */
                assert_true(rows[r].v[SF_PAID].how == SENS_JUMP ||
                            fabs(rows[r].v[SF_PAID].d) <= fabs(rows[r - 1].v[SF_PAID].d) * (1 + 1e-9) ||
                            rows[r - 1].v[SF_PAID].how == SENS_JUMP);
            total += ninputs;
            kept += n;
            free(rows);
        }
        sens_free(s);
        dg_free(dg);
    }
    print_message("ranking: %zu inputs of dated webs, %zu move their entity\n", total, kept);
    assert_true(kept > 50 && kept < total);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(three_banks_exact),
        cmocka_unit_test(three_banks_finite_differences),
        cmocka_unit_test(revenue_from_a_market),
        cmocka_unit_test(kink_at_a_tie),
        cmocka_unit_test(exact_agrees_with_finite_differences),
        cmocka_unit_test(ranking_leaves_out_only_what_moves_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
