/* lexpipe.h - the flex scanner on a thread of its own, feeding the parser through a queue.
 *
 * Scanning (flex, literal conversion, name lookup) is about half of reading a large
 * script; the other half is parsing and evaluating. A LexPipe runs the first half on a
 * second thread so the two overlap. The scanning thread shares nothing mutable with the
 * parser: it interns names in its own table (the parser maps each id once, lex.c),
 * puts string literals in its own arena (handed to the parse's string arena at the end)
 * and queues errors as entries of the token stream, so they are reported at the same
 * point of the stream as when the parser's thread scans. Tokens travel in batches through
 * a fixed ring; a mutex and two condition variables guard only the hand-over.
 *
 * Ownership: the pipe owns its thread, table, arenas and ring until lexpipe_finish. */
#ifndef DG_LEXPIPE_H
#define DG_LEXPIPE_H
#include "lex.h"

enum { PIPE_ERROR = -1 };   /* a PipeTok that carries a queued error, not a token */

/* 32 bytes: tokens cross from one core to the other, so every byte costs. */
typedef struct PipeTok {
    int kind;               /* bison token kind, or PIPE_ERROR */
    Span span;
    union {
        struct { double num; Dim dim; uint8_t kind, flags; } val;   /* NUMBER, DATE */
        const char *str;    /* STRING */
        int n;              /* NEWLINE: line breaks in the run */
        struct { Sym sym; uint32_t len; const char *text; } name;   /* IDENT, pipe's id */
        const LexErr *err;  /* PIPE_ERROR (in the pipe's memory until lexpipe_finish) */
    } v;
} PipeTok;

typedef struct LexPipe LexPipe;

/* Start scanning text[0, len) of source file `file` (the text must stay unchanged until
 * lexpipe_finish). NULL when no thread can be started: the caller then scans itself. */
LexPipe *lexpipe_start(const char *text, size_t len, uint32_t file);
/* The next entry, in text order; the last token is END. Valid until the next call. Must
 * not be called again after END. */
const PipeTok *lexpipe_next(LexPipe *p);
/* Stop the scan if it is still running, wait for the thread, move the string literals'
 * memory into `strings` (they stay valid as long as it) and free the rest. */
void lexpipe_finish(LexPipe *p, Arena *strings);

#endif
