/* dg_lsp.c - what an editor asks of a run (dg.h "editors"): unsaved buffers read before the
 * disk, positions as editors count them, the diagnostics as records, and the hover cards of
 * an entity, a deal, a scenario (its clearing, computed only then) and a figure. The symbol index is dg_index.c's.
 *
 * Ownership: the file names handed out (DgRange.file) are the context's, cached per source
 * file and freed with it. */
#include "dg_int.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "credit.h"
#include "figures.h"
#include "schedule.h"
#include "show.h"
#include "stress_show.h"

void dg_set_reader(Dg *dg, DgReadFn fn, void *ud)
{
    dg->rd.src.overlay = fn;
    dg->rd.src.overlay_ud = ud;
}

/* ---- files and positions ---- */

const char *dg_file_name(Dg *dg, uint32_t file)
{
    const SourceFile *f = srcset_get(&dg->rd.src, file);
    if (!f)
        return NULL;
    if (file >= dg->capnames) {
        size_t old = dg->capnames;
        dg->names = vec_grow(dg->names, &dg->capnames, file + 1, sizeof *dg->names);
        memset(dg->names + old, 0, (dg->capnames - old) * sizeof *dg->names);
    }
    if (!dg->names[file]) {
        char real[PATH_MAX];
        dg->names[file] = strdup(f->path && realpath(f->path, real) ? real
                                 : f->path ? f->path : f->name);
    }
    return dg->names[file];
}

uint32_t dg_file_id(Dg *dg, const char *name)
{
    for (uint32_t id = 1; id < dg->rd.src.n; id++) {
        const char *nm = dg_file_name(dg, id);
        if (nm && !strcmp(nm, name))
            return id;
    }
    return 0;
}

bool dg_read_file(Dg *dg, const char *file) { return dg_file_id(dg, file) != 0; }

/* UTF-16 code units of text[from, to): a four-byte sequence is two, a stray byte one. */
static int utf16_units(const char *text, size_t from, size_t to)
{
    long n = 0;
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)text[i];
        if ((c & 0xC0) != 0x80)
            n += c >= 0xF0 ? 2 : 1;
    }
    return n > INT_MAX ? INT_MAX : (int)n;
}

static void position(Dg *dg, uint32_t file, uint32_t off, int *line, int *col)
{
    int l, c;
    srcset_linecol(&dg->rd.src, file, off, &l, &c);
    const SourceFile *f = srcset_get(&dg->rd.src, file);
    *line = l > 0 ? l - 1 : 0;
    *col = f && l > 0 ? utf16_units(f->text, f->lines[l - 1], off > f->len ? f->len : off) : 0;
}

DgRange dg_range(Dg *dg, Span sp)
{
    DgRange r = {0};
    r.file = dg_file_name(dg, sp.file);
    if (!r.file)
        return r;
    position(dg, sp.file, sp.start, &r.line, &r.col);
    position(dg, sp.file, sp.end, &r.end_line, &r.end_col);
    return r;
}

bool dg_offset(Dg *dg, uint32_t file, int line, int col, uint32_t *off)
{
    const SourceFile *f = srcset_get(&dg->rd.src, file);
    if (!f || line < 0 || col < 0)
        return false;
    int l0, c0;
    srcset_linecol(&dg->rd.src, file, 0, &l0, &c0);   /* builds the line table */
    if ((size_t)line >= f->nlines)
        return false;
    size_t i = f->lines[line];
    for (long units = 0; i < f->len && f->text[i] != '\n';) {
        unsigned char c = (unsigned char)f->text[i];
        long w = c >= 0xF0 ? 2 : 1;
        if (units + w > col)
            break;
        units += w;
        for (i++; i < f->len && ((unsigned char)f->text[i] & 0xC0) == 0x80; i++)
            ;
    }
    *off = (uint32_t)i;
    return true;
}

/* ---- diagnostics ---- */

void dg_each_diag(Dg *dg, void (*fn)(const DgDiag *d, void *ud), void *ud)
{
    static const DgSeverity sev[] = {[DIAG_ERROR] = DG_SEV_ERROR,
                                     [DIAG_WARNING] = DG_SEV_WARNING,
                                     [DIAG_NOTE] = DG_SEV_NOTE};
    for (size_t i = 0; i < dg->rd.diags.n; i++) {
        const Diag *g = &dg->rd.diags.items[i];
        DgDiag d = {dg_range(dg, g->span), sev[g->level], g->msg, g->hint};
        fn(&d, ud);
    }
}

/* ---- cards ---- */

/* What a memory stream holds once closed, or NULL when it is empty. */
static char *stream_text(FILE *fp, char **buf)
{
    fclose(fp);   /* sets *buf */
    if (*buf && !**buf) {
        free(*buf);
        *buf = NULL;
    }
    return *buf;
}

char *dg_entity_card(Dg *dg, const char *name)
{
    Sym s = intern_find(&dg->rd.in, name, strlen(name));
    EntId v = s ? world_find(eval_world(dg->ev), s) : ENT_NONE;
    if (v == ENT_NONE)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp)
        return NULL;
    show_entity(fp, eval_engine_of(dg->ev), v);
    return stream_text(fp, &buf);
}

char *dg_scenario_card(Dg *dg, const char *name)
{
    size_t before = dg->rd.diags.n;
    EvalScenario *es = eval_scenario(dg->ev, name);
    diags_truncate(&dg->rd.diags, before);   /* its mistakes were reported by the run */
    if (!es)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (fp) {
        fprintf(fp, "clearing under scenario %s:\n", name);
        stress_show_defaults(fp, eval_scenario_stress(es), eval_scenario_world(es));
        stress_show_losses(fp, eval_scenario_stress(es), eval_scenario_world(es));
    }
    eval_scenario_free(es);
    return fp ? stream_text(fp, &buf) : NULL;
}

static const char *month_text(int32_t m, char *buf, size_t n)
{
    return value_text(value_date(m), buf, n);
}

/* A facility pays nothing of itself: the years its borrower may draw on it (credit.h). */
static void facility_schedule(FILE *fp, const Deal *d, const Horizon *h)
{
    int a, b;
    if (!d->binding)
        fputs("schedule: never drawn (it binds nobody)", fp);
    else if (!credit_window(d, h, &a, &b))
        fputs("schedule: never drawn (no year of the model is in its window)", fp);
    else if (!h->dated)
        fputs("schedule: drawn as needed (the script has no dates)", fp);
    else if (a == b)
        fprintf(fp, "schedule: drawn as needed in %d", a);
    else
        fprintf(fp, "schedule: drawn as needed, %d to %d", a, b);
}

/* When the deal pays, as schedule.h reads it: at once in a month, or monthly over a span. */
static void deal_schedule(FILE *fp, const Deal *d, const Horizon *h)
{
    char a[64], b[64];
    int32_t start, end;
    deal_span(d, h, &start, &end);
    if (d->kind == VERB_COMMITS)
        facility_schedule(fp, d, h);
    else if (!h->dated)
        fputs("schedule: now (the script has no dates)", fp);
    else if (end <= start + 1)
        fprintf(fp, "schedule: at once, %s", month_text(start, a, sizeof a));
    else
        fprintf(fp, "schedule: monthly, %s to %s (%d months)", month_text(start, a, sizeof a),
                month_text(end - 1, b, sizeof b), (int)(end - start));
    bool loan = d->kind == VERB_LENDS || d->kind == VERB_COMMITS;
    if (loan && d->due != MONTH_NONE)
        fprintf(fp, ", repaid %s", month_text(d->due, a, sizeof a));
    fputc('\n', fp);
    if (loan && d->price > 0)
        fprintf(fp, "interest: %s a year%s\n", pct_text(d->price, a, sizeof a),
                d->kind == VERB_COMMITS ? " on what was drawn" : "");
}

static void deal_lines(FILE *fp, const World *w, const Deal *d)
{
    char a[64], b[64];
    Interner *in = world_interner(w);
    Horizon h = horizon_of(w);
    if (d->label)
        fprintf(fp, "deal %s\n", sym_str(in, d->label));
    static const char *const to[] = {[VERB_INVESTS] = " in", [VERB_LENDS] = " to",
                                     [VERB_BUYS] = " from", [VERB_PAYS] = " to",
                                     [VERB_GRANTS] = "", [VERB_GUARANTEES] = " to",
                                     [VERB_COMMITS] = " credit to"};
    fprintf(fp, "%s %s%s %s\n", world_name(w, d->payer), verb_name(d->kind),
            (unsigned)d->kind < sizeof to / sizeof *to && to[d->kind] ? to[d->kind] : "",
            world_name(w, d->payee));
    fprintf(fp, "payer: %s\npayee: %s\n", world_name(w, d->payer), world_name(w, d->payee));
    if (d->kind == VERB_GRANTS)
        fprintf(fp, "amount: %s shares\n", scaled_text(d->amount, a, sizeof a));
    else if (d->kind == VERB_GUARANTEES)
        fprintf(fp, "amount: up to %s USD\n", usd_text(d->amount, a, sizeof a));
    else if (d->kind == VERB_COMMITS)   /* a limit: deal_total counts no payment */
        fprintf(fp, "amount: up to %s USD (the facility's limit)\n",
                usd_text(d->amount, a, sizeof a));
    else
        fprintf(fp, "amount: %s USD%s\n", usd_text(deal_total(d, &h), a, sizeof a),
                d->per_year ? " within the horizon (a yearly rate)" : "");
    if (d->gw > 0)
        fprintf(fp, "capacity: %sGW\n", plain_text(d->gw, b, sizeof b));
    deal_schedule(fp, d, &h);
    fprintf(fp, "binding: %s\n", d->binding ? "yes" : "no (a letter of intent)");
    fprintf(fp, "source: %s\n", d->source ? d->source : "none given");
}

/* The deal of a label, or the one written at a statement's span. */
static bool find_deal(Dg *dg, const DgSym *sym, Deal *out)
{
    const World *w = eval_world(dg->ev);
    if (sym->kind == DG_SYM_LABEL) {
        Sym s = intern_find(&dg->rd.in, sym->name, strlen(sym->name));
        return s && world_deal(w, world_find_label(w, s), out);
    }
    Span sp;
    if (sym->kind != DG_SYM_DEAL || !dg_index_span(dg, sym, &sp))
        return false;
    for (DealId i = 0; i < world_n_deals(w); i++)
        if (world_deal(w, i, out) && out->span.file == sp.file && out->span.start == sp.start)
            return true;
    return false;
}

char *dg_deal_card(Dg *dg, const DgSym *sym)
{
    Deal d;
    if (!sym || !find_deal(dg, sym, &d))
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp)
        return NULL;
    deal_lines(fp, eval_world(dg->ev), &d);
    return stream_text(fp, &buf);
}

/* docs/ENGINE.md's figure tables, extracted when built (dg_figdoc.awk). */
static const struct FigDoc {
    const char *name, *text;
} figure_docs[] = {
#define X(name, text) {name, text},
#include "dg_figdoc.h"
#undef X
};

const char *dg_figure_doc(const char *name)
{
    for (size_t i = 0; i < sizeof figure_docs / sizeof *figure_docs; i++)
        if (!strcmp(figure_docs[i].name, name))
            return figure_docs[i].text;
    return NULL;
}
