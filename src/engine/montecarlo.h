/* montecarlo.h - what the samples of a `simulate` add up to, and the risk measures read
 * from it (docs/RISK.md): per entity the samples in which it defaulted, counted by its
 * first default year, and its loss summed; the system loss of every sample, kept.
 *
 * Every total is exact: a loss is counted in units of 1/256 USD and added as a 128-bit
 * integer, and the system losses are sorted before they are read. So the totals do not
 * depend on the order in which samples were added: the threads of one run and the shards
 * of a `--merge` give exactly the result of one run on one thread.
 *
 * Ownership: an McSum owns its arrays and a copy of each entity name. */
#ifndef DG_MONTECARLO_H
#define DG_MONTECARLO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "stress.h"

/* A two's complement 128-bit integer: a sum of losses in units of 1/256 USD. */
typedef struct McAcc {
    uint64_t hi, lo;
} McAcc;

typedef struct McEntity {
    char *name;
    uint64_t defaults;        /* samples in which it defaulted */
    McAcc loss;               /* its losses over the samples */
} McEntity;

typedef struct McSum {
    size_t n;                 /* entities counted (a simulate leaves the markets out) */
    McEntity *ent;
    uint64_t *years;          /* n x nyears: samples whose first default was first_year + y */
    int first_year, nyears;   /* the default years seen so far (nyears 0: none yet) */
    bool dated;               /* false: a script with no dates (its one year is "now") */
    uint64_t samples;
    double *sys;              /* the system loss of each sample (sorted by mc_finish) */
    size_t nsys, capsys;
} McSum;

void mc_init(McSum *m, size_t n, const char *const *names, bool dated);
void mc_free(McSum *m);

/* One sample: r's entity i < nslot is counted as entity slot[i] (UINT32_MAX: not counted,
 * as the markets); its system loss is the sum of the counted entities' losses, in id order. */
void mc_add_result(McSum *m, const StressResult *r, const uint32_t *slot, size_t nslot);
/* Add what another sum of the same entities holds (a thread's, a shard's). */
void mc_merge(McSum *into, const McSum *from);
/* One more sample whose system loss was sys (its entities are added apart, as a shard
 * read back does). */
void mc_add_sample(McSum *m, double sys);
/* Count c samples of entity j whose first default was in `year` (and c defaults). */
void mc_add_defaults(McSum *m, size_t j, int year, uint64_t c);
/* Sort the system losses: call once all samples are in, before reading the measures. */
void mc_finish(McSum *m);

/* Measures (docs/RISK.md "Measures"). */
double mc_probability(const McSum *m, size_t j);
/* The share of samples in which j first defaulted in `year` or before. */
double mc_probability_by(const McSum *m, size_t j, int year);
/* The share of samples in which j first defaulted in exactly `year`. */
double mc_year_share(const McSum *m, size_t j, int year);
/* The 95% Wilson score interval of k successes in n trials. */
void mc_wilson(uint64_t k, uint64_t n, double *lo, double *hi);
double mc_expected_loss(const McSum *m, size_t j);
double mc_system_mean(const McSum *m);
/* ceil(qN) for 0 < q <= 1 (qN within 1e-9 of an integer counts as that integer), in 1..N. */
uint64_t mc_rank(double q, uint64_t n);
/* VaR_q: the ceil(qN)-th smallest system loss; ES_q: the mean of the N - ceil(qN) + 1
 * largest. Both 0 with no samples. */
double mc_var(const McSum *m, double q);
double mc_es(const McSum *m, double q);

/* A loss in the accumulator's units (1/256 USD, rounded; clamped to +-2^62 units). */
int64_t mc_units(double usd);
void mc_acc_add(McAcc *a, int64_t units);
void mc_acc_sum(McAcc *a, McAcc b);
double mc_acc_usd(McAcc a);
/* 32 hex digits, hi then lo (buf holds 33), and back; false when s is not that. */
char *mc_acc_hex(McAcc a, char *buf);
bool mc_acc_parse(const char *s, McAcc *a);

#endif
