/* lsp_lang.c - the requests about names in a document, answered from its last run and its
 * symbol index (dg.h "editors"): hover (an entity's card, a deal's, a figure's definition, a
 * scenario's clearing: computed on hover, so a change never waits for it),
 * go to definition, find references, the document's symbols, and formatting through fmt. */
#include "lsp.h"
#include <stdlib.h>
#include <string.h>

LspDoc *lsp_params_doc(Lsp *l, json_t *id, json_t *params, int *line, int *col)
{
    json_t *td = json_object_get(params, "textDocument");
    json_t *uri = json_object_get(td, "uri");
    LspDoc *d = json_is_string(uri) ? lsp_doc(l, json_string_value(uri)) : NULL;
    if (!d) {
        lsp_error(l, id, RPC_INVALID_PARAMS, "%s", json_is_string(uri)
                  ? "textDocument.uri names no open document" : "no textDocument.uri");
        return NULL;
    }
    if (!line)
        return d;
    json_t *pos = json_object_get(params, "position");
    json_t *jl = json_object_get(pos, "line"), *jc = json_object_get(pos, "character");
    if (!json_is_integer(jl) || !json_is_integer(jc) || json_integer_value(jl) < 0 ||
        json_integer_value(jc) < 0 || json_integer_value(jl) > 0x7fffffff ||
        json_integer_value(jc) > 0x7fffffff) {
        lsp_error(l, id, RPC_INVALID_PARAMS, "no position {line, character}");
        return NULL;
    }
    *line = (int)json_integer_value(jl);
    *col = (int)json_integer_value(jc);
    return d;
}

static const DgSym *symbol_at(Lsp *l, json_t *id, json_t *params, LspDoc **doc)
{
    int line, col;
    LspDoc *d = lsp_params_doc(l, id, params, &line, &col);
    if (!d)
        return NULL;
    *doc = d;
    return dg_symbol_at(d->dg, lsp_doc_file(d), line, col);
}

/* ---- hover ---- */

typedef struct FigLook {
    const char *name;
    int nargs;
    bool found, whatif;
} FigLook;

static void fig_look(const char *name, int nargs, bool whatif, void *ud)
{
    FigLook *f = ud;
    if (!f->found && !strcmp(name, f->name))
        *f = (FigLook){f->name, nargs, true, whatif};
}

static char *figure_hover(const char *name)
{
    FigLook f = {name, 0, false, false};
    dg_each_figure(fig_look, &f);
    const char *doc = dg_figure_doc(name);
    static const char *const args[] = {"()", "(v)", "(a, b)"};
    if (doc)
        return lsp_printf("**%s%s**: %s", name, f.found && f.nargs >= 0 && f.nargs <= 2
                          ? args[f.nargs] : "", doc);
    if (f.found && f.whatif)
        return lsp_printf("**%s(x)**: a figure of a what-if's clearing (docs/STRESS.md)", name);
    return lsp_printf("**%s**: a risk measure or a simulate's figure (docs/RISK.md)", name);
}

static char *fenced(char *card)
{
    if (!card)
        return NULL;
    char *r = lsp_printf("```\n%s```", card);
    free(card);
    return r;
}

static char *hover_text(LspDoc *d, const DgSym *s)
{
    switch (s->kind) {
    case DG_SYM_ENTITY: {
        char *card = fenced(dg_entity_card(d->dg, s->name));
        if (card)
            return card;
        return lsp_printf("entity `%s`: not in the world (its statement had an error)", s->name);
    }
    case DG_SYM_LABEL:
    case DG_SYM_DEAL: return fenced(dg_deal_card(d->dg, s));
    case DG_SYM_FIGURE: return figure_hover(s->name);
    case DG_SYM_SCENARIO: {
        char *card = fenced(dg_scenario_card(d->dg, s->name));
        return card ? card : lsp_printf("scenario `%s`: not defined", s->name);
    }
    case DG_SYM_LET: return lsp_printf("let `%s`", s->name);
    }
    return NULL;
}

json_t *lsp_hover(Lsp *l, json_t *id, json_t *params)
{
    LspDoc *d = NULL;
    const DgSym *s = symbol_at(l, id, params, &d);
    if (!d)
        return NULL;
    l->steps = 0;   /* a scenario's clearing has the step budget of a run */
    char *text = s ? hover_text(d, s) : NULL;
    if (!text)
        return json_null();
    json_t *r = json_pack("{s:{s:s, s:s}, s:o}", "contents", "kind", "markdown", "value", text,
                          "range", lsp_range_json(&s->at));
    free(text);
    return r ? r : json_null();
}

/* ---- definition and references ---- */

static bool names_thing(const DgSym *s)
{
    return s->kind == DG_SYM_ENTITY || s->kind == DG_SYM_LABEL || s->kind == DG_SYM_SCENARIO ||
           s->kind == DG_SYM_LET;
}

static bool same(const DgSym *a, const DgSym *b)
{
    return a->kind == b->kind && a->name && b->name && !strcmp(a->name, b->name);
}

/* Did a run before `upto` in `from` (the documents whose symbols were taken) read file? */
static bool covered(LspDoc **from, size_t upto, const char *file)
{
    for (size_t k = 0; k < upto; k++)
        if (from[k] && dg_read_file(from[k]->dg, file))
            return true;
    return false;
}

/* Every symbol naming the same thing as s: its definitions, or all its uses too. They are
 * the document's run's, and those of the open documents that include it (a file included
 * by a script is used by that script), each file taken from the first run that read it. */
static json_t *locations(Lsp *l, LspDoc *d, const DgSym *s, bool defs, bool uses)
{
    json_t *arr = json_array();
    LspDoc **from = calloc(l->ndocs + 1, sizeof *from);
    size_t nfrom = 0;
    if (!from)
        return arr;
    from[nfrom++] = d;
    for (size_t j = 0; j < l->ndocs && d->path; j++)
        if (l->docs[j] != d && dg_read_file(l->docs[j]->dg, d->path))
            from[nfrom++] = l->docs[j];
    for (size_t k = 0; k < nfrom; k++) {
        size_t n;
        const DgSym *all = dg_symbols(from[k]->dg, &n);
        for (size_t i = 0; i < n; i++) {
            if (!all[i].at.file || !same(&all[i], s) || !(all[i].definition ? defs : uses) ||
                (k > 0 && covered(from, k, all[i].at.file)))
                continue;
            json_t *loc = lsp_location_json(l, &all[i].at);
            if (loc)
                json_array_append_new(arr, loc);
        }
    }
    free(from);
    return arr;
}

json_t *lsp_definition(Lsp *l, json_t *id, json_t *params)
{
    LspDoc *d = NULL;
    const DgSym *s = symbol_at(l, id, params, &d);
    if (!d)
        return NULL;
    if (!s || !names_thing(s))
        return json_null();
    return locations(l, d, s, true, false);
}

json_t *lsp_references(Lsp *l, json_t *id, json_t *params)
{
    LspDoc *d = NULL;
    const DgSym *s = symbol_at(l, id, params, &d);
    if (!d)
        return NULL;
    if (!s || !names_thing(s))
        return json_null();
    json_t *ctx = json_object_get(params, "context");
    json_t *decl = json_object_get(ctx, "includeDeclaration");
    return locations(l, d, s, !json_is_false(decl), true);
}

/* ---- document symbols: the entities, labelled deals, scenarios and lets it defines ---- */

/* The outline holds the first this many, in the order the run met them: a script of 300,000
 * labelled deals would send 70 MB that no outline can show (docs/EDITORS.md). */
#define MAX_DOC_SYMBOLS 10000

json_t *lsp_document_symbol(Lsp *l, json_t *id, json_t *params)
{
    LspDoc *d = lsp_params_doc(l, id, params, NULL, NULL);
    if (!d)
        return NULL;
    /* SymbolKind: Class for an entity, Event for a deal, Module for a scenario, Variable */
    static const int kinds[] = {[DG_SYM_ENTITY] = 5, [DG_SYM_LABEL] = 24,
                                [DG_SYM_SCENARIO] = 2, [DG_SYM_LET] = 13};
    static const char *const details[] = {[DG_SYM_ENTITY] = "entity", [DG_SYM_LABEL] = "deal",
                                          [DG_SYM_SCENARIO] = "scenario", [DG_SYM_LET] = "let"};
    json_t *arr = json_array();
    size_t n;
    const DgSym *all = dg_symbols(d->dg, &n);
    const char *file = lsp_doc_file(d);
    for (size_t i = 0; i < n && json_array_size(arr) < MAX_DOC_SYMBOLS; i++) {
        const DgSym *s = &all[i];
        if (!s->definition || !names_thing(s) || !s->at.file || strcmp(s->at.file, file))
            continue;
        json_t *sym = json_pack("{s:s, s:s, s:i, s:o, s:o}", "name", s->name, "detail",
                                details[s->kind], "kind", kinds[s->kind], "range",
                                lsp_range_json(&s->at), "selectionRange",
                                lsp_range_json(&s->at));
        if (sym)
            json_array_append_new(arr, sym);
    }
    return arr;
}

/* ---- formatting: one edit, the whole document in fmt's layout ---- */

json_t *lsp_formatting(Lsp *l, json_t *id, json_t *params)
{
    LspDoc *d = lsp_params_doc(l, id, params, NULL, NULL);
    if (!d)
        return NULL;
    size_t len = 0;
    char *text = dg_fmt_text(d->text, d->len, &len);
    if (!text) {
        lsp_error(l, id, LSP_REQUEST_FAILED, "the document does not parse: fmt lays out only "
                  "a script without syntax errors");
        return NULL;
    }
    json_t *edits = json_array();
    if (len != d->len || memcmp(text, d->text, len) != 0) {
        DgRange all = {NULL, 0, 0, 0, 0};
        lsp_text_end(d->text, d->len, &all.end_line, &all.end_col);
        json_t *e = json_pack("{s:o, s:s%}", "range", lsp_range_json(&all), "newText", text,
                              len);
        if (e)
            json_array_append_new(edits, e);
    }
    free(text);
    return edits;
}
