/* wordlist.c - lookup in a list of words (wordlist.h). */
#include "wordlist.h"
#include <string.h>

int wordlist_find(const WordEntry *list, int n, const char *word)
{
    for (int i = 0; word && i < n; i++)
        if (!strcmp(list[i].word, word))
            return i;
    return -1;
}
