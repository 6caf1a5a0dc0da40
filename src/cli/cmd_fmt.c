/* cmd_fmt.c - the `dealgraph fmt [-w | --check] FILE...` command.
 *
 * Each file is read, parsed and laid out on its own; a file that
 * does not parse is reported and left alone, and the others are still done. `-w` replaces a
 * file only when its layout changes, with dg_write_file (a hidden temporary file beside it,
 * synced, then renamed over it; docs/FMT.md), so a crash, a signal or a full disk never
 * leaves half a script, and a file it must not replace is refused. */
#include "cli.h"
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { MODE_PRINT, MODE_WRITE, MODE_CHECK } FmtMode;

static const char USAGE[] = "usage: dealgraph fmt [-w | --check] FILE...\n";

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "dealgraph fmt: ");
    fprintf(stderr, msg, arg);
    fprintf(stderr, "\n%s", USAGE);
    return DG_EUSAGE;
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
        st = dg_write_file(path, out, len, "dealgraph fmt", stderr);
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
    for (size_t i = 0; st == DG_OK && w && i < files.n; i++)
        if (!strcmp(files.v[i], "-"))
            st = usage("%s", "-w cannot rewrite standard input (-)");
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
