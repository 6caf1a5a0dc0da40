/* figcall.c - figures by name, for expressions and asserts in scripts, from the lists of
 * figlist.h.
 *
 * Maps the snake_case names of the language to FigId/PairFig/SysFig and gives each result
 * its unit, so `assert leverage(oracle) > 5` and `in(x) > 10B` compare like with like. */
#include <string.h>
#include "figures.h"
#include "sources.h"

typedef struct FigInfo {
    const char *name;
    FigUnit unit;
    bool listed;
} FigInfo;

#define FIG_INFO(e, name, unit, listed) [e] = {name, unit, listed},
static const FigInfo ENTITY_FIGS[FIG__COUNT] = {DG_ENTITY_FIGURES(FIG_INFO)};
static const FigInfo PAIR_FIGS[PAIR__COUNT] = {DG_PAIR_FIGURES(FIG_INFO)};
static const FigInfo SYSTEM_FIGS[SYS__COUNT] = {DG_SYSTEM_FIGURES(FIG_INFO)};
#undef FIG_INFO

/* The three lists by their number of entity arguments. */
static const struct {
    const FigInfo *figs;
    int n;
} SHAPES[3] = {{SYSTEM_FIGS, SYS__COUNT}, {ENTITY_FIGS, FIG__COUNT}, {PAIR_FIGS, PAIR__COUNT}};

const char *figure_name(FigId f) { return f < FIG__COUNT ? ENTITY_FIGS[f].name : "?"; }
const char *pairfig_name(PairFig f) { return f < PAIR__COUNT ? PAIR_FIGS[f].name : "?"; }
const char *sysfig_name(SysFig f) { return f < SYS__COUNT ? SYSTEM_FIGS[f].name : "?"; }
FigUnit figure_unit(FigId f) { return f < FIG__COUNT ? ENTITY_FIGS[f].unit : FU_USD; }
FigUnit sysfig_unit(SysFig f) { return f < SYS__COUNT ? SYSTEM_FIGS[f].unit : FU_USD; }

FigRef figure_find(const char *name)
{
    for (int k = 0; name && k < 3; k++)
        for (int i = 0; i < SHAPES[k].n; i++)
            if (!strcmp(SHAPES[k].figs[i].name, name))
                return (FigRef){k, i};
    return (FigRef){-1, 0};
}

void figure_each_listed(FigNameFn fn, void *ud)
{
    static const int order[] = {1, 2, 0};   /* of one entity, of two, of the system */
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < SHAPES[order[k]].n; i++)
            if (SHAPES[order[k]].figs[i].listed)
                fn(SHAPES[order[k]].figs[i].name, order[k], ud);
}

static Value with_unit(double x, FigUnit u)
{
    Value v;
    switch (u) {
    case FU_PCT:
        v = value_num(x, DIM_NONE);
        v.flags |= VF_PCT;
        return v;
    case FU_PLAIN: case FU_TIMES: case FU_YEARS: case FU_YEAR: return value_num(x, DIM_NONE);
    case FU_USD_PER_YEAR: return value_num(x, DIM_USD_PER_YEAR);
    default: return value_num(x, DIM_USD);
    }
}

Value figure_call(Engine *e, FigRef f, const EntId *args)
{
    if (f.nargs < 0 || f.nargs > 2 || f.id < 0 || f.id >= SHAPES[f.nargs].n)
        return value_null();
    size_t n = engine_graph(e)->n;
    for (int i = 0; i < f.nargs; i++)
        if (args[i] >= n)
            return value_null();
    double x;
    const FigInfo *fi = &SHAPES[f.nargs].figs[f.id];
    switch (f.nargs) {
    case 2:
        x = f.id == PAIR_EXPOSURE ? figure_exposure(e, args[0], args[1])
                                  : figure_source_from(e, args[0], args[1]);
        return with_unit(x, fi->unit);
    case 0:
        return figure_system(e, (SysFig)f.id, &x) ? with_unit(x, fi->unit) : value_undef();
    default:
        return figure_entity(e, (FigId)f.id, args[0], &x) ? with_unit(x, fi->unit)
                                                          : value_undef();
    }
}
