/* html.h - `dealgraph report --html`: one self-contained page of a world and its scenarios
 * (docs/PICTURES.md "The page").
 *
 * The page holds everything inline: CSS, the money graph as SVG (render.h, the picture of
 * `graph`), each entity's cash chart as an SVG image in a data: URI (chart.h; cairo numbers
 * its glyph ids per document, so two charts inline would share ids), and a few lines of
 * JavaScript that sort the entity table. It names no other file and no address to load, so
 * it opens offline. Output is deterministic: no clock, entities by name, tables in the order
 * of show's. Undefined figures read "n/a". Every name and string of the script is escaped.
 *
 * html.c writes the page's frame, the headline, the graph and the scenarios; html_tables.c
 * the tables of the base world (entities, sources and timelines, cycles, deals, breaking
 * points). Output only: the caller computes every result (the scenarios' clearings, the
 * breaking points, the simulations) and this file lays them out.
 *
 * Ownership: an HtmlPage borrows everything it points to. */
#ifndef DG_HTML_H
#define DG_HTML_H
#include <stdio.h>
#include "figures.h"
#include "montecarlo.h"
#include "stress.h"

/* Risk measures of one world: NULL arrays when not computed (`why` says why, or NULL when
 * the page has none to offer, e.g. no scenario reads a random let). */
typedef struct HtmlRisk {
    const double *bp;        /* world_n_entities entries; NAN: survives every cut */
    const int *bp_year;
    const char *bp_why;
    const McSum *mc;         /* a simulation of the scenario, or NULL */
    uint64_t mc_seed;
    const char *mc_why;
} HtmlRisk;

typedef struct HtmlScenario {
    const char *name;
    const char *desc;              /* its quoted description, or NULL */
    const World *w;                /* the scenario's fork */
    const StressResult *res;
    HtmlRisk risk;
} HtmlScenario;

typedef struct HtmlPage {
    const char *title;             /* the page's heading: the files' names */
    Engine *e;                     /* the base world */
    HtmlRisk risk;                 /* the base world's breaking points */
    const HtmlScenario *scen;
    size_t nscen;
} HtmlPage;

/* The most entities given a sources list and a cash chart of their own (the largest by
 * in(v), then by name); the table lists every entity. */
#define HTML_DETAIL_MAX 40
/* The most rows of a scenario's cash paths (defaulted entities first, then the largest
 * losses); the years CSV holds every entity. */
#define HTML_PATH_ROWS 60

/* Writes the page; 0, or 3 (DG_EIO) when writing failed. */
int html_write(FILE *out, const HtmlPage *p);

#endif
