/* diag.c - source registry, line/column lookup and caret-underlined diagnostics. */
#define _POSIX_C_SOURCE 200809L
#include "diag.h"
#include "arena.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void srcset_init(SourceSet *s)
{
    memset(s, 0, sizeof *s);
    s->files = vec_grow(NULL, &s->cap, 8, sizeof *s->files);
    memset(&s->files[0], 0, sizeof s->files[0]);
    s->n = 1;
}

void srcset_free(SourceSet *s)
{
    for (size_t i = 1; i < s->n; i++) {
        free(s->files[i].name);
        free(s->files[i].path);
        free(s->files[i].text);
        free(s->files[i].lines);
    }
    free(s->files);
    memset(s, 0, sizeof *s);
}

static char *dupstr(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *p = xmalloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

uint32_t srcset_add(SourceSet *s, const char *name, const char *path, char *text, size_t len)
{
    s->files = vec_grow(s->files, &s->cap, s->n + 1, sizeof *s->files);
    SourceFile *f = &s->files[s->n];
    memset(f, 0, sizeof *f);
    f->name = dupstr(name);
    f->path = dupstr(path);
    f->text = text;
    f->len = len;
    return (uint32_t)s->n++;
}

static const char *too_big(size_t max)
{
    return max == SRC_MAX_BYTES ? "larger than 1 GiB, the most one input may hold"
                                : "larger than the most it may hold";
}

/* Room for one more byte past n, growing by doubling up to max + 1 (the NUL). */
static bool make_room(char **buf, size_t *cap, size_t n, size_t max)
{
    if (n + 1 < *cap)
        return true;
    if (*cap > max)
        return false;
    *cap = *cap > max / 2 ? max + 1 : *cap * 2;
    *buf = xrealloc(*buf, *cap);
    return true;
}

char *src_slurp(FILE *fp, size_t max, size_t *len, const char **why)
{
    struct stat sb;
    size_t cap = max < (1 << 16) ? max + 1 : 1 << 16, n = 0;   /* never reads past max */
    if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode)) {
        if ((uintmax_t)sb.st_size > max) {   /* say so before reading a byte */
            *why = too_big(max);
            return NULL;
        }
        if ((size_t)sb.st_size >= cap)
            cap = (size_t)sb.st_size + 1;
    }
    char *buf = xmalloc(cap);
    errno = 0;   /* so a read error keeps its own errno */
    for (;;) {
        if (!make_room(&buf, &cap, n, max)) {
            if (fgetc(fp) == EOF)
                break;   /* exactly max bytes */
            free(buf);
            *why = too_big(max);
            return NULL;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, fp);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        free(buf);
        *why = strerror(errno ? errno : EIO);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static uint32_t read_failed(SourceSet *s, const char *why)
{
    snprintf(s->why, sizeof s->why, "%s", why);
    return 0;
}

/* The overlay's text of path, registered as a file; 0 when it has none. */
static uint32_t read_overlay(SourceSet *s, const char *name, const char *path)
{
    char real[PATH_MAX];
    size_t len = 0;
    const char *text = s->overlay(s->overlay_ud, realpath(path, real) ? real : path, &len);
    if (!text)
        return 0;
    char *copy = xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    return srcset_add(s, name, path, copy, len);
}

uint32_t srcset_read(SourceSet *s, const char *name, const char *path)
{
    uint32_t id = s->overlay ? read_overlay(s, name, path) : 0;
    if (id)
        return id;
    /* O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one,
     * and fstat on what was opened (not stat on the name first) leaves no race between. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat sb;
    if (fd < 0)
        return read_failed(s, strerror(errno));
    if (fstat(fd, &sb) != 0) {
        int err = errno;
        close(fd);
        return read_failed(s, strerror(err));
    }
    if (!S_ISREG(sb.st_mode)) {
        close(fd);
        return read_failed(s, S_ISDIR(sb.st_mode) ? strerror(EISDIR) : "not a regular file");
    }
    FILE *fp = fdopen(fd, "rb");   /* O_NONBLOCK does not change how a regular file reads */
    if (!fp) {
        int err = errno;
        close(fd);
        return read_failed(s, strerror(err));
    }
    size_t len = 0;
    const char *why = NULL;
    char *buf = src_slurp(fp, SRC_MAX_BYTES, &len, &why);
    fclose(fp);
    if (!buf)
        return read_failed(s, why);
    return srcset_add(s, name, path, buf, len);
}

const char *srcset_error(const SourceSet *s) { return s->why; }

typedef struct Ranked {
    Diag d;
    Span key;    /* where it sorts: its own span, or its error's for a note */
    size_t at;
} Ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const Ranked *x = a, *y = b;
    if (x->key.file != y->key.file)
        return x->key.file < y->key.file ? -1 : 1;
    if (x->key.start != y->key.start)
        return x->key.start < y->key.start ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

void diags_sort_from(Diags *d, size_t from)
{
    if (from + 1 >= d->n)
        return;
    size_t k = d->n - from;
    Ranked *r = xmalloc(k * sizeof *r);
    Span lead = d->items[from].span;
    for (size_t i = 0; i < k; i++) {
        const Diag *x = &d->items[from + i];
        if (x->level != DIAG_NOTE || i == 0)
            lead = x->span;
        r[i] = (Ranked){*x, lead, i};
    }
    qsort(r, k, sizeof *r, cmp_ranked);
    for (size_t i = 0; i < k; i++)
        d->items[from + i] = r[i].d;
    free(r);
}

const SourceFile *srcset_get(const SourceSet *s, uint32_t id)
{
    return id > 0 && id < s->n ? &s->files[id] : NULL;
}

static void build_lines(SourceFile *f)
{
    size_t cap = 0, n = 0;
    uint32_t *lines = vec_grow(NULL, &cap, 64, sizeof *lines);
    lines[n++] = 0;
    for (size_t i = 0; i < f->len; i++)
        if (f->text[i] == '\n') {
            lines = vec_grow(lines, &cap, n + 1, sizeof *lines);
            lines[n++] = (uint32_t)(i + 1);
        }
    f->lines = lines;
    f->nlines = n;
}

static size_t line_index(SourceFile *f, uint32_t off)
{
    if (!f->lines)
        build_lines(f);
    size_t lo = 0, hi = f->nlines;   /* last line start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Where line li's columns count from: a byte order mark before the first line is no column
 * (an editor or a spreadsheet does not show it). */
static size_t column_start(const SourceFile *f, size_t li)
{
    bool bom = li == 0 && f->len >= 3 && !memcmp(f->text, "\xef\xbb\xbf", 3);
    return bom ? 3 : f->lines[li];
}

void srcset_linecol(SourceSet *s, uint32_t file, uint32_t off, int *line, int *col)
{
    *line = 0;
    *col = 0;
    if (file == 0 || file >= s->n)
        return;
    SourceFile *f = &s->files[file];
    if (off > f->len)
        off = (uint32_t)f->len;
    size_t li = line_index(f, off);
    *line = (int)(li + 1);
    long c = 1;
    for (size_t i = column_start(f, li); i < off; i++)
        if (((unsigned char)f->text[i] & 0xC0) != 0x80)
            c++;
    *col = c > 0x7fffffff ? 0x7fffffff : (int)c;
}

void diags_init(Diags *d, SourceSet *src)
{
    memset(d, 0, sizeof *d);
    d->src = src;
    d->max_errors = 100;
}

void diags_free(Diags *d)
{
    diags_truncate(d, 0);
    free(d->items);
    memset(d, 0, sizeof *d);
}

void diags_truncate(Diags *d, size_t from)
{
    for (size_t i = from; i < d->n; i++) {
        if (d->items[i].level == DIAG_ERROR)
            d->nerrors--;
        free(d->items[i].msg);
        free(d->items[i].hint);
    }
    if (from < d->n)
        d->n = from;
}

static char *vfmt(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *p = xmalloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

void diag_add(Diags *d, DiagLevel lv, Span sp, const char *fmt, va_list ap)
{
    if (lv == DIAG_ERROR && d->nerrors >= d->max_errors)
        return;
    d->items = vec_grow(d->items, &d->cap, d->n + 1, sizeof *d->items);
    Diag *g = &d->items[d->n++];
    g->level = lv;
    g->span = sp;
    g->msg = vfmt(fmt, ap);
    g->hint = NULL;
    if (lv == DIAG_ERROR)
        d->nerrors++;
}

#define DEFINE_LEVEL(fn, LV)                                  \
    void fn(Diags *d, Span sp, const char *fmt, ...)          \
    {                                                         \
        va_list ap;                                           \
        va_start(ap, fmt);                                    \
        diag_add(d, LV, sp, fmt, ap);                         \
        va_end(ap);                                           \
    }
DEFINE_LEVEL(diag_error, DIAG_ERROR)
DEFINE_LEVEL(diag_warning, DIAG_WARNING)
DEFINE_LEVEL(diag_note, DIAG_NOTE)

void diag_hint(Diags *d, const char *fmt, ...)
{
    if (d->n == 0)
        return;
    Diag *g = &d->items[d->n - 1];
    va_list ap;
    va_start(ap, fmt);
    free(g->hint);
    g->hint = vfmt(fmt, ap);
    va_end(ap);
}

enum { SHOW_MAX = 160 };  /* widest excerpt of a source line we print */

/* Print the line holding the span with a caret underline; long lines are shown as a
 * window around the span so a 100 MB line prints a short excerpt. */
static void print_excerpt(FILE *out, SourceFile *f, Span sp, int line)
{
    if (sp.start > f->len)
        sp.start = (uint32_t)f->len;
    size_t li = line_index(f, sp.start);
    size_t ls = column_start(f, li), le = ls;
    if (sp.start < ls)
        sp.start = (uint32_t)ls;
    while (le < f->len && f->text[le] != '\n')
        le++;
    if (le > ls && f->text[le - 1] == '\r')
        le--;
    size_t from = ls, to = le;
    if (sp.start - ls > SHOW_MAX / 2)
        from = sp.start - SHOW_MAX / 2;
    if (to - from > SHOW_MAX)
        to = from + SHOW_MAX;
    while (from > ls && from < f->len && ((unsigned char)f->text[from] & 0xC0) == 0x80)
        from--;
    size_t end = sp.end > sp.start ? sp.end : sp.start + 1;
    if (end > to)
        end = to > sp.start ? to : sp.start + 1;
    fprintf(out, "%5d | %s", line, from > ls ? "..." : "");
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)f->text[i];
        fputc(c == '\0' ? ' ' : (c == '\t' || c >= 0x20 || c >= 0x80) ? c : '?', out);
    }
    fprintf(out, "%s\n      | %s", to < le ? "..." : "", from > ls ? "   " : "");
    for (size_t i = from; i < sp.start && i < to; i++) {
        unsigned char c = (unsigned char)f->text[i];
        if ((c & 0xC0) != 0x80)
            fputc(c == '\t' ? '\t' : ' ', out);
    }
    fputc('^', out);
    for (size_t i = sp.start + 1; i < end; i++)
        if (((unsigned char)f->text[i] & 0xC0) != 0x80)
            fputc('~', out);
    fputc('\n', out);
}

size_t diags_print(Diags *d, FILE *out, size_t from)
{
    static const char *const words[] = {"error", "warning", "note"};
    static const char *const colors[] = {"\033[1;31m", "\033[1;35m", "\033[1;36m"};
    size_t errs = 0;
    for (size_t i = from; i < d->n; i++) {
        Diag *g = &d->items[i];
        const SourceFile *f = srcset_get(d->src, g->span.file);
        int line = 0, col = 0;
        if (f) {
            srcset_linecol(d->src, g->span.file, g->span.start, &line, &col);
            fprintf(out, "%s:%d:%d: ", f->name, line, col);
        } else {
            fputs("dealgraph: ", out);
        }
        if (d->color)
            fprintf(out, "%s%s:\033[0m %s\n", colors[g->level], words[g->level], g->msg);
        else
            fprintf(out, "%s: %s\n", words[g->level], g->msg);
        if (f)
            print_excerpt(out, &d->src->files[g->span.file], g->span, line);
        if (g->hint)
            fprintf(out, "      = hint: %s\n", g->hint);
        if (g->level == DIAG_ERROR)
            errs++;
    }
    return errs;
}
