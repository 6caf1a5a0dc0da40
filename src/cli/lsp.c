/* lsp.c - `dealgraph lsp`: the loop that reads a message, checks it is JSON-RPC 2.0 and
 * dispatches it, and the lifecycle (initialize, initialized, shutdown, exit). Every request
 * gets a reply or an error (docs/EDITORS.md lists them); a notification that is not
 * understood is dropped, as the protocol says. The server ends at `exit` or when its input
 * closes. */
#include "lsp.h"
#include "cli.h"
#include <signal.h>
#include <stdlib.h>
#include <string.h>

typedef enum { CALL_REQUEST, CALL_NOTIFICATION } CallKind;

static json_t *initialize(Lsp *l, json_t *id, json_t *params)
{
    (void)params;
    if (l->initialized) {
        lsp_error(l, id, RPC_INVALID_REQUEST, "initialize: the server is initialized already");
        return NULL;
    }
    l->initialized = true;
    json_t *trigger = json_pack("[s]", " ");
    return json_pack(
        "{s:{s:{s:b, s:i}, s:b, s:{s:o, s:b}, s:b, s:b, s:b, s:b, s:s},"
        " s:{s:s}}",
        "capabilities",
        "textDocumentSync", "openClose", 1, "change", 1,
        "hoverProvider", 1,
        "completionProvider", "triggerCharacters", trigger, "resolveProvider", 0,
        "definitionProvider", 1, "referencesProvider", 1, "documentSymbolProvider", 1,
        "documentFormattingProvider", 1, "positionEncoding", "utf-16",
        "serverInfo", "name", "dealgraph");
}

static json_t *shutdown_(Lsp *l, json_t *id, json_t *params)
{
    (void)id;
    (void)params;
    l->shutdown = true;
    return json_null();
}

/* ---- document notifications ---- */

static const char *param_str(json_t *params, const char *obj, const char *key, size_t *len)
{
    json_t *o = obj ? json_object_get(params, obj) : params;
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v))
        return NULL;
    if (len)
        *len = json_string_length(v);
    return json_string_value(v);
}

static void did_open(Lsp *l, json_t *params)
{
    size_t len;
    const char *uri = param_str(params, "textDocument", "uri", NULL);
    const char *text = param_str(params, "textDocument", "text", &len);
    if (uri && text)
        lsp_doc_open(l, uri, text, len);
}

/* Full sync: the last change holds the whole text. */
static void did_change(Lsp *l, json_t *params)
{
    const char *uri = param_str(params, "textDocument", "uri", NULL);
    json_t *changes = json_object_get(params, "contentChanges");
    LspDoc *d = uri ? lsp_doc(l, uri) : NULL;
    size_t n = json_array_size(changes);
    json_t *last = n ? json_object_get(json_array_get(changes, n - 1), "text") : NULL;
    if (d && json_is_string(last))
        lsp_doc_change(l, d, json_string_value(last), json_string_length(last));
}

static void did_close(Lsp *l, json_t *params)
{
    const char *uri = param_str(params, "textDocument", "uri", NULL);
    LspDoc *d = uri ? lsp_doc(l, uri) : NULL;
    if (d)
        lsp_doc_close(l, d);
}

/* ---- dispatch ---- */

static const struct Request {
    const char *method;
    LspMethod fn;
} requests[] = {
    {"initialize", initialize},
    {"shutdown", shutdown_},
    {"textDocument/hover", lsp_hover},
    {"textDocument/completion", lsp_completion},
    {"textDocument/definition", lsp_definition},
    {"textDocument/references", lsp_references},
    {"textDocument/documentSymbol", lsp_document_symbol},
    {"textDocument/formatting", lsp_formatting},
};

static const struct Notification {
    const char *method;
    void (*fn)(Lsp *l, json_t *params);
} notifications[] = {
    {"textDocument/didOpen", did_open},
    {"textDocument/didChange", did_change},
    {"textDocument/didClose", did_close},
};

static void request(Lsp *l, const char *method, json_t *id, json_t *params)
{
    if (!l->initialized && strcmp(method, "initialize") != 0) {
        lsp_error(l, id, LSP_NOT_INITIALIZED, "%s: the server is not initialized yet", method);
        return;
    }
    if (l->shutdown) {
        lsp_error(l, id, RPC_INVALID_REQUEST, "%s: the server is shutting down", method);
        return;
    }
    for (size_t i = 0; i < sizeof requests / sizeof *requests; i++)
        if (!strcmp(requests[i].method, method)) {
            if (params && !json_is_object(params) && !json_is_array(params)) {
                lsp_error(l, id, RPC_INVALID_PARAMS, "%s: params must be an object", method);
                return;
            }
            json_t *result = requests[i].fn(l, id, params);
            if (result)
                lsp_reply(l, id, result);
            return;
        }
    lsp_error(l, id, RPC_METHOD_NOT_FOUND, "unknown method '%s'", method);
}

static void notification(Lsp *l, const char *method, json_t *params)
{
    if (!l->initialized || l->shutdown || !json_is_object(params))
        return;
    for (size_t i = 0; i < sizeof notifications / sizeof *notifications; i++)
        if (!strcmp(notifications[i].method, method))
            notifications[i].fn(l, params);
}

/* One message. Returns -1 to go on, else the exit status (`exit`). */
static int handle(Lsp *l, json_t *msg)
{
    if (!json_is_object(msg)) {
        lsp_error(l, NULL, RPC_INVALID_REQUEST, "invalid request: a message is a JSON object");
        return -1;
    }
    json_t *id = json_object_get(msg, "id"), *method = json_object_get(msg, "method");
    json_t *version = json_object_get(msg, "jsonrpc");
    bool id_ok = !id || json_is_integer(id) || json_is_string(id) || json_is_null(id);
    json_t *reply_id = id_ok ? id : NULL;
    if (!json_is_string(version) || strcmp(json_string_value(version), "2.0") != 0) {
        lsp_error(l, reply_id, RPC_INVALID_REQUEST, "invalid request: \"jsonrpc\" must be \"2.0\"");
        return -1;
    }
    if (!id_ok) {
        lsp_error(l, NULL, RPC_INVALID_REQUEST, "invalid request: an id is a number or a string");
        return -1;
    }
    if (!method && id && (json_object_get(msg, "result") || json_object_get(msg, "error")))
        return -1;   /* a reply: the server sends no requests, so nothing waits for it */
    if (!json_is_string(method)) {
        lsp_error(l, reply_id, RPC_INVALID_REQUEST, "invalid request: no \"method\" string");
        return -1;
    }
    const char *m = json_string_value(method);
    json_t *params = json_object_get(msg, "params");
    if (json_is_null(params))   /* `"params": null` for a method without any, as some send */
        params = NULL;
    if (!id) {
        if (!strcmp(m, "exit"))
            return l->shutdown ? 0 : 1;
        notification(l, m, params);
        return -1;
    }
    request(l, m, id, params);
    return -1;
}

static int serve(Lsp *l)
{
    for (;;) {
        char *body;
        size_t len;
        MsgStatus st = lsp_read(l->in, &body, &len);
        if (st == MSG_EOF)
            return l->shutdown ? 0 : 1;
        if (st == MSG_BAD_HEADER) {
            lsp_error(l, NULL, RPC_INVALID_REQUEST, "invalid header: no valid Content-Length");
            continue;
        }
        if (st == MSG_TOO_BIG) {
            lsp_error(l, NULL, RPC_INVALID_REQUEST, "message larger than %zu bytes",
                      (size_t)LSP_MAX_MESSAGE);
            continue;
        }
        json_error_t err;
        json_t *msg = json_loadb(body, len, JSON_ALLOW_NUL | JSON_DECODE_ANY, &err);
        free(body);
        if (!msg) {
            lsp_error(l, NULL, RPC_PARSE_ERROR, "parse error: %s (line %d, column %d)", err.text,
                      err.line, err.column);
            continue;
        }
        int code = handle(l, msg);
        json_decref(msg);
        if (code >= 0)
            return code;
        if (ferror(l->out))
            return 1;   /* the client is gone */
    }
}

int lsp_main(int argc, char **argv)
{
    if (argc > 0 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
        puts("usage: dealgraph lsp    (a language server on standard input and output; "
             "docs/EDITORS.md)");
        return DG_OK;
    }
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--stdio") != 0) {   /* clients add --stdio; it is the only way */
            fprintf(stderr, "dealgraph lsp: unknown option '%s'\n", argv[i]);
            return DG_EUSAGE;
        }
    signal(SIGPIPE, SIG_IGN);   /* a client gone mid-write is a write error, not a signal */
    Lsp l = {.in = stdin, .out = stdout, .devnull = fopen("/dev/null", "w")};
    if (!l.devnull) {
        fputs("dealgraph lsp: cannot open /dev/null\n", stderr);
        return DG_EIO;
    }
    int code = serve(&l);
    lsp_docs_free(&l);
    fclose(l.devnull);
    return code;
}
