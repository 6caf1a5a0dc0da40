/* chart_int.h - what the chart files share (chart.c: the canvas and the cash timeline;
 * chart_risk.c: default probabilities and the loss histogram): one way to paint an SVG or
 * PNG in memory, anchored text, the palette and tick steps. Nothing else includes it. */
#ifndef DG_CHART_INT_H
#define DG_CHART_INT_H
#include <cairo.h>
#include "render.h"

/* Twelve distinct hues (Tableau 10, colour-blind-aware, and two dark ones). */
#define CHART_NCOLOURS 12
extern const double CHART_PALETTE[CHART_NCOLOURS][3];

typedef void (*ChartDrawFn)(cairo_t *cr, const void *ud);
/* A w x h picture drawn by draw_fn on a white page, as SVG or PNG bytes (heap); deterministic
 * (the SVG's surface id is fixed). 0, or -1 with a message in err. */
int chart_paint(RenderFormat f, int w, int h, ChartDrawFn draw_fn, const void *ud, char **data,
                size_t *len, char *err, size_t errn);
/* Text anchored at (x, y): ax = 0 left, 0.5 centre, 1 right; y is the baseline. */
void chart_text(cairo_t *cr, double x, double y, double ax, const char *s);
/* A round tick step: about six ticks over range (1, 2 or 5 times a power of 10). */
double chart_nice_step(double range);

#endif
