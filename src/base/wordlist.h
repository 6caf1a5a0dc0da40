/* wordlist.h - what an X-macro list of words compiles to: each entry's word and flags, by
 * index (the entry's enumerator), and the index of a word. The lists themselves stay in the
 * layer that owns each (engine/stress.h's what-if figures, out/show_topic.h's topics, ...).
 * The entries are the caller's (static tables). */
#ifndef DG_WORDLIST_H
#define DG_WORDLIST_H

typedef struct WordEntry {
    const char *word;
    unsigned flags;
} WordEntry;

/* The index of `word` among the n entries, or -1 when none has it. */
int wordlist_find(const WordEntry *list, int n, const char *word);

#endif
