/* lsp.h - `dealgraph lsp`, the Language Server Protocol 3.17 over standard input and output
 * (docs/EDITORS.md): what its files share. lsp_proto.c frames messages (Content-Length) and
 * answers JSON-RPC errors; lsp.c runs the loop, the lifecycle and the dispatch; lsp_docs.c
 * holds the open documents, runs them through dg.h and publishes their diagnostics;
 * lsp_lang.c answers hover, definition, references, symbols and formatting;
 * lsp_complete.c completion. Only dg.h is used below it.
 *
 * Ownership: the Lsp owns its documents, each document its text and its last run (Dg). */
#ifndef DG_LSP_H
#define DG_LSP_H
#include <jansson.h>
#include "dg.h"

/* JSON-RPC and LSP error codes. */
enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_INTERNAL_ERROR = -32603,
    LSP_NOT_INITIALIZED = -32002,
    LSP_REQUEST_FAILED = -32803,
};

/* The largest message read (a 10 MB document and room to spare); a larger one is skipped
 * and answered with an error. */
#define LSP_MAX_MESSAGE ((size_t)64 << 20)
/* Steps a run may take (statements, and clearings inside a what-if or a simulate) before it
 * stops: a change never waits on a long what-if. */
#define LSP_STEP_BUDGET 4000000u
/* Samples a simulate draws in the editor's runs (a note says so): its mistakes show in the
 * first ones, and a million would take seconds. */
#define LSP_MAX_SAMPLES 100u

typedef struct LspDoc {
    char *uri;
    char *path;          /* the file's real path; NULL for a URI that is no file */
    char *text;
    size_t len;
    Dg *dg;              /* its last run */
    bool over_budget;    /* that run stopped at LSP_STEP_BUDGET */
    char **published;    /* URIs its diagnostics went to last time */
    size_t npublished;
} LspDoc;

typedef struct Lsp {
    FILE *in, *out;
    FILE *devnull;       /* where runs print (`show`) and diagnostics go as text */
    bool initialized, shutdown;
    LspDoc **docs;
    size_t ndocs, capdocs;
    size_t steps;        /* of the run in progress */
} Lsp;

/* ---- lsp_proto.c ---- */
typedef enum { MSG_OK, MSG_EOF, MSG_BAD_HEADER, MSG_TOO_BIG } MsgStatus;
/* The next message's body (heap, NUL-terminated) in *body. */
MsgStatus lsp_read(FILE *in, char **body, size_t *len);
/* Write one message (its JSON is consumed); false when the output is gone. */
bool lsp_send(Lsp *l, json_t *msg);
bool lsp_reply(Lsp *l, json_t *id, json_t *result);
bool lsp_error(Lsp *l, json_t *id, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
bool lsp_notify(Lsp *l, const char *method, json_t *params);
/* A heap string, printf's way (NULL when out of memory). */
char *lsp_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- lsp_docs.c ---- */
LspDoc *lsp_doc(Lsp *l, const char *uri);
void lsp_doc_open(Lsp *l, const char *uri, const char *text, size_t len);
void lsp_doc_change(Lsp *l, LspDoc *d, const char *text, size_t len);
void lsp_doc_close(Lsp *l, LspDoc *d);
void lsp_docs_free(Lsp *l);
/* The file name dg.h knows the document by, and the URI of a file dg.h names. */
const char *lsp_doc_file(const LspDoc *d);
char *lsp_uri_of(Lsp *l, const char *file);
/* The UTF-16 length of text[0, len) and the position of its end. */
void lsp_text_end(const char *text, size_t len, int *line, int *col);
json_t *lsp_range_json(const DgRange *r);
json_t *lsp_location_json(Lsp *l, const DgRange *r);

/* ---- lsp_lang.c, lsp_complete.c: each answers a request's result (NULL: error sent) ---- */
typedef json_t *(*LspMethod)(Lsp *l, json_t *id, json_t *params);
json_t *lsp_hover(Lsp *l, json_t *id, json_t *params);
json_t *lsp_definition(Lsp *l, json_t *id, json_t *params);
json_t *lsp_references(Lsp *l, json_t *id, json_t *params);
json_t *lsp_document_symbol(Lsp *l, json_t *id, json_t *params);
json_t *lsp_formatting(Lsp *l, json_t *id, json_t *params);
json_t *lsp_completion(Lsp *l, json_t *id, json_t *params);
/* The document and position a request names, or NULL after an invalid-params error. */
LspDoc *lsp_params_doc(Lsp *l, json_t *id, json_t *params, int *line, int *col);

/* lsp.c defines cli.h's lsp_main: 0 after shutdown and exit, 1 when exit or the end of
 * input comes without shutdown (as LSP says), 2 for an unknown option. */

#endif
