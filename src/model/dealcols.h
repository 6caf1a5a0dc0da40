/* dealcols.h - the columns of a spreadsheet of deals, written once (X-macros, as kinds.h):
 * `report --csv` writes deals.csv with them (out/csv.c) and `dealgraph import` reads them
 * (front/import.c); docs/PICTURES.md "Import" lists them.
 * X(ENUMERATOR, "header", REQUIRED) */
#ifndef DG_DEALCOLS_H
#define DG_DEALCOLS_H

#define DG_DEAL_COLUMNS(X) \
    X(COL_LABEL, "label", 0)       /* the deal's label, or empty */ \
    X(COL_PAYER, "payer", 1)       /* who pays; grants: the granter; guarantees: the guarantor */ \
    X(COL_VERB, "verb", 1)         /* invests lends buys pays grants guarantees commits */ \
    X(COL_PAYEE, "payee", 0)       /* who is paid; empty for a guarantee that `covers` */ \
    X(COL_AMOUNT, "amount", 1)     /* USD (100000000000, 100B, $1.5T), or shares */ \
    X(COL_UNIT, "unit", 0)         /* USD (or empty), USD/y, shares */ \
    X(COL_FROM, "from", 0)         /* a date: 2027, 2026Q3, 2026-09 */ \
    X(COL_OVER, "over", 0)         /* a duration: 5y, 18mo, or a number of years */ \
    X(COL_DUE, "due", 0)           /* a loan's repayment date */ \
    X(COL_RATE, "rate", 0)         /* a loan's interest: 7% or 0.07 */ \
    X(COL_BINDING, "binding", 0)   /* yes (or empty) or no */ \
    X(COL_SOURCE, "source", 0)     /* where the deal was reported */ \
    X(COL_VESTING, "vesting", 0)   /* grants: the label of the deal whose payment vests it */ \
    X(COL_COVERS, "covers", 0)     /* guarantees: the label of the deal it covers */

#define DG_COL_ENUM(e, name, req) e,
typedef enum { DG_DEAL_COLUMNS(DG_COL_ENUM) COL__COUNT } DealCol;
#undef DG_COL_ENUM

#endif
