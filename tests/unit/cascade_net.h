/* cascade_net.h - the hard clearing network the unit test verifies (tests/unit/
 * test_clearing.c) and make bench times (tests/bench/clearcost.c): n entities, m random
 * obligations of 1..1000, external resources 0..1999, so most entities are a little short
 * and defaults cascade over several rounds. Deterministic (xorshift64, fixed seed). The
 * caller owns e (m edges) and ext (n values). */
#ifndef DG_CASCADE_NET_H
#define DG_CASCADE_NET_H
#include <stddef.h>
#include <stdint.h>
#include "clearing.h"

static inline uint64_t cascade_rng(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static inline void cascade_net(size_t n, size_t m, WEdge *e, double *ext)
{
    uint64_t s = 88172645463325252ull;
    for (size_t k = 0; k < m; k++) {
        uint32_t from = (uint32_t)(cascade_rng(&s) % n), to = (uint32_t)(cascade_rng(&s) % n);
        e[k] = (WEdge){from, to, 1 + (double)(cascade_rng(&s) % 1000)};
    }
    for (size_t i = 0; i < n; i++)
        ext[i] = (double)(cascade_rng(&s) % 2000);
}

#endif
