/* fmt_cli.c - the `dealgraph fmt [-w | --check] FILE...` command.
 *
 * Each file is read, parsed and laid out on its own; a file that
 * does not parse is reported and left alone, and the others are still done. `-w` replaces a
 * file only when its layout changes, through a temporary file in the same directory that is
 * synced and then renamed over it, so a crash or a full disk never leaves half a script. */
#include "fmt.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "arena.h"
#include "dg.h"

typedef enum { MODE_PRINT, MODE_WRITE, MODE_CHECK } FmtMode;

typedef struct FmtRun {
    FmtMode mode;
    SourceSet src;
    Interner in;
    Diags d;
} FmtRun;

static const char USAGE[] = "usage: dealgraph fmt [-w | --check] FILE...\n";

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "dealgraph fmt: ");
    fprintf(stderr, msg, arg);
    fprintf(stderr, "\n%s", USAGE);
    return DG_EUSAGE;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Replace `path` by `text`: FILE.tmpXXXXXX beside it (so rename stays on one file system),
 * the old file's permission bits, fsync, rename. A symbolic link is followed, so the link
 * stays a link and its target gets the new text. */
static int write_atomic(const char *path, const char *text, size_t len)
{
    char *real = realpath(path, NULL);
    const char *target = real ? real : path;
    struct stat st;
    int err = 0;
    char *tmp = xmalloc(strlen(target) + sizeof ".tmpXXXXXX");
    sprintf(tmp, "%s.tmpXXXXXX", target);
    int fd = stat(target, &st) == 0 ? mkstemp(tmp) : -1;
    if (fd < 0) {
        err = errno;
    } else {
        if (fchmod(fd, st.st_mode & 07777) != 0 || write_all(fd, text, len) != 0 ||
            fsync(fd) != 0)
            err = errno ? errno : EIO;
        if (close(fd) != 0 && !err)
            err = errno;
        if (!err && rename(tmp, target) != 0)
            err = errno;
        if (err)
            unlink(tmp);
    }
    if (err)
        fprintf(stderr, "dealgraph fmt: cannot write '%s': %s\n", path, strerror(err));
    free(tmp);
    free(real);
    return err ? DG_EIO : DG_OK;
}

static int fmt_one(FmtRun *r, const char *path)
{
    struct stat sb;
    uint32_t id = 0;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        errno = EISDIR;   /* say so, rather than the read error a directory gives */
    else
        id = sources_read(&r->src, path, path);
    if (!id) {
        fprintf(stderr, "dealgraph fmt: cannot read '%s': %s\n", path, strerror(errno));
        return DG_EIO;
    }
    size_t from = r->d.n, len;
    char *out = fmt_source(&r->src, id, &r->in, &r->d, &len);
    diags_print(&r->d, stderr, from);
    if (!out)
        return DG_EFAIL;
    const SourceFile *f = sources_get(&r->src, id);
    bool same = f->len == len && memcmp(f->text, out, len) == 0;
    int st = DG_OK;
    if (r->mode == MODE_PRINT) {
        fwrite(out, 1, len, stdout);
    } else if (r->mode == MODE_CHECK && !same) {
        printf("%s\n", path);
        st = DG_EFAIL;
    } else if (r->mode == MODE_WRITE && !same) {
        st = write_atomic(path, out, len);
    }
    free(out);
    return st;
}

/* Several files: an unreadable or unwritable file (3) outranks a failure (1). */
static int worse(int a, int b)
{
    if (a == DG_EIO || b == DG_EIO)
        return DG_EIO;
    return a != DG_OK ? a : b;
}

static int parse_flags(int argc, char **argv, FmtMode *mode, int *first)
{
    int i = 0;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        const char *a = argv[i];
        FmtMode m;
        if (!strcmp(a, "--")) {
            i++;
            break;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(USAGE, stdout);
            return -1;
        }
        if (!strcmp(a, "-w") || !strcmp(a, "--write"))
            m = MODE_WRITE;
        else if (!strcmp(a, "--check"))
            m = MODE_CHECK;
        else
            return usage("unknown option '%s'", a);
        if (*mode != MODE_PRINT && *mode != m)
            return usage("%s", "-w and --check do not go together");
        *mode = m;
    }
    if (i >= argc)
        return usage("%s", "no input files");
    *first = i;
    return DG_OK;
}

int fmt_main(int argc, char **argv)
{
    FmtRun r = {.mode = MODE_PRINT};
    int first = 0;
    int st = parse_flags(argc, argv, &r.mode, &first);
    if (st != DG_OK)
        return st < 0 ? DG_OK : st;
    sources_init(&r.src);
    intern_init(&r.in);
    diags_init(&r.d, &r.src);
    r.d.color = isatty(STDERR_FILENO) && !getenv("NO_COLOR");
    for (int i = first; i < argc; i++)
        st = worse(st, fmt_one(&r, argv[i]));
    fflush(stdout);
    diags_free(&r.d);
    intern_free(&r.in);
    sources_free(&r.src);
    return st;
}
