/* sensitivity.c - sensitivities of paid, shortfall and loss (sensitivity.h): exact in a
 * one-year clearing (sens_exact.h), else central finite differences over the yearly model.
 *
 * The step. The clearing is piecewise linear in its inputs, so inside a piece a central
 * difference is exact whatever its step, up to the clearing's own noise (its solves stop
 * when a payment moves by less than 1e-12 of the payer's dues): a step of h carries an
 * error of about SENS_NOISE x scale / h. The first step, SENS_STEP of the web's money
 * scale, keeps that near 1e-6 and rarely reaches a default boundary: one that lies within
 * it moves the default set, and the two one-sided slopes differ.
 *
 * The kink. When they differ the step is cut tenfold, up to SENS_REFINE steps: slopes that
 * then agree mean the boundary was near but not at the point (the central difference of the
 * smaller step is the derivative); a slope for a fall that stays the same at two steps means
 * the kink is at the point itself (a loss against the base world with no shock yet, an
 * entity paying exactly its dues): the value is that slope, the derivative for a fall of the
 * input, and it is marked SENS_KINK. A slope for a fall that grows tenfold as the step
 * shrinks tenfold is a jump: any fall moves the figure by about the same amount (an entity
 * paying exactly its dues defaults and its stakeholders lose their stakes, or default costs
 * start): the value is the slope for a rise, marked SENS_JUMP with the jump's size. */
#include "sensitivity.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "dues.h"
#include "sens_exact.h"

/* A revenue or payments input is scaled by at most 1% either way. */
#define SENS_MAX_REL 1e-2

struct Sens {
    const World *w;
    const StressParams *p;
    StressResult *base;     /* the base world's clearing: losses are measured against it */
    StressResult *r0;       /* w's clearing, the point differentiated at */
    double scale;           /* the web's money scale: the largest dues of anyone in a year */
    double *rev, *pay;      /* each entity's revenue and payments over the model, USD */
    SensExact *ex;          /* the one-year system, built on first use */
    const char *why;        /* why there is none */
    bool ex_built;
};

/* Revenue (outside, and paid by markets) and payments of each entity over the model. */
static void amounts(Sens *s)
{
    DuePlan plan;
    dues_init(&plan, s->w);
    size_t n = plan.n;
    s->rev = xcalloc(n + 1, sizeof *s->rev);
    s->pay = xcalloc(n + 1, sizeof *s->pay);
    for (int y = plan.h.first; y <= plan.h.last; y++)
        for (size_t k = 0; k < plan.nd; k++) {
            const Deal *d = &plan.deal[k];
            double a = dues_payment(&plan, k, y);
            s->pay[d->payer] += a;
            if (d->revenue)
                s->rev[d->payee] += a;
        }
    for (EntId i = 0; i < n; i++)
        if (world_entity(s->w, i)->kind != ENT_MARKET)
            s->rev[i] += revenue_over(s->w, i, &plan.h);
    dues_free(&plan);
}

Sens *sens_new(const World *w, const World *base, const StressParams *p)
{
    Sens *s = xcalloc(1, sizeof *s);
    s->w = w;
    s->p = p;
    StressParams bp;
    stress_params_init(&bp);
    s->base = stress_run_against(base ? base : w, NULL, &bp);
    s->r0 = stress_run_against(w, s->base, p);
    s->scale = 1;
    for (size_t k = 0; k < (size_t)s->r0->nyears * s->r0->n; k++)
        s->scale = fmax(s->scale, s->r0->dues_y[k]);
    amounts(s);
    return s;
}

void sens_free(Sens *s)
{
    if (!s)
        return;
    stress_free(s->base);
    stress_free(s->r0);
    sens_exact_free(s->ex);
    free(s->rev);
    free(s->pay);
    free(s);
}

double sens_amount(const Sens *s, SensInput in)
{
    if (in.of >= s->r0->n)
        return 0;
    if (in.what == SH_REVENUE)
        return s->rev[in.of];
    if (in.what == SH_PAYMENTS)
        return s->pay[in.of];
    const Entity *e = world_entity(s->w, in.of);
    return e && (e->has & (1u << A_CASH)) ? e->attr[A_CASH] : 0;
}

static SensExact *exact(Sens *s)
{
    if (!s->ex_built) {
        s->ex = sens_exact_new(s->w, s->p, s->r0, &s->why);
        s->ex_built = true;
    }
    return s->ex;
}

const char *sens_exact_why_not(Sens *s) { return exact(s) ? NULL : s->why; }

bool sens_one_year(const Sens *s) { return s->r0->nyears == 1; }

StressFig sens_figure(SensFig g)
{
    switch (g) {
#define SENS_CASE(e, wf) case e: return wf;
    DG_SENS_FIGURES(SENS_CASE)
#undef SENS_CASE
    default: return WF__COUNT;
    }
}

static void figures_of(const StressResult *r, EntId x, double f[SF__COUNT])
{
    f[SF_PAID] = stress_paid_fraction(r, x);
    f[SF_SHORTFALL] = stress_shortfall(r, x);
    f[SF_LOSS] = x < r->n ? r->loss[x] : 0;
}

/* x's figures with the input moved by t USD: cash added, revenue or payments scaled by
 * 1 + t / amount, on a fork of the world (its shocks and parameters kept). */
static void moved(const Sens *s, SensInput in, double t, EntId x, double f[SF__COUNT])
{
    World *fk = world_fork(s->w);
    if (in.what == SH_CASH) {
        Entity *e = world_entity_mut(fk, in.of);
        if (e) {
            e->attr[A_CASH] = ((e->has & (1u << A_CASH)) ? e->attr[A_CASH] : 0) + t;
            e->has |= 1u << A_CASH;
        }
    } else {
        double g = 1 + t / sens_amount(s, in);
        if (in.what == SH_REVENUE)
            world_scale_revenue(fk, in.of, g);
        else
            world_scale_payments(fk, in.of, g);
    }
    StressResult *r = stress_run_against(fk, s->base, s->p);
    figures_of(r, x, f);
    stress_free(r);
    world_free(fk);
}

static bool agree(double a, double b, double noise)
{
    return fabs(a - b) <= SENS_AGREE * fmax(fabs(a), fabs(b)) + 2 * noise;
}

static SensVal val(double d, SensHow how, double noise)
{
    return (SensVal){fabs(d) <= noise ? 0 : d, how, 0};
}

/* A quotient that grew about tenfold when the step shrank tenfold: the figure moved by
 * the same amount at both steps, a jump rather than a slope. */
static bool jumps(double d, double prev, double noise)
{
    return fabs(d) > 5 * fabs(prev) && fabs(d) > 2 * noise;
}

/* One figure's slopes at one step, judged against those of the step before (k > 0):
 * true when settled (the top of this file). */
static bool judge(SensVal *out, int k, double up, double down, double central, double jump,
                  const double prev[2], double noise)
{
    if (agree(up, down, noise)) {
        *out = val(central, SENS_CENTRAL, noise);
        return true;
    }
    bool fall_jumps = k > 0 && jumps(down, prev[1], noise);
    *out = fall_jumps ? val(up, SENS_JUMP, noise) : val(down, SENS_KINK, noise);
    out->jump = fall_jumps ? jump : 0;
    if (k == 0)
        return false;
    return agree(down, prev[1], noise) || (fall_jumps && agree(up, prev[0], noise));
}

/* Central differences of the wanted figures, refined at kinks and jumps. */
static void finite_diff(Sens *s, EntId x, SensInput in, unsigned want, SensVal out[SF__COUNT])
{
    double amount = sens_amount(s, in);
    double step = SENS_STEP * fmax(s->scale, fabs(amount));
    if (in.what != SH_CASH)
        step = fmin(step, SENS_MAX_REL * amount);
    double f0[SF__COUNT], fp[SF__COUNT], fm[SF__COUNT], prev[SF__COUNT][2] = {{0}};
    figures_of(s->r0, x, f0);
    for (int k = 0; want && k < SENS_REFINE; k++, step /= 10) {
        moved(s, in, step, x, fp);
        moved(s, in, -step, x, fm);
        for (int g = 0; g < SF__COUNT; g++) {
            if (!(want & (1u << g)))
                continue;
            double noise = SENS_NOISE * (g == SF_PAID ? 1 : s->scale) / step;
            double up = (fp[g] - f0[g]) / step, down = (f0[g] - fm[g]) / step;
            if (judge(&out[g], k, up, down, (fp[g] - fm[g]) / (2 * step), fm[g] - f0[g],
                      prev[g], noise))
                want &= ~(1u << g);   /* else refine; the last judgement stands if none settles */
            prev[g][0] = up;
            prev[g][1] = down;
        }
    }
}

void sens_of(Sens *s, EntId x, SensInput in, unsigned want, bool exact_ok,
             SensVal out[SF__COUNT])
{
    for (int g = 0; g < SF__COUNT; g++)
        out[g] = (SensVal){0, SENS_NA, 0};
    if (in.what != SH_CASH && !(sens_amount(s, in) > 0))
        return;   /* nothing to scale: n/a */
    const unsigned clearing = (1u << SF_PAID) | (1u << SF_SHORTFALL);
    SensExact *ex = exact_ok && (want & clearing) ? exact(s) : NULL;
    double dp;
    if (ex && sens_exact_dp(ex, x, in, &dp)) {
        double L = sens_exact_dues(ex, x);
        if (want & (1u << SF_PAID))
            out[SF_PAID] = (SensVal){L > 0 ? dp / L : 0, SENS_EXACT, 0};
        if (want & (1u << SF_SHORTFALL))
            out[SF_SHORTFALL] = (SensVal){-dp, SENS_EXACT, 0};
        want &= ~clearing;
    }
    if (want)
        finite_diff(s, x, in, want, out);
}

/* How much a figure moves for a fall: a jump is an infinite slope, larger jumps first. */
static int cmp_move(const SensVal *a, const SensVal *b)
{
    bool ja = a->how == SENS_JUMP, jb = b->how == SENS_JUMP;
    if (ja != jb)
        return ja ? -1 : 1;
    double u = ja ? fabs(a->jump) : fabs(a->d), v = jb ? fabs(b->jump) : fabs(b->d);
    if (fabs(u - v) <= 1e-9 * fmax(u, v))
        return 0;   /* equal but for the last digits of a difference: the order of inputs */
    return u > v ? -1 : 1;
}

/* Larger |paid| first, then |shortfall|, then |loss|; then entity, then input kind. */
static int by_size(const void *a, const void *b)
{
    const SensRow *x = a, *y = b;
    for (int g = 0; g < SF__COUNT; g++) {
        int c = cmp_move(&x->v[g], &y->v[g]);
        if (c)
            return c;
    }
    if (x->in.of != y->in.of)
        return x->in.of < y->in.of ? -1 : 1;
    return (x->in.what > y->in.what) - (x->in.what < y->in.what);
}

/* Edges along which a change can travel in the model, each written reversed (to -> from,
 * for a search back from the entity asked about): a payer's payments reach the payee, a
 * borrower's service the lender, an investee's distress the investor (its stake), and a
 * guarantee joins the guarantor with the party and the covered deal's parties both ways. */
static void influence(const World *w, size_t n, WEdge **v, size_t *nv)
{
    size_t cap = 0;
    Deal d, c;
    for (DealId id = 0; id < world_n_deals(w); id++) {
        if (!world_deal(w, id, &d) || !d.binding || d.kind == VERB_GRANTS || d.payer >= n ||
            d.payee >= n)
            continue;
        EntId e[3][2] = {{d.payee, d.payer}, {d.payer, d.payee}, {ENT_NONE, ENT_NONE}};
        bool both = d.kind == VERB_LENDS || d.kind == VERB_INVESTS || d.kind == VERB_GUARANTEES ||
                    d.kind == VERB_COMMITS;
        int m = both ? 2 : 1;
        if (d.kind == VERB_GUARANTEES && d.milestone != DEAL_NONE &&
            world_deal(w, d.milestone, &c) && c.payer < n && c.payee < n) {
            e[1][0] = c.payer;
            e[1][1] = d.payer;
            e[2][0] = c.payee;
            e[2][1] = d.payer;
            m = 3;
        }
        for (int i = 0; i < m; i++) {
            *v = vec_grow(*v, &cap, *nv + 2, sizeof **v);
            (*v)[(*nv)++] = (WEdge){e[i][0], e[i][1], 1};
            if (d.kind == VERB_GUARANTEES)
                (*v)[(*nv)++] = (WEdge){e[i][1], e[i][0], 1};
        }
    }
}

/* The entities whose inputs can reach x (x among them): the others move nothing of it. */
static bool *upstream(const Sens *s, EntId x)
{
    size_t n = s->r0->n, nv = 0, head = 0, tail = 0;
    WEdge *v = NULL;
    influence(s->w, n, &v, &nv);
    Csr g;
    csr_build(&g, n, v, nv);
    free(v);
    bool *up = xcalloc(n + 1, sizeof *up);
    EntId *queue = xcalloc(n + 1, sizeof *queue);
    if (x < n) {
        up[x] = true;
        queue[tail++] = x;
    }
    while (head < tail) {
        EntId b = queue[head++];
        for (size_t k = g.off[b]; k < g.off[b + 1]; k++)
            if (!up[g.to[k]]) {
                up[g.to[k]] = true;
                queue[tail++] = g.to[k];
            }
    }
    free(queue);
    csr_free(&g);
    return up;
}

SensRow *sens_rank(Sens *s, EntId x, size_t *n, size_t *ninputs)
{
    size_t ne = s->r0->n, k = 0;
    SensRow *rows = xcalloc(3 * ne + 1, sizeof *rows);
    bool *up = upstream(s, x);
    *ninputs = 0;
    for (EntId v = 0; v < ne; v++) {
        bool market = world_entity(s->w, v)->kind == ENT_MARKET;
        SensInput in[3];
        int m = 0;
        if (!market)
            in[m++] = (SensInput){SH_CASH, v};
        if (!market && s->rev[v] > 0)
            in[m++] = (SensInput){SH_REVENUE, v};
        if (market && s->pay[v] > 0)
            in[m++] = (SensInput){SH_PAYMENTS, v};
        *ninputs += (size_t)m;
        for (int i = 0; up[v] && i < m; i++) {
            SensRow *r = &rows[k];
            r->in = in[i];
            sens_of(s, x, in[i], (1u << SF__COUNT) - 1, true, r->v);
            bool moves = false;
            for (int g = 0; g < SF__COUNT; g++)
                moves |= r->v[g].d != 0 || r->v[g].jump != 0;
            k += moves;
        }
    }
    free(up);
    qsort(rows, k, sizeof *rows, by_size);
    *n = k;
    return rows;
}
