/* chart.c - cash-by-year line chart drawn with cairo (see chart.h for what is drawn).
 *
 * Two halves: chart_timeline_data() turns engine timelines into
 * plain series, and chart_render() draws series with cairo onto an SVG or PNG surface that
 * writes into memory. The drawing knows nothing of the engine, so it is tested on its own. */
#include "chart.h"
#include "chart_int.h"
#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "strbuf.h"
#include "timeline.h"
#include "value.h"

/* ---- data ---- */

typedef struct Pick {
    EntId v;
    bool runs_out;         /* cash goes below zero within the horizon ... */
    int runway;            /* ... first in this year */
    double commitments;
    double peak;           /* the largest |cash| of its line */
    const char *name;
} Pick;

/* Whose cash runs out first, then the largest by commitments: the lines worth watching;
 * among the rest, the smaller cash holders, whose lines a large one would flatten. */
static int cmp_urgent(const void *a, const void *b)
{
    const Pick *x = a, *y = b;
    if (x->runs_out != y->runs_out)
        return x->runs_out ? -1 : 1;
    if (x->runs_out && x->runway != y->runway)
        return x->runway < y->runway ? -1 : 1;
    if (x->commitments != y->commitments)
        return x->commitments > y->commitments ? -1 : 1;
    if (x->peak != y->peak)
        return x->peak < y->peak ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(((const Pick *)a)->name, ((const Pick *)b)->name);
}

static void fill_line(const Graph *g, EntId v, ChartData *d, ChartLine *l)
{
    Timeline t;
    timeline_of(g, v, &t);
    const Entity *e = world_entity(g->world, v);
    l->label = e->display ? e->display : world_name(g->world, v);
    l->y = xcalloc((size_t)d->nx, sizeof *l->y);
    l->y[0] = t.n > 0 ? t.years[0].start : 0;
    for (int i = 0; i < t.n && i + 1 < d->nx; i++)
        l->y[i + 1] = t.years[i].end;
    timeline_free(&t);
}

static double peak_of(const ChartLine *l, int nx)
{
    double m = 0;
    for (int i = 0; i < nx; i++)
        if (isfinite(l->y[i]))
            m = fmax(m, fabs(l->y[i]));
    return m;
}

/* Every non-market entity; when there are too many to read, those whose cash runs out
 * first, then the largest by commitments (the cash-rich lenders would only flatten the
 * others' lines). */
static size_t default_picks(const Graph *g, ChartData *d, Pick **out)
{
    Pick *p = xcalloc(g->n ? g->n : 1, sizeof *p);
    bool *has = xcalloc(g->n ? g->n : 1, sizeof *has);
    int *year = xcalloc(g->n ? g->n : 1, sizeof *year);
    timeline_runways(g, has, year);
    size_t k = 0;
    for (EntId v = 0; v < g->n; v++) {
        if (graph_is_market(g, v))
            continue;
        ChartLine l;
        fill_line(g, v, d, &l);
        p[k++] = (Pick){v, has[v], year[v], g->commitments[v], peak_of(&l, d->nx),
                        world_name(g->world, v)};
        free(l.y);
    }
    free(has);
    free(year);
    if (k > CHART_DEFAULT_MAX_LINES) {
        qsort(p, k, sizeof *p, cmp_urgent);
        snprintf(d->subtitle, sizeof d->subtitle,
                 "the %d of %zu entities whose cash runs out first, then the largest by "
                 "commitments, then the least cash (--entity to choose)", CHART_DEFAULT_MAX_LINES, k);
        k = CHART_DEFAULT_MAX_LINES;
    }
    qsort(p, k, sizeof *p, cmp_name);
    *out = p;
    return k;
}

void chart_timeline_data(const Graph *g, const EntId *ents, size_t n, ChartData *d)
{
    memset(d, 0, sizeof *d);
    d->x0 = g->h.first;
    d->nx = horizon_years(&g->h) + 1;
    d->undated = !g->h.dated;
    d->ylabel = "cash (USD)";
    snprintf(d->title, sizeof d->title, "Cash by year");
    Pick *picks = NULL;
    if (n == 0)
        n = default_picks(g, d, &picks);
    d->lines = xcalloc(n ? n : 1, sizeof *d->lines);
    d->ents = xcalloc(n ? n : 1, sizeof *d->ents);
    d->nlines = n;
    for (size_t i = 0; i < n; i++) {
        d->ents[i] = picks ? picks[i].v : ents[i];
        fill_line(g, d->ents[i], d, &d->lines[i]);
    }
    free(picks);
}

void chart_timeline_base(const Graph *base, ChartData *d)
{
    d->base = xcalloc(d->nlines ? d->nlines : 1, sizeof *d->base);
    for (size_t i = 0; i < d->nlines; i++) {
        ChartLine *l = &d->base[i];
        l->label = d->lines[i].label;
        l->y = xcalloc((size_t)d->nx, sizeof *l->y);
        for (int k = 0; k < d->nx; k++)
            l->y[k] = NAN;
        if (d->ents[i] >= base->n)
            continue;
        Timeline t;
        timeline_of(base, d->ents[i], &t);
        /* Points by calendar year: the base's horizon may be shorter than the scenario's. */
        for (int k = 0; k <= t.n; k++) {
            int at = (t.n ? t.years[0].year : d->x0) + k - d->x0;
            if (at >= 0 && at < d->nx)
                l->y[at] = k == 0 ? (t.n ? t.years[0].start : 0) : t.years[k - 1].end;
        }
        timeline_free(&t);
    }
}

void chart_data_free(ChartData *d)
{
    for (size_t i = 0; i < d->nlines; i++) {
        free(d->lines[i].y);
        if (d->base)
            free(d->base[i].y);
    }
    free(d->lines);
    free(d->base);
    free(d->ents);
    memset(d, 0, sizeof *d);
}

/* ---- drawing ---- */

enum { W = 960, H = 560, LEFT = 100, RIGHT = 210, TOP = 78, BOTTOM = 64 };
#define LINE_WIDTH 2.5  /* only entity lines use it: tests count them by it */
#define BASE_LINE_WIDTH 1.25  /* only base-world lines under a scenario use it */
#define FONT "sans-serif"
#define LEGEND_FONT 12
#define SWATCH_WIDTH 3.0  /* not 2.5: the legend's swatches are not entity lines */
/* A swatch long enough that its dashes show on both sides of the marker in its middle. */
#define SWATCH_LEN 30
#define LEGEND_TEXT (SWATCH_LEN + 8)   /* the name starts this far right of the swatch */
#define LEGEND_ROW 20                  /* pixels from one legend line to the next */

/* Tableau 10 and two more dark hues: twelve distinct colours. Past twelve, a line takes
 * the colours again with a dash pattern (chart_line_style), so no two of the first
 * CHART_NCOLOURS x 4 lines look alike. */
const double CHART_PALETTE[CHART_NCOLOURS][3] = {
    {0.122, 0.467, 0.706}, {1.000, 0.498, 0.055}, {0.173, 0.627, 0.173},
    {0.839, 0.153, 0.157}, {0.580, 0.404, 0.741}, {0.549, 0.337, 0.294},
    {0.890, 0.467, 0.761}, {0.498, 0.498, 0.498}, {0.737, 0.741, 0.133},
    {0.090, 0.745, 0.812}, {0.100, 0.100, 0.100}, {0.000, 0.200, 0.450},
};

int chart_line_style(size_t i, double rgb[3], double dash[CHART_MAX_DASHES])
{
    /* dashed, dotted, dash-dot: drawn with butt caps, so each gap shows as long as it is */
    static const double dashes[][CHART_MAX_DASHES] = {{8, 4}, {2, 3}, {8, 3, 2, 3}};
    static const int ndash[] = {2, 2, 4};
    const double *c = CHART_PALETTE[i % CHART_NCOLOURS];
    rgb[0] = c[0], rgb[1] = c[1], rgb[2] = c[2];
    size_t style = (i / CHART_NCOLOURS) % 4;
    if (style == 0)
        return 0;
    for (int k = 0; k < ndash[style - 1]; k++)
        dash[k] = dashes[style - 1][k];
    return ndash[style - 1];
}

typedef struct Frame {
    double lo, hi, step;   /* y axis range and tick step, in USD */
    double px0, px1, py0, py1;  /* plot area in pixels (py0 bottom) */
    int nx;
} Frame;

double chart_nice_step(double range)
{
    double raw = range / 6, mag = pow(10, floor(log10(raw))), norm = raw / mag;
    return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

static Frame frame_of(const ChartData *d)
{
    Frame f = {0};
    double lo = 0, hi = 0;
    for (size_t i = 0; i < d->nlines; i++)
        for (int k = 0; k < d->nx; k++) {
            double a = d->lines[i].y[k], b = d->base ? d->base[i].y[k] : NAN;
            if (isfinite(a))
                lo = fmin(lo, a), hi = fmax(hi, a);
            if (isfinite(b))
                lo = fmin(lo, b), hi = fmax(hi, b);
        }
    if (hi - lo < 1)   /* a flat chart (all zero) still gets a readable axis */
        hi = lo + 1;
    f.step = chart_nice_step(hi - lo);
    f.lo = floor(lo / f.step) * f.step;
    f.hi = ceil(hi / f.step) * f.step;
    f.px0 = LEFT;
    f.px1 = W - RIGHT;
    f.py0 = chart_timeline_height(d) - BOTTOM;
    f.py1 = TOP;
    f.nx = d->nx;
    return f;
}

/* Points keep a little room from the axes, so markers on the first year are not cut. */
#define XPAD 14

static double fx(const Frame *f, int i)
{
    if (f->nx <= 1)
        return (f->px0 + f->px1) / 2;
    return f->px0 + XPAD + (f->px1 - f->px0 - 2 * XPAD) * i / (f->nx - 1);
}

static double fy(const Frame *f, double v)
{
    return f->py0 - (f->py0 - f->py1) * (v - f->lo) / (f->hi - f->lo);
}

void chart_text(cairo_t *cr, double x, double y, double ax, const char *s)
{
    cairo_text_extents_t te;
    cairo_text_extents(cr, s, &te);
    cairo_move_to(cr, x - ax * te.x_advance, y);
    cairo_show_text(cr, s);
}

static void draw_titles(cairo_t *cr, const ChartData *d)
{
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_set_font_size(cr, 18);
    chart_text(cr, LEFT, 32, 0, d->title);
    if (d->subtitle[0]) {
        cairo_set_font_size(cr, 12);
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
        chart_text(cr, LEFT, 54, 0, d->subtitle);
    }
}

static void draw_y_axis(cairo_t *cr, const Frame *f, const char *ylabel)
{
    char buf[64];
    cairo_set_font_size(cr, 11);
    cairo_set_line_width(cr, 1);
    long nt = lround((f->hi - f->lo) / f->step);
    for (long k = 0; k <= nt; k++) {
        double v = f->lo + (double)k * f->step, y = round(fy(f, v)) + 0.5;
        cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);   /* grid line */
        cairo_move_to(cr, f->px0, y);
        cairo_line_to(cr, f->px1, y);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);   /* tick and label */
        cairo_move_to(cr, f->px0 - 5, y);
        cairo_line_to(cr, f->px0, y);
        cairo_stroke(cr);
        chart_text(cr, f->px0 - 8, y + 4, 1, usd_text(fabs(v) < f->step / 1e6 ? 0 : v, buf, sizeof buf));
    }
    cairo_save(cr);
    cairo_translate(cr, 24, (f->py0 + f->py1) / 2);
    cairo_rotate(cr, -M_PI / 2);
    cairo_set_font_size(cr, 12);
    chart_text(cr, 0, 0, 0.5, ylabel);
    cairo_restore(cr);
}

static void x_label(const ChartData *d, int i, char *buf, size_t n)
{
    if (d->undated)
        snprintf(buf, n, i == 0 ? "now" : "+%dy", i);
    else
        snprintf(buf, n, "%d", d->x0 + i);
}

static void draw_x_axis(cairo_t *cr, const Frame *f, const ChartData *d)
{
    char buf[32];
    int every = d->nx > 12 ? (d->nx + 11) / 12 : 1;
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 1);
    cairo_set_font_size(cr, 11);
    for (int i = 0; i < d->nx; i += every) {
        double x = round(fx(f, i)) + 0.5;
        cairo_move_to(cr, x, f->py0);
        cairo_line_to(cr, x, f->py0 + 5);
        cairo_stroke(cr);
        x_label(d, i, buf, sizeof buf);
        chart_text(cr, x, f->py0 + 19, 0.5, buf);
    }
    cairo_set_font_size(cr, 12);
    chart_text(cr, (f->px0 + f->px1) / 2, f->py0 + BOTTOM - 18, 0.5,
            d->undated ? "time (one-year horizon)" : "year (cash on 1 January)");
    /* The axes themselves, over the grid. */
    cairo_move_to(cr, f->px0 + 0.5, f->py1);
    cairo_line_to(cr, f->px0 + 0.5, f->py0 + 0.5);
    cairo_line_to(cr, f->px1, f->py0 + 0.5);
    cairo_stroke(cr);
    if (f->lo < 0) {   /* below this line an entity has run out of cash */
        static const double dash[] = {6, 4};
        double y = round(fy(f, 0)) + 0.5;
        cairo_set_source_rgb(cr, 0.6, 0.1, 0.1);
        cairo_set_dash(cr, dash, 2, 0);
        cairo_move_to(cr, f->px0, y);
        cairo_line_to(cr, f->px1, y);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
}

/* A line's colour and dashes; a dashed line gets butt caps (round ones would fill its
 * gaps), a solid one round caps and joins. */
static void set_line_style(cairo_t *cr, size_t i)
{
    double rgb[3], dash[CHART_MAX_DASHES];
    int nd = chart_line_style(i, rgb, dash);
    cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
    cairo_set_dash(cr, nd ? dash : NULL, nd, 0);
    cairo_set_line_cap(cr, nd ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
}

static void trace(cairo_t *cr, const Frame *f, const ChartLine *l)
{
    bool pen = false;
    for (int k = 0; k < f->nx; k++) {
        if (!isfinite(l->y[k])) {
            pen = false;
            continue;
        }
        if (pen)
            cairo_line_to(cr, fx(f, k), fy(f, l->y[k]));
        else
            cairo_move_to(cr, fx(f, k), fy(f, l->y[k]));
        pen = true;
    }
}

/* One stroked path per entity (the line), then one filled path of its markers. */
static void draw_line(cairo_t *cr, const Frame *f, const ChartLine *l, size_t i)
{
    set_line_style(cr, i);
    cairo_set_line_width(cr, LINE_WIDTH);
    trace(cr, f, l);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    for (int k = 0; k < f->nx; k++)
        if (isfinite(l->y[k])) {
            cairo_new_sub_path(cr);
            cairo_arc(cr, fx(f, k), fy(f, l->y[k]), 3.5, 0, 2 * M_PI);
        }
    cairo_fill(cr);
}

/* The base world's line under a scenario's: same colour, thin, dashed, half-transparent. */
static void draw_base_line(cairo_t *cr, const Frame *f, const ChartLine *l, size_t i)
{
    static const double dash[] = {4, 3};
    const double *c = CHART_PALETTE[i % CHART_NCOLOURS];
    cairo_set_source_rgba(cr, c[0], c[1], c[2], 0.55);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, BASE_LINE_WIDTH);
    trace(cr, f, l);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

static void draw_legend(cairo_t *cr, const ChartData *d)
{
    double x = W - RIGHT + 24, y = TOP + 6;
    cairo_set_font_size(cr, LEGEND_FONT);
    for (size_t i = 0; i < d->nlines; i++, y += LEGEND_ROW) {
        /* The swatch is the line itself, dashes and marker too: colours repeat past
         * CHART_NCOLOURS, the dash patterns tell those lines apart. */
        set_line_style(cr, i);
        cairo_set_line_width(cr, SWATCH_WIDTH);
        cairo_move_to(cr, x, y - 3);
        cairo_line_to(cr, x + SWATCH_LEN, y - 3);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        cairo_arc(cr, x + SWATCH_LEN / 2.0, y - 3, 3, 0, 2 * M_PI);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        chart_text(cr, x + LEGEND_TEXT, y + 1, 0, d->lines[i].label);
    }
    if (d->base) {   /* the key to the thin dashed lines */
        cairo_set_font_size(cr, 11);
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
        chart_text(cr, x, y + 10, 0, "thin dashed: base world");
    }
}

/* The canvas is widened to the legend's longest name, so no name is cut off. */
int chart_timeline_width(const ChartData *d)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, LEGEND_FONT);
    double widest = 0;
    for (size_t i = 0; i < d->nlines; i++) {
        cairo_text_extents_t te;
        cairo_text_extents(cr, d->lines[i].label, &te);
        widest = fmax(widest, te.x_advance);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    double need = W - RIGHT + 24 + LEGEND_TEXT + widest + 16;
    return need > W ? (int)ceil(need) : W;
}

/* The canvas is made taller when the legend's lines (and the base world's note under them)
 * would run past its bottom; the plot grows with it. */
int chart_timeline_height(const ChartData *d)
{
    int need = TOP + 6 + LEGEND_ROW * (int)d->nlines + (d->base ? 20 : 0) + 12;
    return need > H ? need : H;
}

static void draw(cairo_t *cr, const ChartData *d)
{
    Frame f = frame_of(d);
    draw_titles(cr, d);
    draw_y_axis(cr, &f, d->ylabel ? d->ylabel : "");
    draw_x_axis(cr, &f, d);
    for (size_t i = 0; d->base && i < d->nlines; i++)
        draw_base_line(cr, &f, &d->base[i], i);
    for (size_t i = 0; i < d->nlines; i++)
        draw_line(cr, &f, &d->lines[i], i);
    draw_legend(cr, d);
}

/* ---- surfaces writing into memory ---- */

static cairo_status_t buf_write(void *closure, const unsigned char *data, unsigned int len)
{
    strbuf_add(closure, (const char *)data, len);
    return CAIRO_STATUS_SUCCESS;
}

static int finish(cairo_surface_t *s, cairo_t *cr, RenderFormat f, StrBuf *b)
{
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st == CAIRO_STATUS_SUCCESS && f == RENDER_PNG)
        st = cairo_surface_write_to_png_stream(s, buf_write, b);
    cairo_surface_finish(s);   /* the SVG surface writes its document here */
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    return st == CAIRO_STATUS_SUCCESS ? 0 : (int)st;
}

/* cairo numbers surfaces with a per-process counter and names the SVG's top group after
 * it ("surface6" for the sixth surface the process made), so the same chart drawn twice in
 * one process (the REPL, the tests) would differ. Nothing refers to that id when it is the
 * only surface in the document, so it is renamed to a fixed one. */
static void normalize_svg(StrBuf *b)
{
    static const char key[] = "<g id=\"surface";
    char *p = b->s ? strstr(b->s, key) : NULL;
    if (!p || strstr(p + sizeof key - 1, "id=\"surface"))
        return;
    char *digits = p + sizeof key - 1, *end = digits;
    while (*end >= '0' && *end <= '9')
        end++;
    if (end == digits || *end != '"')
        return;
    digits[0] = '1';
    memmove(digits + 1, end, (size_t)(b->s + b->len - end) + 1);   /* with the NUL */
    b->len -= (size_t)(end - digits) - 1;
}

int chart_paint(RenderFormat f, int w, int h, ChartDrawFn draw_fn, const void *ud, char **data,
                size_t *len, char *err, size_t errn)
{
    *data = NULL;
    *len = 0;
    if (f != RENDER_SVG && f != RENDER_PNG) {
        snprintf(err, errn, "a chart is written as .svg or .png, not .%s", render_format_name(f));
        return -1;
    }
    StrBuf b = {0};
    cairo_surface_t *s = f == RENDER_SVG
                             ? cairo_svg_surface_create_for_stream(buf_write, &b, w, h)
                             : cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    draw_fn(cr, ud);
    int st = finish(s, cr, f, &b);
    if (st != 0) {
        snprintf(err, errn, "cairo: %s", cairo_status_to_string((cairo_status_t)st));
        free(b.s);
        return -1;
    }
    if (f == RENDER_SVG)
        normalize_svg(&b);
    *data = b.s;
    *len = b.len;
    return 0;
}

static void draw_timeline(cairo_t *cr, const void *ud) { draw(cr, ud); }

int chart_render(const ChartData *d, RenderFormat f, char **data, size_t *len, char *err,
                 size_t errn)
{
    return chart_paint(f, chart_timeline_width(d), chart_timeline_height(d), draw_timeline, d,
                       data, len, err, errn);
}
