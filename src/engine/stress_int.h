/* stress_int.h - what the files of the yearly model share (stress_run.c: the years;
 * stress_result.c: the result, the equity channel, warrants and losses). Nothing outside
 * them includes it.
 *
 * Ownership: a Run owns its arrays and its DuePlan; the StressResult it fills is the
 * caller's. */
#ifndef DG_STRESS_INT_H
#define DG_STRESS_INT_H
#include "dues.h"
#include "stress.h"

/* A guarantee: of a labelled deal (k: its index in the plan; party and creditor are the
 * deal's obligor and the one it owes), or of a party (k = SIZE_MAX; its creditors). */
typedef struct Guar {
    DealId deal;
    EntId by, party, creditor;
    size_t k;
    bool loan;            /* the covered deal is a loan: the borrower's service is covered */
    double cap, left;     /* the cap over all years, and what is left of it */
    double call;          /* this year's call */
    double called, paid;  /* over the years */
    double deal_arrears;  /* what the party still owes on the covered deal */
} Guar;

typedef struct Run {
    const World *w;
    const StressParams *p;
    StressResult *r;
    DuePlan plan;
    size_t n, N;          /* entities; N = n + 1 with the sink `outside` (index n) */
    Guar *g;
    size_t ng;
    size_t *fac;          /* the plan's credit facilities (plan indices), r->credits' order */
    size_t nfac;
    double *lack, *lent, *drew;   /* per entity, for this year's draws (N each) */
    double *cash;         /* at the start of the year being cleared */
    double *e, *pay, *in, *f;   /* resources, payments, receipts, paid fraction (N each) */
    double *arr_in;       /* the arrears each entity brought into the year */
    int *round;
    bool *forced, *market;   /* forced: in a forced default this year (year >= force_from) */
    int *force_from;      /* the first year of its forced default, INT_MAX for none */
    WEdge *lines;         /* this year's dues, arrears, then calls [nsched, ncalled), draws */
    size_t nl, capl, nsched, ncalled;
    WEdge *arrears;       /* what was not paid, owed again next year */
    size_t na, capa;
    Csr ob;               /* this year's obligations */
    double to_outside;    /* paid to the outside so far */
    bool converged;
} Run;

/* stress_result.c */
StressResult *stress_result_new(size_t n, int nyears, int first_year, const StressParams *p);
void stress_result_guarantees(StressResult *r, const Run *u);
/* The facilities' rows of r (u->fac), before the first year. */
void stress_result_credits(StressResult *r, const Run *u);
/* Warrants, the equity channel and losses against the base world's clearing (NULL: r is
 * the base). */
void stress_result_finish(StressResult *r, const Run *u, const StressResult *base);

#endif
