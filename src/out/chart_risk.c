/* chart_risk.c - the pictures of a `simulate` (chart.h): default probability per entity
 * with its 95% interval, and the histogram of system losses with VaR and ES marked. Every
 * number is the caller's (the Monte Carlo results); this file only draws them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "chart.h"
#include "chart_int.h"
#include "value.h"

enum { W = 960, LEFT = 170, RIGHT = 60, TOP = 78, BOTTOM = 64, ROW = 26 };

static void titles(cairo_t *cr, const char *title, const char *subtitle)
{
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_set_font_size(cr, 18);
    chart_text(cr, 40, 32, 0, title);
    cairo_set_font_size(cr, 12);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    chart_text(cr, 40, 54, 0, subtitle);
}

static int bars_height(const ChartBars *b) { return TOP + BOTTOM + ROW * (int)(b->n ? b->n : 1); }

/* x of probability p in the plot area. */
static double px(double p) { return LEFT + (W - LEFT - RIGHT) * p; }

static void bar_axis(cairo_t *cr, double y0, double y1)
{
    char buf[16];
    cairo_set_font_size(cr, 11);
    cairo_set_line_width(cr, 1);
    for (int k = 0; k <= 10; k++) {
        double x = round(px(k / 10.0)) + 0.5;
        cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
        cairo_move_to(cr, x, y0);
        cairo_line_to(cr, x, y1);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        snprintf(buf, sizeof buf, "%d%%", k * 10);
        chart_text(cr, x, y1 + 16, 0.5, buf);
    }
    chart_text(cr, px(0.5), y1 + 40, 0.5, "default probability (bar), 95% Wilson interval (line)");
}

static void draw_bars(cairo_t *cr, const void *ud)
{
    const ChartBars *b = ud;
    titles(cr, b->title, b->subtitle);
    double y0 = TOP, y1 = TOP + ROW * (double)b->n;
    bar_axis(cr, y0, y1);
    const double *c = CHART_PALETTE[0];
    char buf[32];
    for (size_t i = 0; i < b->n; i++) {
        double y = TOP + ROW * (double)i;
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_set_font_size(cr, 12);
        chart_text(cr, LEFT - 10, y + ROW * 0.65, 1, b->names[i]);
        cairo_set_source_rgb(cr, c[0], c[1], c[2]);
        cairo_rectangle(cr, px(0), y + 5, px(b->p[i]) - px(0), ROW - 10);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);   /* the interval, with whiskers */
        cairo_set_line_width(cr, 1.5);
        double ym = y + ROW / 2.0;
        cairo_move_to(cr, px(b->lo[i]), ym);
        cairo_line_to(cr, px(b->hi[i]), ym);
        for (int e = 0; e < 2; e++) {
            double x = px(e ? b->hi[i] : b->lo[i]);
            cairo_move_to(cr, x, ym - 5);
            cairo_line_to(cr, x, ym + 5);
        }
        cairo_stroke(cr);
        snprintf(buf, sizeof buf, "%.1f%%", 100 * b->p[i]);
        cairo_set_font_size(cr, 11);
        chart_text(cr, px(b->hi[i]) + 6, ym + 4, 0, buf);
    }
}

int chart_defaults(const ChartBars *b, RenderFormat f, char **data, size_t *len, char *err,
                   size_t errn)
{
    return chart_paint(f, W, bars_height(b), draw_bars, b, data, len, err, errn);
}

/* ---- losses ---- */

enum { HIST_H = 520, HIST_BINS = 40 };

typedef struct Hist {
    const ChartHist *h;
    double lo, hi, width;
    size_t count[HIST_BINS], top;
} Hist;

static void bin(Hist *g)
{
    const ChartHist *h = g->h;
    g->lo = h->n ? fmin(0, h->loss[0]) : 0;
    g->hi = h->n ? h->loss[h->n - 1] : 1;
    if (g->hi - g->lo < 1)
        g->hi = g->lo + 1;
    g->width = (g->hi - g->lo) / HIST_BINS;
    for (size_t i = 0; i < h->n; i++) {
        size_t k = (size_t)((h->loss[i] - g->lo) / g->width);
        g->count[k >= HIST_BINS ? HIST_BINS - 1 : k]++;
    }
    for (size_t k = 0; k < HIST_BINS; k++)
        g->top = g->count[k] > g->top ? g->count[k] : g->top;
}

static double hx(const Hist *g, double v) { return 80 + (W - 140) * (v - g->lo) / (g->hi - g->lo); }
static double hy(const Hist *g, size_t c) { return HIST_H - BOTTOM - (HIST_H - BOTTOM - TOP) * (double)c / (double)(g->top ? g->top : 1); }

static void marker(cairo_t *cr, const Hist *g, double v, const char *label, int k)
{
    const double *c = CHART_PALETTE[3 + k];
    char buf[64], amt[32];
    cairo_set_source_rgb(cr, c[0], c[1], c[2]);
    cairo_set_line_width(cr, 2);
    double dashes[] = {6, 4};
    cairo_set_dash(cr, dashes, k ? 2 : 0, 0);
    cairo_move_to(cr, hx(g, v), TOP);
    cairo_line_to(cr, hx(g, v), HIST_H - BOTTOM);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    snprintf(buf, sizeof buf, "%s %s", label, usd_text(v, amt, sizeof amt));
    cairo_set_font_size(cr, 12);
    chart_text(cr, hx(g, v) + 5, TOP + 14 + 16 * k, 0, buf);
}

static void draw_hist(cairo_t *cr, const void *ud)
{
    Hist g = {.h = ud};
    bin(&g);
    titles(cr, g.h->title, g.h->subtitle);
    const double *c = CHART_PALETTE[0];
    cairo_set_source_rgb(cr, c[0], c[1], c[2]);
    for (size_t k = 0; k < HIST_BINS; k++) {
        double x0 = hx(&g, g.lo + g.width * (double)k), x1 = hx(&g, g.lo + g.width * (double)(k + 1));
        cairo_rectangle(cr, x0, hy(&g, g.count[k]), x1 - x0 - 1, hy(&g, 0) - hy(&g, g.count[k]));
    }
    cairo_fill(cr);
    char buf[32], qs[64];
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_font_size(cr, 11);
    for (int k = 0; k <= 4; k++) {
        double v = g.lo + (g.hi - g.lo) * k / 4;
        chart_text(cr, hx(&g, v), HIST_H - BOTTOM + 16, 0.5, usd_text(v, buf, sizeof buf));
    }
    chart_text(cr, W / 2.0, HIST_H - 18, 0.5, "system loss of a sample (USD), samples per bin");
    snprintf(qs, sizeof qs, "VaR %g%%", 100 * g.h->q);
    marker(cr, &g, g.h->var, qs, 0);
    snprintf(qs, sizeof qs, "ES %g%%", 100 * g.h->q);
    marker(cr, &g, g.h->es, qs, 1);
}

int chart_losses(const ChartHist *h, RenderFormat f, char **data, size_t *len, char *err,
                 size_t errn)
{
    return chart_paint(f, W, HIST_H, draw_hist, h, data, len, err, errn);
}
