/* html_int.h - what the files of the page share (html.c, html_tables.c): escaping, cells
 * that sort, and the sections html_tables.c writes. Nothing outside out/html*.c includes it. */
#ifndef DG_HTML_INT_H
#define DG_HTML_INT_H
#include <stdbool.h>
#include <stdio.h>
#include "html.h"
#include "sources_table.h"

/* s with & < > " ' as character references: safe in text and in quoted attributes. */
void html_esc(FILE *out, const char *s);
/* An id made of s: [a-z0-9_-] kept, anything else as -XX (hex), so two names never meet. */
void html_id(FILE *out, const char *prefix, const char *s);
/* A cell holding text; `v` is the key the table sorts it by (ok false: n/a, sorted last). */
void html_num_cell(FILE *out, bool ok, double v, const char *text);
void html_text_cell(FILE *out, const char *text);
/* An amount in USD as show prints it ("350B"), sorted by its value. */
void html_usd_cell(FILE *out, double usd);
/* A source string with every address in it (a word like "reuters.com/x" or "https://...")
 * as a link. */
void html_source(FILE *out, const char *src);

/* Year y of the model as show writes it ("2027", or "now" in a script with no dates). */
const char *html_year(const HtmlPage *p, int y, char *buf, size_t n);

/* Sections of the base world (html_tables.c). `listed` says whose sources the page lists
 * (engine_sources_listed, as `report` does). */
void html_entities(FILE *out, const HtmlPage *p, const SourceTable *listed);
void html_details(FILE *out, const HtmlPage *p, const SourceTable *listed);
void html_cycles(FILE *out, const HtmlPage *p);
void html_deals(FILE *out, const HtmlPage *p);
/* A breaking points table of world w (the base's or a scenario's), or why there is none. */
void html_breaking(FILE *out, const World *w, const HtmlRisk *r, const HtmlPage *p);

#endif
