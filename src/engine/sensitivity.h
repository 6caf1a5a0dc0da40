/* sensitivity.h - sensitivities of the what-if figures (docs/RISK.md "Sensitivities"): the
 * derivative of paid(X), shortfall(X) or loss(X) with respect to one input, the cash of Y,
 * the revenue of Y or the payments of M, in the yearly model of a world.
 *
 * Units: per USD of the input. Cash is moved by adding USD; revenue and payments are
 * scaled along their whole path, so "per USD" is per USD of the input summed over the
 * model's years (in a one-year model, per USD of that year's revenue or payments). paid is
 * a fraction, so its sensitivity is a fraction per USD; shortfall and loss are USD per USD.
 *
 * How: in a model of one year (one clearing) the derivative of paid and shortfall with
 * respect to cash or revenue is exact, by Liu & Staum (2010) on the default set D of the
 * clearing (sens_exact.h). Everywhere else, and for loss always, a central finite
 * difference over the yearly model with a step of SENS_STEP of the web's money scale,
 * refined at a kink (see sensitivity.c). At a kink the value is the slope for a fall of the
 * input, the direction a stress takes; at a jump (the figure moves by a finite amount for
 * any fall) it is the slope for a rise, and the jump is reported beside it.
 *
 * Ownership: a Sens reads the world, the base world and the parameters it was made from
 * (all must outlive it) and owns its clearings; results are written to the caller's
 * memory, except sens_rank's array, which the caller frees. */
#ifndef DG_SENSITIVITY_H
#define DG_SENSITIVITY_H
#include <stdbool.h>
#include <stddef.h>
#include "stress.h"

/* The figures a sensitivity differentiates, each one of the what-if figures of stress.h:
 * X(ENUMERATOR, the StressFig it is); their names are stress_figure_name's. */
#define DG_SENS_FIGURES(X) X(SF_PAID, WF_PAID) X(SF_SHORTFALL, WF_SHORTFALL) X(SF_LOSS, WF_LOSS)
#define DG_SENS_ENUM(e, wf) e,
typedef enum { DG_SENS_FIGURES(DG_SENS_ENUM) SF__COUNT } SensFig;
#undef DG_SENS_ENUM
StressFig sens_figure(SensFig g);

typedef enum {
    SENS_NA,        /* no such input: revenue or payments that are 0 over the model */
    SENS_EXACT,     /* Liu-Staum on the default set of a one-year clearing */
    SENS_CENTRAL,   /* central finite difference, the two one-sided slopes agreeing */
    SENS_KINK,      /* the one-sided slope for a fall: the slopes differ at the point */
    SENS_JUMP,      /* the figure jumps at the point for any fall: the slope for a rise */
} SensHow;

/* An input: SH_CASH or SH_REVENUE of an entity, or SH_PAYMENTS of an entity (a market). */
typedef struct SensInput {
    ShockOp what;
    EntId of;
} SensInput;

typedef struct SensVal {
    double d;       /* per USD of the input */
    SensHow how;
    double jump;    /* SENS_JUMP: what the figure moves by for the smallest fall tried */
} SensVal;

/* The first step, as a fraction of the web's money scale (the largest dues of any entity
 * in any year, or the input's amount if larger), refined by tenfold up to SENS_REFINE
 * times; two slopes agree within SENS_AGREE of the larger plus the clearing's noise. */
#define SENS_STEP 1e-4
#define SENS_REFINE 4
#define SENS_AGREE 1e-6
/* The clearing's noise on a figure, relative to its scale (1 for paid, the money scale in
 * USD for shortfall and loss): its solves stop at 1e-12 of an entity's dues. */
#define SENS_NOISE 1e-10
/* Show and the figure report the change per SENS_UNIT USD of the input (1B). */
#define SENS_UNIT 1e9

typedef struct Sens Sens;

/* Clears w under p, and the base world (the world losses are measured against: base, or w
 * itself when base is NULL) with default parameters. */
Sens *sens_new(const World *w, const World *base, const StressParams *p);
void sens_free(Sens *s);

/* The sensitivities of the figures in `want` (bits 1 << SensFig) of x to `in`; exact_ok
 * false forces finite differences (for tests). Figures not wanted are left SENS_NA. */
void sens_of(Sens *s, EntId x, SensInput in, unsigned want, bool exact_ok,
             SensVal out[SF__COUNT]);
/* The input's amount over the model: cash in USD, revenue or payments summed over its
 * years (0 when it has none). */
double sens_amount(const Sens *s, SensInput in);
/* Why the exact path is not taken in this world, or NULL when it is available. */
const char *sens_exact_why_not(Sens *s);
/* Is the model one year (one clearing), where the exact path would apply? */
bool sens_one_year(const Sens *s);

/* One ranked input of `show sensitivities of X`. */
typedef struct SensRow {
    SensInput in;
    SensVal v[SF__COUNT];
} SensRow;

/* Every input (the cash and revenue of every entity but the markets, the payments of every
 * market), those that move a figure of x, ranked by |paid|, then |shortfall|, then |loss|,
 * largest first (a jump, an infinite slope for a fall, before any slope). *n: the rows returned; *ninputs: the inputs examined. Caller frees. */
SensRow *sens_rank(Sens *s, EntId x, size_t *n, size_t *ninputs);

#endif
