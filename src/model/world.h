/* world.h - the graph store: entities, deals, prices, `as of`.
 *
 * The evaluator fills a World from the AST; the engine reads it and never sees the AST.
 * All money is in USD (GW purchases are priced when the deal is added), dates and durations
 * in months. What-if forks a world many times, so a fork is an overlay: it shares the base's
 * arrays and keeps only what it changes (entities copied on first write, cancelled deals,
 * deals and entities it adds, payment factors, the nonbinding switch). A base must outlive
 * its forks and must not change while they exist.
 *
 * Ownership: a World owns its arrays and an arena for strings; names are Syms of the
 * Interner passed to world_new, which must outlive the world. */
#ifndef DG_WORLD_H
#define DG_WORLD_H
#include <stdbool.h>
#include <stdint.h>
#include "diag.h"
#include "kinds.h"
#include "intern.h"

typedef uint32_t EntId;
typedef uint32_t DealId;
typedef uint32_t PathId;
#define ENT_NONE UINT32_MAX
#define DEAL_NONE UINT32_MAX
#define PATH_NONE 0u            /* path ids start at 1, so a zeroed record has none */
#define MONTH_NONE INT32_MIN
#define YEAR_NONE INT32_MIN
/* A path point at this year holds from the model's first year (a constant `13B/y`). */
#define YEAR_FIRST (INT32_MIN + 1)

/* A yearly path: the values of the listed years, ascending (docs/STRESS.md "Yearly
 * amounts": geometric between listed years, the first value before them, growth after). */
typedef struct PathPoint {
    int32_t year;
    double v;              /* USD per year */
} PathPoint;
typedef struct Path {
    const PathPoint *pts;
    uint32_t n;
    bool grows;            /* after the last year: v x (1 + growth) a year; else flat */
    double growth;
} Path;

/* `debt X due Y [to Y2] [at R%]`: owed to the outside, principal evenly over the due years,
 * interest on what is not yet due. Debt without `due` is not a Debt (leverage only). */
typedef struct Debt {
    EntId ent;
    double principal, rate;
    int32_t first, last;   /* the due years */
    Span due;              /* where its due years are written (`2030 to 2045`) */
} Debt;

/* The attributes an entity declares: X(ID, "word", what it holds). One list: the evaluator,
 * the card and the docs' check read it. */
#define DG_ATTRS(X) \
    X(A_CASH, "cash")           /* USD */ \
    X(A_REVENUE, "revenue")     /* USD per year, at the model's first year (a path: its first) */ \
    X(A_DEBT, "debt")           /* USD, all its debt (leverage); with `due`, also a Debt */ \
    X(A_EQUITY, "equity")       /* USD book equity */ \
    X(A_SHARES, "shares")       /* count outstanding */ \
    X(A_PRICE, "price")         /* USD per share */ \
    X(A_GROWTH, "growth")       /* fraction per year (100% = doubles) */ \
    X(A_VALUATION, "valuation") /* USD */ \
    X(A_MARGIN, "margin")       /* fraction: gross margin on what it sells */ \
    X(A_COSTS, "costs")         /* USD per year paid to the outside (a path: its first) */
#define DG_ATTR_ENUM(id, word) id,
typedef enum { DG_ATTRS(DG_ATTR_ENUM) A__COUNT } AttrId;
#undef DG_ATTR_ENUM
const char *attr_name(AttrId a);   /* "cash" ... */

typedef struct Entity {
    Sym name;
    const char *display;   /* NULL = use the name */
    const char *layer;     /* `layer "..."`, interned (any name), or NULL */
    EntKind kind;
    bool declared;         /* false: only used, never declared (own = 0) */
    uint32_t has;          /* bit (1 << AttrId) set when that attribute was given */
    double attr[A__COUNT];
    double gw_price;       /* `price X 35B/GW`; 0 = none */
    PathId revenue_path;   /* outside revenue as a path; PATH_NONE: attr[A_REVENUE] grown */
    PathId costs_path;     /* costs; PATH_NONE: none */
    uint32_t revenue_deal; /* the deal of its `revenue ... from M`, + 1; 0 = none */
    Span span;             /* declaration, else first use */
} Entity;

typedef struct Deal {
    /* Ordered widest first so a million of them pack tightly (80 bytes each). */
    double amount;         /* USD total; for a rate (per_year) USD per year; grants: shares */
    double gw;             /* capacity bought, 0 if none */
    double price;          /* grants: strike per share; lends: interest rate per year */
    const char *source;    /* `source "..."`, or NULL */
    Verb kind;
    EntId payer;           /* invests/lends/buys/pays: who pays; grants: granter;
                              guarantees: guarantor */
    EntId payee;           /* receiver; grants: holder; guarantees: guaranteed party */
    int32_t from;          /* first month it pays (months since year 0), MONTH_NONE if not given */
    int32_t over;          /* months it pays over, 0 if not given */
    int32_t due;           /* lends: month the loan is repaid, MONTH_NONE = horizon end */
    DealId milestone;      /* grants: the deal whose payment vests it; guarantees: the deal
                              it covers (`guarantees LABEL up to X`); else DEAL_NONE */
    PathId path;           /* a yearly rate as a path: pays amount x path(year) (amount is
                              1 unless shocked); PATH_NONE: amount per year */
    Sym label;             /* SYM_NONE if unlabelled */
    Span span;
    bool per_year;         /* written as a yearly rate (13B/y) */
    bool binding;          /* false for `nonbinding` (letters of intent) */
    bool revenue;          /* `revenue ... from M`: the payee's revenue, paid by market M */
} Deal;

typedef struct World World;

World *world_new(Interner *in);
/* O(1): an overlay on base. */
World *world_fork(const World *base);
void world_free(World *w);
Interner *world_interner(const World *w);

/* Entities. */
size_t world_n_entities(const World *w);
EntId world_find(const World *w, Sym name);               /* ENT_NONE if absent */
/* The id of name, adding an undeclared entity (kind company) if absent. */
EntId world_ensure(World *w, Sym name, Span used_at);
/* NULL for an id that is not an entity of w (ENT_NONE among them): a caller holding an id
 * it did not check must test the result. */
const Entity *world_entity(const World *w, EntId id);
Entity *world_entity_mut(World *w, EntId id);             /* copy-on-write in a fork; NULL too */
const char *world_name(const World *w, EntId id);         /* the interned name; "?" if none */

/* Deals. Ids are dense and stable; a fork's new deals follow the base's. */
size_t world_n_deals(const World *w);
DealId world_add_deal(World *w, const Deal *d);
/* The deal as it stands in this world (payment factors applied), or false when it is
 * cancelled, nonbinding after `drop nonbinding`, or not a deal of w (DEAL_NONE). */
bool world_deal(const World *w, DealId id, Deal *out);
DealId world_find_label(const World *w, Sym label);      /* DEAL_NONE if absent */
/* Who owes a money deal's payments, and to whom: a loan's borrower owes its lender (the
 * payee owes the payer); a purchase's or payment's payer owes its payee. What a guarantee
 * of the deal covers. */
EntId deal_debtor(const Deal *d);
EntId deal_creditor(const Deal *d);
/* The label of deal id as this world has it, or NULL (unlabelled, gone, or DEAL_NONE). */
const char *world_deal_label(const World *w, DealId id);
void world_cancel(World *w, DealId id);
/* `shock payments of X by P%`: every deal X pays is scaled by (1 + P). Compounds. */
void world_scale_payments(World *w, EntId payer, double factor);
void world_drop_nonbinding(World *w);

/* Yearly paths (ids from 1, stable; a fork's follow its base's). pts are copied. */
PathId world_add_path(World *w, const PathPoint *pts, uint32_t n, bool grows, double growth);
const Path *world_path(const World *w, PathId id);
/* Debts with maturities, in the order declared. */
void world_add_debt(World *w, const Debt *d);
size_t world_n_debts(const World *w);
const Debt *world_debt(const World *w, size_t i);
/* `shock revenue of X by P%`: all of X's revenue (its own and what markets pay it as
 * revenue) is scaled by (1 + P). Compounds. */
void world_scale_revenue(World *w, EntId ent, double factor);
double world_revenue_factor(const World *w, EntId ent);
/* `horizon YEAR`: the last year of the model; YEAR_NONE when not set. */
void world_set_horizon(World *w, int32_t year);
int32_t world_horizon(const World *w);

/* Layers in the picture's left-to-right order: those `layers` statements name (ordered),
 * in the order named, then the others in the order entities first declared them. Noting
 * a layer again keeps its first place. */
void world_note_layer(World *w, Sym layer, bool ordered);
/* The order, root first then each fork's additions: a malloc'd array of interned names
 * (free it), *n of them. */
const char **world_layer_order(const World *w, size_t *n);

/* `as of`: months since year 0, MONTH_NONE when not set. */
void world_set_asof(World *w, int32_t month);
int32_t world_asof(const World *w);
/* The year a month (months since year 0) falls in. */
static inline int month_year(int32_t month)
{
    return month >= 0 ? month / 12 : -((-month + 11) / 12);
}
/* The reach of the dated binding money deals (those that set the horizon, schedule.h): the
 * first month one pays and the last year one pays in, this world's and its base's (a
 * cancelled deal still counts); false when none has a date. */
bool world_dated_reach(const World *w, int32_t *first_month, int *last_year);

/* The world a fork was made from (NULL for a root). */
const World *world_base(const World *w);

/* Bytes held by this world itself (not its base), for `make bench`. */
size_t world_bytes(const World *w);

#endif
