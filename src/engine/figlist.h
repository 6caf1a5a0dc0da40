/* figlist.h - every figure of the engine, each written once (X-macros, as model/kinds.h).
 * The enums of figures.h, the names scripts call them by, their units and their argument
 * shapes all come from these lists; so do the evaluator's "figures: ..." hint, the REPL's
 * completion and `:help figures`. tests/unit/test_figlist.c holds docs/ENGINE.md's figure
 * tables to them. The order is the order of the language's list (and of `show system`).
 *
 * X(ENUMERATOR, "name", UNIT, LISTED)
 *   UNIT    FU_USD, FU_USD_PER_YEAR, FU_PCT (a fraction shown as a percentage), FU_PLAIN
 *           (a plain number), FU_TIMES (a ratio of amounts, shown "1.26x"), FU_YEARS (an
 *           amount over a yearly amount, shown "48.49 years") or FU_YEAR (a horizon year);
 *           figures.h. In expressions all but the money units are plain numbers.
 *   LISTED  1: named in the language's list of figures (hints, completion, :help);
 *           0: callable too, but kept out of that list (every entity figure is listed now:
 *           borrowed, credit and equity joined it, as the card shows them) */
#ifndef DG_FIGLIST_H
#define DG_FIGLIST_H

/* Of one entity v: in(v). */
#define DG_ENTITY_FIGURES(X) \
    X(FIG_IN, "in", FU_USD, 1)                   /* sum of v's incoming edges */ \
    X(FIG_OUT, "out", FU_USD, 1)                 /* sum of v's outgoing edges */ \
    X(FIG_OWN, "own", FU_USD, 1)                 /* cash + revenue over the horizon */ \
    X(FIG_GAP, "gap", FU_USD, 1)                 /* max(0, out - own - in) */ \
    X(FIG_CIRCULARITY, "circularity", FU_PCT, 1) /* sources(v)[v] / in; null when in = 0 */ \
    X(FIG_COMMITMENTS, "commitments", FU_USD, 1) /* buys/pays v still owes, credit it commits */ \
    X(FIG_BACKLOG, "backlog", FU_USD, 1)         /* the same, owed to v */ \
    X(FIG_COMMITMENT_RATIO, "commitment_ratio", FU_YEARS, 1) /* years of revenue; null at 0 */ \
    X(FIG_LEVERAGE, "leverage", FU_TIMES, 1)     /* (debt + borrowed + commitments) / equity */ \
    X(FIG_CONCENTRATION, "concentration", FU_PCT, 1) /* largest payer's share of in */ \
    X(FIG_HHI, "hhi", FU_PLAIN, 1)               /* sum of squared payer shares, 0..1 */ \
    X(FIG_PAPER, "paper", FU_PCT, 1)             /* nonbinding share of what comes in */ \
    X(FIG_VENDOR_FINANCING, "vendor_financing", FU_USD, 1) /* buys from sellers who fund v */ \
    X(FIG_RUNWAY, "runway", FU_YEAR, 1)          /* first year cash is negative; null: never */ \
    X(FIG_BORROWED, "borrowed", FU_USD, 1)       /* binding loans to v */ \
    X(FIG_CREDIT, "credit", FU_USD, 1)           /* credit facilities v committed (open) */ \
    X(FIG_EQUITY, "equity", FU_USD, 1)           /* equity, else valuation, else shares x price */

/* Of two entities a, b: exposure(a, b). */
#define DG_PAIR_FIGURES(X) \
    X(PAIR_EXPOSURE, "exposure", FU_USD, 1) /* a's stakes in and loans to b + what b owes a */ \
    X(PAIR_SOURCES, "sources", FU_USD, 1)   /* USD of a's inflow whose origin is b */

/* Of the whole web: end_demand(). */
#define DG_SYSTEM_FIGURES(X) \
    X(SYS_TOTAL_COMMITMENTS, "total_commitments", FU_USD, 1) /* sum of commitments */ \
    X(SYS_END_DEMAND, "end_demand", FU_USD_PER_YEAR, 1)      /* what markets pay a year */ \
    X(SYS_LEVERAGE, "system_leverage", FU_YEARS, 1)          /* total_commitments / end_demand */ \
    X(SYS_TOTAL_UNFUNDED, "total_unfunded", FU_USD, 1)       /* sum of gap */ \
    X(SYS_TOTAL_CIRCULATED, "total_circulated", FU_USD, 1)   /* sum of sources(v)[v] */

#endif
