/* test_simulate.c - simulate through the library API: Ctrl-C between samples, a let
 * computed from a draw drawn with it, one draw moving two shocks, the thread count not
 * changing a byte. Expected numbers are worked out in the comments. */
#include "testutil.h"
#include <stdio.h>
#include "dg.h"

typedef struct Run {
    char *out, *err;
    size_t outn, errn;
    int rc;
} Run;

typedef struct Stop {
    int calls, after;
} Stop;

static bool stop_after(void *ud)
{
    Stop *s = ud;
    return ++s->calls > s->after;
}

static Run run(const char *src, int jobs, Stop *stop)
{
    Run r = {0};
    FILE *fo = open_memstream(&r.out, &r.outn), *fe = open_memstream(&r.err, &r.errn);
    DgOptions o = {.out = fo, .err = fe, .jobs = jobs};
    if (stop) {
        o.cancel = stop_after;
        o.cancel_ud = stop;
    }
    Dg *dg = dg_new(&o);
    r.rc = dg_run_text(dg, "<test>", src, strlen(src));
    if (r.rc == DG_OK)
        r.rc = dg_finish(dg);
    dg_free(dg);
    fclose(fo);
    fclose(fe);
    return r;
}

static void run_free(Run *r)
{
    free(r->out);
    free(r->err);
}

/* A lab paid 100B by its users owes 60B. */
#define LAB "market users\ncompany lab { cash 0 }\nusers pays 100B to lab\nlab pays 60B to sink\n"

/* Ctrl-C during the samples: the statement fails as interrupted, prints nothing, and no
 * note blames a draw. The hook is asked before each statement and between samples, so it
 * stops the simulate long before its millionth sample. */
static void ctrl_c_stops_the_samples(void **st)
{
    (void)st;
    Stop stop = {0, 40};
    Run r = run(LAB "let d ~ normal(-10%, 20%)\nscenario s { shock demand by d }\n"
                "simulate s 1000000 times { show default probabilities }\n", 2, &stop);
    assert_int_equal(r.rc, DG_EFAIL);
    assert_non_null(strstr(r.err, "error: interrupted"));
    assert_null(strstr(r.err, "a drawn value"));
    assert_null(strstr(r.out, "default probabilities"));
    assert_true(stop.calls < 1000);
    run_free(&r);
}

/* `let twice = d * 2` with d ~ uniform(-50%, 0%) is drawn with d: the lab defaults when
 * 100 (1 + 2d) < 60, i.e. d < -20%, with probability (50 - 20) / 50 = 60%. Outside the
 * simulate twice is computed from d's mean, -25%: -0.5. 4000 samples: the sd of the
 * estimate is sqrt(0.6 x 0.4 / 4000) = 0.0077; 4 sd = 3.1%. */
static void a_let_computed_from_a_draw_is_drawn(void **st)
{
    (void)st;
    Run r = run(LAB "let d ~ uniform(-50%, 0%)\nlet twice = d * 2\n"
                "scenario s { shock demand by twice }\n"
                "simulate s 4000 times { assert default_probability(lab) > 56.9% and "
                "default_probability(lab) < 63.1% }\nshow twice\n", 1, NULL);
    assert_int_equal(r.rc, DG_OK);
    assert_string_equal(r.out, "twice = -0.5\n");   /* a percentage times 2 is a number */
    run_free(&r);
}

/* Two labs, each paid 100B by a market of its own and owing 80B to c, which owes 160B: c
 * defaults exactly when a or b does. Shocked by one draw, a, b and c default in the same
 * samples (when d < -20%: 30.9%), so their probabilities are equal. With a draw each, c
 * defaults when either does: 1 - 0.691^2 = 52.3% against a's 30.9%, far more than the
 * estimates' noise (sd about 1% at 2000 samples). */
static void one_draw_moves_two_shocks(void **st)
{
    (void)st;
    const char *web = "market ua\nmarket ub\ncompany a { cash 0 }\ncompany b { cash 0 }\n"
                      "company c { cash 0 }\nua pays 100B to a\nub pays 100B to b\n"
                      "a pays 80B to c\nb pays 80B to c\nc pays 160B to sink\n"
                      "let d ~ normal(-10%, 20%)\nlet e ~ normal(-10%, 20%)\n";
    char src[2048];
    snprintf(src, sizeof src, "%sscenario s { shock payments of ua by d; shock payments of ub "
             "by d }\nsimulate s 2000 times { assert default_probability(a) == "
             "default_probability(c) and default_probability(b) == default_probability(c) "
             "and default_probability(a) > 25%% }\n", web);
    Run r = run(src, 2, NULL);
    assert_int_equal(r.rc, DG_OK);
    run_free(&r);
    snprintf(src, sizeof src, "%sscenario t { shock payments of ua by d; shock payments of ub "
             "by e }\nsimulate t 2000 times { assert default_probability(c) > "
             "default_probability(a) + 15%% }\n", web);
    r = run(src, 2, NULL);
    assert_int_equal(r.rc, DG_OK);
    run_free(&r);
}

/* The thread count changes nothing: the text of one thread and of three is the same. */
static void threads_change_nothing(void **st)
{
    (void)st;
    const char *src = LAB "company cloud { cash 5B }\nlab pays 30B to cloud\n"
                      "cloud pays 32B to sink\nlet d ~ triangular(-60%, -10%, 20%)\n"
                      "scenario s { shock demand by d }\n"
                      "simulate s 3001 times seed 5 { show default probabilities; show default "
                      "years; show losses at 90%, 99.5% }\n";
    Run a = run(src, 1, NULL), b = run(src, 3, NULL);
    assert_int_equal(a.rc, DG_OK);
    assert_int_equal(b.rc, DG_OK);
    assert_non_null(strstr(a.out, "lab "));
    assert_string_equal(a.out, b.out);
    run_free(&a);
    run_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ctrl_c_stops_the_samples),
        cmocka_unit_test(a_let_computed_from_a_draw_is_drawn),
        cmocka_unit_test(one_draw_moves_two_shocks),
        cmocka_unit_test(threads_change_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
