/* show_text.c - figures and years as text, as every table of show.h and the report print
 * them. */
#include <math.h>
#include <string.h>
#include "show.h"

char *show_year_text(const Graph *g, int year, char *buf, size_t n)
{
    if (!g->h.dated && g->h.first == g->h.last)
        snprintf(buf, n, "now");
    else if (!g->h.dated)   /* spans with no dates: years counted from now */
        snprintf(buf, n, "year %d", year - g->h.first + 1);
    else
        snprintf(buf, n, "%d", year);
    return buf;
}

/* buf = s + suffix, within n bytes. */
static char *with_suffix(char *buf, size_t n, const char *suffix)
{
    size_t l = strlen(buf);
    snprintf(buf + l, n > l ? n - l : 0, "%s", suffix);
    return buf;
}

/* A figure's value in its unit; not ok: "n/a", for every figure (a runway that never comes
 * too, as in expressions: docs/ENGINE.md). */
static char *unit_text(const Graph *g, FigUnit u, bool ok, double x, char *buf, size_t n)
{
    if (!ok) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    switch (u) {
    case FU_PCT: return pct_text(x, buf, n);
    case FU_PLAIN: return plain_text(x, buf, n);
    case FU_TIMES: return with_suffix(plain_text(x, buf, n), n, "x");
    case FU_YEARS:
        plain_text(x, buf, n);
        return with_suffix(buf, n, strcmp(buf, "1") ? " years" : " year");
    case FU_YEAR: return show_year_text(g, (int)x, buf, n);
    case FU_USD_PER_YEAR: return strcat(usd_text(x, buf, n - 3), "/y");
    default: return usd_text(x, buf, n);
    }
}

char *show_figure_text(Engine *e, FigId f, EntId v, char *buf, size_t n)
{
    double x;
    bool ok = figure_entity(e, f, v, &x) && isfinite(x);
    return unit_text(engine_graph(e), figure_unit(f), ok, x, buf, n);
}

char *show_sysfig_text(Engine *e, SysFig f, char *buf, size_t n)
{
    double x;
    bool ok = figure_system(e, f, &x);
    return unit_text(engine_graph(e), sysfig_unit(f), ok, x, buf, n);
}

void show_put_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const char *c = s; *c; c++) {
        if (*c == '"' || *c == '\\')
            fputc('\\', out), fputc(*c, out);
        else if (*c == '\n')
            fputs("\\n", out);
        else if (*c == '\t')
            fputs("\\t", out);
        else
            fputc(*c, out);
    }
    fputc('"', out);
}
