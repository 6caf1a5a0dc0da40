/* testutil.h - shared helpers for the cmocka unit tests. */
#ifndef DG_TESTUTIL_H
#define DG_TESTUTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Relative/absolute closeness for engine figures worked out by hand. */
#define assert_near(actual, expected, tol)                                              \
    do {                                                                                \
        double a_ = (actual), e_ = (expected);                                          \
        if (!(fabs(a_ - e_) <= (tol) * fmax(1.0, fabs(e_)))) {                          \
            print_error("%s = %.12g, expected %.12g\n", #actual, a_, e_);              \
            fail();                                                                     \
        }                                                                               \
    } while (0)

#endif
