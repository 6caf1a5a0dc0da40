/* repl_cmd.c - the REPL's meta-commands (their list: repl_commands.h).
 *
 * A command's word may be abbreviated to any unique prefix
 * (:q, :u). Messages go through the session's streams so they stay in order with the
 * output of statements. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "repl_commands.h"
#include "repl_int.h"

/* The argument after the command word, trimmed (a path may be quoted). */
static char *argument(const char *line)
{
    const char *p = line + strcspn(line, " \t");
    p += strspn(p, " \t");
    size_t n = strlen(p);
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == ';'))
        n--;
    if (n >= 2 && (p[0] == '"' || p[0] == '\'') && p[n - 1] == p[0]) {
        p++;
        n -= 2;
    }
    return strndup(p, n);
}

static void fail(Repl *r, const char *fmt, const char *arg, const char *why)
{
    fprintf(r->err, "error: ");
    fprintf(r->err, fmt, arg, why);
    fputc('\n', r->err);
    fflush(r->err);
    r->status = DG_EFAIL;
}

static void cmd_load(Repl *r, const char *path)
{
    if (!*path) {
        fail(r, ":load needs a file name%s%s", "", "");
        return;
    }
    repl_submit_file(r, path);   /* dg words the message when it cannot be read */
}

/* The directory part of a path ("." when it has none). */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

static void cmd_save(Repl *r, const char *path)
{
    if (!*path) {
        fail(r, ":save needs a file name%s%s", "", "");
        return;
    }
    repl_settle(r);
    char *dir = dir_of(path);
    size_t len;
    char *text = repl_script(r, dir, &len);
    char *formatted = dg_fmt_text(text, len, &len);
    if (formatted) {
        free(text);
        text = formatted;
    }
    /* The safe write (dg.h): a symbolic link, a file's mode and owner are kept, and a
     * file that must not be replaced is refused with the reason. */
    fflush(r->out);
    if (dg_write_file(path, text, len, "error", r->err) == DG_OK) {
        fprintf(r->out, "saved %s\n", path);
    } else {
        fflush(r->err);
        r->status = DG_EFAIL;
    }
    free(text);
    free(dir);
}

/* `:set strict on|off`; `:set` or `:set strict` alone says how it is set. */
static void cmd_set(Repl *r, const char *arg)
{
    const char *v = arg + strcspn(arg, " \t");
    v += strspn(v, " \t");
    size_t n = strcspn(arg, " \t");
    if (n && strncmp(arg, "strict", n) != 0) {
        char word[64];
        snprintf(word, sizeof word, "%.*s", (int)(n < 60 ? n : 60), arg);
        fail(r, "unknown setting '%s'%s", word, " (there is one: :set strict on/off)");
        return;
    }
    if (!strcmp(v, "on") || !strcmp(v, "off")) {
        r->strict = !strcmp(v, "on");
        repl_settle(r);
        dg_set_strict(r->dg, r->strict);
    } else if (*v) {
        fail(r, ":set strict takes on or off, not '%s'%s", v, "");
        return;
    }
    fprintf(r->out, "strict %s\n", r->strict ? "on" : "off");
}

static void cmd_undo(Repl *r)
{
    char what[120];
    if (repl_undo(r, what, sizeof what))
        fprintf(r->out, "undone: %s\n", what);
    else
        fprintf(r->out, "nothing to undo\n");
}

static void cmd_reload(Repl *r)
{
    r->start_loaded = true;
    repl_rebuild(r, true);
    fprintf(r->out, "reloaded %zu file%s and %zu input%s\n", r->nstart,
            r->nstart == 1 ? "" : "s", r->n, r->n == 1 ? "" : "s");
}

#define CMD_ENUM(e, word, args, what) e,
typedef enum { REPL_COMMANDS(CMD_ENUM) C_NONE } Cmd;
#undef CMD_ENUM

/* An exact word, or a prefix of exactly one command (:q, :u; :re is ambiguous). */
static Cmd lookup(const char *word, size_t n)
{
#define CMD_WORD(e, word, args, what) [e] = word,
    static const char *const names[C_NONE] = {REPL_COMMANDS(CMD_WORD)};
#undef CMD_WORD
    if (n == 4 && !strncmp(word, "exit", 4))
        return C_QUIT;
    Cmd found = C_NONE;
    int hits = 0;
    for (int i = 0; i < C_NONE; i++) {
        if (n == strlen(names[i]) && !strncmp(word, names[i], n))
            return (Cmd)i;
        if (n && n < strlen(names[i]) && !strncmp(word, names[i], n)) {
            found = (Cmd)i;
            hits++;
        }
    }
    return hits == 1 ? found : C_NONE;
}

void repl_command(Repl *r, const char *line)
{
    const char *word = line + 1;
    size_t n = strcspn(word, " \t;");
    char *arg = argument(line);
    switch (lookup(word, n)) {
    case C_HELP: repl_help(r->out, arg); break;
    case C_LOAD: cmd_load(r, arg); break;
    case C_SAVE: cmd_save(r, arg); break;
    case C_RELOAD: cmd_reload(r); break;
    case C_SET: cmd_set(r, arg); break;
    case C_UNDO: cmd_undo(r); break;
    case C_RESET:
        repl_reset(r);
        fprintf(r->out, "the world is empty\n");
        break;
    case C_QUIT: r->quit = true; break;
    case C_NONE:
        fprintf(r->err, "error: unknown command ':%.*s'\n", (int)n, word);
        fprintf(r->err, "  = hint: :help lists the commands\n");
        r->status = DG_EFAIL;
        break;
    }
    fflush(r->out);
    free(arg);
}
