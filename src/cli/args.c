/* args.c - the argument parser every command shares, and the run options of a terminal
 * (cli.h). Arguments are parsed by hand: getopt keeps global state and reorders words. */
#include "cli.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void list_add(ArgList *l, const char *s, int cap)
{
    if (!l->v)
        l->v = xcalloc((size_t)cap + 1, sizeof *l->v);
    l->v[l->n++] = s;
}

/* The spec whose name or alias is word `a`, as `--name` or `--name=...`, or a one-letter
 * alias with its value glued on (`-j2`); *eq is set to the value when there is one. */
static const ArgSpec *find(const ArgSpec *specs, const char *a, const char **eq)
{
    for (const ArgSpec *s = specs; s->name; s++)
        for (int k = 0; k < 2; k++) {
            const char *n = k ? s->alias : s->name;
            size_t len = n ? strlen(n) : 0;
            if (k && len == 2 && s->kind != ARG_FLAG && !strncmp(a, n, 2) && a[2]) {
                *eq = a + 2;
                return s;
            }
            if (!n || strncmp(a, n, len) != 0 || (a[len] != '\0' && a[len] != '='))
                continue;
            *eq = a[len] == '=' ? a + len + 1 : NULL;
            return s;
        }
    return NULL;
}

static int usage_error(const char *who, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", who);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    return DG_EUSAGE;
}

int args_parse(int argc, char **argv, const ArgSpec *specs, ArgList *files, const char *who)
{
    bool only_files = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *eq = NULL;
        const ArgSpec *s = only_files ? NULL : find(specs, a, &eq);
        if (only_files || a[0] != '-' || a[1] == '\0') {
            list_add(files, a, argc);
        } else if (!strcmp(a, "--")) {
            only_files = true;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            return ARGS_HELP;
        } else if (!s || (s->kind == ARG_FLAG && eq)) {
            return usage_error(who, "unknown option '%s'", a);
        } else if (s->kind == ARG_FLAG) {
            *(bool *)s->slot = true;
        } else if (s->kind == ARG_TWO) {
            if (eq || i + 2 >= argc)
                return usage_error(who, "%s needs two values", s->name);
            ((const char **)s->slot)[0] = argv[++i];
            ((const char **)s->slot)[1] = argv[++i];
        } else {
            const char *v = eq ? eq : i + 1 < argc ? argv[++i] : NULL;
            if (!v)
                return usage_error(who, "%s needs a value", s->name);
            if (s->kind == ARG_VALUE)
                *(const char **)s->slot = v;
            else
                list_add(s->slot, v, argc);
        }
    }
    if (!files->v)
        files->v = xcalloc(1, sizeof *files->v);
    return DG_OK;
}

/* A whole number from lo to hi written in full (no sign, no suffix). */
bool args_whole(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    if (!s || *s < '0' || *s > '9')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

DgOptions cli_options(void)
{
    const char *nc = getenv("NO_COLOR");
    DgOptions o = {.out = stdout, .err = stderr};
    o.color = isatty(fileno(stderr)) && !(nc && *nc);
    return o;
}

int cli_run_files(Dg *dg, const ArgList *files)
{
    int st = DG_OK;
    for (size_t i = 0; i < files->n; i++) {
        int r = dg_run_file(dg, files->v[i]);
        if (r > st)
            st = r;
    }
    int r = dg_finish(dg);
    return r > st ? r : st;
}
