/* show_topic.h - the topics of `show TOPIC [of A [to B]]`, each written once (X-macros, as
 * model/kinds.h), and the dispatch of the engine's ones. The evaluator tells topics from
 * names with this list and words its hints from it; the REPL's completion and `:help show`
 * read it too (dg.h), in this order.
 *
 * X(ENUMERATOR, "word", FLAGS): TF_OF, the topic needs `of A`; TF_WHATIF, a what-if's
 * clearing answers it (stress_show.h), not the engine (show.h); TF_SIMULATE, a simulate's
 * samples answer it (mc_show.h). A topic may be of two words (one name). */
#ifndef DG_SHOW_TOPIC_H
#define DG_SHOW_TOPIC_H
#include <stdio.h>
#include "figures.h"

#define DG_SHOW_TOPICS(X) \
    X(TOPIC_SOURCES, "sources", TF_OF)       /* where A's money comes from */ \
    X(TOPIC_CYCLES, "cycles", 0)             /* the loops (of A: through A) */ \
    X(TOPIC_LEVERAGE, "leverage", 0)         /* every entity ranked (of A: its row) */ \
    X(TOPIC_TIMELINE, "timeline", TF_OF)     /* A's cash by year (a what-if's: stressed) */ \
    X(TOPIC_EXPOSURE, "exposure", TF_OF)     /* A's stakes, loans and what is owed it */ \
    X(TOPIC_SYSTEM, "system", 0)             /* the system figures */ \
    X(TOPIC_DEALS, "deals", 0)               /* every deal (of A: A's) */ \
    X(TOPIC_DEFAULTS, "defaults", TF_WHATIF) /* who defaults, in which round */ \
    X(TOPIC_LOSSES, "losses", TF_WHATIF | TF_SIMULATE) /* against the base world; in a \
                                                simulate expected losses, VaR and ES */ \
    X(TOPIC_PAYMENTS, "payments", TF_WHATIF) /* what each pays of what it owes */ \
    X(TOPIC_DISTRESS, "distress", TF_WHATIF) /* the equity channel */ \
    X(TOPIC_SUMMARY, "summary", 0)           /* what a script with no `show` prints */ \
    X(TOPIC_DEFAULT_PROBABILITIES, "default probabilities", TF_SIMULATE) /* how often each \
                                                defaults, with 95% intervals */ \
    X(TOPIC_DEFAULT_YEARS, "default years", TF_SIMULATE) /* the year of the first default */

enum { TF_OF = 1, TF_WHATIF = 2, TF_SIMULATE = 4 };
#define DG_TOPIC_ENUM(e, word, flags) e,
typedef enum { DG_SHOW_TOPICS(DG_TOPIC_ENUM) TOPIC__COUNT } ShowTopic;
#undef DG_TOPIC_ENUM

const char *show_topic_name(ShowTopic t);
unsigned show_topic_flags(ShowTopic t);
/* The topic called `word`; -1 when none is. */
int show_topic_find(const char *word);

/* `show TOPIC` for the engine's topics (a = b = ENT_NONE when not given; `cycles of A`
 * lists the cycles through A, `leverage of A` and `deals of A` one entity's rows, `exposure
 * of A to B` one pair). Returns SHOW_OK; SHOW_NOT_MINE for a what-if's or a simulate's
 * topic (TF_WHATIF, TF_SIMULATE);
 * SHOW_NEEDS_ENTITY when a TF_OF topic has no A. */
enum { SHOW_OK = 0, SHOW_NOT_MINE = 1, SHOW_NEEDS_ENTITY = 2 };
int show_topic(FILE *out, Engine *e, ShowTopic t, EntId a, EntId b);

#endif
