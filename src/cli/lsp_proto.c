/* lsp_proto.c - the base protocol of LSP: messages framed by a Content-Length header, and
 * JSON-RPC 2.0 replies, errors and notifications.
 *
 * Reading is forgiving where it can be and bounded everywhere: a header line longer than
 * HEADER_MAX is cut (the rest of it skipped), a Content-Length may stand anywhere in a line
 * (after a body shorter than its header said, the next message's header follows the rest of
 * it on one line, and is found), and a body larger than LSP_MAX_MESSAGE is skipped. Two
 * Content-Length headers that differ make the header block invalid, as one that is not a
 * number does (the same length twice is one). */
#include "lsp.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HEADER_MAX 1024

/* One header line without its line ending; false at the end of input. */
static bool header_line(FILE *in, char *buf, size_t n)
{
    size_t k = 0;
    int c;
    while ((c = getc(in)) != EOF && c != '\n')
        if (k + 1 < n)
            buf[k++] = (char)c;
    if (c == EOF && k == 0)
        return false;
    if (k > 0 && buf[k - 1] == '\r')
        k--;
    buf[k] = '\0';
    return c != EOF;
}

/* The value of a Content-Length header in the line: -2 when there is none, -1 when it is
 * not a number. */
static long long content_length(const char *line)
{
    static const char key[] = "content-length:";
    for (const char *p = line; *p; p++) {
        if (strncasecmp(p, key, sizeof key - 1))
            continue;
        p += sizeof key - 1;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!isdigit((unsigned char)*p))
            return -1;
        long long v = 0;
        for (; isdigit((unsigned char)*p); p++) {
            v = v * 10 + (*p - '0');
            if (v > (long long)1 << 40)
                return -1;
        }
        while (*p == ' ' || *p == '\t')
            p++;
        return *p ? -1 : v;
    }
    return -2;
}

static void skip(FILE *in, size_t n)
{
    char buf[4096];
    while (n > 0) {
        size_t got = fread(buf, 1, n < sizeof buf ? n : sizeof buf, in);
        if (got == 0)
            return;
        n -= got;
    }
}

MsgStatus lsp_read(FILE *in, char **body, size_t *len)
{
    char line[HEADER_MAX];
    long long n = -2;
    bool any = false, bad = false;
    *body = NULL;
    for (;;) {
        if (!header_line(in, line, sizeof line))
            return MSG_EOF;
        if (!line[0]) {
            if (any)
                break;
            continue;   /* blank lines between messages */
        }
        any = true;
        long long v = content_length(line);
        if (v == -1 || (v >= 0 && n >= 0 && v != n))   /* two lengths: which one frames it? */
            bad = true;
        else if (v >= 0)
            n = v;
    }
    if (bad || n < 0)
        return MSG_BAD_HEADER;
    if ((unsigned long long)n > LSP_MAX_MESSAGE) {
        skip(in, (size_t)n);
        return feof(in) ? MSG_EOF : MSG_TOO_BIG;
    }
    char *buf = malloc((size_t)n + 1);
    if (!buf) {
        skip(in, (size_t)n);
        return MSG_TOO_BIG;
    }
    size_t got = fread(buf, 1, (size_t)n, in);
    if (got < (size_t)n) {   /* the input ended inside the body */
        free(buf);
        return MSG_EOF;
    }
    buf[n] = '\0';
    *body = buf;
    *len = (size_t)n;
    return MSG_OK;
}

bool lsp_send(Lsp *l, json_t *msg)
{
    char *text = json_dumps(msg, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(msg);
    if (!text)
        return false;
    fprintf(l->out, "Content-Length: %zu\r\n\r\n%s", strlen(text), text);
    free(text);
    return fflush(l->out) == 0 && !ferror(l->out);
}

bool lsp_reply(Lsp *l, json_t *id, json_t *result)
{
    return lsp_send(l, json_pack("{s:s, s:O, s:o}", "jsonrpc", "2.0", "id", id,
                                 "result", result ? result : json_null()));
}

bool lsp_error(Lsp *l, json_t *id, int code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_t *err = json_pack("{s:i, s:s}", "code", code, "message", msg);
    if (!err)   /* a message that is not UTF-8: say it without the detail */
        err = json_pack("{s:i, s:s}", "code", code, "message", "invalid request");
    return lsp_send(l, json_pack("{s:s, s:O, s:o}", "jsonrpc", "2.0", "id",
                                 id ? id : json_null(), "error", err));
}

bool lsp_notify(Lsp *l, const char *method, json_t *params)
{
    return lsp_send(l, json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method,
                                 "params", params));
}

char *lsp_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!buf)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(buf, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return buf;
}
