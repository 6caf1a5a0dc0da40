/* chart.h - `dealgraph chart timeline`: cash by year per entity as a line chart (cairo).
 *
 * Drawn with cairo's SVG and PNG surfaces
 * (cairo is a maintained Debian library, and it is already what Graphviz renders PNGs with):
 * real axes, ticks labelled with years and amounts (usd_text), one line per entity, markers
 * at each point, a legend, and a dashed zero line when cash goes negative (that is where
 * the runway ends). Time runs along x in years: the first point is the cash at the start
 * of the horizon, each next point the cash at the end of a year, placed at the start of the
 * next year. Output is deterministic: cairo writes no timestamps and numbers its SVG ids
 * per document. Every number comes from the engine's timeline (timeline.h). */
#ifndef DG_CHART_H
#define DG_CHART_H
#include <stdbool.h>
#include <stddef.h>
#include "graph.h"
#include "render.h"

/* One line: a label and one value per x position. */
typedef struct ChartLine {
    const char *label;
    double *y;               /* heap, ChartData.nx entries */
} ChartLine;

typedef struct ChartData {
    char title[256];
    char subtitle[256];      /* "" for none */
    const char *ylabel;
    int x0;                  /* year of the first point */
    int nx;                  /* points per line (>= 1) */
    bool undated;            /* the script has no dates: x labels "now", "+1y", ... */
    ChartLine *lines;        /* heap */
    size_t nlines;
    EntId *ents;             /* heap, nlines: the entity of each line (chart_timeline_data) */
    ChartLine *base;         /* NULL, or nlines lines: the same entities in the base world,
                                drawn thin and dashed under a scenario's lines; NaN = no point */
} ChartData;

/* The most lines drawn when the caller names no entities: with more, those whose cash runs
 * out first (earliest runway), then the largest by commitments, then by name. */
#define CHART_DEFAULT_MAX_LINES 12

/* Fill d with the timelines of ents (n of them), or, when n == 0, of every entity that is
 * not a market, at most CHART_DEFAULT_MAX_LINES of them (chosen as above; the subtitle says
 * so). Lines are in the order given, else sorted by name. */
void chart_timeline_data(const Graph *g, const EntId *ents, size_t n, ChartData *d);
/* Under a scenario: add each line's entity as it stands in the base world (its graph), so
 * the chart shows what the scenario changed. Entities the scenario added have no base line. */
void chart_timeline_base(const Graph *base, ChartData *d);
void chart_data_free(ChartData *d);

/* Line i's colour and dash pattern: 0 (solid), or the number of dash and gap lengths
 * written to dash (at most CHART_MAX_DASHES). No two of the first 48 lines share both; the
 * legend's swatches are drawn the same way. */
#define CHART_MAX_DASHES 4
int chart_line_style(size_t i, double rgb[3], double dash[CHART_MAX_DASHES]);
/* The canvas width in pixels: 960, or more when the legend's longest name needs it. */
int chart_timeline_width(const ChartData *d);
/* The canvas height in pixels: 560, or more when the legend's lines need it. */
int chart_timeline_height(const ChartData *d);

/* The chart as SVG or PNG bytes (heap, free with free()). RENDER_DOT is refused.
 * Returns 0, or -1 with a message in err. */
int chart_render(const ChartData *d, RenderFormat f, char **data, size_t *len, char *err,
                 size_t errn);

/* ---- the pictures of a `simulate` (chart_risk.c) ---- */

/* Default probability per entity (bars) with its 95% interval, in the order given. */
typedef struct ChartBars {
    char title[256], subtitle[256];
    const char *const *names;
    const double *p, *lo, *hi;   /* n each, in [0, 1] */
    size_t n;
} ChartBars;
int chart_defaults(const ChartBars *b, RenderFormat f, char **data, size_t *len, char *err,
                   size_t errn);

/* The samples' system losses (sorted ascending, n of them) as a histogram of 40 bins, with
 * VaR_q and ES_q marked. */
typedef struct ChartHist {
    char title[256], subtitle[256];
    const double *loss;
    size_t n;
    double q, var, es;
} ChartHist;
int chart_losses(const ChartHist *h, RenderFormat f, char **data, size_t *len, char *err,
                 size_t errn);

#endif
