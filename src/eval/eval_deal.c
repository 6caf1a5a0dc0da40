/* eval_deal.c - deal sentences: amounts with their units, GW pricing, options, labels, and
 * grants whose milestone label is defined later in the input.
 *
 * A deal with an error is not added (its parties still exist),
 * so one mistake gives one message. */
#include "eval_int.h"
#include "schedule.h"
#include <math.h>
#include <string.h>

#define DL(s) ((s)->u.deal)

/* The money amount of invests/lends/buys/pays/guarantees/commits: USD total, USD/y rate, or
 * (buys) GW priced by `at` or the vendor's `price`. A guarantee's cap and a facility's limit
 * are USD. */
static bool money_amount(Eval *ev, Query *q, const Stmt *s, Deal *d)
{
    if (DL(s).npath) {
        Amount a = {DL(s).amount, DL(s).path, DL(s).npath};
        d->path = eval_path(ev, q, &a, "a yearly rate", NULL);
        d->amount = 1;
        d->per_year = true;
        return d->path != PATH_NONE;
    }
    const Expr *e = DL(s).amount;
    Value v = eval_expr(ev, q, e);
    if (v.kind == V_NULL)
        return eval_no_value(ev, e, v);
    char b1[64];
    if (v.kind == V_NUM && !(v.flags & VF_PCT) && (dim_eq(v.dim, DIM_USD) || dim_is_none(v.dim))) {
        d->amount = v.num;
    } else if (v.kind == V_NUM && dim_eq(v.dim, DIM_USD_PER_YEAR) && d->kind != VERB_GUARANTEES &&
               d->kind != VERB_COMMITS) {
        d->amount = v.num;
        d->per_year = true;
    } else if (v.kind == V_NUM && dim_eq(v.dim, DIM_GW) && d->kind == VERB_BUYS) {
        d->gw = v.num;
    } else {
        const char *want = d->kind == VERB_BUYS ? "USD, USD/y or GW"
                           : d->kind == VERB_GUARANTEES || d->kind == VERB_COMMITS ? "USD"
                                                                                   : "USD or USD/y";
        diag_error(ev->d, e->span, "a deal that %s is in %s, not %s", verb_name(d->kind), want,
                   v.kind == V_NUM ? dim_name(v.dim, b1, sizeof b1) : "this value");
        return false;
    }
    if (d->amount < 0 || d->gw < 0 || !isfinite(d->amount) || !isfinite(d->gw)) {
        diag_error(ev->d, e->span, "a deal amount must be a finite amount of at least 0");
        return false;
    }
    return true;
}

/* Price a GW purchase: `at X/GW`, else the vendor's `price`. */
static bool price_gw(Eval *ev, Query *q, const Stmt *s, Deal *d, double at, bool has_at)
{
    double p = has_at ? at : world_entity(q->w, d->payee)->gw_price;
    if (!has_at && p <= 0) {
        if (eval_price_failed(ev, q, world_entity(q->w, d->payee)->name))
            return false;   /* its `price` failed, and said so */
        const char *v = world_name(q->w, d->payee);
        diag_error(ev->d, DL(s).amount->span, "no price for GW purchases from %s", v);
        diag_hint(ev->d, "write `price %s 35B/GW` before this deal, or add `at 35B/GW`", v);
        return false;
    }
    d->amount = d->gw * p;
    if (!isfinite(d->amount)) {
        diag_error(ev->d, DL(s).amount->span, "this purchase costs more than can be counted");
        return false;
    }
    return true;
}

/* `at`: USD/GW for buys, strike per share for grants, yearly interest rate for lends. */
static bool at_value(Eval *ev, Query *q, const Stmt *s, Deal *d, double *at)
{
    const Expr *e = DL(s).at;
    Value v = eval_expr(ev, q, e);
    if (v.kind == V_NULL)
        return eval_no_value(ev, e, v);
    Dim per_share = {1, 0, 0, -1}, per_year = {0, 0, -1, 0};
    bool plain = v.kind == V_NUM && dim_is_none(v.dim);
    switch (d->kind) {
    case VERB_BUYS:
        if (v.kind == V_NUM && dim_eq(v.dim, DIM_USD_PER_GW) && d->gw > 0)
            return *at = v.num, true;
        diag_error(ev->d, e->span, d->gw > 0 ? "`at` on a GW purchase is a price in USD/GW"
                                             : "`at` prices a purchase in GW; this one is in USD");
        if (d->gw > 0)
            diag_hint(ev->d, "write `at 35B/GW`");
        return false;
    case VERB_GRANTS:
        if (v.kind == V_NUM && !(v.flags & VF_PCT) &&
            (plain || dim_eq(v.dim, DIM_USD) || dim_eq(v.dim, per_share)))
            return *at = v.num, true;
        diag_error(ev->d, e->span, "`at` on a grant is a strike price in USD per share");
        return false;
    case VERB_LENDS:
    case VERB_COMMITS:
        if (v.kind == V_NUM && (plain || dim_eq(v.dim, per_year)))
            return *at = v.num, true;
        diag_error(ev->d, e->span, "`at` on a %s is a yearly interest rate",
                   d->kind == VERB_LENDS ? "loan" : "credit facility");
        diag_hint(ev->d, "write `at 6%%`");
        return false;
    default:
        diag_error(ev->d, e->span, "a deal that %s takes no `at`", verb_name(d->kind));
        return false;
    }
}

/* A price, strike or rate below 0 would price a deal backwards (a purchase that pays the
 * buyer) or be read as 0 by the engine: an error instead. */
static bool at_option(Eval *ev, Query *q, const Stmt *s, Deal *d, double *at)
{
    if (!at_value(ev, q, s, d, at))
        return false;
    if (*at >= 0)
        return true;
    if (d->kind == VERB_LENDS || d->kind == VERB_COMMITS)
        diag_error(ev->d, DL(s).at->span, "an interest rate must be at least 0%%");
    else
        diag_error(ev->d, DL(s).at->span, "%s must be at least 0",
                   d->kind == VERB_BUYS ? "a price per GW" : "a strike price");
    return false;
}

static bool over_option(Eval *ev, Query *q, const Expr *e, Deal *d)
{
    Value v = eval_expr(ev, q, e);
    if (v.kind == V_NULL)
        return eval_no_value(ev, e, v);
    if (v.kind == V_NUM && dim_eq(v.dim, DIM_YEARS) && v.num > 0 && v.num <= HORIZON_MAX_YEARS) {
        d->over = (int32_t)lround(v.num * 12);
        if (d->over < 1)
            d->over = 1;
        return true;
    }
    if (v.kind == V_NUM && dim_eq(v.dim, DIM_YEARS) && v.num > 0)
        diag_error(ev->d, e->span, "`over` spans at most %d years", HORIZON_MAX_YEARS);
    else
        diag_error(ev->d, e->span, "`over` takes a positive duration");
    if (v.kind == V_NUM && dim_is_none(v.dim))
        diag_hint(ev->d, "write `over 5y` or `over 18mo`");
    return false;
}

/* What a deal pays in all must stay finite, or the figures built on it would be n/a without
 * a word: a yearly rate pays for at most HORIZON_MAX_YEARS, and a loan's simple interest runs
 * at most between the widest dates (eval_date keeps them within 1e6 months of year 0). */
static bool total_in_range(Eval *ev, const Stmt *s, const Deal *d)
{
    double most = d->amount * (d->per_year ? HORIZON_MAX_YEARS : 1);
    bool loan = (d->kind == VERB_LENDS || d->kind == VERB_COMMITS) && d->price > 0;
    if (loan)
        most *= 1 + d->price * (2e6 / 12);
    if (isfinite(most))
        return true;
    if (loan)
        diag_error(ev->d, DL(s).at->span, "at this rate the loan repays more than can be counted");
    else
        diag_error(ev->d, DL(s).amount->span, "this deal pays more than can be counted");
    return false;
}

static bool options(Eval *ev, Query *q, const Stmt *s, Deal *d)
{
    bool ok = true;
    double at = 0;
    bool has_at = false;
    if (DL(s).at)
        ok = (has_at = at_option(ev, q, s, d, &at)) && ok;
    if (has_at && d->kind == VERB_GRANTS)
        d->price = at;
    if (has_at && (d->kind == VERB_LENDS || d->kind == VERB_COMMITS))
        d->price = at;
    if (ok && d->gw > 0)
        ok = price_gw(ev, q, s, d, at, has_at);
    if (DL(s).over)
        ok = over_option(ev, q, DL(s).over, d) && ok;
    if (DL(s).from)
        ok = eval_date(ev, q, DL(s).from, &d->from) && ok;
    if (DL(s).due && d->kind != VERB_LENDS && d->kind != VERB_COMMITS) {
        diag_error(ev->d, DL(s).due->span, "`due` is the maturity of a loan or a credit facility; "
                   "this deal %s", verb_name(d->kind));
        ok = false;
    } else if (DL(s).due) {
        ok = eval_date(ev, q, DL(s).due, &d->due) && ok;
    }
    if (ok && DL(s).from)
        ok = eval_years_fit_deal(ev, q, d, DL(s).from->span);
    return ok && total_in_range(ev, s, d);
}

/* The grant's share count. */
static bool grant_amount(Eval *ev, Query *q, const Stmt *s, Deal *d)
{
    double n;
    if (!eval_expect(ev, q, DL(s).amount, DIM_COUNT, "a share grant", &n))
        return false;
    if (n < 0 || !isfinite(n)) {
        diag_error(ev->d, DL(s).amount->span, "a share count must be at least 0");
        return false;
    }
    d->amount = n;
    return true;
}

static bool duplicate_label(Eval *ev, Query *q, const Stmt *s)
{
    DealId old = world_find_label(q->w, DL(s).label);
    if (old == DEAL_NONE)
        return false;
    Deal od;
    diag_error(ev->d, DL(s).label_span, "duplicate deal label '%s'", sym_str(ev->in, DL(s).label));
    if (world_deal(q->w, old, &od))
        diag_note(ev->d, od.span, "'%s' is first defined here", sym_str(ev->in, DL(s).label));
    return true;
}

static void add_pending(Eval *ev, const Deal *d, Sym label, Span sp)
{
    ev->pend = vec_grow(ev->pend, &ev->cappend, ev->npend + 1, sizeof *ev->pend);
    if (label >= ev->cappend_head) {
        size_t old = ev->cappend_head;
        ev->pend_head = vec_grow(ev->pend_head, &ev->cappend_head, (size_t)label + 1,
                                 sizeof *ev->pend_head);
        memset(ev->pend_head + old, 0, (ev->cappend_head - old) * sizeof *ev->pend_head);
    }
    ev->pend[ev->npend] = (PendingGrant){*d, label, sp, ev->pend_head[label], false};
    ev->pend_head[label] = (uint32_t)++ev->npend;
}

/* A deal labelled `label` has just joined the base world: add the grants waiting on it. */
static void release_pending(Eval *ev, Query *q, Sym label, DealId id)
{
    if (q != &ev->base || label >= ev->cappend_head)
        return;
    for (uint32_t k = ev->pend_head[label]; k; k = ev->pend[k - 1].next) {
        PendingGrant *p = &ev->pend[k - 1];
        p->deal.milestone = id;
        p->done = true;
        world_add_deal(q->w, &p->deal);
    }
    ev->pend_head[label] = 0;
}

static void mark_label_bad(Eval *ev, Sym label)
{
    if (label >= ev->capbad_label) {
        size_t old = ev->capbad_label;
        ev->bad_label = vec_grow(ev->bad_label, &ev->capbad_label, (size_t)label + 1, 1);
        memset(ev->bad_label + old, 0, ev->capbad_label - old);
    }
    ev->bad_label[label] = 1;
}

bool eval_label_bad(const Eval *ev, Sym label)
{
    return label < ev->capbad_label && ev->bad_label[label];
}

void eval_resolve_pending(Eval *ev)
{
    for (size_t i = 0; i < ev->npend; i++)
        if (!ev->pend[i].done) {
            ev->pend[i].done = true;
            if (!eval_label_bad(ev, ev->pend[i].vesting))
                diag_error(ev->d, ev->pend[i].label_span, "unknown deal label '%s'",
                       sym_str(ev->in, ev->pend[i].vesting));
        }
}

static Deal deal_init(const Stmt *s)
{
    Deal d;
    memset(&d, 0, sizeof d);
    d.kind = DL(s).verb;
    d.from = MONTH_NONE;
    d.due = MONTH_NONE;
    d.milestone = DEAL_NONE;
    d.binding = !DL(s).nonbinding;
    d.label = DL(s).label;
    d.source = DL(s).source;
    d.span = s->span;
    return d;
}

/* `A guarantees LABEL up to X`: the guaranteed party is the labelled deal's obligor (a
 * loan's borrower, a purchase's or payment's payer); A may be neither it nor its creditor. */
static EntId covered_party(Eval *ev, Query *q, const Stmt *s, Deal *d)
{
    d->milestone = world_find_label(q->w, DL(s).covers);
    Deal c;
    if (d->milestone != DEAL_NONE && world_deal(q->w, d->milestone, &c)) {
        if (c.kind == VERB_LENDS || c.kind == VERB_BUYS || c.kind == VERB_PAYS) {
            EntId owes = deal_debtor(&c), owed = deal_creditor(&c);
            if (d->payer == ENT_NONE || (d->payer != owes && d->payer != owed))
                return owes;
            diag_error(ev->d, DL(s).covers_span, "'%s' is the %s of deal %s, so it cannot "
                       "guarantee it", sym_str(ev->in, DL(s).payer),
                       d->payer == owes ? "debtor" : "creditor", sym_str(ev->in, DL(s).covers));
            return ENT_NONE;
        }
        diag_error(ev->d, DL(s).covers_span, "a guarantee covers a loan, a purchase or a "
                   "payment; '%s' %s", sym_str(ev->in, DL(s).covers), verb_name(c.kind));
        return ENT_NONE;
    }
    if (!eval_label_bad(ev, DL(s).covers)) {
        diag_error(ev->d, DL(s).covers_span, "unknown deal label '%s'",
                   sym_str(ev->in, DL(s).covers));
        diag_hint(ev->d, "a guarantee names a deal labelled before it: `deal x: a lends 5B to b`");
    }
    return ENT_NONE;
}

static void deal_failed(Eval *ev, Query *q, const Stmt *s)
{
    if (DL(s).label != SYM_NONE && world_find_label(q->w, DL(s).label) == DEAL_NONE)
        mark_label_bad(ev, DL(s).label);
}

void eval_deal(Eval *ev, Query *q, const Stmt *s)
{
    Deal d = deal_init(s);
    d.payer = eval_entity_ref(ev, q, DL(s).payer, DL(s).payer_span);
    d.payee = ENT_NONE;
    if (DL(s).covers != SYM_NONE)
        d.payee = covered_party(ev, q, s, &d);
    else if (d.payer != ENT_NONE || DL(s).payee != DL(s).payer)   /* one let named twice: one error */
        d.payee = eval_entity_ref(ev, q, DL(s).payee, DL(s).payee_span);
    if (d.payer == ENT_NONE || d.payee == ENT_NONE) {
        /* A party that is not an entity ends the statement here: what follows (pricing by
         * the seller, the self-deal check) would ask the world about an id it lacks. */
        deal_failed(ev, q, s);
        return;
    }
    bool ok = true;
    if (d.payer == d.payee) {
        /* Money to oneself moves nothing; in a script it is almost always a slip. */
        diag_error(ev->d, DL(s).payee_span, "'%s' cannot deal with itself",
                   sym_str(ev->in, DL(s).payee));
        ok = false;
    }
    if (DL(s).label != SYM_NONE && duplicate_label(ev, q, s))
        ok = false;
    bool amt = d.kind == VERB_GRANTS ? grant_amount(ev, q, s, &d) : money_amount(ev, q, s, &d);
    ok = amt && ok;
    ok = (amt ? options(ev, q, s, &d) : true) && ok;
    if (!ok) {
        deal_failed(ev, q, s);
        return;
    }
    if (d.kind == VERB_GRANTS && DL(s).vesting != SYM_NONE) {
        d.milestone = world_find_label(q->w, DL(s).vesting);
        if (d.milestone == DEAL_NONE) {
            if (q == &ev->base)
                add_pending(ev, &d, DL(s).vesting, DL(s).vesting_span);
            else if (!eval_label_bad(ev, DL(s).vesting))
                diag_error(ev->d, DL(s).vesting_span, "unknown deal label '%s'",
                           sym_str(ev->in, DL(s).vesting));
            return;
        }
    }
    DealId id = world_add_deal(q->w, &d);
    eval_changed(q);
    if (d.label != SYM_NONE)
        release_pending(ev, q, d.label, id);
}
