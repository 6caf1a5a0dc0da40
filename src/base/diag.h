/* diag.h - source files and diagnostics.
 *
 * A SourceSet owns the text of every file read in a run (the command-line files, includes,
 * stdlib modules, REPL lines); a Span is a byte range in one of them. Diagnostics are
 * collected in a Diags list and printed as
 *     file:line:col: error: message
 *      12 | the source line
 *         |     ^~~~~
 *         = hint: ...
 * Columns count UTF-8 characters, from 1. Lines are found by binary search in a line table
 * built once per file, so reporting is cheap even for huge inputs. */
#ifndef DG_DIAG_H
#define DG_DIAG_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>

typedef struct Span {
    uint32_t file;    /* index in the SourceSet; 0 = no location */
    uint32_t start;   /* byte offset of the first byte */
    uint32_t end;     /* byte offset one past the last byte (end >= start) */
} Span;

typedef struct SourceFile {
    char *name;       /* as given (path, "<stdin>", "<repl:3>") */
    char *path;       /* resolved path used for relative includes, or NULL */
    char *text;       /* owned, NUL-terminated copy; may contain NUL bytes (len counts them) */
    size_t len;
    uint32_t *lines;  /* byte offset of each line start; built lazily */
    size_t nlines;
} SourceFile;

/* A reader consulted before the disk (an editor's unsaved buffers): the text of the file at
 * path (its real path when it exists, else path as given) and its length, or NULL to read
 * the disk. The text stays the caller's; srcset_read copies it. */
typedef const char *(*SrcOverlayFn)(void *ud, const char *path, size_t *len);

typedef struct SourceSet {
    SourceFile *files;  /* files[0] is a placeholder so that Span.file = 0 means "none" */
    size_t n, cap;
    char why[96];       /* why the last srcset_read failed */
    SrcOverlayFn overlay;   /* NULL: the disk only */
    void *overlay_ud;
} SourceSet;

/* The most one input may hold (a file, an include, standard input): 1 GiB. Spans are 32-bit
 * offsets, and an endless source (/dev/zero, `yes |`) must fail before it fills memory. */
#define SRC_MAX_BYTES ((size_t)1 << 30)

void srcset_init(SourceSet *s);
void srcset_free(SourceSet *s);
/* Takes ownership of text (malloc'd, len bytes, NUL-terminated at text[len]). Returns the id. */
uint32_t srcset_add(SourceSet *s, const char *name, const char *path, char *text, size_t len);
/* Reads a whole regular file of at most SRC_MAX_BYTES (the overlay's text first, when it has
 * the file); returns 0 when it cannot, and
 * srcset_error says why ("not a regular file" for a FIFO or a device, which are refused
 * without blocking; "Is a directory"; the size limit; the system's reason). */
uint32_t srcset_read(SourceSet *s, const char *name, const char *path);
const char *srcset_error(const SourceSet *s);
/* Reads fp to its end (standard input: a pipe, a terminal or a file) into a malloc'd,
 * NUL-terminated buffer of at most max bytes, *len set; NULL with the reason in *why (a
 * static string, valid until the next call) when it cannot. */
char *src_slurp(FILE *fp, size_t max, size_t *len, const char **why);
const SourceFile *srcset_get(const SourceSet *s, uint32_t id);
/* 1-based line and column (UTF-8 characters) of a byte offset. */
void srcset_linecol(SourceSet *s, uint32_t file, uint32_t off, int *line, int *col);

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } DiagLevel;

typedef struct Diag {
    DiagLevel level;
    Span span;
    char *msg;
    char *hint;       /* may be NULL */
} Diag;

typedef struct Diags {
    SourceSet *src;   /* not owned */
    Diag *items;
    size_t n, cap;
    size_t nerrors;
    size_t max_errors;  /* stop collecting past this many (0 = 100) */
    bool color;         /* colour the level word (only when printing to a terminal) */
} Diags;

void diags_init(Diags *d, SourceSet *src);
void diags_free(Diags *d);
void diag_error(Diags *d, Span sp, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_warning(Diags *d, Span sp, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_note(Diags *d, Span sp, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Attach a hint to the most recent diagnostic. */
void diag_hint(Diags *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_add(Diags *d, DiagLevel lv, Span sp, const char *fmt, va_list ap);
/* Print diagnostics [from, n) and return how many were errors. */
size_t diags_print(Diags *d, FILE *out, size_t from);
/* Drop diagnostics from index `from` on (the REPL discards a retried parse's errors). */
void diags_truncate(Diags *d, size_t from);
/* Put the diagnostics added since `from` in source order (file, then offset; ties keep
 * their order). A note moves with the error or warning before it. For checks made once the
 * input is read, which find things in any order. */
void diags_sort_from(Diags *d, size_t from);

static inline Span span_join(Span a, Span b)
{
    Span s = a;
    if (b.file == a.file && b.end > s.end)
        s.end = b.end;
    return s;
}

#endif
