/* yearcost.c - `make bench`: the yearly stress model alone. Loads a script (the 1M-deal
 * bench web), then times its yearly clearing (best of 3) with no shock and under a demand
 * cut of 50%, and the breaking points of every entity of a second script (the 2025 web).
 * A benchmark, not a test: it prints times and the default counts. */
#include <stdio.h>
#include <time.h>
#include "breaking.h"
#include "dg.h"
#include "stress.h"
#include "world.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static Dg *load(const char *path)
{
    FILE *null = fopen("/dev/null", "w");
    DgOptions o = {.out = null, .err = stderr, .quiet = true};
    Dg *dg = dg_new(&o);
    if (dg_run_file(dg, path) != DG_OK || dg_finish(dg) != DG_OK) {
        fprintf(stderr, "yearcost: %s does not check clean\n", path);
        return NULL;
    }
    return dg;
}

static void clear(const World *w, double cut, const char *what)
{
    double best = 1e30;
    size_t defaults = 0;
    int years = 0;
    for (int run = 0; run < 3; run++) {
        StressParams p;
        stress_params_init(&p);
        World *f = world_fork(w);
        if (cut > 0)
            stress_apply_one(f, &(Shock){SH_DEMAND, ENT_NONE, DEAL_NONE, -cut}, &p);
        double t0 = now();
        StressResult *r = stress_run(f, NULL, &p);
        double t = now() - t0;
        best = t < best ? t : best;
        defaults = 0;
        for (EntId v = 0; v < r->n; v++)
            defaults += stress_defaulted(r, v);
        years = r->nyears;
        stress_free(r);
        world_free(f);
        stress_params_free(&p);
    }
    printf("  yearly clearing, %s: %d years, %zu defaults, best of 3: %.3f s\n", what, years,
           defaults, best);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: yearcost WEB.deal SMALL.deal\n");
        return 2;
    }
    Dg *big = load(argv[1]), *small = load(argv[2]);
    if (!big || !small)
        return 1;
    printf("yearly stress model (%zu entities, %zu deals):\n", world_n_entities(dg_world(big)),
           world_n_deals(dg_world(big)));
    clear(dg_world(big), 0, "no shock");
    clear(dg_world(big), 0.5, "demand cut by 50%");
    const World *w = dg_world(small);
    size_t n = world_n_entities(w);
    double bp[4096];
    int year[4096];
    if (n > 4096)
        return 1;
    StressParams p;
    stress_params_init(&p);
    double best = 1e30;
    for (int run = 0; run < 3; run++) {
        double t0 = now();
        breaking_points(w, &p, (BreakCut){SH_DEMAND, ENT_NONE}, bp, year);
        double t = now() - t0;
        best = t < best ? t : best;
    }
    printf("  breaking points of all %zu entities of %s, best of 3: %.3f s\n", n, argv[2], best);
    dg_free(big);
    dg_free(small);
    return 0;
}
