/* lexpipe.c - the flex scanner on its own thread; see lexpipe.h.
 *
 * The ring holds NBATCH batches. The batch being filled is always the one after the
 * batches waiting to be read (index head + nfull), so the scanner may fill it whenever
 * nfull < NBATCH, and the reader owns the batch at head until it has read all of it.
 * What each side changes per token sits on cache lines of its own (and a batch's count is
 * written once, when it is handed over), so the two cores meet only at hand-overs. */
#include "lexpipe.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { BATCH = 16384, NBATCH = 4 };
_Static_assert(sizeof(PipeTok) == 32, "a token crosses cores in half a cache line");

typedef struct Batch {
    size_t n;
    PipeTok t[BATCH];
} Batch;

enum { LINE = 64 };   /* a cache line */

struct LexPipe {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t filled, emptied;
    size_t nfull;       /* batches ready to read, the reader's current one included (mu) */
    bool cancel;        /* the reader has stopped reading (mu) */
    char pad0[LINE];
    /* The reader's. */
    Batch *rring;       /* the ring; wring is the same pointer, kept on the scanner's line */
    size_t head;        /* the batch at head is the one it reads */
    size_t pos;         /* ... and the next entry in it */
    bool reading;       /* ... whether it holds the batch at head */
    char pad1[LINE];
    /* The scanner's. */
    Batch *wring;
    size_t tail;        /* the batch it fills */
    size_t fill;        /* ... and how many entries it holds so far */
    RawScan rs;         /* its state, table and arenas */
    Interner in;
    Arena strings, msgs;
};

/* The scanner hands over the batch it filled and waits for a free one. False once the
 * reader has stopped reading. */
static bool publish(LexPipe *p, bool last)
{
    p->wring[p->tail % NBATCH].n = p->fill;
    pthread_mutex_lock(&p->mu);
    p->nfull++;
    pthread_cond_signal(&p->filled);
    while (!last && p->nfull == NBATCH && !p->cancel)
        pthread_cond_wait(&p->emptied, &p->mu);
    bool go = !p->cancel;
    pthread_mutex_unlock(&p->mu);
    p->tail++;
    p->fill = 0;
    return go;
}

static bool put(LexPipe *p, const PipeTok *t)
{
    p->wring[p->tail % NBATCH].t[p->fill++] = *t;
    return p->fill < BATCH || publish(p, false);
}

/* A raw token as the reader needs it: values by kind, a name with its text. */
static PipeTok token(const LexPipe *p, int k, const YYSTYPE *v, Span sp)
{
    PipeTok t = {.kind = k, .span = sp};
    switch (k) {
    case IDENT:
        t.v.name.sym = v->sym;
        t.v.name.text = sym_str(&p->in, v->sym);
        t.v.name.len = (uint32_t)sym_len(&p->in, v->sym);
        break;
    case NUMBER: case DATE:
        t.v.val.num = v->val.num;
        t.v.val.dim = v->val.dim;
        t.v.val.kind = (uint8_t)v->val.kind;
        t.v.val.flags = v->val.flags;
        break;
    case STRING: t.v.str = v->str; break;
    case NEWLINE: t.v.n = v->n; break;
    default: break;
    }
    return t;
}

static void *scan(void *arg)
{
    LexPipe *p = arg;
    void *sc = lex_scanner_new(&p->rs);
    bool go = true;
    while (go) {
        YYSTYPE v;
        Span sp;
        int k = dg_rawlex(&v, &sp, sc);
        for (size_t i = 0; i < p->rs.nerrs && go; i++) {
            LexErr *err = arena_alloc(&p->msgs, sizeof *err);
            *err = p->rs.errs[i];
            PipeTok e = {.kind = PIPE_ERROR, .span = err->span, .v.err = err};
            go = put(p, &e);
        }
        p->rs.nerrs = 0;
        if (!go || k == LEXERROR)
            continue;
        PipeTok t = token(p, k, &v, sp);
        go = put(p, &t);
        if (k == END) {   /* only batches that hold something are handed over */
            if (go && p->fill > 0)
                publish(p, true);
            break;
        }
    }
    lex_scanner_free(sc);
    return NULL;
}

LexPipe *lexpipe_start(const char *text, size_t len, uint32_t file)
{
    LexPipe *p = xcalloc(1, sizeof *p);
    p->rring = p->wring = xmalloc(NBATCH * sizeof *p->rring);
    intern_init(&p->in);
    arena_init(&p->strings);
    arena_init(&p->msgs);
    p->rs = (RawScan){.text = text, .len = len, .file = file, .in = &p->in,
                      .strings = &p->strings, .msgs = &p->msgs};
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->filled, NULL);
    pthread_cond_init(&p->emptied, NULL);
    if (pthread_create(&p->thread, NULL, scan, p) == 0)
        return p;
    pthread_cond_destroy(&p->emptied);
    pthread_cond_destroy(&p->filled);
    pthread_mutex_destroy(&p->mu);
    intern_free(&p->in);
    arena_free(&p->strings);
    arena_free(&p->msgs);
    free(p->rring);
    free(p);
    return NULL;
}

const PipeTok *lexpipe_next(LexPipe *p)
{
    if (p->reading && p->pos == p->rring[p->head % NBATCH].n) {
        pthread_mutex_lock(&p->mu);
        p->nfull--;
        pthread_cond_signal(&p->emptied);
        pthread_mutex_unlock(&p->mu);
        p->head++;
        p->reading = false;
    }
    if (!p->reading) {
        pthread_mutex_lock(&p->mu);
        while (p->nfull == 0)
            pthread_cond_wait(&p->filled, &p->mu);
        pthread_mutex_unlock(&p->mu);
        p->reading = true;
        p->pos = 0;
    }
    return &p->rring[p->head % NBATCH].t[p->pos++];
}

void lexpipe_finish(LexPipe *p, Arena *strings)
{
    pthread_mutex_lock(&p->mu);
    p->cancel = true;
    pthread_cond_signal(&p->emptied);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    pthread_cond_destroy(&p->emptied);
    pthread_cond_destroy(&p->filled);
    pthread_mutex_destroy(&p->mu);
    arena_adopt(strings, &p->strings);
    arena_free(&p->msgs);
    intern_free(&p->in);
    free(p->rring);
    free(p);
}
