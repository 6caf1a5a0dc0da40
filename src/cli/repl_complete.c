/* repl_complete.c - line editing for the REPL: libedit through its readline-compatible
 * API, history across sessions, Ctrl-R search and tab completion.
 *
 * The readline API calls its completion hook with no user
 * pointer, so the Repl being edited is kept in `editing`, set only while repl_edit_init ..
 * repl_edit_done runs; and a signal handler can only leave a flag (`interrupted`). These two,
 * and the pending temporary file name of base/safefile.c (for its signal handler), are the
 * only file-scope variables of dealgraph. */
#include <stdio.h>   /* readline.h needs FILE */
#include <editline/readline.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "repl_commands.h"
#include "repl_int.h"

static Repl *editing;
static volatile sig_atomic_t interrupted;

/* Ctrl-C gives up on the input being typed instead of ending the session: without
 * SA_RESTART the terminal read fails with EINTR and readline returns. While an input runs,
 * the flag stops it (repl_interrupted, polled through DgOptions.cancel). */
static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* Candidates come from the lists that define each set of words: the commands' below
 * (repl_commands.h) and the language's keywords, show topics, figures and risk measures
 * (dg.h). */
static const char *const commands[] = {
#define CMD_WORD(e, word, args, what) ":" word,
    REPL_COMMANDS(CMD_WORD)
#undef CMD_WORD
    NULL};

/* Words after which only a name (entity, label, scenario, let) makes sense. */
static const char *const name_slots[] = {
    "of", "to", "in", "from", "cancel", "if", "with", "grants", "price", NULL};

typedef struct Cands {
    char **v;
    size_t n, cap;
    const char *prefix;
    size_t plen;
} Cands;

static void cand_add(const char *word, void *ud)
{
    Cands *c = ud;
    if (strncmp(word, c->prefix, c->plen) != 0)
        return;
    c->v = vec_grow(c->v, &c->cap, c->n + 2, sizeof *c->v);
    c->v[c->n++] = strdup(word);
}

static void cand_figure(const char *name, int nargs, bool whatif, void *ud)
{
    (void)nargs;
    (void)whatif;
    cand_add(name, ud);
}

static void cand_risk(const DgRisk *r, void *ud) { cand_add(r->name, ud); }

/* A word at a time: a topic of two words (`breaking points`, `default years`) is not
 * offered; a risk measure without a topic of its own (a simulate's figure) has none. */
static void cand_topic(const char *topic, void *ud)
{
    if (!strchr(topic, ' '))
        cand_add(topic, ud);
}

static void cand_risk_topic(const DgRisk *r, void *ud)
{
    if (r->topic)
        cand_topic(r->topic, ud);
}

static void cand_list(Cands *c, const char *const *list)
{
    for (; *list; list++)
        cand_add(*list, c);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool in_list(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && !strncmp(*list, w, n))
            return true;
    return false;
}

/* The word before position `start` in line (its start and length). */
static size_t prev_word(const char *line, int start, const char **w)
{
    int e = start;
    while (e > 0 && (line[e - 1] == ' ' || line[e - 1] == '\t' || line[e - 1] == '('))
        e--;
    int b = e;
    while (b > 0 && line[b - 1] != ' ' && line[b - 1] != '\t' && line[b - 1] != '(')
        b--;
    *w = line + b;
    return (size_t)(e - b);
}

static void sort_unique(Cands *c)
{
    qsort(c->v, c->n, sizeof *c->v, cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (k && !strcmp(c->v[k - 1], c->v[i]))
            free(c->v[i]);
        else
            c->v[k++] = c->v[i];
    }
    c->n = k;
}

char **repl_candidates(Repl *r, const char *line, int start, const char *text)
{
    Cands c = {.prefix = text, .plen = strlen(text)};
    const char *lead = line;
    while (*lead == ' ' || *lead == '\t')
        lead++;
    const char *w;
    size_t wn = prev_word(line, start, &w);
    if (*lead == ':') {
        if (line + start <= lead)
            cand_list(&c, commands);
        else if (!strncmp(lead, ":help", 5))
            repl_help_topics(cand_add, &c);
    } else if (wn == 4 && !strncmp(w, "show", 4)) {
        dg_each_topic(cand_topic, &c);
        dg_each_risk(cand_risk_topic, &c);
        dg_each_figure(cand_figure, &c);
        dg_each_risk(cand_risk, &c);
        dg_each_name(r->dg, cand_add, &c);
    } else if (in_list(w, wn, name_slots)) {
        dg_each_name(r->dg, cand_add, &c);
    } else {
        dg_each_keyword(cand_add, &c);
        dg_each_figure(cand_figure, &c);
        dg_each_risk(cand_risk, &c);
        dg_each_name(r->dg, cand_add, &c);
    }
    c.v = vec_grow(c.v, &c.cap, c.n + 1, sizeof *c.v);
    sort_unique(&c);
    c.v[c.n] = NULL;
    return c.v;
}

/* readline's shape: [common prefix, match..., NULL], or NULL when nothing matches. */
static char **complete(const char *text, int start, int end)
{
    (void)end;
    const char *lead = rl_line_buffer;
    while (*lead == ' ')
        lead++;
    if (start > 0 && (!strncmp(lead, ":load", 5) || !strncmp(lead, ":save", 5))) {
        rl_attempted_completion_over = 0;   /* file names: libedit's own completion */
        return NULL;
    }
    rl_attempted_completion_over = 1;
    char **v = repl_candidates(editing, rl_line_buffer, start, text);
    size_t n = 0;
    while (v[n])
        n++;
    if (n == 0) {
        free(v);
        return NULL;
    }
    char **m = xcalloc(n + 2, sizeof *m);
    size_t common = strlen(v[0]);
    for (size_t i = 1; i < n; i++) {
        size_t k = 0;
        while (k < common && v[i][k] == v[0][k])
            k++;
        common = k;
    }
    m[0] = n == 1 ? v[0] : strndup(v[0], common);
    for (size_t i = 0; n > 1 && i < n; i++)
        m[i + 1] = v[i];
    free(v);
    return m;
}

/* libedit's history file begins with this line. */
#define HISTORY_HEADER "_HiStOrY_V2_\n"

/* Why `path` must not be the history file, or NULL when it may be. libedit rewrites the
 * file in place and makes it 0600, so a device would change mode and a script would be
 * overwritten with history: only a name where nothing is yet, an empty regular file or one
 * that starts with libedit's header qualifies. /dev/null is "no history": *quiet is set. */
static const char *history_unfit(const char *path, bool *quiet)
{
    struct stat st, null;
    *quiet = false;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT && lstat(path, &st) != 0)
            return NULL;   /* nothing there yet: libedit creates it */
        return errno == ENOENT ? "it is a symbolic link that leads to no file" : strerror(errno);
    }
    if (S_ISCHR(st.st_mode) && stat("/dev/null", &null) == 0 && st.st_rdev == null.st_rdev) {
        *quiet = true;
        return "it is /dev/null";
    }
    if (!S_ISREG(st.st_mode))
        return "it is not a regular file";
    if (st.st_size == 0)
        return NULL;
    char head[sizeof HISTORY_HEADER - 1];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t got = fd >= 0 ? read(fd, head, sizeof head) : -1;
    if (fd >= 0)
        close(fd);
    if (got == (ssize_t)sizeof head && !memcmp(head, HISTORY_HEADER, sizeof head))
        return NULL;
    return got < 0 ? strerror(errno) : "it is not a history file (it does not start with "
                                       "libedit's _HiStOrY_V2_ line)";
}

/* Keep r->history only when it is fit; say why not (once, at the start of a session). */
static void history_check(Repl *r, bool say)
{
    bool quiet;
    const char *why = r->history ? history_unfit(r->history, &quiet) : NULL;
    if (!why)
        return;
    if (say && !quiet)
        fprintf(stderr, "dealgraph repl: keeping no history in '%s': %s\n", r->history, why);
    free(r->history);
    r->history = NULL;
}

void repl_edit_init(Repl *r)
{
    editing = r;
    rl_readline_name = "dealgraph";   /* ~/.editrc may hold `dealgraph:` settings */
    rl_initialize();
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(),*+-/!";
    /* libedit's readline emulation binds these already; say so explicitly so that an
     * ~/.editrc in vi mode still has reverse search and completion. */
    rl_parse_and_bind("bind ^R em-inc-search-prev");
    rl_parse_and_bind("bind ^I rl_complete");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    using_history();
    stifle_history(1000);
    history_check(r, true);
    if (r->history)
        read_history(r->history);
}

void repl_edit_done(Repl *r)
{
    history_check(r, false);   /* what is there may have changed during the session */
    if (r->history)
        write_history(r->history);
    editing = NULL;
}

char *repl_readline(Repl *r, const char *prompt, bool *cancelled)
{
    (void)r;
    interrupted = 0;
    char *line = readline(prompt);
    *cancelled = interrupted != 0;
    if (*cancelled && line) {
        free(line);
        line = NULL;
    }
    return line;
}

bool repl_interrupted(void) { return interrupted != 0; }

void repl_history_add(Repl *r, const char *entry)
{
    if (r->interactive && *entry)
        add_history(entry);
}
