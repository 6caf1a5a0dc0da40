/* stress.h - what-if: resolved shocks applied to a World fork, then the yearly clearing
 * (each year's greatest clearing vector, Eisenberg-Noe with Rogers-Veraart default costs,
 * arrears carried to the same creditors, guarantees called in the year of the shortfall),
 * then the equity channel (DebtRank) and losses against the base world. The model and its
 * bounds are documented in docs/STRESS.md.
 *
 * Ownership: a StressResult owns all its arrays (free with stress_free);
 * it keeps no pointer into the World it was computed from, except `scenario`, which the
 * caller sets and owns. StressParams owns its forced-default list (stress_params_free).
 *
 * The evaluator resolves a scenario's statements (names -> ids, expressions -> numbers) into
 * Shocks and applies them to a fork with stress_apply_one (entity re-declarations, deals and
 * lets it applies itself on the same fork), then calls stress_run(fork, base, &params). */
#ifndef DG_STRESS_H
#define DG_STRESS_H
#include <stdbool.h>
#include <stddef.h>
#include "arena.h"
#include "debtrank.h"
#include "value.h"
#include "world.h"

typedef struct Shock {
    ShockOp kind;
    EntId ent;      /* SH_DEFAULT, SH_PAYMENTS, SH_REVENUE, SH_PRICE, SH_CASH */
    DealId deal;    /* SH_CANCEL */
    double x;       /* shocks: the fraction P (-0.5 for -50%); set: the value; SH_DEFAULT:
                       the year it starts (`X defaults in 2027`), 0 for the first year */
} Shock;

/* A forced default: ent pays nothing in every year from `from` on (0: from the first). */
typedef struct Forced {
    EntId ent;
    int from;
} Forced;

typedef struct StressParams {
    double alpha, beta;      /* Rogers-Veraart recovery on own resources / incoming; 1, 1 */
    DebtRankKind debtrank;   /* DR_DIFFERENTIAL by default */
    Forced *forced;          /* `X defaults [in YEAR]`, in the order given, one per entity
                                (the earliest year when it is given twice) */
    size_t nforced, capforced;
    bool (*cancel)(void *ud);   /* asked before each clearing; true stops the run (NULL: never) */
    void *cancel_ud;
} StressParams;

void stress_params_init(StressParams *p);
void stress_params_free(StressParams *p);

/* Apply one shock to `fork` (a world_fork of the base) and/or to params. */
void stress_apply_one(World *fork, const Shock *s, StressParams *p);
/* A new fork of base with the n shocks applied (p is initialised here). */
World *stress_apply(const World *base, const Shock *s, size_t n, StressParams *p);

typedef struct StressWarrant {
    DealId deal;            /* the grant */
    EntId granter, holder;
    double fraction;        /* paid fraction of the milestone deal, 0..1 */
    double vested_shares;   /* N x fraction */
    double value;           /* vested x max(price - strike, 0): the holder's gain, USD */
    double dilution;        /* vested / (granter's shares + vested); 0 if no shares */
} StressWarrant;

typedef struct StressGuarantee {
    DealId deal;
    EntId guarantor, party; /* party: the entity whose shortfall it covers */
    DealId covers;          /* `guarantees LABEL up to X`: the deal; DEAL_NONE for a party */
    double amount;          /* the guarantee's cap X */
    double called;          /* what the guarantor was obliged to pay over the years (<= X) */
    double paid;            /* what it actually paid */
} StressGuarantee;

typedef struct StressCredit {
    DealId deal;            /* the facility `lender commits X credit to borrower` */
    EntId lender, borrower;
    double limit;           /* X */
    double drawn;           /* drawn over the years: what the lender owed the borrower */
    double paid;            /* what the lender paid of it in the year of each draw */
    double *drawn_y;        /* each year's draw (nyears entries) */
} StressCredit;

typedef struct StressResult {
    size_t n;               /* entities of the stressed world */
    const char *scenario;   /* set by the caller (not owned); NULL = the base world */
    int first_year, nyears; /* the model's years: first_year .. first_year + nyears - 1 */
    /* over all years */
    double *obligation;     /* the dues that arose: deals, interest, principal, costs, calls */
    double *payment;        /* what i paid */
    double *external;       /* cash at the start and revenue from outside (markets: paid) */
    double *received;       /* what i was paid */
    double *shortfall;      /* arrears left after the last year */
    double *equity;         /* equity used by the equity channel (0 = none) */
    double *distress;       /* h_i in [0, 1] after DebtRank; 1 for every defaulted entity */
    double *loss;           /* against the base world (see docs/STRESS.md "Losses") */
    double *stake_loss;     /* sum_j stake_ij h_j */
    double *guarantee_out;  /* guarantee payments i made */
    double *default_cost;   /* what i had and received but did not pay in its default years
                               (with recovery below 100%, or forced) */
    double *cash_end;       /* cash at the end of the last year (0 for markets) */
    double to_outside;      /* what was paid to the outside over the years (costs, debt) */
    int *year;              /* the first year i paid less than its dues; 0 = never */
    int *cured;             /* the first year with dues, all paid by itself, after its
                               last shortfall; 0 */
    int *round;             /* the clearing's round in its default year (forced: 1); 0 */
    double *paid_frac;      /* payments / dues in its default year */
    bool *forced;           /* defaulted by `X defaults` */
    bool *insolvent;        /* distress 1 (equity gone) without a payment default */
    bool *in_base;          /* the base world has the same payment default (a scenario) */
    /* year by year: [y * n + i] */
    double *cash_y;         /* cash at the end of the year */
    double *dues_y;         /* dues of the year, arrears included */
    double *paid_y;         /* paid in the year */
    bool *short_y;          /* paid less than its dues in the year (or forced): in default */
    double *in_y;           /* received in the year */
    double *revenue_y;      /* revenue from outside in the year */
    StressWarrant *warrants;
    size_t nwarrants;
    StressGuarantee *guarantees;
    size_t nguarantees;
    StressCredit *credits;  /* the binding facilities, in the order written */
    size_t ncredits;
    int rounds;             /* the largest round of any year's clearing */
    bool converged;         /* false when a round bound stopped an iteration */
    bool cancelled;         /* params.cancel stopped the run: the figures are not the answer */
    StressParams params;    /* a copy (forced list not kept) */
    Arena arena;            /* holds every array above */
} StressResult;

/* Clear w under p, year by year. base: the world the losses are measured against (it is
 * cleared with no shocks, default params); NULL = w is itself the base, so losses are 0. */
StressResult *stress_run(const World *w, const World *base, const StressParams *p);
/* The same against a base already cleared (stress_run(base, NULL, defaults)), for callers
 * that clear many variants of one world against one base (sensitivity.h; a simulate's
 * samples). It reads w and base only, so threads may run it at once on one base. */
StressResult *stress_run_against(const World *w, const StressResult *base, const StressParams *p);
void stress_free(StressResult *r);

/* The figures of a what-if, each written once (X-macros): X(ENUMERATOR, "name", LISTED) in
 * the order of the language's list. Each takes one entity x; an entity id beyond the result
 * (added after it was computed) gives zeros, or n/a for a year. LISTED 1: named in the
 * language's list of figures (hints, completion, :help) and compared by `diff --scenario`;
 * the yearly model's three are callable, but in neither yet. */
#define DG_STRESS_FIGURES(X) \
    X(WF_DEFAULTED, "defaulted", 1)       /* true/false */ \
    X(WF_SHORTFALL, "shortfall", 1)       /* USD: arrears left after the last year */ \
    X(WF_LOSS, "loss", 1)                 /* USD, against the base world */ \
    X(WF_PAID, "paid", 1)                 /* paid / dues in its default year (VF_PCT) or 100% */ \
    X(WF_DISTRESS, "distress", 1)         /* h (VF_PCT) */ \
    X(WF_DEFAULT_YEAR, "default_year", 1) /* the first year it paid less than its dues; n/a */ \
    X(WF_CURED_YEAR, "cured_year", 1)     /* the first later year it paid all its dues; n/a */ \
    X(WF_INSOLVENT, "insolvent", 1)       /* true/false: equity gone without a default */
#define DG_WF_ENUM(e, name, listed) e,
typedef enum { DG_STRESS_FIGURES(DG_WF_ENUM) WF__COUNT } StressFig;
#undef DG_WF_ENUM

Value stress_figure(const StressResult *r, StressFig f, EntId v);
const char *stress_figure_name(StressFig f);
bool stress_figure_listed(StressFig f);
/* The stress figure called `name`; -1 when none is. */
int stress_figure_find(const char *name);

/* Convenience accessors (0 / false beyond r->n). */
bool stress_defaulted(const StressResult *r, EntId v);
double stress_shortfall(const StressResult *r, EntId v);
double stress_paid_fraction(const StressResult *r, EntId v);
/* Why a defaulter defaulted: "forced" (`X defaults [in YEAR]` in its default year) or
 * "clearing" (it fell short). */
const char *stress_default_cause(const StressResult *r, EntId v);

#endif
