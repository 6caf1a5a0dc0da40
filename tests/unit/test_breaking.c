/* test_breaking.c - breaking points: a web worked by hand, and random dated webs against a
 * brute-force scan of the cut in 0.01% steps. */
#include "testutil.h"
#include <math.h>
#include <stdio.h>
#include "breaking.h"
#include "dg.h"
#include "world.h"

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

/* The lab earns 10B a year from users and owes the cloud 8B a year, 2025-2027: it defaults
 * when 10 (1 - d) < 8, i.e. past a 20% cut (at exactly 20% it pays in full), in 2025. The
 * cloud, which owes nothing, never defaults. A forced default of the cloud changes nothing
 * for the lab. Cutting the lab's revenue breaks it at the same point; cutting its cash (it
 * has none) never does. */
static void worked_example(void **state)
{
    (void)state;
    Dg *dg = load("as of 2025\nmarket users\ncompany lab { revenue 10B/y from users }\n"
                  "company cloud\nlab pays 8B/y to cloud over 3y from 2025\n");
    const World *w = dg_world(dg);
    EntId lab = ent(dg, "lab"), cloud = ent(dg, "cloud");
    StressParams p;
    stress_params_init(&p);
    int year;
    double bp = breaking_point(w, &p, (BreakCut){SH_DEMAND, ENT_NONE}, lab, &year);
    assert_true(bp > 0.2 && bp <= 0.2 + BREAK_TOL);
    assert_int_equal(year, 2025);
    assert_true(isnan(breaking_point(w, &p, (BreakCut){SH_DEMAND, ENT_NONE}, cloud, &year)));
    bp = breaking_point(w, &p, (BreakCut){SH_REVENUE, lab}, lab, &year);
    assert_true(bp > 0.2 && bp <= 0.2 + BREAK_TOL);
    assert_true(isnan(breaking_point(w, &p, (BreakCut){SH_CASH, lab}, lab, &year)));
    size_t n = world_n_entities(w);
    double all[8];
    int years[8];
    assert_true(n <= 8);
    breaking_points(w, &p, (BreakCut){SH_DEMAND, ENT_NONE}, all, years);
    assert_true(all[lab] > 0.2 && all[lab] <= 0.2 + BREAK_TOL && years[lab] == 2025);
    assert_true(isnan(all[cloud]));
    dg_free(dg);
}

/* A small random dated web whose demand matters: a market pays most entities' revenue. */
static void random_web(unsigned seed, char *buf, size_t cap)
{
    srand(seed);
    int n = 3 + rand() % 5;
    size_t k = (size_t)snprintf(buf, cap, "as of 2025\nhorizon 2028\nmarket users\n");
    for (int i = 0; i < n; i++)
        k += (size_t)snprintf(buf + k, cap - k, "company e%d { cash %dB; revenue %dB/y from users }\n",
                              i, rand() % 10, 1 + rand() % 12);
    for (int j = 0; j < 2 * n; j++) {
        int a = rand() % n, b = (a + 1 + rand() % (n - 1)) % n;
        k += (size_t)snprintf(buf + k, cap - k, "e%d buys %dB from e%d over %dy from %d\n", a,
                              1 + rand() % 25, b, 1 + rand() % 3, 2025 + rand() % 3);
    }
}

/* Brute force: the first cut, in 0.01% steps, at which v defaults (NAN if none). */
static double brute(const World *w, EntId v, double *first_window)
{
    StressParams p;
    stress_params_init(&p);
    double found = NAN;
    *first_window = 1;
    bool in = false;
    for (int k = 0; k <= 10000; k++) {
        double d = k / 10000.0;
        World *f = world_fork(w);
        StressParams q;
        stress_params_init(&q);
        if (d > 0)
            stress_apply_one(f, &(Shock){SH_DEMAND, ENT_NONE, DEAL_NONE, -d}, &q);
        StressResult *r = stress_run(f, NULL, &q);
        bool def = stress_defaulted(r, v);
        stress_free(r);
        world_free(f);
        if (def && isnan(found))
            found = d, in = true;
        else if (!def && in) {
            *first_window = d - found;   /* it stopped defaulting: the window's width */
            in = false;
            break;
        }
    }
    return found;
}

static void agrees_with_brute_force(void **state)
{
    (void)state;
    char text[8192];
    int narrow = 0, checked = 0;
    for (unsigned seed = 1; seed <= 6; seed++) {
        random_web(seed, text, sizeof text);
        Dg *dg = load(text);
        const World *w = dg_world(dg);
        size_t n = world_n_entities(w);
        double *bp = calloc(n, sizeof *bp);
        int *yr = calloc(n, sizeof *yr);
        StressParams p;
        stress_params_init(&p);
        breaking_points(w, &p, (BreakCut){SH_DEMAND, ENT_NONE}, bp, yr);
        for (EntId v = 0; v < n; v++) {
            double window, b = brute(w, v, &window);
            if (!isnan(b) && window < 0.01) {
                narrow++;   /* a default window narrower than the scan's step may be missed */
                continue;
            }
            checked++;
            if (isnan(b))
                assert_true(isnan(bp[v]));
            else
                assert_true(fabs(bp[v] - b) <= BREAK_TOL + 1e-12);
        }
        free(bp);
        free(yr);
        dg_free(dg);
    }
    print_message("breaking points: %d checked, %d in windows narrower than 1%%\n", checked, narrow);
    assert_true(checked > 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worked_example),
        cmocka_unit_test(agrees_with_brute_force),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
