/* kinds.c - the words of the kinds in kinds.h, from its lists. */
#include "kinds.h"
#include <string.h>

#define WORD(e, word) [e] = word,
#define SETTING_WORD(e, word, value) [e] = word,
static const char *const ENT_WORDS[] = {DG_ENTITY_KINDS(WORD)};
static const char *const VERB_WORDS[] = {DG_VERBS(WORD)};
static const char *const SHOCK_WORDS[] = {DG_SHOCK_TARGETS(WORD) DG_SHOCK_SENTENCES(WORD)
                                          DG_SHOCK_SETTINGS(SETTING_WORD)};
#undef WORD
#undef SETTING_WORD
#define N(a) (sizeof a / sizeof *a)

const char *entkind_name(EntKind k) { return (unsigned)k < N(ENT_WORDS) ? ENT_WORDS[k] : "?"; }
const char *verb_name(Verb v) { return (unsigned)v < N(VERB_WORDS) ? VERB_WORDS[v] : "?"; }
bool verb_moves_money(Verb v)
{
    return v == VERB_INVESTS || v == VERB_LENDS || v == VERB_BUYS || v == VERB_PAYS;
}
const char *shock_name(ShockOp op) { return (unsigned)op < N(SHOCK_WORDS) ? SHOCK_WORDS[op] : "?"; }

int shock_target(const char *word)
{
    for (int i = 0; i < SH_N_TARGETS; i++)
        if (strcmp(word, SHOCK_WORDS[i]) == 0)
            return i;
    return -1;
}

int shock_setting(const char *word)
{
#define SETTING(e, w, value) if (strcmp(word, w) == 0) return e;
    DG_SHOCK_SETTINGS(SETTING)
#undef SETTING
    return -1;
}
