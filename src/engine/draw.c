/* draw.c - distributions and the counter-based generator of draw.h. */
#include "draw.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

#define DG_DIST_NAME(e, name, np, usage) [e] = name,
#define DG_DIST_ARITY(e, name, np, usage) [e] = np,
#define DG_DIST_USAGE(e, name, np, usage) [e] = usage,
static const char *const NAMES[DIST__COUNT] = {DG_DISTS(DG_DIST_NAME)};
static const int ARITY[DIST__COUNT] = {DG_DISTS(DG_DIST_ARITY)};
static const char *const USAGE[DIST__COUNT] = {DG_DISTS(DG_DIST_USAGE)};
#undef DG_DIST_NAME
#undef DG_DIST_ARITY
#undef DG_DIST_USAGE

int dist_find(const char *name)
{
    for (int k = 0; k < DIST__COUNT; k++)
        if (!strcmp(name, NAMES[k]))
            return k;
    return -1;
}

const char *dist_name(DistKind k) { return (unsigned)k < DIST__COUNT ? NAMES[k] : "?"; }
int dist_arity(DistKind k) { return (unsigned)k < DIST__COUNT ? ARITY[k] : 0; }
const char *dist_usage(DistKind k) { return (unsigned)k < DIST__COUNT ? USAGE[k] : "?"; }

char *dist_list(char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int k = 0; k < DIST__COUNT && o < n; k++)
        o += (size_t)snprintf(buf + o, n - o, "%s%s", k ? ", " : "", USAGE[k]);
    return buf;
}

const char *dist_check(const Dist *d)
{
    const double *p = d->p;
    for (int i = 0; i < dist_arity(d->kind); i++)
        if (!isfinite(p[i]))
            return "its parameters must be finite numbers";
    switch (d->kind) {
    case DIST_NORMAL: return p[1] < 0 ? "the standard deviation is negative" : NULL;
    case DIST_LOGNORMAL: return p[1] < 0 ? "sigma is negative" : NULL;
    case DIST_UNIFORM: return p[0] > p[1] ? "a is greater than b" : NULL;
    case DIST_TRIANGULAR:
        return p[0] > p[1] || p[1] > p[2] ? "it needs a <= mode <= b" : NULL;
    default: return "unknown distribution";
    }
}

double dist_mean(const Dist *d)
{
    const double *p = d->p;
    switch (d->kind) {
    case DIST_NORMAL: return p[0];
    case DIST_UNIFORM: return (p[0] + p[1]) / 2;
    case DIST_TRIANGULAR: return (p[0] + p[1] + p[2]) / 3;
    case DIST_LOGNORMAL: return exp(p[0] + p[1] * p[1] / 2);
    default: return 0;
    }
}

/* SplitMix64's output function, with the increment of its counter folded in. */
static uint64_t mix(uint64_t z)
{
    z += 0x9e3779b97f4a7c15u;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

uint64_t draw_name_hash(const char *name)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *s = (const unsigned char *)name; *s; s++)
        h = (h ^ *s) * 0x100000001b3u;
    return h;
}

double draw_uniform(uint64_t seed, uint64_t k, uint64_t name, unsigned j)
{
    uint64_t h = mix(mix(seed) ^ name);
    uint64_t u = mix(h ^ (2 * k + j));
    return ((double)(u >> 11) + 0.5) * 0x1p-53;
}

static double std_normal(uint64_t seed, uint64_t k, uint64_t name)
{
    double u0 = draw_uniform(seed, k, name, 0), u1 = draw_uniform(seed, k, name, 1);
    return sqrt(-2 * log(u0)) * cos(6.283185307179586 * u1);
}

double dist_draw(const Dist *d, uint64_t seed, uint64_t k, uint64_t name)
{
    const double *p = d->p;
    double u;
    switch (d->kind) {
    case DIST_NORMAL: return p[0] + p[1] * std_normal(seed, k, name);
    case DIST_LOGNORMAL: return exp(p[0] + p[1] * std_normal(seed, k, name));
    case DIST_UNIFORM: return p[0] + (p[1] - p[0]) * draw_uniform(seed, k, name, 0);
    case DIST_TRIANGULAR: {
        double a = p[0], m = p[1], b = p[2];
        if (!(b > a))
            return a;
        u = draw_uniform(seed, k, name, 0);
        if (u < (m - a) / (b - a))
            return a + sqrt(u * (b - a) * (m - a));
        return b - sqrt((1 - u) * (b - a) * (b - m));
    }
    default: return 0;
    }
}
