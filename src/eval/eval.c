/* eval.c - the evaluator's context, file loading (`include`, `use`) and statement dispatch.
 *
 * Declarations live in eval_decl.c, expressions in
 * eval_expr.c, questions in eval_query.c, what-if in eval_whatif.c. */
#include "eval_int.h"
#include "parse.h"
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef DG_STDLIB_DIR
#define DG_STDLIB_DIR "stdlib"
#endif

Eval *eval_new(Interner *in, SourceSet *src, Diags *diags, const DgOptions *opt)
{
    Eval *ev = xcalloc(1, sizeof *ev);
    ev->in = in;
    ev->src = src;
    ev->d = diags;
    ev->opt = opt;
    ev->out = opt->out ? opt->out : stdout;
    /* `check` evaluates `show`s too (their mistakes are errors) but prints nothing */
    if (opt->quiet && (ev->null_out = fopen("/dev/null", "w")))
        ev->out = ev->null_out;
    ev->base.w = world_new(in);
    return ev;
}

void eval_free(Eval *ev)
{
    if (!ev)
        return;
    query_release(&ev->base);
    world_free(ev->base.w);
    for (size_t i = 0; i < ev->narenas; i++) {
        arena_free(ev->arenas[i]);
        free(ev->arenas[i]);
    }
    free(ev->arenas);
    free(ev->lets);
    free(ev->scen);
    free(ev->scen_idx);
    for (size_t i = 0; i < ev->nseen; i++)
        free(ev->seen[i]);
    free(ev->seen);
    free(ev->stack);
    free(ev->stack_name);
    free(ev->pend);
    free(ev->pend_head);
    free(ev->refs);
    free(ev->bad_label);
    if (ev->null_out)
        fclose(ev->null_out);
    free(ev);
}

World *eval_world(Eval *ev) { return ev->base.w; }
bool eval_showed(const Eval *ev) { return ev->showed; }

/* The world changed: engine caches built before are stale. */
void eval_changed(Query *q) { q->version++; }

/* The source text of a span, cut to fit buf (for messages that quote the script). */
const char *eval_snippet(Eval *ev, Span sp, char *buf, size_t n)
{
    const SourceFile *f = srcset_get(ev->src, sp.file);
    buf[0] = '\0';
    if (!f || sp.start > f->len || sp.end > f->len || sp.end < sp.start)
        return buf;
    size_t len = sp.end - sp.start, o = 0;
    for (size_t i = 0; i < len && o + 4 < n; i++) {
        char c = f->text[sp.start + i];
        if (c == '\n' || c == '\t' || c == '\r')
            c = ' ';
        if (c == ' ' && o > 0 && buf[o - 1] == ' ')
            continue;
        buf[o++] = c;
    }
    if (o + 4 >= n && len > o) {
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    buf[o] = '\0';
    return buf;
}

/* ---- files ---- */

static bool seen_before(Eval *ev, const char *real)
{
    for (size_t i = 0; i < ev->nseen; i++)
        if (!strcmp(ev->seen[i], real))
            return true;
    return false;
}

static void push_arena(Eval *ev, Arena *a)
{
    ev->arenas = vec_grow(ev->arenas, &ev->caparenas, ev->narenas + 1, sizeof *ev->arenas);
    ev->arenas[ev->narenas++] = a;
}

void eval_program(Eval *ev, const Program *p, Arena *ast_arena)
{
    if (ast_arena)
        push_arena(ev, ast_arena);
    eval_stmts(ev, &ev->base, &p->stmts);
}

/* Each statement is evaluated as soon as it is parsed, and its nodes are then reused: only
 * scenario blocks (read again by every `what if`) and lets computed from a random let (read
 * again in every sample of a simulate) are kept. Strings stay (deal sources and display
 * names point into them). */
static bool eval_each(void *ud, Stmt *s)
{
    Eval *ev = ud;
    eval_stmt(ev, &ev->base, s);
    return s->kind == ST_SCENARIO ||
           (s->kind == ST_LET && !s->u.let.random && eval_let_is_random(ev, s->u.let.name));
}

/* Parse one registered source file and evaluate it, with `real` on the include stack. */
static void run_source(Eval *ev, uint32_t file, const char *real)
{
    const SourceFile *f = srcset_get(ev->src, file);
    char *realcopy = real ? arena_strdup(&ev->in->arena, real) : NULL;
    if (realcopy) {
        ev->seen = vec_grow(ev->seen, &ev->capseen, ev->nseen + 1, sizeof *ev->seen);
        ev->seen[ev->nseen++] = strdup(real);
        ev->stack = vec_grow(ev->stack, &ev->capstack, ev->nstack + 1, sizeof *ev->stack);
        ev->stack_name = vec_grow(ev->stack_name, &ev->capstack_name, ev->nstack + 1,
                                  sizeof *ev->stack_name);
        ev->stack[ev->nstack] = realcopy;
        ev->stack_name[ev->nstack++] = f->name;
    }
    Arena *nodes = xmalloc(sizeof *nodes), *strings = xmalloc(sizeof *strings);
    arena_init(nodes);
    arena_init(strings);
    push_arena(ev, nodes);
    push_arena(ev, strings);
    parse_source_each(nodes, strings, ev->in, ev->d, file, eval_each, ev);
    if (realcopy)
        ev->nstack--;
}

int eval_file(Eval *ev, const char *path)
{
    char real[PATH_MAX];
    if (realpath(path, real) && seen_before(ev, real))
        return ev->d->nerrors ? DG_EFAIL : DG_OK;
    uint32_t id = srcset_read(ev->src, path, path);
    if (!id)
        return DG_EIO;
    size_t before = ev->d->nerrors;
    run_source(ev, id, realpath(path, real) ? real : NULL);
    return ev->d->nerrors > before ? DG_EFAIL : DG_OK;
}

int eval_text(Eval *ev, const char *name, char *text, size_t len)
{
    uint32_t id = srcset_add(ev->src, name, NULL, text, len);
    size_t before = ev->d->nerrors;
    run_source(ev, id, NULL);
    return ev->d->nerrors > before ? DG_EFAIL : DG_OK;
}

/* "a.deal -> b.deal -> a.deal", from where the cycle starts on the include stack. */
static void report_cycle(Eval *ev, size_t from, const char *again, Span sp)
{
    size_t cap = 256, len = 0;
    char *msg = xmalloc(cap);
    msg[0] = '\0';
    for (size_t i = from; i <= ev->nstack; i++) {
        const char *nm = i < ev->nstack ? ev->stack_name[i] : again;
        size_t need = len + strlen(nm) + 5;
        msg = vec_grow(msg, &cap, need, 1);
        len += (size_t)sprintf(msg + len, "%s%s", i > from ? " -> " : "", nm);
    }
    diag_error(ev->d, sp, "include cycle: %s", msg);
    free(msg);
}

/* Evaluate the file at `path` for an include or use at span sp; `shown` names it. */
static void load_at(Eval *ev, const char *path, Span sp)
{
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        diag_error(ev->d, sp, "cannot read '%s': %s", path, strerror(errno));
        return;
    }
    for (size_t i = 0; i < ev->nstack; i++)
        if (!strcmp(ev->stack[i], real)) {
            report_cycle(ev, i, path, sp);
            return;
        }
    if (seen_before(ev, real))
        return;  /* a file included twice is evaluated once */
    uint32_t id = srcset_read(ev->src, path, path);
    if (!id) {
        diag_error(ev->d, sp, "cannot read '%s': %s", path, srcset_error(ev->src));
        return;
    }
    /* Only the files run directly print: an included file gives its world (its mistakes
     * and failed asserts are reported), not its answers. */
    FILE *out = ev->out;
    bool muted = ev->muted;
    if (!ev->null_out)
        ev->null_out = fopen("/dev/null", "w");
    if (ev->null_out) {
        ev->out = ev->null_out;
        ev->muted = true;
    }
    run_source(ev, id, real);
    ev->out = out;
    ev->muted = muted;
}

static void eval_include(Eval *ev, const Stmt *s)
{
    const char *rel = s->u.include.path;
    const SourceFile *f = srcset_get(ev->src, s->span.file);
    const char *slash = f && f->path ? strrchr(f->path, '/') : NULL;
    if (rel[0] == '/' || !slash) {
        load_at(ev, rel, s->u.include.path_span);
        return;
    }
    size_t dl = (size_t)(slash - f->path) + 1;
    char *p = xmalloc(dl + strlen(rel) + 1);
    memcpy(p, f->path, dl);
    strcpy(p + dl, rel);
    load_at(ev, p, s->u.include.path_span);
    free(p);
}

/* The stdlib search path: options, else $DEALGRAPH_PATH (colon-separated), else built in. */
static const char *stdlib_path(const Eval *ev)
{
    if (ev->opt->stdlib_dir)
        return ev->opt->stdlib_dir;
    const char *env = getenv("DEALGRAPH_PATH");
    return env && *env ? env : DG_STDLIB_DIR;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "ai2025, prelude, scenarios": the modules on the search path, sorted, for the hint. */
static char *module_list(const char *path)
{
    char **names = NULL;
    size_t n = 0, cap = 0, total = 1;
    char *copy = strdup(path);
    for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
        DIR *dp = opendir(dir);
        for (struct dirent *de; dp && (de = readdir(dp));) {
            size_t l = strlen(de->d_name);
            if (l > 5 && !strcmp(de->d_name + l - 5, ".deal")) {
                names = vec_grow(names, &cap, n + 1, sizeof *names);
                names[n++] = strndup(de->d_name, l - 5);
                total += l;
            }
        }
        if (dp)
            closedir(dp);
    }
    free(copy);
    qsort(names, n, sizeof *names, cmp_str);
    char *out = xcalloc(total + 1, 1);
    for (size_t i = 0; i < n; i++) {
        if (i && strcmp(names[i], names[i - 1]) == 0)
            continue;  /* the same module in two directories */
        if (*out)
            strcat(out, ", ");
        strcat(out, names[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return out;
}

static void eval_use(Eval *ev, const Stmt *s)
{
    const char *name = sym_str(ev->in, s->u.use.name);
    const char *path = stdlib_path(ev);
    char *copy = strdup(path);
    for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
        char *p = xmalloc(strlen(dir) + strlen(name) + 8);
        sprintf(p, "%s/%s.deal", dir, name);
        if (access(p, F_OK) == 0) {   /* found: load_at reads it, or says why it cannot */
            load_at(ev, p, s->u.use.name_span);
            free(p);
            free(copy);
            return;
        }
        free(p);
    }
    free(copy);
    char *mods = module_list(path);
    diag_error(ev->d, s->u.use.name_span, "unknown module '%s'", name);
    if (*mods)
        diag_hint(ev->d, "modules: %s", mods);
    else
        diag_hint(ev->d, "no modules found in %s (set DEALGRAPH_PATH)", path);
    free(mods);
}

/* ---- statements ---- */

static void eval_stmt_now(Eval *ev, Query *q, const Stmt *s);

void eval_stmts(Eval *ev, Query *q, const StmtList *l)
{
    for (const Stmt *s = l->first; s; s = s->next)
        eval_stmt(ev, q, s);
}

/* opt->cancel (Ctrl-C in the REPL): the rest of the input is skipped, and one error makes
 * it fail, so the REPL takes back what of it ran. Asked before and after each statement
 * (after: a what-if's clearing may have been stopped inside it). */
static bool interrupted(Eval *ev, const Stmt *s)
{
    if (!ev->opt->cancel || !ev->opt->cancel(ev->opt->cancel_ud)) {
        ev->interrupted = false;   /* the next Ctrl-C is reported again */
        return false;
    }
    if (!ev->interrupted) {
        diag_error(ev->d, s->span, "interrupted");
        diag_hint(ev->d, "Ctrl-C stopped this input; nothing it did is kept");
        ev->interrupted = true;
    }
    return true;
}

void eval_stmt(Eval *ev, Query *q, const Stmt *s)
{
    if (interrupted(ev, s))
        return;
    eval_stmt_now(ev, q, s);
    interrupted(ev, s);
}

static void eval_stmt_now(Eval *ev, Query *q, const Stmt *s)
{
    switch (s->kind) {
    case ST_ENTITY: eval_entity(ev, q, s); break;
    case ST_PRICE: eval_price(ev, q, s); break;
    case ST_ASOF: eval_asof(ev, q, s); break;
    case ST_HORIZON: eval_horizon(ev, q, s); break;
    case ST_LAYERS: eval_layers(ev, q, s); break;
    case ST_LET: eval_let(ev, q, s); break;
    case ST_INCLUDE: eval_include(ev, s); break;
    case ST_USE: eval_use(ev, s); break;
    case ST_DEAL: eval_deal(ev, q, s); break;
    case ST_SHOW: eval_show(ev, q, s); break;
    case ST_ASSERT: eval_assert(ev, q, s); break;
    case ST_EXPR: eval_bare(ev, q, s); break;
    case ST_SCENARIO: eval_scenario_decl(ev, s); break;
    case ST_WHATIF: eval_whatif(ev, q, s); break;
    case ST_SIMULATE: eval_simulate(ev, q, s); break;
    case ST_DEFAULTS:
    case ST_SHOCK:
    case ST_CANCEL:
    case ST_DROP:
    case ST_SET: eval_shock_stmt(ev, q, s); break;
    }
}

/* Entities used but never declared: an error at their first use under --strict. */
void eval_check_strict(Eval *ev)
{
    if (!ev->opt->strict)
        return;
    World *w = ev->base.w;
    size_t n = world_n_entities(w), nd = 0;
    const char **decl = xcalloc(n + 1, sizeof *decl);
    for (EntId i = 0; i < n; i++)
        if (world_entity(w, i)->declared)
            decl[nd++] = world_name(w, i);
    for (EntId i = (EntId)ev->strict_checked; i < n; i++) {
        const Entity *e = world_entity(w, i);
        if (e->declared)
            continue;
        diag_error(ev->d, e->span, "'%s' is used but never declared", world_name(w, i));
        const char *near = eval_closest(world_name(w, i), decl, nd);
        if (near)
            diag_hint(ev->d, "did you mean '%s'?", near);
        else
            diag_hint(ev->d, "declare it: company %s", world_name(w, i));
    }
    ev->strict_checked = n;
    free(decl);
}

void eval_strict_mark(Eval *ev) { ev->strict_checked = world_n_entities(ev->base.w); }

/* Incremental: the REPL finishes after each input, and nothing is reported twice. */
void eval_finish(Eval *ev)
{
    eval_check_scenarios(ev);   /* may add an error with its note: not in the sort below */
    size_t from = ev->d->n;
    eval_resolve_pending(ev);
    eval_check_refs(ev);
    eval_check_strict(ev);
    eval_warn_near_misses(ev);
    eval_warn_past_debts(ev);
    diags_sort_from(ev->d, from);   /* the checks' findings, in line order */
}
