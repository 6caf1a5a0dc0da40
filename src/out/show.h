/* show.h - human text output of the engine's results (`show ...` and the summary):
 * show_text.c (figures and years as text), show_entity.c (one entity's card, sources,
 * exposure, timeline), show_deals.c, show_cycles.c and show_system.c (the leverage table,
 * the system figures, the summary). `show TOPIC` picks among them: show_topic.h.
 *
 * Aligned tables, amounts via usd_text, shares via pct_text, "n/a" for
 * undefined figures, deterministic order (ties broken by name). No colour. Output only:
 * every number comes from figures/sources/cycles/timeline. */
#ifndef DG_SHOW_H
#define DG_SHOW_H
#include <stdio.h>
#include "figures.h"

void show_entity(FILE *out, Engine *e, EntId v);               /* show NAME: entity card */
/* The card without circularity (a solve of its own) when circularity is false: `report`
 * for the entities whose sources it does not list. */
void show_entity_card(FILE *out, Engine *e, EntId v, bool circularity);
void show_sources(FILE *out, Engine *e, EntId v);              /* show sources of X */
struct Sources;
void show_sources_list(FILE *out, Engine *e, const struct Sources *s);   /* sources found */
void show_cycles(FILE *out, Engine *e);                        /* show cycles */
void show_cycles_of(FILE *out, Engine *e, EntId v);            /* show cycles of X */
void show_cycles_first(FILE *out, Engine *e, size_t max);      /* the summary's: max rows */
void show_leverage(FILE *out, Engine *e, EntId v);             /* ENT_NONE: whole table */
void show_exposure(FILE *out, Engine *e, EntId a, EntId b);    /* b = ENT_NONE: a to all */
void show_system(FILE *out, Engine *e);
void show_timeline(FILE *out, Engine *e, EntId v);
void show_deals(FILE *out, Engine *e, EntId v);                /* ENT_NONE: every deal */
void show_summary(FILE *out, Engine *e);                       /* script with no `show` */

/* A figure as text with its unit: "350B", "4B/y", "40.7%", "7.25", a year, or "n/a".
 * buf holds at least 8 bytes. */
char *show_figure_text(Engine *e, FigId f, EntId v, char *buf, size_t n);
char *show_sysfig_text(Engine *e, SysFig f, char *buf, size_t n);
/* A horizon year as text: "2027", or "now" for the one year of a script with no dates. */
char *show_year_text(const Graph *g, int year, char *buf, size_t n);
/* A string in double quotes as the script writes it: quotes and backslashes escaped, line
 * breaks and tabs as \n and \t, so a display name or a source stays on its line. */
void show_put_string(FILE *out, const char *s);

#endif
