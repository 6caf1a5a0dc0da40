/* sens_show.h - `show sensitivities of X` (docs/RISK.md "Sensitivities"): the inputs that
 * move X's paid, shortfall and loss most, as the change of each per 1B more of the input.
 *
 * Output only: the rows come ranked from sens_rank. */
#ifndef DG_SENS_SHOW_H
#define DG_SENS_SHOW_H
#include <stdio.h>
#include "sensitivity.h"

/* At most this many rows are shown. */
#define SENS_SHOW_TOP 10

/* rows: n ranked rows of the ninputs examined; not_exact: why a one-year model's values
 * are not exact (a footnote), or NULL. */
void sens_show(FILE *out, const World *w, EntId x, const SensRow *rows, size_t n,
               size_t ninputs, const char *not_exact);

#endif
