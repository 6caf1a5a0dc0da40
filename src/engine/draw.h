/* draw.h - random draws for `simulate` (docs/RISK.md "Draws"): the distributions a
 * `let NAME ~ DIST` may name, and a counter-based generator. Sample k's draw for a name
 * depends only on (seed, k, the name): no generator state is carried from one sample to the
 * next, so samples can be drawn in any order, on any thread, in any shard, and agree.
 *
 * Generator: h = mix(mix(seed) ^ name_hash); u_j = mix(h ^ (2k + j)) for stream j = 0, 1;
 * mix is SplitMix64's finaliser (Steele, Lea, Flood 2014) with its golden-ratio increment,
 * name_hash the 64-bit FNV-1a of the name. A uniform in (0, 1) is ((u >> 11) + 0.5) / 2^53.
 * Normal: Box-Muller on u_0, u_1 (z = sqrt(-2 ln u_0) cos(2 pi u_1)); uniform and
 * triangular: inverse CDF of u_0; lognormal: exp(mu + sigma z).
 *
 * Nothing here allocates or keeps state. */
#ifndef DG_DRAW_H
#define DG_DRAW_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* X(ENUMERATOR, "name", parameters, "how it is written") */
#define DG_DISTS(X) \
    X(DIST_NORMAL, "normal", 2, "normal(mean, sd)") \
    X(DIST_UNIFORM, "uniform", 2, "uniform(a, b)") \
    X(DIST_TRIANGULAR, "triangular", 3, "triangular(a, mode, b)") \
    X(DIST_LOGNORMAL, "lognormal", 2, "lognormal(mu, sigma)")
#define DG_DIST_ENUM(e, name, np, usage) e,
typedef enum { DG_DISTS(DG_DIST_ENUM) DIST__COUNT } DistKind;
#undef DG_DIST_ENUM

typedef struct Dist {
    DistKind kind;
    double p[3];           /* the parameters in the order written */
} Dist;

/* The distribution called `name`; -1 when none is. */
int dist_find(const char *name);
const char *dist_name(DistKind k);
int dist_arity(DistKind k);
const char *dist_usage(DistKind k);
/* "normal(mean, sd), uniform(a, b), ..." for hints, into buf; returns buf. */
char *dist_list(char *buf, size_t n);

/* NULL when the parameters make a distribution, else why not ("sd is negative"). */
const char *dist_check(const Dist *d);
/* The mean: the value a random let takes outside a simulate's samples. */
double dist_mean(const Dist *d);
/* Sample k's draw for the name whose hash is `name`. */
double dist_draw(const Dist *d, uint64_t seed, uint64_t k, uint64_t name);

/* 64-bit FNV-1a of a name. */
uint64_t draw_name_hash(const char *name);
/* Stream j (0 or 1) of sample k for a name, as a uniform in (0, 1) (never 0 or 1). */
double draw_uniform(uint64_t seed, uint64_t k, uint64_t name, unsigned j);

#endif
