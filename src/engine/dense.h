/* dense.h - Gaussian elimination with partial pivoting for the sources solvers: one k x k
 * system with m right-hand sides, all solved by the same row operations.
 *
 * The caller owns both matrices; they are overwritten (a by its elimination, b by the
 * answers). Cost k^3/3 + k^2 m multiply-adds. */
#ifndef DG_DENSE_H
#define DG_DENSE_H
#include <stdbool.h>
#include <stddef.h>

/* Solves a x = b for the m columns of b: a is k x k, b is k x m, both row-major. False
 * when a pivot vanishes (the matrix is singular); b is then left half done. */
bool dense_solve(double *a, double *b, size_t k, size_t m);

#endif
