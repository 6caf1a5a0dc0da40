/* reading.h - what reading a text needs: the source set that holds it, the diagnostics found
 * in it and an interner for its names. The one setup of the three, shared by the library
 * context (dg.c), the trial parses of the REPL, fmt's re-parse, the formatter's tokens, the
 * tests and the fuzzers.
 *
 * Ownership: a Reading owns all three; reading_free releases them. Diagnostics point into
 * the source set, so the three live and die together. */
#ifndef DG_READING_H
#define DG_READING_H
#include <stddef.h>
#include <stdint.h>
#include "diag.h"
#include "intern.h"

typedef struct Reading {
    SourceSet src;
    Diags diags;
    Interner in;
} Reading;

void reading_init(Reading *r);
void reading_free(Reading *r);
/* A copy of text (len bytes) as file `name`; returns its id in r->src. */
uint32_t reading_add(Reading *r, const char *name, const char *text, size_t len);

#endif
