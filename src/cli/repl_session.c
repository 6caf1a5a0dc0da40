/* repl_session.c - the REPL's session: the accepted inputs, and rolling the world back.
 *
 * dg.h offers no way to take a statement back, so the session
 * keeps the text of every input that ran cleanly; :undo, :reload and recovery from a failed
 * input rebuild the world with dg_reset and a silent replay. What-if never needs this: the
 * evaluator runs it on a fork and the base world is untouched. */
#define _GNU_SOURCE   /* fopencookie: dg writes to FILE*, and replays must be silenced */
#include "repl_int.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static ssize_t fwd_write(void *cookie, const char *buf, size_t n)
{
    ReplFwd *f = cookie;
    if (f->mute || n == 0)
        return (ssize_t)n;
    if (f->flush_first)
        fflush(f->flush_first);
    size_t w = fwrite(buf, 1, n, f->to);
    if (f->flush_first)
        fflush(f->to);   /* diagnostics appear at once, in order with what came before */
    return w == n ? (ssize_t)n : -1;
}

static FILE *fwd_open(ReplFwd *f)
{
    cookie_io_functions_t io = {.read = NULL, .write = fwd_write, .seek = NULL, .close = NULL};
    FILE *fp = fopencookie(f, "w", io);
    if (!fp) {
        fprintf(stderr, "dealgraph: cannot open an output stream: %s\n", strerror(errno));
        exit(DG_EIO);
    }
    /* Unbuffered: every write reaches the real stream at once, so the order of shows and
     * diagnostics is the order dg produced them. */
    setvbuf(fp, NULL, _IONBF, 0);
    return fp;
}

static void set_mute(Repl *r, bool out, bool err)
{
    fflush(r->out);
    fflush(r->err);
    r->fwd_out.mute = out;
    r->fwd_err.mute = err;
}

/* Start files are loaded loudly: their shows print, as in a script run. */
static bool load_start(Repl *r)
{
    for (size_t i = 0; i < r->nstart; i++) {
        int rc = dg_run_file(r->dg, r->start[i]);
        if (rc == DG_EIO)
            return false;   /* dg has said which file and why */
        if (rc != DG_OK)
            r->status = DG_EFAIL;
    }
    if (dg_check_strict(r->dg) != DG_OK)   /* as `check --strict` would, over all of them */
        r->status = DG_EFAIL;
    r->start_loaded = true;
    return true;
}

bool repl_session_open(Repl *r)
{
    r->fwd_out = (ReplFwd){.to = stdout, .flush_first = NULL, .mute = false};
    r->fwd_err = (ReplFwd){.to = stderr, .flush_first = stdout, .mute = false};
    r->out = fwd_open(&r->fwd_out);
    r->err = fwd_open(&r->fwd_err);
    const char *nc = getenv("NO_COLOR");
    r->opt = (DgOptions){.out = r->out, .err = r->err, .echo_exprs = true,
                         .color = isatty(STDERR_FILENO) && !(nc && *nc),
                         .cancel = repl_cancel, .cancel_ud = r, .strict = r->strict};
    r->dg = dg_new(&r->opt);
    r->counter = 1;
    return load_start(r);
}

static void free_inputs(Repl *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->in[i].name);
        free(r->in[i].text);
    }
    r->n = 0;
}

void repl_session_close(Repl *r)
{
    free_inputs(r);
    free(r->in);
    dg_free(r->dg);
    fclose(r->out);
    fclose(r->err);
    fflush(stdout);
}

static int run_input(Repl *r, const ReplInput *in)
{
    if (in->is_file)
        return dg_run_file(r->dg, in->name);
    if (in->pad == 0)
        return dg_run_text(r->dg, in->name, in->text, in->len);
    char *buf = xmalloc(in->pad + in->len + 1);
    memset(buf, '\n', in->pad);
    memcpy(buf + in->pad, in->text, in->len);
    buf[in->pad + in->len] = '\0';
    int rc = dg_run_text(r->dg, in->name, buf, in->pad + in->len);
    free(buf);
    return rc;
}

static void keep(Repl *r, const ReplInput *in)
{
    r->in = vec_grow(r->in, &r->cap, r->n + 1, sizeof *r->in);
    r->in[r->n++] = *in;
}

static int submit(Repl *r, ReplInput in)
{
    repl_settle(r);
    int rc = run_input(r, &in);
    /* --strict: an input that uses an entity it does not declare fails, as `check --strict`
     * would fail a script that never declares it */
    if (dg_check_strict(r->dg) != DG_OK && rc == DG_OK)
        rc = DG_EFAIL;
    fflush(r->out);
    fflush(stdout);
    if (rc == DG_OK) {
        keep(r, &in);
        return DG_OK;
    }
    if (!r->interactive && rc == DG_EFAIL) {
        /* Piped input runs as a file does: a statement with an error is left out and the
         * rest of its block stands (a replay leaves the same out, silently). */
        keep(r, &in);
        r->status = DG_EFAIL;
        return rc;
    }
    free(in.name);
    free(in.text);
    /* A change may have half happened: roll back before going on. A question cannot. */
    if (in.kind == DG_INPUT_CHANGE)
        r->dirty = true;
    r->status = DG_EFAIL;
    return rc;
}

int repl_submit(Repl *r, const char *name, const char *text, size_t len, size_t pad)
{
    ReplInput in = {.kind = dg_input_kind(text, len), .is_file = false,
                    .name = strdup(name), .text = xmalloc(len + 1), .len = len, .pad = pad};
    memcpy(in.text, text, len);
    in.text[len] = '\0';
    return submit(r, in);
}

int repl_submit_typed(Repl *r, const char *name, const char *text, size_t len)
{
    repl_settle(r);
    ReplInput *last = r->n ? &r->in[r->n - 1] : NULL;
    if (!last || last->is_file || last->kind != DG_INPUT_CHANGE || last->pad ||
        dg_parse_status(text, len) != DG_PARSE_ERROR)
        return repl_submit(r, name, text, len, 0);
    /* A line that cannot stand alone: does it go on with the last input (a clause line,
     * `source "..."` after a deal)? Then the two run as one input in its place. */
    StrBuf joined = {0};
    strbuf_add(&joined, last->text, last->len);
    if (last->len && last->text[last->len - 1] != '\n')
        strbuf_add(&joined, "\n", 1);
    strbuf_add(&joined, text, len);
    if (dg_parse_status(joined.s, joined.len) != DG_PARSE_OK) {
        free(joined.s);
        return repl_submit(r, name, text, len, 0);
    }
    ReplInput prev = *last;
    r->n--;
    repl_rebuild(r, false);   /* the world without the deal, which runs again with its clause */
    int rc = repl_submit(r, prev.name, joined.s, joined.len, 0);
    free(joined.s);
    if (rc == DG_OK || !r->interactive) {
        free(prev.name);
        free(prev.text);
        return rc;
    }
    keep(r, &prev);   /* the clause failed: the deal stands as it was */
    r->dirty = true;
    return rc;
}

int repl_submit_file(Repl *r, const char *path)
{
    ReplInput in = {.kind = DG_INPUT_CHANGE, .is_file = true, .name = strdup(path)};
    return submit(r, in);
}

void repl_rebuild(Repl *r, bool show_errors)
{
    set_mute(r, true, !show_errors);
    r->replaying = true;
    dg_reset(r->dg);
    for (size_t i = 0; r->start_loaded && i < r->nstart; i++)
        dg_run_file(r->dg, r->start[i]);
    for (size_t i = 0; i < r->n; i++)
        if (r->in[i].kind == DG_INPUT_CHANGE)   /* questions changed nothing: skip them */
            run_input(r, &r->in[i]);
    dg_set_strict(r->dg, r->strict);   /* what was replayed was checked when it first ran */
    r->replaying = false;
    set_mute(r, false, false);
    r->dirty = false;
}

void repl_settle(Repl *r)
{
    if (r->dirty)
        repl_rebuild(r, false);
}

/* The first line of an input that is not blank or a comment, for ":undo" to echo. */
static void describe(const ReplInput *in, char *what, size_t n)
{
    if (in->is_file) {
        snprintf(what, n, ":load %s", in->name);
        return;
    }
    const char *t = in->text;
    for (;;) {
        t += strspn(t, " \t\r\n");
        if (*t != '#')
            break;
        t += strcspn(t, "\n");
    }
    int len = (int)strcspn(t, "\n");
    bool more = t[len] && t[len + strspn(t + len, " \t\r\n")];
    snprintf(what, n, "%.*s%s", len, t, more ? " ..." : "");
}

static void drop_last(Repl *r)
{
    r->n--;
    free(r->in[r->n].name);
    free(r->in[r->n].text);
}

bool repl_undo(Repl *r, char *what, size_t n)
{
    repl_settle(r);
    size_t last = r->n;
    while (last > 0 && r->in[last - 1].kind != DG_INPUT_CHANGE)
        last--;
    if (last == 0)
        return false;
    ReplInput *in = &r->in[last - 1];
    size_t cut = in->is_file ? 0 : dg_last_change_at(in->text, in->len);
    if (cut > 0) {
        /* A piped block: keep what came before its last change. */
        ReplInput tail = {.text = in->text + cut};
        describe(&tail, what, n);
        while (r->n > last)
            drop_last(r);
        in->len = cut;
        in->text[cut] = '\0';
        in->kind = dg_input_kind(in->text, in->len);
    } else {
        describe(in, what, n);
        while (r->n >= last)
            drop_last(r);
    }
    repl_rebuild(r, false);
    return true;
}

void repl_reset(Repl *r)
{
    free_inputs(r);
    dg_reset(r->dg);
    r->start_loaded = false;
    r->dirty = false;
}

/* The path of `to` as seen from directory `from` (both absolute and canonical). */
static char *rel_path(const char *from, const char *to)
{
    size_t i = 0, last = 0;
    while (from[i] && from[i] == to[i]) {
        if (from[i] == '/')
            last = i;
        i++;
    }
    if (from[i] == '\0' && to[i] == '/')
        last = i;
    size_t ups = 0;
    for (const char *p = from + last; *p; p++)
        if (*p == '/' && p[1] && p[1] != '/')
            ups++;
    if (from[last] && from[last] != '/')
        ups++;
    const char *rest = to + last + (to[last] == '/');
    char *out = xmalloc(ups * 3 + strlen(rest) + 1);
    char *o = out;
    for (size_t k = 0; k < ups; k++, o += 3)
        memcpy(o, "../", 3);
    strcpy(o, rest);
    return out;
}

/* `include "PATH";` for a file, with PATH relative to the saved script's directory. */
static void add_include(char **buf, size_t *len, size_t *cap, const char *dir, const char *file)
{
    char real[PATH_MAX], rdir[PATH_MAX];
    char *p = realpath(file, real) && dir && realpath(dir, rdir) ? rel_path(rdir, real)
                                                                  : strdup(file);
    size_t need = *len + strlen(p) + 16;
    *buf = vec_grow(*buf, cap, need + 1, 1);
    *len += (size_t)sprintf(*buf + *len, "include \"%s\"\n", p);
    free(p);
}

char *repl_script(Repl *r, const char *dir, size_t *len)
{
    size_t cap = 256;
    char *buf = xmalloc(cap);
    *len = 0;
    buf[0] = '\0';
    for (size_t i = 0; r->start_loaded && i < r->nstart; i++)
        add_include(&buf, len, &cap, dir, r->start[i]);
    for (size_t i = 0; i < r->n; i++) {
        const ReplInput *in = &r->in[i];
        if (in->is_file) {
            add_include(&buf, len, &cap, dir, in->name);
            continue;
        }
        if (in->kind == DG_INPUT_PEEK)
            continue;   /* a bare expression only printed a value: nothing to keep */
        buf = vec_grow(buf, &cap, *len + in->len + 2, 1);
        memcpy(buf + *len, in->text, in->len);
        *len += in->len;
        if (in->len && in->text[in->len - 1] != '\n')
            buf[(*len)++] = '\n';
        buf[*len] = '\0';
    }
    return buf;
}
