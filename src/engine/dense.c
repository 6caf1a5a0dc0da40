/* dense.c - Gaussian elimination with partial pivoting, many right-hand sides (dense.h).
 *
 * First a = LU (the multipliers kept below the diagonal, row swaps applied to b as they are
 * made), then the two triangular solves for b, DENSE_BLOCK columns at a time: a row of b
 * is updated from the rows before it (after it, going back) in a short contiguous loop the
 * compiler turns into vector instructions, and a block of b stays in cache while a is read
 * once per block. Reading b whole for every pivot instead made the solve memory-bound:
 * a thousand-member loop with a thousand origins took seconds. */
#include "dense.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "xalloc.h"

/* Columns of b solved together: k rows of them stay in a core's cache (k <= a few
 * thousand). */
#define DENSE_BLOCK 32

static void swap_rows(double *x, size_t r, size_t s, size_t len)
{
    double *p = x + r * len, *q = x + s * len;
    for (size_t j = 0; j < len; j++) {
        double t = p[j];
        p[j] = q[j];
        q[j] = t;
    }
}

/* r -= f * c over len entries. The first loop runs a multiple of 4 times: a loop the
 * compiler vectorizes at -O2 (its cheap cost model takes no loop that needs a scalar
 * tail). */
static void sub_row(double *restrict r, const double *restrict c, double f, size_t len)
{
    size_t n4 = len & ~(size_t)3;
    for (size_t j = 0; j < n4; j++)
        r[j] -= f * c[j];
    for (size_t j = n4; j < len; j++)
        r[j] -= f * c[j];
}

/* a = LU in place, b's rows swapped as a's are. False when a pivot vanishes. */
static bool factor(double *a, double *b, size_t k, size_t m)
{
    for (size_t c = 0; c < k; c++) {
        size_t p = c;
        for (size_t r = c + 1; r < k; r++)
            if (fabs(a[r * k + c]) > fabs(a[p * k + c]))
                p = r;
        if (!(fabs(a[p * k + c]) > 0))
            return false;
        if (p != c) {
            swap_rows(a, c, p, k);
            swap_rows(b, c, p, m);
        }
        for (size_t r = c + 1; r < k; r++) {
            double f = a[r * k + c] / a[c * k + c];
            a[r * k + c] = f;
            if (f != 0)
                sub_row(a + r * k + c + 1, a + c * k + c + 1, f, k - c - 1);
        }
    }
    return true;
}

/* L y = b, then U x = y, for a block x of w columns (k rows of w, contiguous). */
static void solve_block(const double *a, double *x, size_t k, size_t w)
{
    for (size_t r = 1; r < k; r++)
        for (size_t c = 0; c < r; c++)
            if (a[r * k + c] != 0)
                sub_row(x + r * w, x + c * w, a[r * k + c], w);
    for (size_t r = k; r-- > 0;) {
        for (size_t c = r + 1; c < k; c++)
            if (a[r * k + c] != 0)
                sub_row(x + r * w, x + c * w, a[r * k + c], w);
        for (size_t j = 0; j < w; j++)
            x[r * w + j] /= a[r * k + r];
    }
}

bool dense_solve(double *a, double *b, size_t k, size_t m)
{
    if (!factor(a, b, k, m))
        return false;
    /* each block is copied out to k contiguous rows: rows m apart in b would fall on the
     * same few cache sets */
    double *x = xmalloc((k * DENSE_BLOCK + 1) * sizeof *x);
    for (size_t j0 = 0; j0 < m; j0 += DENSE_BLOCK) {
        size_t w = m - j0 < DENSE_BLOCK ? m - j0 : DENSE_BLOCK;
        for (size_t r = 0; r < k; r++)
            memcpy(x + r * w, b + r * m + j0, w * sizeof *x);
        solve_block(a, x, k, w);
        for (size_t r = 0; r < k; r++)
            memcpy(b + r * m + j0, x + r * w, w * sizeof *x);
    }
    free(x);
    return true;
}
