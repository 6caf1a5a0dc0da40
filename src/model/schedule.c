/* schedule.c - the horizon and each deal's payments, month by month. */
#include "schedule.h"
#include <math.h>

static bool is_money(const Deal *d) { return verb_moves_money(d->kind); }


/* Push h->last out to the last year any binding money deal from `first` on pays. */
static void extend_last(const World *w, Horizon *h, DealId first)
{
    if (world_horizon(w) != YEAR_NONE)
        return;   /* the script says where the model ends */
    size_t n = world_n_deals(w);
    Deal d;
    for (DealId i = first; i < n; i++) {
        if (!world_deal(w, i, &d) || !d.binding || !is_money(&d))
            continue;
        int32_t start = d.from != MONTH_NONE ? d.from : h->first * 12;
        int32_t end = d.over > 0 ? start + d.over : start + 1;
        int y = month_year(end - 1);
        if (y > h->last)
            h->last = y;
    }
    /* A guard, not a model: the evaluator rejects a span this long (eval_yearly.c). */
    if (h->last - h->first > HORIZON_MAX_YEARS - 1)
        h->last = h->first + HORIZON_MAX_YEARS - 1;
}

/* A fork keeps its base's horizon (cancelling a deal in a scenario must not shorten the
 * years everyone else is counted over), extended by deals the fork added. */
static Horizon fork_horizon(const World *w, const World *base)
{
    Horizon h = horizon_of(base);
    h.asof = world_asof(w);
    h.w = w;
    extend_last(w, &h, (DealId)world_n_deals(base));
    return h;
}

Horizon horizon_of(const World *w)
{
    if (world_base(w))
        return fork_horizon(w, world_base(w));
    Horizon h = {0, 0, world_asof(w), false, w};
    bool have_first = false;
    int32_t first_from = 0;
    size_t n = world_n_deals(w);
    Deal d;
    if (h.asof != MONTH_NONE) {
        h.first = month_year(h.asof);
        h.dated = true;
    } else {
        for (DealId i = 0; i < n; i++)
            if (world_deal(w, i, &d) && d.binding && is_money(&d) && d.from != MONTH_NONE &&
                (!have_first || d.from < first_from)) {
                first_from = d.from;
                have_first = true;
            }
        if (have_first) {
            h.first = month_year(first_from);
            h.dated = true;
        }
    }
    int32_t set = world_horizon(w);
    if (set != YEAR_NONE) {
        if (!h.dated) {
            h.first = set;   /* a horizon alone dates the script: its one year */
            h.dated = true;
        }
        h.last = set > h.first ? set : h.first;
    } else {
        h.last = h.first;
        extend_last(w, &h, 0);
    }
    return h;
}

int horizon_years(const Horizon *h) { return h->last - h->first + 1; }

void deal_span(const Deal *d, const Horizon *h, int32_t *start, int32_t *end)
{
    *start = d->from != MONTH_NONE ? d->from : h->first * 12;
    if (d->over > 0)
        *end = *start + d->over;
    else if (d->per_year)
        *end = (h->last + 1) * 12;
    else
        *end = *start + 1;
    if (*end < *start)
        *end = *start;
}

/* A path's USD over the months [a, b): each year's value for the months of it inside. */
static double path_between(const Path *p, const Horizon *h, int32_t a, int32_t b)
{
    double sum = 0;
    for (int32_t m = a; m < b;) {
        int y = month_year(m);
        int32_t end = (y + 1) * 12 < b ? (y + 1) * 12 : b;
        sum += path_in_year(p, h, y) / 12.0 * (end - m);
        m = end;
    }
    return sum;
}

/* USD the deal pays in the months [a, b). */
static double paid_between(const Deal *d, const Horizon *h, int32_t a, int32_t b)
{
    if (!is_money(d))
        return 0;
    int32_t s, e;
    deal_span(d, h, &s, &e);
    int32_t lo = s > a ? s : a, hi = e < b ? e : b;
    if (hi <= lo)
        return 0;
    if (d->per_year && d->path != PATH_NONE)
        return d->amount * path_between(world_path(h->w, d->path), h, lo, hi);
    if (d->per_year)
        return d->amount / 12.0 * (hi - lo);
    if (d->over > 0)
        return d->amount * (double)(hi - lo) / d->over;
    return d->amount; /* a lump sum in month s, which lies in [a, b) */
}

double deal_total(const Deal *d, const Horizon *h)
{
    int32_t s, e;
    deal_span(d, h, &s, &e);
    return paid_between(d, h, s, e);
}

double deal_in_year(const Deal *d, const Horizon *h, int year)
{
    return paid_between(d, h, year * 12, year * 12 + 12);
}

double deal_owed_in_year(const Deal *d, const Horizon *h, int year)
{
    int32_t a = year * 12;
    if (h->asof != MONTH_NONE && h->asof > a)
        a = h->asof;
    return a < year * 12 + 12 ? paid_between(d, h, a, year * 12 + 12) : 0;
}

double deal_owed(const Deal *d, const Horizon *h)
{
    if (h->asof == MONTH_NONE)
        return deal_total(d, h);
    int32_t s, e;
    deal_span(d, h, &s, &e);
    return paid_between(d, h, h->asof > s ? h->asof : s, e > h->asof ? e : h->asof);
}

bool deal_settled(const Deal *d, const Horizon *h)
{
    if (h->asof == MONTH_NONE)
        return false;
    int32_t s, e;
    deal_span(d, h, &s, &e);
    return e <= h->asof;
}

/* Between two listed years: geometric, or linear when either value is 0. */
static double between(const PathPoint *a, const PathPoint *b, int year)
{
    double t = (double)(year - a->year) / (b->year - a->year);
    if (a->v <= 0 || b->v <= 0)
        return a->v + (b->v - a->v) * t;
    return a->v * pow(b->v / a->v, t);
}

double path_in_year(const Path *p, const Horizon *h, int year)
{
    if (!p || p->n == 0)
        return 0;
    const PathPoint *pt = p->pts;
    int y0 = pt[0].year == YEAR_FIRST ? h->first : pt[0].year;
    if (year <= y0)
        return pt[0].v;
    for (uint32_t i = 1; i < p->n; i++)
        if (year <= pt[i].year)
            return between(&pt[i - 1], &pt[i], year);
    const PathPoint *last = &pt[p->n - 1];
    int yl = last->year == YEAR_FIRST ? h->first : last->year;
    return p->grows ? last->v * pow(1 + p->growth, year - yl) : last->v;
}

double revenue_in_year(const World *w, EntId v, const Horizon *h, int year)
{
    const Entity *e = world_entity(w, v);
    if (!e || !(e->has & (1u << A_REVENUE)) || year < h->first || year > h->last)
        return 0;
    double x;
    if (e->revenue_path != PATH_NONE) {
        x = path_in_year(world_path(w, e->revenue_path), h, year);
    } else {
        double g = (e->has & (1u << A_GROWTH)) ? e->attr[A_GROWTH] : 0;
        x = e->attr[A_REVENUE] * pow(1 + g, year - h->first);
    }
    return x * world_revenue_factor(w, v);
}

double revenue_over(const World *w, EntId v, const Horizon *h)
{
    double sum = 0;
    for (int y = h->first; y <= h->last; y++)
        sum += revenue_in_year(w, v, h, y);
    return sum;
}

double costs_in_year(const World *w, EntId v, const Horizon *h, int year)
{
    const Entity *e = world_entity(w, v);
    if (!e || e->costs_path == PATH_NONE || year < h->first || year > h->last)
        return 0;
    return path_in_year(world_path(w, e->costs_path), h, year);
}
