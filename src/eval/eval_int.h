/* eval_int.h - what the evaluator's files (eval.c, eval_decl.c, eval_deal.c, eval_expr.c,
 * eval_query.c, eval_whatif.c) share; nothing outside the evaluator includes it.
 *
 * Ownership: everything reachable from an Eval is owned by it except the
 * Interner, SourceSet, Diags and options (owned by the Dg context). */
#ifndef DG_EVAL_INT_H
#define DG_EVAL_INT_H
#include "draw.h"
#include "eval.h"
#include "montecarlo.h"
#include "show_topic.h"
#include "stress.h"

/* Engine state the evaluator keeps per world: defined in eval_query.c (figures and show
 * caches) and eval_whatif.c (a scenario's stress result), opaque elsewhere. */
typedef struct EngineCache EngineCache;
typedef struct WhatIf WhatIf;

/* A let's kind: a value, a draw (`let d ~ normal(..)`), or computed from a draw. */
typedef enum { LET_VALUE, LET_DIST, LET_DERIVED } LetKind;

/* A `let` binding. Lets are indexed by Sym, so lookup is one array read. */
typedef struct LetSlot {
    bool set;
    Value v;                  /* a random let: its value at the mean */
    Span span;
    LetKind kind;
    Dist dist;                /* LET_DIST */
    uint64_t hash;            /* LET_DIST: the name's hash, which seeds its draws */
    const Expr *expr;         /* LET_DERIVED: computed again in every sample */
    uint64_t gen;             /* the sample `drawn` belongs to (Eval.draw_gen) */
    Value drawn;
} LetSlot;

/* The sample being drawn: random lets read (seed, k)'s draws while it is set. */
typedef struct SimDraw {
    uint64_t seed, k;
} SimDraw;

/* A recorded `scenario NAME "desc" { ... }`: the block stays in its parse's arena. */
typedef struct Scenario {
    Sym name;
    Span span;
    const char *desc;
    const StmtList *body;
    bool ran;            /* applied once already: its mistakes have been reported */
    bool failed;         /* an application of it had errors (a simulate then stops) */
} Scenario;

/* A grant whose `vesting with LABEL` names a deal not yet seen: it joins the world when
 * that label is defined (labels may be defined later in the file). */
typedef struct PendingGrant {
    Deal deal;
    Sym vesting;         /* the label it waits for */
    Span label_span;
    uint32_t next;       /* next pending grant waiting on the same label, + 1 (0 = end) */
    bool done;
} PendingGrant;

/* A label named by `cancel`, checked once the whole input has been read. */
typedef struct LabelRef {
    Sym label;
    Span span;
} LabelRef;

/* Where statements are evaluated: the base world, or a what-if fork with its stress result.
 * Engine caches hang off it and are rebuilt only after the world changed. */
typedef struct Query {
    World *w;
    EngineCache *cache;       /* NULL until a figure or show needs it */
    uint64_t version;         /* bumped on every change to w */
    uint64_t cache_version;
    WhatIf *whatif;           /* what-if: shocks and clearing result, else NULL */
    Simulation *sim;          /* simulate body: the samples' sums, else NULL */
    const World *base;        /* what-if: the world before the shocks, else NULL */
    Sym scenario;             /* what-if: the scenario's name (SYM_NONE inline/base) */
    Sym *no_price;            /* entities whose `price` failed here (their purchases say no more) */
    size_t nno_price, capno_price;
} Query;

struct Eval {
    Interner *in;
    SourceSet *src;
    Diags *d;
    const DgOptions *opt;
    Query base;
    Arena **arenas;           /* one per parsed file; scenario blocks point into them */
    size_t narenas, caparenas;
    LetSlot *lets;
    size_t caplets;
    Scenario *scen;
    size_t nscen, capscen;
    uint32_t *scen_idx;       /* Sym -> index + 1 */
    size_t capscen_idx;
    char **seen;              /* real paths of every file evaluated (each runs once) */
    size_t nseen, capseen;
    char **stack;             /* real paths of the files being evaluated, for cycles */
    const char **stack_name;  /* their display names */
    size_t nstack, capstack, capstack_name;
    PendingGrant *pend;
    size_t npend, cappend;
    uint32_t *pend_head;      /* label Sym -> first pending grant + 1 */
    size_t cappend_head;
    LabelRef *refs;
    size_t nrefs, caprefs;
    uint8_t *bad_label;       /* label Sym -> 1 when its deal had an error (no cascades) */
    size_t capbad_label;
    bool showed;
    bool muted;               /* an included file is running: its shows print nothing */
    size_t refs_checked;      /* eval_finish is incremental: what it has looked at */
    size_t strict_checked;
    size_t near_checked;      /* eval_warn_near_misses: entities looked at so far */
    size_t debts_checked;     /* eval_warn_past_debts: debts looked at so far */
    FILE *out;
    FILE *null_out;           /* /dev/null, where a quiet run's `show`s go */
    bool interrupted;         /* opt->cancel said stop, and the error is reported */
    const SimDraw *draw;      /* a simulate's sample being drawn, else NULL */
    uint64_t draw_gen;        /* bumped for every sample drawn (LetSlot.gen) */
    uint64_t random_reads;    /* reads of random lets so far (tells a let computed from one) */
};

/* eval.c */
/* Print no show output: a `check` run, or a file read through `include` or `use` (only the
 * files run directly print; an included file's shows and asserts are still checked). */
static inline bool eval_quiet(const Eval *ev) { return ev->opt->quiet || ev->muted; }
void eval_stmts(Eval *ev, Query *q, const StmtList *l);
void eval_stmt(Eval *ev, Query *q, const Stmt *s);
void eval_changed(Query *q);
const char *eval_snippet(Eval *ev, Span sp, char *buf, size_t n);

/* eval_decl.c: declarations, settings and lets */
void eval_entity(Eval *ev, Query *q, const Stmt *s);
void eval_layers(Eval *ev, Query *q, const Stmt *s);   /* `layers a, b`: the picture's order */
void eval_price(Eval *ev, Query *q, const Stmt *s);
/* Did a `price` of `name` fail in q's world, or (in a what-if) in the base world? */
bool eval_price_failed(const Eval *ev, const Query *q, Sym name);
void eval_asof(Eval *ev, Query *q, const Stmt *s);
void eval_let(Eval *ev, Query *q, const Stmt *s);
void eval_unlet(Eval *ev, Sym name);
/* A let's value: in a sample being drawn, a random let's draw (eval_random.c). */
bool eval_let_value(Eval *ev, Sym name, Value *out);
/* A new binding for s's name, or NULL after reporting why it cannot be (taken, an entity). */
LetSlot *eval_let_slot_new(Eval *ev, Query *q, const Stmt *s);
/* Is this let a random one (a draw, or computed from one)? */
bool eval_let_is_random(const Eval *ev, Sym name);

/* eval_random.c: `let NAME ~ DIST(args)`, and what a random let reads as */
void eval_let_random(Eval *ev, Query *q, const Stmt *s);
Value eval_random_read(Eval *ev, Sym name);
/* The entity called `name` in q's world, added as undeclared if new: for declarations,
 * `price` and deal parties, the statements that bring names in. Reports an error and
 * returns ENT_NONE when the name is a `let`; the caller then ends its statement (after
 * resolving its other names, so each bad name is reported): nothing evaluated after a
 * failed name may hand ENT_NONE to the world or the engine. */
EntId eval_entity_ref(Eval *ev, Query *q, Sym name, Span sp);
/* The entity called `name` in q's world, for a question (show, a figure, a shock, `X
 * defaults`): only declarations and deals add entities, so a name q's world does not hold
 * is an error ("unknown entity", with a did-you-mean hint) and ENT_NONE; so is a let. */
EntId eval_entity_known(Eval *ev, Query *q, Sym name, Span sp);
/* Report `name` at sp as no entity of w, with the closest name of w as a hint. */
void eval_unknown_entity(Eval *ev, const World *w, Sym name, Span sp);
/* A name asked about at sp where the world does not hold it, which a scenario declared so
 * far brings in (declares it, or makes a deal with it): the hint saying so (a statement of
 * that scenario above the one bringing it in is told to move, with a note there), and
 * true; false when no scenario does. */
bool eval_scenario_hint(Eval *ev, Sym name, Span sp);
/* Does the model still run at most HORIZON_MAX_YEARS years (docs/STRESS.md "Years") with
 * this deal (a dated binding money deal: it may move T0 or T1) or this `as of`? False, with
 * an error at `at`, when not. (`horizon` checks its own.) */
bool eval_years_fit_deal(Eval *ev, Query *q, const Deal *d, Span at);
bool eval_years_fit_asof(Eval *ev, Query *q, int32_t asof, Span at);
/* Months since year 0 from a date or a bare year; false (with an error) otherwise. */
bool eval_date(Eval *ev, Query *q, const Expr *e, int32_t *months);
/* The calendar year of a date or a bare year; false (with an error) otherwise. */
bool eval_year(Eval *ev, Query *q, const Expr *e, int32_t *year);

/* eval_yearly.c: horizon, yearly paths, revenue from a market, costs, debt with maturities */
/* An entity block's yearly attributes, turned into paths and deals when the block ends. */
typedef struct YearlyAttrs {
    const Attr *revenue;      /* a revenue path without `from` */
    const Attr *from;         /* revenue paid by `market` */
    EntId market;
    const Attr *costs;
} YearlyAttrs;
void eval_horizon(Eval *ev, Query *q, const Stmt *s);
/* The path of a yearly amount (a constant is a path of one point from the first year);
 * grower: the entity whose growth applies after the last year, or NULL. PATH_NONE after
 * reporting an error. */
PathId eval_path(Eval *ev, Query *q, const Amount *a, const char *what, const Entity *grower);
/* Does this attribute need the yearly model's reading (a path, a clause, costs)? */
bool eval_is_yearly(const Attr *a, AttrId id);
void eval_yearly_attr(Eval *ev, Query *q, EntId id, const Attr *a, AttrId which,
                      YearlyAttrs *ya);
void eval_yearly_finish(Eval *ev, Query *q, EntId id, const YearlyAttrs *ya);
/* Before a block that declares revenue: forget the entity's earlier revenue (a market's
 * revenue deal included), so a re-declaration replaces it instead of adding to it. */
void eval_yearly_replace_revenue(Eval *ev, Query *q, EntId id, const Stmt *s);
/* A warning for each debt of the base world (declared since the last call) that falls due,
 * wholly or in part, before the model's first year. */
void eval_warn_past_debts(Eval *ev);

/* eval_deal.c: deals, and grants waiting for the label they vest with */
void eval_deal(Eval *ev, Query *q, const Stmt *s);
void eval_resolve_pending(Eval *ev);
/* Was `label` written on a deal that had an error? Its deal is not in the world, but a
 * reference to it is not a second mistake: it is not reported again. */
bool eval_label_bad(const Eval *ev, Sym label);

/* eval_expr.c: expressions */
Value eval_expr(Eval *ev, Query *q, const Expr *e);
/* A null value reached a place that needs a value. A null left by an error was reported
 * where it arose (no cascade); a figure with no value (n/a) is reported here. Returns false,
 * so callers can `return eval_no_value(...)`. */
bool eval_no_value(Eval *ev, const Expr *e, Value v);
/* Evaluate and demand a dimension; `what` names the slot for the message. A plain or
 * scaled number takes the dimension on. Returns false after reporting an error. */
bool eval_expect(Eval *ev, Query *q, const Expr *e, Dim want, const char *what, double *out);
/* The span of a binary operator (for unit errors), found between its operands. */
Span eval_op_span(Eval *ev, const Expr *e);
/* Closest name by edit distance among candidates, or NULL when nothing is close. */
const char *eval_closest(const char *name, const char *const *cands, size_t n);

/* eval_nearmiss.c: a warning for each undeclared name one letter from a declared one
 * (outside --strict; the names that came in since the last call) */
void eval_warn_near_misses(Eval *ev);

/* eval_query.c: show, assert, bare expressions, figure calls */
void eval_show(Eval *ev, Query *q, const Stmt *s);
void eval_assert(Eval *ev, Query *q, const Stmt *s);
void eval_bare(Eval *ev, Query *q, const Stmt *s);
Value eval_call(Eval *ev, Query *q, const Expr *e);

/* eval_risk.c: risk measures over the stress model */
/* breaking_point(X) and breaking_point(X, revenue|cash|payments of Y): a percentage, or
 * n/a when X survives every cut. */
Value eval_breaking_point(Eval *ev, Query *q, const Expr *e);
/* `show breaking points`: every entity's, weakest first, with its default year. */
void eval_show_breaking(Eval *ev, Query *q, const Stmt *s);
/* A risk measure's input `revenue of y`, `cash of y` or `payments of m` (an EX_REF): false,
 * with an error naming fn() and the hint, for anything else. */
bool eval_risk_input(Eval *ev, Query *q, const Expr *a, const char *fn, const char *hint,
                     ShockOp *what, EntId *of);
/* The stress parameters of q (a what-if's recovery and forced defaults; the defaults in
 * the base world). */
const StressParams *eval_stress_params(Query *q);

/* eval_sens.c: sensitivity(paid|shortfall|loss(X), cash|revenue|payments of Y), per 1B of
 * the input (n/a when the input is 0), and `show sensitivities of X`. */
Value eval_sensitivity(Eval *ev, Query *q, const Expr *e);
void eval_show_sensitivities(Eval *ev, Query *q, const Stmt *s);

/* The risk measures, each written once: X(figure, its call as the figures hint writes it,
 * as :help writes it, the function; its show topic, as :help writes it, the function).
 * eval_query.c dispatches the figures and topics through it; the hint, :help and completion
 * read it (eval_each_risk). */
#define DG_RISK_MEASURES(X) \
    X("breaking_point", "breaking_point(x)", "breaking_point(x [, cash of y])", \
      eval_breaking_point, "breaking points", "show breaking points", eval_show_breaking) \
    X("sensitivity", "sensitivity(paid(x),cash of y)", "sensitivity(paid(x), revenue of y)", \
      eval_sensitivity, "sensitivities", "show sensitivities of X", eval_show_sensitivities)

/* eval_whatif.c: scenarios and what-if */
void eval_scenario_decl(Eval *ev, const Stmt *s);
void eval_whatif(Eval *ev, Query *q, const Stmt *s);
void eval_shock_stmt(Eval *ev, Query *q, const Stmt *s);
void eval_check_refs(Eval *ev);
/* Apply every scenario no what-if has run yet to a throwaway fork (no clearing), so its
 * mistakes are reported even when nothing uses it. */
void eval_check_scenarios(Eval *ev);
Value whatif_figure(WhatIf *wi, StressFig f, EntId v);
void whatif_show(WhatIf *wi, FILE *out, ShowTopic t, EntId v);
/* The scenario called name, or NULL after an error at sp with a hint. */
const Scenario *eval_lookup_scenario(Eval *ev, Sym name, Span sp);
/* The scenario applied to a new fork of base: the fork and the parameters become the
 * caller's (world_free, stress_params_free; the parameters even on failure). Without
 * ev->draw the block's mistakes are reported once, as a what-if does; with it (a sample)
 * every mistake is. Returns false when the block had errors (*w is then NULL). */
bool eval_scenario_apply(Eval *ev, Query *base, const Scenario *sc, World **w, StressParams *p);

/* eval_simulate.c: `simulate NAME N times [seed S] { body }` */
void eval_simulate(Eval *ev, Query *q, const Stmt *s);
/* eval_simshow.c: its figures and topics */
bool sim_is_figure(const char *fn);
/* The figures of a simulate body, as risk measures without a topic of their own. */
void sim_each_figure(void (*fn)(const EvalRisk *r, void *ud), void *ud);
Value eval_sim_figure(Eval *ev, Query *q, const Expr *e);
/* `show` of a simulate's topic (default probabilities, default years, losses [at ...]),
 * or a misplaced one: true when handled here. */
bool eval_sim_show(Eval *ev, Query *q, const Stmt *s);
/* The sums' index of entity v of the simulated world (eval_simulate.c); SIZE_MAX for a
 * market or beyond. */
size_t sim_slot(const Simulation *sim, EntId v);

/* eval_query.c: the Engine of q's world, rebuilt only after q's world changed;
 * query_release frees what q holds besides its world. */
struct Engine *eval_engine(Query *q);
void query_release(Query *q);

#endif
