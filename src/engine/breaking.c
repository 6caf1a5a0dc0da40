/* breaking.c - breaking points by a scan in 1% steps and a bisection (breaking.h). */
#include "breaking.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The yearly clearing of w with the cut d applied on a fork. Caller frees. */
static StressResult *cleared_at(const World *w, const StressParams *p, BreakCut cut, double d)
{
    World *f = world_fork(w);
    StressParams q = *p;
    q.forced = NULL;
    q.nforced = q.capforced = 0;
    for (size_t i = 0; i < p->nforced; i++)
        stress_apply_one(f, &(Shock){SH_DEFAULT, p->forced[i].ent, DEAL_NONE,
                                     p->forced[i].from}, &q);
    if (d > 0)
        stress_apply_one(f, &(Shock){cut.what, cut.of, DEAL_NONE, -d}, &q);
    StressResult *r = stress_run(f, NULL, &q);
    stress_params_free(&q);
    world_free(f);
    return r;
}

/* Bisect (lo, hi], x not in default at lo and in default at hi, to BREAK_TOL. */
static double bisect(const World *w, const StressParams *p, BreakCut cut, EntId x, double lo,
                     double hi, int *year)
{
    while (hi - lo > BREAK_TOL) {
        double mid = (lo + hi) / 2;
        StressResult *r = cleared_at(w, p, cut, mid);
        bool def = stress_defaulted(r, x);
        if (def) {
            hi = mid;
            *year = r->year[x];
        } else {
            lo = mid;
        }
        stress_free(r);
    }
    return hi;
}

void breaking_points(const World *w, const StressParams *p, BreakCut cut, double *bp, int *year)
{
    size_t n = world_n_entities(w);
    int *step = xcalloc(n + 1, sizeof *step);   /* first step in default, + 1 */
    size_t left = n;
    for (int k = 0; k <= BREAK_STEPS && left; k++) {
        StressResult *r = cleared_at(w, p, cut, (double)k / BREAK_STEPS);
        for (EntId v = 0; v < n; v++)
            if (!step[v] && stress_defaulted(r, v)) {
                step[v] = k + 1;
                year[v] = r->year[v];
                left--;
            }
        stress_free(r);
    }
    for (EntId v = 0; v < n; v++) {
        if (!step[v]) {
            bp[v] = NAN;
            year[v] = 0;
        } else if (step[v] == 1) {
            bp[v] = 0;   /* in default without any cut */
        } else {
            double hi = (double)(step[v] - 1) / BREAK_STEPS;
            bp[v] = bisect(w, p, cut, v, hi - 1.0 / BREAK_STEPS, hi, &year[v]);
        }
    }
    free(step);
}

double breaking_point(const World *w, const StressParams *p, BreakCut cut, EntId x, int *year)
{
    *year = 0;
    for (int k = 0; k <= BREAK_STEPS; k++) {
        double d = (double)k / BREAK_STEPS;
        StressResult *r = cleared_at(w, p, cut, d);
        bool def = stress_defaulted(r, x);
        int y = def ? r->year[x] : 0;
        stress_free(r);
        if (def) {
            *year = y;
            return k == 0 ? 0 : bisect(w, p, cut, x, d - 1.0 / BREAK_STEPS, d, year);
        }
    }
    return NAN;
}
