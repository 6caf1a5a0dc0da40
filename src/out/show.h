/* show.h - human text output of the engine's results (`show ...` and the summary).
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

/* `show TOPIC [of A [to B]]` for the engine's topics: sources cycles leverage timeline
 * exposure system deals summary (a = b = ENT_NONE when not given; `cycles of A` lists the
 * cycles through A, `leverage of A` and `deals of A` one entity's rows). Returns SHOW_OK, or
 * SHOW_NOT_MINE for topics the engine does not own (defaults losses payments distress:
 * stress), or SHOW_NEEDS_ENTITY when the topic needs `of A` (sources, timeline, exposure). */
enum { SHOW_OK = 0, SHOW_NOT_MINE = 1, SHOW_NEEDS_ENTITY = 2 };
int show_topic(FILE *out, Engine *e, const char *topic, EntId a, EntId b);

#endif
