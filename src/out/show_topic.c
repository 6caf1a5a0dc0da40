/* show_topic.c - the topics of show_topic.h: their words, and the engine's dispatch. */
#include "show_topic.h"
#include "show.h"
#include "wordlist.h"

static const WordEntry TOPICS[TOPIC__COUNT] = {
#define TOPIC_ENTRY(e, word, flags) [e] = {word, flags},
    DG_SHOW_TOPICS(TOPIC_ENTRY)
#undef TOPIC_ENTRY
};

const char *show_topic_name(ShowTopic t) { return t < TOPIC__COUNT ? TOPICS[t].word : "?"; }
unsigned show_topic_flags(ShowTopic t) { return t < TOPIC__COUNT ? TOPICS[t].flags : 0; }
int show_topic_find(const char *word) { return wordlist_find(TOPICS, TOPIC__COUNT, word); }

int show_topic(FILE *out, Engine *e, ShowTopic t, EntId a, EntId b)
{
    unsigned flags = show_topic_flags(t);
    if (t >= TOPIC__COUNT || (flags & (TF_WHATIF | TF_SIMULATE)))
        return SHOW_NOT_MINE;
    if ((flags & TF_OF) && a == ENT_NONE)
        return SHOW_NEEDS_ENTITY;
    switch (t) {
    case TOPIC_SOURCES: show_sources(out, e, a); break;
    case TOPIC_CYCLES: show_cycles_of(out, e, a); break;
    case TOPIC_LEVERAGE: show_leverage(out, e, a); break;
    case TOPIC_TIMELINE: show_timeline(out, e, a); break;
    case TOPIC_EXPOSURE: show_exposure(out, e, a, b); break;
    case TOPIC_SYSTEM: show_system(out, e); break;
    case TOPIC_DEALS: show_deals(out, e, a); break;
    case TOPIC_SUMMARY: show_summary(out, e); break;
    default: return SHOW_NOT_MINE;
    }
    return SHOW_OK;
}
