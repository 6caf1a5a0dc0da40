/* eval_simulate.c - `simulate NAME N times [seed S] { body }` and `dealgraph simulate`
 * (docs/RISK.md): N samples of a scenario. Sample k is the scenario applied to a fork of
 * the world with its random lets drawn for (seed, k), then the yearly clearing of the fork
 * against the base world's clearing, which is computed once.
 *
 * The evaluator is not thread-safe, so this thread applies the scenario to each sample's
 * fork (cheap: a fork is an overlay) and hands it to worker threads, which clear it
 * (stress_run_against only reads the fork and the base) and add the result into sums of
 * their own. The sums are exact (montecarlo.h), so merging them in thread order gives the
 * same bytes for any number of threads, and the same as shards merged later. */
#include "eval_int.h"
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mc_show.h"
#include "schedule.h"

struct Simulation {
    McSum sum;
    World *w;              /* the scenario with every random let at its mean */
    uint32_t *slot;        /* entity id of w -> index in sum; UINT32_MAX for a market */
    size_t nslot;
    const char *scenario;
    uint64_t seed;
};

/* A sample's fork waiting to be cleared. */
typedef struct Job {
    World *w;
    StressParams p;
} Job;

/* Forks are handed over in batches, so the threads meet once per batch, not per sample. */
typedef struct Batch {
    Job *job;
    size_t n;
} Batch;

/* The hand-over from this thread to the workers: a bounded ring of batches. */
typedef struct Pool {
    pthread_mutex_t mu;
    pthread_cond_t more, room;
    Batch *ring;
    size_t cap, head, count;
    bool closed;
    const StressResult *base;
    const Simulation *sim;
} Pool;

typedef struct Worker {
    Pool *pool;
    McSum sum;
    pthread_t th;
} Worker;

#define RING_PER_WORKER 4
#define MAX_JOBS 256
#define MAX_BATCH 32

/* ---- one sample ---- */

static void clear_job(const Pool *pool, Job *j, McSum *sum)
{
    StressResult *r = stress_run_against(j->w, pool->base, &j->p);
    mc_add_result(sum, r, pool->sim->slot, pool->sim->nslot);
    stress_free(r);
    world_free(j->w);
    stress_params_free(&j->p);
}

static void *worker_main(void *arg)
{
    Worker *wk = arg;
    Pool *p = wk->pool;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->count && !p->closed)
            pthread_cond_wait(&p->more, &p->mu);
        if (!p->count) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        Batch b = p->ring[p->head];
        p->head = (p->head + 1) % p->cap;
        p->count--;
        pthread_cond_signal(&p->room);
        pthread_mutex_unlock(&p->mu);
        for (size_t i = 0; i < b.n; i++)
            clear_job(p, &b.job[i], &wk->sum);
        free(b.job);
    }
}

static void push_batch(Pool *p, Batch b)
{
    pthread_mutex_lock(&p->mu);
    while (p->count == p->cap)
        pthread_cond_wait(&p->room, &p->mu);
    p->ring[(p->head + p->count) % p->cap] = b;
    p->count++;
    pthread_cond_signal(&p->more);
    pthread_mutex_unlock(&p->mu);
}

/* Ctrl-C in the REPL (opt->cancel) stops the samples between two of them; the statement
 * then fails with the interruption (eval.c). */
static bool stopped(const Eval *ev)
{
    return ev->opt->cancel && ev->opt->cancel(ev->opt->cancel_ud);
}

/* Sample k's fork: the scenario applied with its random lets drawn for (seed, k). */
static bool draw_sample(Eval *ev, Query *q, const Scenario *sc, const Simulation *sim,
                        uint64_t k, Span at, Job *j)
{
    SimDraw d = {sim->seed, k};
    ev->draw = &d;
    ev->draw_gen++;
    bool ok = eval_scenario_apply(ev, q, sc, &j->w, &j->p);
    ev->draw = NULL;
    /* A sample clears to its end on whatever thread it lands on: Ctrl-C is asked between
     * samples, on this thread (stopped). */
    j->p.cancel = NULL;
    j->p.cancel_ud = NULL;
    if (!ok)
        stress_params_free(&j->p);
    if (!ok && !stopped(ev)) {   /* an interruption is reported as one, by the statement */
        diag_note(ev->d, at, "in sample %llu of simulate %s (seed %llu): a drawn value made "
                  "the scenario invalid", (unsigned long long)k, sim->scenario,
                  (unsigned long long)sim->seed);
    }
    return ok;
}

/* ---- the samples ---- */

static int jobs_of(const Eval *ev, uint64_t samples)
{
    long n = ev->opt->jobs > 0 ? ev->opt->jobs : sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > MAX_JOBS)
        n = MAX_JOBS;
    return (uint64_t)n > samples ? (int)(samples ? samples : 1) : (int)n;
}

static const char **names_of(const Simulation *sim)
{
    const char **names = xcalloc(sim->sum.n + 1, sizeof *names);
    for (EntId i = 0; i < sim->nslot; i++)
        if (sim->slot[i] != UINT32_MAX)
            names[sim->slot[i]] = world_name(sim->w, i);
    return names;
}

/* Samples per batch: enough to make a meeting of the threads rare, few enough that every
 * worker gets several batches. */
static size_t batch_size(uint64_t samples, int jobs)
{
    uint64_t b = samples / ((uint64_t)jobs * 16);
    return b < 1 ? 1 : b > MAX_BATCH ? MAX_BATCH : (size_t)b;
}

/* Start up to `jobs` workers; returns how many started (a system out of threads may
 * start fewer, or none: then this thread clears the samples itself). */
static int pool_start(Pool *p, Worker *wk, int jobs, const Simulation *sim)
{
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->more, NULL);
    pthread_cond_init(&p->room, NULL);
    p->cap = (size_t)jobs * RING_PER_WORKER;
    p->ring = xcalloc(p->cap, sizeof *p->ring);
    const char **names = names_of(sim);
    int t = 0;
    for (; t < jobs; t++) {
        wk[t].pool = p;
        mc_init(&wk[t].sum, sim->sum.n, names, sim->sum.dated);
        if (pthread_create(&wk[t].th, NULL, worker_main, &wk[t]) != 0) {
            mc_free(&wk[t].sum);
            break;
        }
    }
    free(names);
    return t;
}

/* No more batches: the workers finish, and their sums join the simulation's in order. */
static void pool_finish(Pool *p, Worker *wk, int jobs, Simulation *sim)
{
    pthread_mutex_lock(&p->mu);
    p->closed = true;
    pthread_cond_broadcast(&p->more);
    pthread_mutex_unlock(&p->mu);
    for (int t = 0; t < jobs; t++) {
        pthread_join(wk[t].th, NULL);
        mc_merge(&sim->sum, &wk[t].sum);
        mc_free(&wk[t].sum);
    }
    free(p->ring);
    pthread_cond_destroy(&p->room);
    pthread_cond_destroy(&p->more);
    pthread_mutex_destroy(&p->mu);
}

/* Samples k0, k0 + step, ... below n, cleared by `jobs` workers (this thread alone when
 * jobs is 1). False when a sample's scenario had errors. */
static bool run_samples(Eval *ev, Query *q, const Scenario *sc, Simulation *sim,
                        const StressResult *base, uint64_t n, uint64_t k0, uint64_t step,
                        Span at)
{
    uint64_t count = k0 < n ? (n - k0 + step - 1) / step : 0;
    int jobs = jobs_of(ev, count);
    Pool pool = {.base = base, .sim = sim};
    Worker *wk = NULL;
    Job j;
    bool ok = true;
    if (jobs > 1) {
        wk = xcalloc((size_t)jobs, sizeof *wk);
        jobs = pool_start(&pool, wk, jobs, sim);
    }
    if (jobs <= 1 && wk)
        pool_finish(&pool, wk, jobs, sim);   /* one worker or none: not worth a thread */
    if (jobs <= 1) {
        free(wk);
        for (uint64_t k = k0; ok && k < n; k += step)
            if ((ok = !stopped(ev) && draw_sample(ev, q, sc, sim, k, at, &j)))
                clear_job(&pool, &j, &sim->sum);
        return ok;
    }
    size_t bs = batch_size(count, jobs);
    Batch b = {xcalloc(bs, sizeof *b.job), 0};
    for (uint64_t k = k0; ok && k < n; k += step) {
        if (!(ok = !stopped(ev) && draw_sample(ev, q, sc, sim, k, at, &b.job[b.n])))
            break;
        if (++b.n == bs || k + step >= n) {
            push_batch(&pool, b);
            b = (Batch){xcalloc(bs, sizeof *b.job), 0};
        }
    }
    for (size_t i = 0; i < b.n; i++) {   /* a batch cut short by an error */
        world_free(b.job[i].w);
        stress_params_free(&b.job[i].p);
    }
    free(b.job);
    pool_finish(&pool, wk, jobs, sim);
    free(wk);
    return ok;
}

/* The simulation's world (the scenario at the means) and the entities it counts. */
static Simulation *sim_new(World *w, const char *scenario, uint64_t seed)
{
    Simulation *sim = xcalloc(1, sizeof *sim);
    sim->w = w;
    sim->scenario = scenario;
    sim->seed = seed;
    sim->nslot = world_n_entities(w);
    sim->slot = xcalloc(sim->nslot + 1, sizeof *sim->slot);
    const char **names = xcalloc(sim->nslot + 1, sizeof *names);
    size_t n = 0;
    for (EntId i = 0; i < sim->nslot; i++) {
        bool market = world_entity(w, i)->kind == ENT_MARKET;
        sim->slot[i] = market ? UINT32_MAX : (uint32_t)n;
        if (!market)
            names[n++] = world_name(w, i);
    }
    mc_init(&sim->sum, n, names, horizon_of(w).dated);
    free(names);
    return sim;
}

void eval_simulation_free(Simulation *sim)
{
    if (!sim)
        return;
    mc_free(&sim->sum);
    world_free(sim->w);
    free(sim->slot);
    free(sim);
}

/* Samples shard, shard + shards, ... below n of scenario sc on q's world, then sorted. NULL
 * when the scenario, or one of its samples, had errors. */
static Simulation *simulation_run(Eval *ev, Query *q, const Scenario *sc, uint64_t n,
                                  uint64_t seed, uint64_t shard, uint64_t shards, Span at)
{
    World *w;
    StressParams p;
    bool ok = eval_scenario_apply(ev, q, sc, &w, &p);   /* at the means: mistakes once */
    stress_params_free(&p);
    if (!ok)
        return NULL;
    Simulation *sim = sim_new(w, sym_str(ev->in, sc->name), seed);
    StressParams bp;
    stress_params_init(&bp);
    StressResult *base = stress_run_against(q->w, NULL, &bp);
    ok = run_samples(ev, q, sc, sim, base, n, shard, shards ? shards : 1, at);
    stress_free(base);
    if (!ok) {
        eval_simulation_free(sim);
        return NULL;
    }
    mc_finish(&sim->sum);
    return sim;
}

/* ---- the statement ---- */

/* A whole number from lo to hi (hi is exact as a double). */
static bool whole(Eval *ev, Query *q, const Expr *e, const char *what, double lo, double hi,
                  uint64_t *out)
{
    double x;
    if (!eval_expect(ev, q, e, DIM_NONE, what, &x))
        return false;
    if (x != floor(x) || x < lo || x > hi) {
        diag_error(ev->d, e->span, "%s is a whole number from %.0f to %.0f", what, lo, hi);
        return false;
    }
    *out = (uint64_t)x;
    return true;
}

static void body_stmt(Eval *ev, Query *sq, const Stmt *x, Sym **lets, size_t *nlets, size_t *cap)
{
    switch (x->kind) {
    case ST_SHOW: case ST_ASSERT: case ST_EXPR:
        eval_stmt(ev, sq, x);
        return;
    case ST_LET: {
        Sym name = x->u.let.name;
        bool taken = name < ev->caplets && ev->lets[name].set;
        eval_stmt(ev, sq, x);
        if (taken)   /* the let failed: the name is not ours to remove */
            return;
        *lets = vec_grow(*lets, cap, *nlets + 1, sizeof **lets);
        (*lets)[(*nlets)++] = name;
        return;
    }
    default:
        diag_error(ev->d, x->span, "a simulate body holds show, assert and let");
        diag_hint(ev->d, "put shocks in the scenario: scenario NAME { shock demand by d }");
    }
}

void eval_simulate(Eval *ev, Query *q, const Stmt *s)
{
    ev->showed |= !ev->muted;
    uint64_t n = 0, seed = 0;
    bool ok = whole(ev, q, s->u.simulate.samples, "the number of samples", 1,
                    DG_SIM_MAX_SAMPLES, &n);
    if (s->u.simulate.seed)
        ok = whole(ev, q, s->u.simulate.seed, "a seed", 0, (double)DG_SIM_MAX_SEED, &seed) && ok;
    const Scenario *sc = eval_lookup_scenario(ev, s->u.simulate.scenario,
                                              s->u.simulate.scenario_span);
    if (!sc || !ok)
        return;
    Span at = {s->span.file, s->span.start, s->u.simulate.scenario_span.end};
    if (ev->opt->max_samples && n > ev->opt->max_samples) {
        diag_note(ev->d, at, "ran %llu of its %llu samples here (`dealgraph check` runs all)",
                  (unsigned long long)ev->opt->max_samples, (unsigned long long)n);
        n = ev->opt->max_samples;
    }
    Simulation *sim = simulation_run(ev, q, sc, n, seed, 0, 1, at);
    if (!sim)
        return;
    Query sq = {.w = sim->w, .base = q->w, .sim = sim};
    if (!s->u.simulate.body.first && !eval_quiet(ev)) {
        McRun run = {sim->scenario, sim->seed};
        mc_show_probabilities(ev->out, &sim->sum, &run);
        mc_show_losses(ev->out, &sim->sum, &run, NULL, 0);
    }
    Sym *lets = NULL;
    size_t nlets = 0, cap = 0;
    for (const Stmt *x = s->u.simulate.body.first; x; x = x->next)
        body_stmt(ev, &sq, x, &lets, &nlets, &cap);
    for (size_t i = 0; i < nlets; i++)
        eval_unlet(ev, lets[i]);
    free(lets);
    query_release(&sq);
    eval_simulation_free(sim);
}

/* ---- what the body and the command read ---- */

const McSum *sim_sum(const Simulation *sim) { return &sim->sum; }
const World *sim_world(const Simulation *sim) { return sim->w; }
const char *sim_scenario(const Simulation *sim) { return sim->scenario; }
uint64_t sim_seed(const Simulation *sim) { return sim->seed; }

size_t sim_slot(const Simulation *sim, EntId v)
{
    return v < sim->nslot && sim->slot[v] != UINT32_MAX ? sim->slot[v] : SIZE_MAX;
}

Simulation *eval_simulate_named(Eval *ev, const char *name, uint64_t n, uint64_t seed,
                                uint64_t shard, uint64_t shards)
{
    const Scenario *sc = eval_lookup_scenario(ev, intern_cstr(ev->in, name), (Span){0, 0, 0});
    return sc ? simulation_run(ev, &ev->base, sc, n, seed, shard, shards, (Span){0, 0, 0})
              : NULL;
}
