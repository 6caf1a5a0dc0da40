/* kinds.h - the kinds of entities, deals and shocks, each list written once (X-macros):
 * the AST records them, the world stores them, the engine and the output name them.
 * X(ENUMERATOR, "word as written in a script") */
#ifndef DG_KINDS_H
#define DG_KINDS_H
#include <stdbool.h>

#define DG_ENTITY_KINDS(X) \
    X(ENT_COMPANY, "company") \
    X(ENT_BANK, "bank") \
    X(ENT_MARKET, "market")

/* Money moves payer -> payee for the first four; grants, guarantees and credit facilities
 * move none until the stress model draws on them (verb_moves_money). */
#define DG_VERBS(X) \
    X(VERB_INVESTS, "invests")       /* A invests X in B          (stake) */ \
    X(VERB_LENDS, "lends")           /* A lends X to B            (loan; B repays) */ \
    X(VERB_BUYS, "buys")             /* A buys X from B           (USD, or GW priced) */ \
    X(VERB_PAYS, "pays")             /* A pays X to B */ \
    X(VERB_GRANTS, "grants")         /* A grants B N shares vesting with LABEL (warrants) */ \
    X(VERB_GUARANTEES, "guarantees") /* A guarantees X to B       (contingent) */ \
    X(VERB_COMMITS, "commits")       /* A commits X credit to B   (a facility, drawn when short) */

/* What a scenario does. The first ones are written `shock WHAT [of X] by P` (WHAT is the word;
 * hints list them in this order); then come those with sentences of their own (their word
 * names them in messages), and the settings, written `set WORD VALUE` (a third column: what
 * VALUE is, for hints). */
#define DG_SHOCK_TARGETS(X) \
    X(SH_DEMAND, "demand")       /* every market's payments scaled by (1 + P); no `of X` */ \
    X(SH_PAYMENTS, "payments")   /* every deal X pays scaled by (1 + P) */ \
    X(SH_REVENUE, "revenue")     /* X's revenue scaled by (1 + P) */ \
    X(SH_PRICE, "price")         /* X's share price scaled by (1 + P) */ \
    X(SH_CASH, "cash")           /* X's cash scaled by (1 + P) */
#define DG_SHOCK_SENTENCES(X) \
    X(SH_DEFAULT, "defaults")             /* `X defaults;`: in default from round 1, pays nothing */ \
    X(SH_CANCEL, "cancel")                /* `cancel LABEL;` */ \
    X(SH_DROP_NONBINDING, "drop nonbinding")
#define DG_SHOCK_SETTINGS(X) \
    X(SH_RECOVERY, "recovery", "P%")      /* alpha = beta = P */ \
    X(SH_ALPHA, "alpha", "P%") \
    X(SH_BETA, "beta", "P%") \
    X(SH_DEBTRANK, "debtrank", "original|differential")

#define DG_KIND_ENUM(e, word) e,
#define DG_SETTING_ENUM(e, word, value) e,
typedef enum { DG_ENTITY_KINDS(DG_KIND_ENUM) } EntKind;
typedef enum { DG_VERBS(DG_KIND_ENUM) } Verb;
typedef enum { DG_SHOCK_TARGETS(DG_KIND_ENUM) SH_N_TARGETS, SH__OTHERS = SH_N_TARGETS - 1,
               DG_SHOCK_SENTENCES(DG_KIND_ENUM) DG_SHOCK_SETTINGS(DG_SETTING_ENUM) } ShockOp;
#undef DG_KIND_ENUM
#undef DG_SETTING_ENUM

const char *entkind_name(EntKind k);   /* "company" ... */
const char *verb_name(Verb v);         /* "invests" ... */
/* Does a deal of this verb move money as scheduled (invests, lends, buys, pays)? Grants,
 * guarantees and credit facilities are contingent: no edge, no scheduled payment. */
bool verb_moves_money(Verb v);
const char *shock_name(ShockOp op);    /* "payments" ... */
/* The shock target written `word` (payments, revenue, price, cash); -1 if none. */
int shock_target(const char *word);
/* The setting written `word` (recovery, alpha, beta, debtrank); -1 if none. */
int shock_setting(const char *word);

#endif
