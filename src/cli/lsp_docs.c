/* lsp_docs.c - the open documents: each is run through dg.h when it opens or changes (with
 * `--strict` checking, quietly, the open buffers read in place of the disk) and its
 * diagnostics are published, grouped by the file they are in (an included file's go to
 * that file). File URIs and paths, and positions as JSON. */
#include "lsp.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ---- URIs ---- */

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The path of a file: URI (its real path when the file exists), or NULL for another URI. */
static char *uri_path(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0)
        return NULL;
    const char *p = strchr(uri + 7, '/');   /* past an authority ("localhost") */
    if (!p)
        return NULL;
    char *out = malloc(strlen(p) + 1), *o = out;
    if (!out)
        return NULL;
    for (; *p; p++) {
        int hi, lo;
        if (*p == '%' && (hi = hexval(p[1])) >= 0 && (lo = hexval(p[2])) >= 0) {
            *o++ = (char)(hi * 16 + lo);
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    char real[PATH_MAX];
    if (strlen(out) != (size_t)(o - out) || !realpath(out, real))
        return out;   /* a NUL in the path, or no such file yet: as written */
    free(out);
    return strdup(real);
}

char *lsp_uri_of(Lsp *l, const char *file)
{
    for (size_t i = 0; i < l->ndocs; i++)   /* an open document: the client's own spelling */
        if (!strcmp(lsp_doc_file(l->docs[i]), file))
            return strdup(l->docs[i]->uri);
    if (file[0] != '/')
        return strdup(file);
    static const char hex[] = "0123456789ABCDEF";
    char *out = malloc(7 + 3 * strlen(file) + 1), *o = out;
    if (!out)
        return NULL;
    o += sprintf(o, "file://");
    for (const unsigned char *p = (const unsigned char *)file; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p)) {
            *o++ = (char)*p;
        } else {
            *o++ = '%';
            *o++ = hex[*p >> 4];
            *o++ = hex[*p & 15];
        }
    }
    *o = '\0';
    return out;
}

const char *lsp_doc_file(const LspDoc *d) { return d->path ? d->path : d->uri; }

/* ---- positions ---- */

void lsp_text_end(const char *text, size_t len, int *line, int *col)
{
    long l = 0, c = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 0;
        } else if ((ch & 0xC0) != 0x80) {
            c += ch >= 0xF0 ? 2 : 1;
        }
    }
    *line = l > INT_MAX ? INT_MAX : (int)l;
    *col = c > INT_MAX ? INT_MAX : (int)c;
}

json_t *lsp_range_json(const DgRange *r)
{
    return json_pack("{s:{s:i, s:i}, s:{s:i, s:i}}", "start", "line", r->line, "character",
                     r->col, "end", "line", r->end_line, "character", r->end_col);
}

json_t *lsp_location_json(Lsp *l, const DgRange *r)
{
    char *uri = lsp_uri_of(l, r->file);
    json_t *loc = uri ? json_pack("{s:s, s:o}", "uri", uri, "range", lsp_range_json(r)) : NULL;
    free(uri);
    return loc;
}

/* ---- running a document ---- */

/* dg.h's reader: an open document's text in place of its file. */
static const char *read_open(void *ud, const char *path, size_t *len)
{
    Lsp *l = ud;
    for (size_t i = 0; i < l->ndocs; i++)
        if (l->docs[i]->path && !strcmp(l->docs[i]->path, path)) {
            *len = l->docs[i]->len;
            return l->docs[i]->text;
        }
    return NULL;
}

static bool over_budget(void *ud)
{
    Lsp *l = ud;
    return ++l->steps > LSP_STEP_BUDGET;
}

static void run(Lsp *l, LspDoc *d)
{
    DgOptions o = {.out = l->devnull, .err = l->devnull, .strict = true, .quiet = true,
                   .jobs = 1, .max_samples = LSP_MAX_SAMPLES, .cancel = over_budget,
                   .cancel_ud = l};
    dg_free(d->dg);
    d->dg = dg_new(&o);
    dg_set_reader(d->dg, read_open, l);
    l->steps = 0;
    if (d->path)
        dg_run_file(d->dg, d->path);
    else
        dg_run_text(d->dg, d->uri, d->text, d->len);
    dg_finish(d->dg);
    d->over_budget = l->steps > LSP_STEP_BUDGET;
}

/* ---- publishing ---- */

typedef struct Group {
    char *file;
    json_t *diags;
} Group;

typedef struct Collect {
    Lsp *l;
    LspDoc *d;
    Group *g;
    size_t n;
} Collect;

static json_t *group_of(Collect *c, const char *file)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->g[i].file, file))
            return c->g[i].diags;
    Group *g = realloc(c->g, (c->n + 1) * sizeof *g);
    if (!g)
        return NULL;
    c->g = g;
    c->g[c->n] = (Group){strdup(file), json_array()};
    return c->g[c->n++].diags;
}

static void collect(const DgDiag *dd, void *ud)
{
    Collect *c = ud;
    DgRange r = dd->at;
    if (!r.file)   /* no place of its own: the document's start */
        r = (DgRange){lsp_doc_file(c->d), 0, 0, 0, 0};
    char msg[1024];
    const char *text = dd->message, *hint = dd->hint;
    if (c->d->over_budget && !strcmp(text, "interrupted")) {   /* the budget, not Ctrl-C */
        text = "not evaluated past here: the document takes more steps than the editor "
               "allows (dealgraph check runs all of it)";
        hint = NULL;
    }
    snprintf(msg, sizeof msg, "%s%s%s", text, hint ? "\nhint: " : "", hint ? hint : "");
    json_t *arr = group_of(c, r.file);
    json_t *one = json_pack("{s:o, s:i, s:s, s:s}", "range", lsp_range_json(&r), "severity",
                            (int)dd->severity, "source", "dealgraph", "message", msg);
    if (!one)   /* not UTF-8 (a name quoted from a bad file): say it without the text */
        one = json_pack("{s:o, s:i, s:s, s:s}", "range", lsp_range_json(&r), "severity",
                        (int)dd->severity, "source", "dealgraph", "message",
                        "invalid UTF-8 here");
    if (arr && one)
        json_array_append_new(arr, one);
    else
        json_decref(one);
}

static void publish(Lsp *l, const char *uri, json_t *diags)
{
    lsp_notify(l, "textDocument/publishDiagnostics",
               json_pack("{s:s, s:o}", "uri", uri, "diagnostics", diags));
}

/* Is uri another open document? Its own run publishes its diagnostics, so the run of a
 * document that includes it neither overwrites nor clears them (which of the two ran last
 * would decide what the editor shows). */
static bool other_open(Lsp *l, const LspDoc *d, const char *uri)
{
    for (size_t i = 0; i < l->ndocs; i++)
        if (l->docs[i] != d && !strcmp(l->docs[i]->uri, uri))
            return true;
    return false;
}

/* The document's diagnostics, and empty lists for the files that had some last time. */
static void publish_doc(Lsp *l, LspDoc *d)
{
    Collect c = {l, d, NULL, 0};
    group_of(&c, lsp_doc_file(d));   /* the document's list goes first, even empty */
    dg_each_diag(d->dg, collect, &c);
    char **now = calloc(c.n + 1, sizeof *now);
    size_t nnow = 0;
    for (size_t i = 0; i < c.n; i++) {
        char *uri = lsp_uri_of(l, c.g[i].file);
        if (uri && i > 0 && other_open(l, d, uri)) {
            free(uri);
            uri = NULL;
        }
        if (uri) {
            publish(l, uri, c.g[i].diags);
            if (now)
                now[nnow++] = uri;
            else
                free(uri);
        } else {
            json_decref(c.g[i].diags);
        }
        free(c.g[i].file);
    }
    free(c.g);
    for (size_t i = 0; i < d->npublished; i++) {
        bool still = false;
        for (size_t j = 0; j < nnow && !still; j++)
            still = !strcmp(now[j], d->published[i]);
        if (!still && !other_open(l, d, d->published[i]))
            publish(l, d->published[i], json_array());
        free(d->published[i]);
    }
    free(d->published);
    d->published = now;
    d->npublished = nnow;
}

/* ---- the documents ---- */

LspDoc *lsp_doc(Lsp *l, const char *uri)
{
    for (size_t i = 0; i < l->ndocs; i++)
        if (!strcmp(l->docs[i]->uri, uri))
            return l->docs[i];
    return NULL;
}

static void set_text(LspDoc *d, const char *text, size_t len)
{
    char *t = malloc(len + 1);
    if (!t)
        return;
    memcpy(t, text, len);
    t[len] = '\0';
    free(d->text);
    d->text = t;
    d->len = len;
}

/* A change may be in a file the other documents include: they are run again too. */
static void rerun(Lsp *l, LspDoc *changed)
{
    run(l, changed);
    publish_doc(l, changed);
    for (size_t i = 0; i < l->ndocs && changed->path; i++)
        if (l->docs[i] != changed && dg_read_file(l->docs[i]->dg, changed->path)) {
            run(l, l->docs[i]);
            publish_doc(l, l->docs[i]);
        }
}

void lsp_doc_open(Lsp *l, const char *uri, const char *text, size_t len)
{
    LspDoc *d = lsp_doc(l, uri);
    if (!d) {
        d = calloc(1, sizeof *d);
        LspDoc **docs = realloc(l->docs, (l->ndocs + 1) * sizeof *docs);
        if (!d || !docs || !(d->uri = strdup(uri))) {
            free(d);
            if (docs)
                l->docs = docs;
            return;
        }
        l->docs = docs;
        l->docs[l->ndocs++] = d;
        d->path = uri_path(uri);
    }
    set_text(d, text, len);
    rerun(l, d);
}

void lsp_doc_change(Lsp *l, LspDoc *d, const char *text, size_t len)
{
    set_text(d, text, len);
    rerun(l, d);
}

static void doc_free(LspDoc *d)
{
    dg_free(d->dg);
    for (size_t i = 0; i < d->npublished; i++)
        free(d->published[i]);
    free(d->published);
    free(d->uri);
    free(d->path);
    free(d->text);
    free(d);
}

/* Its diagnostics are cleared, and the open documents that read it are run again: they
 * read the file from the disk now, its unsaved changes dropped. */
void lsp_doc_close(Lsp *l, LspDoc *d)
{
    for (size_t i = 0; i < d->npublished; i++)
        if (!other_open(l, d, d->published[i]))
            publish(l, d->published[i], json_array());
    bool *again = calloc(l->ndocs + 1, sizeof *again);
    for (size_t i = 0; i < l->ndocs && again && d->path; i++)
        again[i] = l->docs[i] != d && dg_read_file(l->docs[i]->dg, d->path);
    for (size_t i = 0; i < l->ndocs; i++)
        if (l->docs[i] == d) {
            if (again)
                again[i] = again[l->ndocs - 1];
            l->docs[i] = l->docs[--l->ndocs];
            break;
        }
    doc_free(d);
    for (size_t i = 0; i < l->ndocs && again; i++)
        if (again[i]) {
            run(l, l->docs[i]);
            publish_doc(l, l->docs[i]);
        }
    free(again);
}

void lsp_docs_free(Lsp *l)
{
    for (size_t i = 0; i < l->ndocs; i++)
        doc_free(l->docs[i]);
    free(l->docs);
}
