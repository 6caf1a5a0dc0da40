/* repl_int.h - what the REPL's files share (repl.c: the read loop and `repl_main`;
 * repl_session.c: accepted inputs, undo, replay and :save's script; repl_cmd.c: the
 * meta-commands; repl_help.c: :help; repl_complete.c: line editing, history and completion).
 * Nothing outside the REPL includes it; like every front door it sees only dg.h.
 *
 * Ownership: a Repl owns its Dg context, the two forwarding streams handed
 * to it, and a heap copy of every accepted input. */
#ifndef DG_REPL_INT_H
#define DG_REPL_INT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "dg.h"

/* One accepted input: a typed statement or block (text, source "<repl:N>"), a segment of
 * piped stdin (text, source "<stdin>", `pad` blank lines in front so that line numbers in
 * messages match the input), or a file (`:load FILE`, re-read from disk on replay). Its
 * kind (dg.h) says what it did to the world: bare expressions are left out of :save,
 * questions need no rollback, changes do. */
typedef struct ReplInput {
    DgInputKind kind;
    bool is_file;
    char *name;      /* source name, or the file's path */
    char *text;      /* NULL for a file */
    size_t len;
    size_t pad;      /* newlines put in front of text when it runs */
} ReplInput;

/* A FILE that forwards to `to` unless muted: dg writes through these, so a replay after
 * :undo can run silently without dg needing a switch for it. */
typedef struct ReplFwd {
    FILE *to;
    FILE *flush_first;  /* flushed before each write, so stdout and stderr stay in order */
    bool mute;
} ReplFwd;

typedef struct Repl {
    Dg *dg;
    DgOptions opt;
    ReplFwd fwd_out, fwd_err;
    FILE *out, *err;          /* the forwarding streams (opt.out, opt.err) */
    ReplInput *in;            /* accepted inputs, in order */
    size_t n, cap;
    char **start;             /* files named on the command line (:reload re-reads them) */
    size_t nstart;
    bool start_loaded;        /* false after :reset until :reload */
    unsigned counter;         /* N of the next "<repl:N>" */
    bool interactive;         /* stdin is a terminal and `-` was not given */
    bool strict;              /* --strict or `:set strict on`: each input is checked */
    bool dirty;               /* the last input failed: roll back before the next one */
    bool replaying;           /* repl_rebuild is running: Ctrl-C must not stop it */
    bool quit;
    int status;               /* piped mode: 1 once anything failed */
    char *history;            /* history file, or NULL for none */
} Repl;

/* repl.c: DgOptions.cancel of the session (ud is the Repl) */
bool repl_cancel(void *ud);

/* repl_session.c */
bool repl_session_open(Repl *r);
void repl_session_close(Repl *r);
/* Run typed or piped text as one input; keep it when it succeeds. Returns DG_OK or
 * DG_EFAIL. */
int repl_submit(Repl *r, const char *name, const char *text, size_t len, size_t pad);
/* A typed input: as repl_submit, but a line that only makes sense after the last input
 * (a deal's clause on a line of its own) runs with it as one input in its place. */
int repl_submit_typed(Repl *r, const char *name, const char *text, size_t len);
/* Run a file as one input (:load); DG_EIO when it cannot be read. */
int repl_submit_file(Repl *r, const char *path);
/* Rebuild the world from the start files (if loaded) and the accepted inputs; output of
 * the inputs is muted, and their diagnostics too unless `show_errors`. */
void repl_rebuild(Repl *r, bool show_errors);
/* Bring the world back to the accepted inputs after a failed one. */
void repl_settle(Repl *r);
/* Take back the last input that changed the world, with the questions asked after it.
 * Writes its first line (or ":load FILE") into what; false when there is none. */
bool repl_undo(Repl *r, char *what, size_t n);
void repl_reset(Repl *r);
/* The accepted inputs as a script (start files and :loads as `include` lines whose paths
 * are relative to dir). Heap string. */
char *repl_script(Repl *r, const char *dir, size_t *len);

/* repl_cmd.c: a line starting with ':' */
void repl_command(Repl *r, const char *line);
/* repl_help.c: :help TOPIC, and the topics for completion */
void repl_help(FILE *out, const char *topic);
void repl_help_topics(void (*fn)(const char *name, void *ud), void *ud);

/* repl_complete.c */
void repl_edit_init(Repl *r);
void repl_edit_done(Repl *r);
void repl_history_add(Repl *r, const char *entry);
/* The next line typed (heap string without its newline), or NULL at end of input or when
 * Ctrl-C cancelled the line (then *cancelled is true). */
char *repl_readline(Repl *r, const char *prompt, bool *cancelled);
/* Was Ctrl-C pressed since the last prompt? (Always false unless repl_edit_init ran.) */
bool repl_interrupted(void);
/* Candidate completions of `text` (sorted, unique, heap strings, NULL-terminated);
 * `line` is the whole line so far and `start` where text begins in it. Exposed for tests. */
char **repl_candidates(Repl *r, const char *line, int start, const char *text);

#endif
