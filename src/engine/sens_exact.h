/* sens_exact.h - exact sensitivities of a one-year clearing (Liu & Staum 2010, "Sensitivity
 * analysis of the Eisenberg-Noe model of contagion", Oper. Res. Letters 38(5)).
 *
 * On the default set D of the greatest clearing vector, p_D = alpha e_D + beta Pi_DD^T p_D
 * + beta (what D receives from entities that pay in full), so
 *     dp_D / de_D = (I - beta Pi_DD^T)^-1 alpha;
 * an entity outside D pays in full and a forced one pays 0: neither moves. Revenue a
 * market pays enters through what D receives (beta), outside revenue through e (alpha).
 * The system on D is solved densely (at most SENS_EXACT_MAX defaulters).
 *
 * The formula holds where the clearing is linear in the inputs: it is not used (NULL, with
 * the reason) when the model has more than one year, guarantees are called, the clearing
 * did not converge, or a defaulter's payment is held at its dues (negative cash); and not
 * for one input (sens_exact_dp is false) when a fall of it would push an entity at an edge
 * off the piece: an entity paying exactly its dues (a tie) whose income falls with the
 * input, or a defaulter paying 0 from nothing whose payment would fall below 0.
 *
 * Ownership: owns its arrays; keeps no pointer into the world. */
#ifndef DG_SENS_EXACT_H
#define DG_SENS_EXACT_H
#include <stdbool.h>
#include "sensitivity.h"

#define SENS_EXACT_MAX 300

typedef struct SensExact SensExact;

/* The one-year system of w under p, checked against r (w's clearing); NULL and *why (a
 * static string) when the formula does not apply. */
SensExact *sens_exact_new(const World *w, const StressParams *p, const StressResult *r,
                          const char **why);
void sens_exact_free(SensExact *x);

/* dp_v per USD of the input (cash or revenue of an entity) into *dp; false when the input
 * is not one the formula covers (payments; revenue paid by a non-market; an edge, above). */
bool sens_exact_dp(SensExact *x, EntId v, SensInput in, double *dp);
/* v's dues in the year (L_v). */
double sens_exact_dues(const SensExact *x, EntId v);

#endif
