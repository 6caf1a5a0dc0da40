/* figcall.c - figures by name, for expressions and asserts in scripts.
 *
 * Maps the snake_case names of the language to FigId/SysFig and
 * gives each result its unit, so `assert leverage(oracle) > 5` and `in(x) > 10B` compare
 * like with like. */
#include <string.h>
#include "figures.h"
#include "sources.h"

static const char *const FIG_NAMES[FIG__COUNT] = {
    [FIG_IN] = "in", [FIG_OUT] = "out", [FIG_OWN] = "own", [FIG_GAP] = "gap",
    [FIG_CIRCULARITY] = "circularity", [FIG_COMMITMENTS] = "commitments",
    [FIG_BACKLOG] = "backlog", [FIG_COMMITMENT_RATIO] = "commitment_ratio",
    [FIG_LEVERAGE] = "leverage", [FIG_CONCENTRATION] = "concentration", [FIG_HHI] = "hhi",
    [FIG_PAPER] = "paper", [FIG_VENDOR_FINANCING] = "vendor_financing",
    [FIG_RUNWAY] = "runway", [FIG_BORROWED] = "borrowed", [FIG_EQUITY] = "equity",
};

static const char *const SYS_NAMES[SYS__COUNT] = {
    [SYS_TOTAL_COMMITMENTS] = "total_commitments", [SYS_END_DEMAND] = "end_demand",
    [SYS_LEVERAGE] = "system_leverage", [SYS_TOTAL_UNFUNDED] = "total_unfunded",
    [SYS_TOTAL_CIRCULATED] = "total_circulated",
};

const char *figure_name(FigId f) { return f < FIG__COUNT ? FIG_NAMES[f] : "?"; }
const char *sysfig_name(SysFig f) { return f < SYS__COUNT ? SYS_NAMES[f] : "?"; }

static int find(const char *const *names, int n, const char *fn)
{
    for (int i = 0; i < n; i++)
        if (names[i] && !strcmp(names[i], fn))
            return i;
    return -1;
}

int figure_arity(const char *fn)
{
    if (!fn)
        return -1;
    if (!strcmp(fn, "exposure") || !strcmp(fn, "sources"))
        return 2;
    if (find(FIG_NAMES, FIG__COUNT, fn) >= 0)
        return 1;
    if (find(SYS_NAMES, SYS__COUNT, fn) >= 0)
        return 0;
    return -1;
}

static Value fig_value(FigId f, double x)
{
    Value v;
    switch (f) {
    case FIG_CIRCULARITY: case FIG_CONCENTRATION: case FIG_PAPER:
        v = value_num(x, DIM_NONE);
        v.flags |= VF_PCT;
        return v;
    case FIG_COMMITMENT_RATIO: case FIG_LEVERAGE: case FIG_HHI: case FIG_RUNWAY:
        return value_num(x, DIM_NONE);
    default:
        return value_num(x, DIM_USD);
    }
}

Value figure_call(Engine *e, const char *fn, const EntId *args, int nargs)
{
    int ar = figure_arity(fn);
    size_t n = engine_graph(e)->n;
    if (ar < 0 || ar != nargs)
        return value_null();
    for (int i = 0; i < nargs; i++)
        if (args[i] >= n)
            return value_null();
    double x;
    if (ar == 2)
        return value_num(!strcmp(fn, "exposure") ? figure_exposure(e, args[0], args[1])
                                                 : figure_source_from(e, args[0], args[1]),
                         DIM_USD);
    if (ar == 0) {
        SysFig f = (SysFig)find(SYS_NAMES, SYS__COUNT, fn);
        if (!figure_system(e, f, &x))
            return value_undef();
        return f == SYS_LEVERAGE ? value_num(x, DIM_NONE)
               : f == SYS_END_DEMAND ? value_num(x, DIM_USD_PER_YEAR) : value_num(x, DIM_USD);
    }
    FigId f = (FigId)find(FIG_NAMES, FIG__COUNT, fn);
    return figure_entity(e, f, args[0], &x) ? fig_value(f, x) : value_undef();
}
