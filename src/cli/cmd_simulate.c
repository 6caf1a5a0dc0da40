/* cmd_simulate.c - `dealgraph simulate SCENARIO N FILE... [--seed S] [--shard K/N] [-j N]
 * [--json]` and `dealgraph simulate --merge A.json B.json ...` (docs/RISK.md). */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "usage: dealgraph simulate SCENARIO N FILE... [--seed S] [--shard K/N] [-j N] [--json]\n"
    "       dealgraph simulate --merge SHARD.json...\n"
    "N samples of SCENARIO (its random lets drawn for each); --shard K/N runs the samples\n"
    "k with k mod N == K, and --merge adds the shards' JSON up into the whole run's.\n";

static int usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "dealgraph: simulate: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fputs(USAGE, stderr);
    return DG_EUSAGE;
}

/* `K/N` with K < N. */
static bool shard_of(const char *s, uint64_t *k, uint64_t *n)
{
    const char *slash = s ? strchr(s, '/') : NULL;
    if (!slash || slash == s || (size_t)(slash - s) >= 24)
        return false;
    char head[24];
    memcpy(head, s, (size_t)(slash - s));
    head[slash - s] = '\0';
    return args_whole(head, 0, UINT64_MAX, k) && args_whole(slash + 1, 1, 1u << 30, n) && *k < *n;
}

typedef struct SimArgs {
    ArgList words;
    const char *seed, *shard, *jobs;
    bool json, merge;
} SimArgs;

static int run(const SimArgs *a, DgSimulate *s)
{
    uint64_t jobs = 0;
    if (a->words.n < 3)
        return usage("%s", a->words.n < 2 ? "give a scenario, a number of samples and files"
                                          : "no input files");
    s->scenario = a->words.v[0];
    if (!args_whole(a->words.v[1], 1, DG_SIM_MAX_SAMPLES, &s->samples))
        return usage("the number of samples is a whole number from 1 to 1000000000, not '%s'",
                     a->words.v[1]);
    if (a->seed && !args_whole(a->seed, 0, DG_SIM_MAX_SEED, &s->seed))
        return usage("--seed takes a whole number from 0 to 9007199254740992, not '%s'", a->seed);
    if (a->shard && !shard_of(a->shard, &s->shard, &s->shards))
        return usage("--shard takes K/N with 0 <= K < N, not '%s'", a->shard);
    if (a->jobs && !args_whole(a->jobs, 1, 256, &jobs))
        return usage("-j takes a number of threads from 1 to 256, not '%s'", a->jobs);
    DgOptions o = cli_options();
    o.quiet = true;
    o.jobs = (int)jobs;
    Dg *dg = dg_new(&o);
    ArgList files = {a->words.v + 2, a->words.n - 2};
    int st = cli_run_files(dg, &files);
    if (st == DG_OK)
        st = dg_simulate(dg, stdout, s);
    dg_free(dg);
    return st;
}

int cmd_simulate(int argc, char **argv)
{
    SimArgs a = {0};
    const ArgSpec specs[] = {{"--seed", NULL, ARG_VALUE, &a.seed},
                             {"--shard", NULL, ARG_VALUE, &a.shard},
                             {"--jobs", "-j", ARG_VALUE, &a.jobs},
                             {"--json", NULL, ARG_FLAG, &a.json},
                             {"--merge", NULL, ARG_FLAG, &a.merge}, {0}};
    int st = args_parse(argc, argv, specs, &a.words, "dealgraph: simulate");
    if (st == ARGS_HELP) {
        fputs(USAGE, stdout);
        st = DG_OK;
    } else if (st != DG_OK) {
        fputs(USAGE, stderr);
    } else if (a.merge) {
        if (a.seed || a.shard || a.jobs)
            st = usage("%s", "--merge takes only the shards' JSON files");
        else if (!a.words.n)
            st = usage("%s", "--merge: no shard files");
        else
            st = dg_simulate_merge(a.words.v, a.words.n, stdout, stderr);
    } else {
        DgSimulate s = {.json = a.json};
        st = run(&a, &s);
    }
    free(a.words.v);
    return st;
}
