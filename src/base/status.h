/* status.h - the exit statuses every layer returns and the CLI exits with (README "Exit
 * statuses"), and the options of a run: where output and diagnostics go, and the switches
 * the evaluator reads. dg.h re-exports both; nothing here allocates or owns. */
#ifndef DG_STATUS_H
#define DG_STATUS_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum {
    DG_OK = 0,      /* success */
    DG_EFAIL = 1,   /* the script has errors, an assert failed, or `fmt --check` found a change */
    DG_EUSAGE = 2,  /* usage error on the command line */
    DG_EIO = 3,     /* a file cannot be read or written */
};

/* The most samples one simulate draws (each keeps its system loss: 8 bytes), and the
 * largest seed (both exact as doubles): the statement and the command check the same. */
#define DG_SIM_MAX_SAMPLES 1000000000u
#define DG_SIM_MAX_SEED 9007199254740992u   /* 2^53 */

typedef struct DgOptions {
    FILE *out;               /* where `show` writes (stdout) */
    FILE *err;               /* where diagnostics go (stderr) */
    bool strict;             /* undeclared entities are errors (`check --strict`) */
    bool quiet;              /* evaluate but print no `show` output (`check`) */
    bool echo_exprs;         /* print the value of a bare expression statement (REPL) */
    bool color;              /* colour diagnostics/tables (a terminal, NO_COLOR unset) */
    const char *stdlib_dir;  /* where `use NAME` looks; NULL = $DEALGRAPH_PATH or built-in */
    /* Asked between statements and between the clearings of a what-if: true stops the
     * input running (the rest of it is skipped, and it fails with an error saying it was
     * interrupted). NULL: never. The REPL's answers whether Ctrl-C was pressed. */
    bool (*cancel)(void *ud);
    void *cancel_ud;
    int jobs;                /* threads a `simulate` clears its samples on; 0 = every CPU */
    uint64_t max_samples;    /* a `simulate` draws at most this many samples, and a note says
                                so (the editor's quick runs); 0 = all it asks for */
} DgOptions;

#endif
