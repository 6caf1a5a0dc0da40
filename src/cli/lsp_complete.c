/* lsp_complete.c - completion in context: the word before the one being typed says what
 * may come (after `show` the topics and the names that can be shown, after `of`, `to`,
 * `in`, `from` and `defaults` the entities, after `if` and `simulate` the scenarios, after
 * `cancel` and `with` the deal labels); anywhere else every keyword, name and figure. The
 * names are the document's run's (its symbol index), the words dg.h's lists. Only words
 * that match what is typed so far are offered (its first letter, then its letters in order:
 * `opn` offers openai, as editors filter), and at most MAX_NAMES names, the list marked
 * incomplete when more match, so a script of 300,000 labelled deals answers at once. */
#include "lsp.h"
#include <stdlib.h>
#include <string.h>

/* CompletionItemKind */
enum { CK_FUNCTION = 3, CK_VARIABLE = 6, CK_CLASS = 7, CK_MODULE = 9, CK_KEYWORD = 14,
       CK_ENUM_MEMBER = 20, CK_EVENT = 23 };

enum {
    WANT_KEYWORDS = 1, WANT_ENTITIES = 2, WANT_LABELS = 4, WANT_SCENARIOS = 8, WANT_LETS = 16,
    WANT_FIGURES = 32, WANT_TOPICS = 64,
    WANT_ALL = WANT_KEYWORDS | WANT_ENTITIES | WANT_LABELS | WANT_SCENARIOS | WANT_LETS |
               WANT_FIGURES,
};

/* Names offered at most (in name order, after the language's words): the editor asks again
 * as more is typed. */
#define MAX_NAMES 500

typedef struct Items {
    json_t *arr;
    const char *typed;   /* the word typed so far, typed_len bytes (not NUL-terminated) */
    size_t typed_len;
    bool cut;            /* more names matched than were offered */
} Items;

/* Does label match the word typed so far: the same first letter, then the typed letters in
 * order (a subsequence)? Anything matches nothing typed. */
static bool matches(const Items *it, const char *label)
{
    if (!it->typed_len)
        return true;
    if (label[0] != it->typed[0])
        return false;
    size_t k = 1;
    for (const char *c = label + 1; *c && k < it->typed_len; c++)
        if (*c == it->typed[k])
            k++;
    return k == it->typed_len;
}

static void item(Items *it, const char *label, int kind, const char *detail)
{
    if (!label || !matches(it, label))   /* (a risk measure with no show topic has none) */
        return;
    json_t *o = json_pack("{s:s, s:i, s:s}", "label", label, "kind", kind, "detail", detail);
    if (o)
        json_array_append_new(it->arr, o);
}

static void keyword(const char *w, void *ud) { item(ud, w, CK_KEYWORD, "keyword"); }
static void topic(const char *w, void *ud) { item(ud, w, CK_ENUM_MEMBER, "show topic"); }
static void risk_topic(const DgRisk *r, void *ud) { topic(r->topic, ud); }
/* (the names of the language's lists are unique within each list; names() dedupes the
 * script's, which repeat) */
static void figure(const char *w, int nargs, bool whatif, void *ud)
{
    (void)nargs;
    item(ud, w, CK_FUNCTION, whatif ? "what-if figure" : "figure");
}
static void risk(const DgRisk *r, void *ud) { item(ud, r->name, CK_FUNCTION, "risk measure"); }

static int cmp_sym(const void *a, const void *b)
{
    const DgSym *x = *(const DgSym *const *)a, *y = *(const DgSym *const *)b;
    return x->kind != y->kind ? (int)x->kind - (int)y->kind : strcmp(x->name, y->name);
}

/* Is the symbol the word being typed at (line, col)? It is not a name to offer: `show le`
 * reads `le` as a name until it is typed out. */
static bool at_cursor(const DgSym *s, const char *file, int line, int col)
{
    return s->at.file && !strcmp(s->at.file, file) && s->at.line == line &&
           s->at.end_line == line && s->at.col <= col && col <= s->at.end_col;
}

/* The names of the kinds wanted, each once, sorted (a large script has many uses of each),
 * but for the word at the cursor. */
static void names(Items *it, LspDoc *d, unsigned want, int line, int col)
{
    static const unsigned bit[] = {[DG_SYM_ENTITY] = WANT_ENTITIES, [DG_SYM_LABEL] = WANT_LABELS,
                                   [DG_SYM_SCENARIO] = WANT_SCENARIOS, [DG_SYM_LET] = WANT_LETS};
    static const int kind[] = {[DG_SYM_ENTITY] = CK_CLASS, [DG_SYM_LABEL] = CK_EVENT,
                               [DG_SYM_SCENARIO] = CK_MODULE, [DG_SYM_LET] = CK_VARIABLE};
    static const char *const detail[] = {[DG_SYM_ENTITY] = "entity", [DG_SYM_LABEL] = "deal",
                                         [DG_SYM_SCENARIO] = "scenario", [DG_SYM_LET] = "let"};
    size_t n, k = 0;
    const DgSym *all = dg_symbols(d->dg, &n);
    const DgSym **v = malloc((n + 1) * sizeof *v);
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        if (all[i].kind <= DG_SYM_LET && all[i].name && (bit[all[i].kind] & want) &&
            matches(it, all[i].name) && !at_cursor(&all[i], lsp_doc_file(d), line, col))
            v[k++] = &all[i];
    qsort(v, k, sizeof *v, cmp_sym);
    size_t offered = 0;
    for (size_t i = 0; i < k; i++) {
        if (i > 0 && cmp_sym(&v[i], &v[i - 1]) == 0)
            continue;
        if (offered++ == MAX_NAMES) {
            it->cut = true;
            break;
        }
        item(it, v[i]->name, kind[v[i]->kind], detail[v[i]->kind]);
    }
    free(v);
}

static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || (unsigned char)c >= 0x80;
}

/* The start of the word being typed, which ends at byte `at` of the line at `start`. */
static size_t word_start(const char *text, size_t start, size_t at)
{
    while (at > start && word_char(text[at - 1]))
        at--;
    return at;
}

/* What may be typed at byte `at` of the line starting at `start`, from the word before. */
static unsigned context(const char *text, size_t start, size_t at)
{
    size_t e = word_start(text, start, at);
    while (e > start && (text[e - 1] == ' ' || text[e - 1] == '\t'))
        e--;
    size_t b = e;
    while (b > start && word_char(text[b - 1]))
        b--;
    static const struct { const char *word; unsigned want; } after[] = {
        {"show", WANT_TOPICS | WANT_ENTITIES | WANT_LETS},
        {"of", WANT_ENTITIES}, {"to", WANT_ENTITIES}, {"in", WANT_ENTITIES},
        {"from", WANT_ENTITIES}, {"defaults", WANT_ENTITIES},
        {"if", WANT_SCENARIOS}, {"simulate", WANT_SCENARIOS},
        {"cancel", WANT_LABELS}, {"with", WANT_LABELS},
    };
    for (size_t i = 0; i < sizeof after / sizeof *after; i++)
        if (e - b == strlen(after[i].word) && !strncmp(text + b, after[i].word, e - b))
            return after[i].want;
    return WANT_ALL;
}

/* The byte offset of an editor position in text (UTF-16 columns), and its line's start. */
static size_t offset_of(const char *text, size_t len, int line, int col, size_t *start)
{
    size_t i = 0;
    for (int l = 0; l < line && i < len; i++)
        if (text[i] == '\n')
            l++;
    *start = i;
    for (long units = 0; i < len && text[i] != '\n';) {
        unsigned char c = (unsigned char)text[i];
        units += c >= 0xF0 ? 2 : 1;
        if (units > col)
            break;
        for (i++; i < len && ((unsigned char)text[i] & 0xC0) == 0x80; i++)
            ;
    }
    return i;
}

json_t *lsp_completion(Lsp *l, json_t *id, json_t *params)
{
    int line, col;
    LspDoc *d = lsp_params_doc(l, id, params, &line, &col);
    if (!d)
        return NULL;
    size_t start, at = offset_of(d->text, d->len, line, col, &start);
    unsigned want = context(d->text, start, at);
    size_t w = word_start(d->text, start, at);
    Items it = {json_array(), d->text + w, at - w, false};
    if (want & WANT_TOPICS) {
        dg_each_topic(topic, &it);
        dg_each_risk(risk_topic, &it);
    }
    names(&it, d, want, line, col);
    if (want & WANT_FIGURES) {
        dg_each_figure(figure, &it);
        dg_each_risk(risk, &it);
    }
    if (want & WANT_KEYWORDS)
        dg_each_keyword(keyword, &it);
    return json_pack("{s:b, s:o}", "isIncomplete", it.cut, "items", it.arr);
}
