/* dg.c - the library API of dg.h: a Dg context owns the sources, diagnostics, interner and
 * the evaluator (which owns the world); the CLI, REPL, tests and fuzzer all go through it.
 * This file: the context, running scripts, what the REPL asks of an input, fmt and the
 * dumps (dg_out.c: reports, diff, pictures).
 *
 * Diagnostics are printed to opt.err after each call, in the
 * order they were found; the context remembers how many it has printed. */
#include "dg_int.h"
#include <stdlib.h>
#include <string.h>
#include "fmt.h"
#include "keywords.h"
#include "parse.h"
#include "show_topic.h"
#include "tokens.h"

Dg *dg_new(const DgOptions *opt)
{
    Dg *dg = xcalloc(1, sizeof *dg);
    dg->opt = *opt;
    if (!dg->opt.out)
        dg->opt.out = stdout;
    if (!dg->opt.err)
        dg->opt.err = stderr;
    reading_init(&dg->rd);
    dg->rd.diags.color = dg->opt.color;
    dg->ev = eval_new(&dg->rd.in, &dg->rd.src, &dg->rd.diags, &dg->opt);
    return dg;
}

void dg_free(Dg *dg)
{
    if (!dg)
        return;
    eval_free(dg->ev);
    dg_index_free(dg);
    for (size_t i = 0; i < dg->capnames; i++)
        free(dg->names[i]);
    free(dg->names);
    reading_free(&dg->rd);
    free(dg);
}

/* Print what was found since the last call; the count of new errors decides the status. */
int dg_flush_diags(Dg *dg, size_t errors_before)
{
    dg_index_free(dg);   /* the run may have read more */
    diags_print(&dg->rd.diags, dg->opt.err, dg->printed);
    dg->printed = dg->rd.diags.n;
    fflush(dg->opt.out);
    return dg->rd.diags.nerrors > errors_before ? DG_EFAIL : DG_OK;
}

int dg_run_file(Dg *dg, const char *path)
{
    size_t before = dg->rd.diags.nerrors;
    if (!strcmp(path, "-")) {
        size_t len = 0;
        const char *why = NULL;
        char *text = src_slurp(stdin, SRC_MAX_BYTES, &len, &why);
        if (!text) {
            fprintf(dg->opt.err, "dealgraph: cannot read standard input: %s\n", why);
            return DG_EIO;
        }
        eval_text(dg->ev, "<stdin>", text, len);
        return dg_flush_diags(dg, before);
    }
    if (eval_file(dg->ev, path) == DG_EIO) {
        fprintf(dg->opt.err, "dealgraph: cannot read '%s': %s\n", path,
                srcset_error(&dg->rd.src));
        dg_flush_diags(dg, before);
        return DG_EIO;
    }
    return dg_flush_diags(dg, before);
}

int dg_run_text(Dg *dg, const char *name, const char *text, size_t len)
{
    size_t before = dg->rd.diags.nerrors;
    char *copy = xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    eval_text(dg->ev, name, copy, len);
    return dg_flush_diags(dg, before);
}

int dg_finish(Dg *dg)
{
    size_t before = dg->rd.diags.nerrors;
    eval_finish(dg->ev);
    return dg_flush_diags(dg, before);
}

void dg_set_strict(Dg *dg, bool on)
{
    if (on)
        eval_strict_mark(dg->ev);
    dg->opt.strict = on;
}

int dg_check_strict(Dg *dg)
{
    size_t before = dg->rd.diags.nerrors;
    eval_check_strict(dg->ev);
    return dg_flush_diags(dg, before);
}

int dg_parse_status(const char *text, size_t len)
{
    ParseTrial t;
    parse_trial(&t, text, len);
    int st = t.rd.diags.nerrors == 0 ? DG_PARSE_OK
             : t.result.incomplete ? DG_PARSE_INCOMPLETE : DG_PARSE_ERROR;
    parse_trial_free(&t);
    return st;
}

void dg_reset(Dg *dg)
{
    eval_free(dg->ev);
    dg_index_free(dg);
    dg->ev = eval_new(&dg->rd.in, &dg->rd.src, &dg->rd.diags, &dg->opt);
}

void dg_each_name(Dg *dg, DgNameFn fn, void *ud) { eval_each_name(dg->ev, fn, ud); }
void dg_each_keyword(DgNameFn fn, void *ud) { keyword_each(fn, ud); }
void dg_each_figure(DgFigureFn fn, void *ud) { eval_each_figure(fn, ud); }

typedef struct EachRisk {
    void (*fn)(const DgRisk *r, void *ud);
    void *ud;
} EachRisk;

static void risk_of(const EvalRisk *r, void *ud)
{
    EachRisk *each = ud;
    DgRisk d = {r->name, r->usage, r->topic, r->topic_usage};
    each->fn(&d, each->ud);
}

void dg_each_risk(void (*fn)(const DgRisk *r, void *ud), void *ud)
{
    EachRisk each = {fn, ud};
    eval_each_risk(risk_of, &each);
}

void dg_each_topic(DgNameFn fn, void *ud)
{
    for (int i = 0; i < TOPIC__COUNT; i++)
        fn(show_topic_name((ShowTopic)i), ud);
}
void dg_each_scenario(Dg *dg, DgNameFn fn, void *ud) { eval_each_scenario(dg->ev, fn, ud); }

/* ---- what an input does, from its statement kinds alone (nothing is evaluated) ---- */

/* Bigger inputs are classified as changes without a look: only piped files get this big,
 * and parsing them twice would cost more than it saves. */
#define CLASSIFY_MAX (1u << 16)
/* Past this size a piped block goes as one input (its last change is not looked for). */
#define UNDO_SPLIT_MAX (4u << 20)

static DgInputKind stmt_kind(const Stmt *s)
{
    switch (s->kind) {
    case ST_EXPR: return DG_INPUT_PEEK;
    case ST_SHOW:
    case ST_ASSERT:
    case ST_WHATIF:
    case ST_SIMULATE: return DG_INPUT_QUESTION;
    default: return DG_INPUT_CHANGE;
    }
}

DgInputKind dg_input_kind(const char *text, size_t len)
{
    if (len > CLASSIFY_MAX)
        return DG_INPUT_CHANGE;
    ParseTrial t;
    parse_trial(&t, text, len);
    DgInputKind kind = DG_INPUT_PEEK;
    if (t.rd.diags.nerrors)
        kind = DG_INPUT_CHANGE;   /* the evaluator may still run the statements that parsed */
    for (const Stmt *s = t.result.prog.stmts.first; s && kind != DG_INPUT_CHANGE; s = s->next) {
        DgInputKind k = stmt_kind(s);
        if (k > kind)
            kind = k;
    }
    parse_trial_free(&t);
    return kind;
}

size_t dg_last_change_at(const char *text, size_t len)
{
    if (len > UNDO_SPLIT_MAX)
        return 0;
    ParseTrial t;
    parse_trial(&t, text, len);
    size_t at = 0;
    bool first = true;
    for (const Stmt *s = t.result.prog.stmts.first; s; s = s->next, first = false)
        if (stmt_kind(s) == DG_INPUT_CHANGE)
            at = first ? 0 : s->span.start;
    parse_trial_free(&t);
    return at < len ? at : 0;
}

/* Read and register a file ("-": standard input) for fmt or a dump; prints the usual
 * message when it cannot. */
static uint32_t read_source(Dg *dg, const char *who, const char *path)
{
    uint32_t id;
    const char *why = NULL;
    if (!strcmp(path, "-")) {
        size_t len = 0;
        char *text = src_slurp(stdin, SRC_MAX_BYTES, &len, &why);
        id = text ? srcset_add(&dg->rd.src, "<stdin>", NULL, text, len) : 0;
    } else {
        id = srcset_read(&dg->rd.src, path, path);
        why = srcset_error(&dg->rd.src);
    }
    if (!id)
        fprintf(dg->opt.err, "%s: cannot read '%s': %s\n", who, path, why);
    return id;
}

int dg_dump_tokens(Dg *dg, const char *path, FILE *out)
{
    uint32_t id = read_source(dg, "dealgraph", path);
    if (!id)
        return DG_EIO;
    size_t before = dg->rd.diags.nerrors;
    tokens_dump(out, &dg->rd.src, id, &dg->rd.in, &dg->rd.diags);
    return dg_flush_diags(dg, before);
}

int dg_dump_ast(Dg *dg, const char *path, FILE *out)
{
    uint32_t id = read_source(dg, "dealgraph", path);
    if (!id)
        return DG_EIO;
    size_t before = dg->rd.diags.nerrors;
    Arena a;
    arena_init(&a);
    ParseResult pr = parse_source(&a, &dg->rd.in, &dg->rd.diags, id);
    ast_dump(out, &pr.prog, &dg->rd.in, &dg->rd.src);
    arena_free(&a);
    return dg_flush_diags(dg, before);
}

/* ---- fmt ---- */

int dg_fmt_file(Dg *dg, const char *path, char **out, size_t *len, bool *changed)
{
    *out = NULL;
    uint32_t id = read_source(dg, "dealgraph fmt", path);
    if (!id)
        return DG_EIO;
    size_t before = dg->rd.diags.nerrors;
    *out = fmt_source(&dg->rd.src, id, &dg->rd.in, &dg->rd.diags, len);
    int st = dg_flush_diags(dg, before);
    if (!*out)
        return DG_EFAIL;
    const SourceFile *f = srcset_get(&dg->rd.src, id);
    *changed = f->len != *len || memcmp(f->text, *out, *len) != 0;
    return st;
}

char *dg_fmt_text(const char *text, size_t len, size_t *outlen)
{
    return fmt_text(text, len, outlen);
}

const World *dg_world(const Dg *dg) { return eval_world(dg->ev); }
Interner *dg_interner(Dg *dg) { return &dg->rd.in; }
size_t dg_error_count(const Dg *dg) { return dg->rd.diags.nerrors; }
bool dg_showed(const Dg *dg) { return eval_showed(dg->ev); }
