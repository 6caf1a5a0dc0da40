/* cmd_fmt.c - the `dealgraph fmt [-w | --check] FILE...` command.
 *
 * Each file is read, parsed and laid out on its own; a file that
 * does not parse is reported and left alone, and the others are still done. `-w` replaces a
 * file only when its layout changes, through a temporary file in the same directory that is
 * synced and then renamed over it, so a crash or a full disk never leaves half a script. */
#include "cli.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum { MODE_PRINT, MODE_WRITE, MODE_CHECK } FmtMode;

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

static int fmt_one(Dg *dg, FmtMode mode, const char *path)
{
    char *out = NULL;
    size_t len = 0;
    bool changed = false;
    int st = dg_fmt_file(dg, path, &out, &len, &changed);
    if (st == DG_OK && mode == MODE_PRINT) {
        fwrite(out, 1, len, stdout);
    } else if (st == DG_OK && mode == MODE_CHECK && changed) {
        printf("%s\n", path);
        st = DG_EFAIL;
    } else if (st == DG_OK && mode == MODE_WRITE && changed) {
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

int cmd_fmt(int argc, char **argv)
{
    bool w = false, check = false;
    const ArgSpec specs[] = {{"--write", "-w", ARG_FLAG, &w}, {"--check", NULL, ARG_FLAG, &check},
                             {0}};
    ArgList files = {0};
    int st = args_parse(argc, argv, specs, &files, "dealgraph fmt");
    if (st == DG_OK && w && check)
        st = usage("%s", "-w and --check do not go together");
    else if (st == DG_OK && files.n == 0)
        st = usage("%s", "no input files");
    else if (st == DG_EUSAGE)
        fputs(USAGE, stderr);
    if (st == ARGS_HELP)
        fputs(USAGE, stdout);
    if (st != DG_OK) {
        free(files.v);
        return st == ARGS_HELP ? DG_OK : st;
    }
    DgOptions o = cli_options();
    Dg *dg = dg_new(&o);
    FmtMode mode = w ? MODE_WRITE : check ? MODE_CHECK : MODE_PRINT;
    for (size_t i = 0; i < files.n; i++)
        st = worse(st, fmt_one(dg, mode, files.v[i]));
    fflush(stdout);
    dg_free(dg);
    free(files.v);
    return st;
}
