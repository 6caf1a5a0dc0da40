/* csv.h - `dealgraph report --csv DIR`: the page's tables as CSV files (docs/PICTURES.md
 * "CSV", where every column is listed).
 *
 * RFC 4180: fields separated by commas, records by CRLF, a field holding a comma, a quote,
 * CR or LF is quoted and its quotes doubled; a header row first. Numbers are plain: USD as
 * `%.17g` of the value (no unit, no scale), shares as fractions (0.25), years as years; an
 * undefined figure is an empty field. Rows in the order of the report: entities and sources
 * by name, cycles largest first, deals in script order, a scenario's defaults by year,
 * round and name. deals.csv has the columns `dealgraph import` reads, so it imports back.
 *
 * Each function fills a StrBuf with one file's bytes; the caller writes them (dg_page.c). */
#ifndef DG_CSV_H
#define DG_CSV_H
#include "figures.h"
#include "strbuf.h"
#include "stress.h"

void csv_entities(StrBuf *b, Engine *e);
void csv_sources(StrBuf *b, Engine *e);
void csv_cycles(StrBuf *b, Engine *e);
void csv_deals(StrBuf *b, Engine *e);
/* A scenario's clearing: its defaults, every entity's loss, and the cash of every entity
 * but the markets at the end of each year. */
void csv_defaults(StrBuf *b, const StressResult *r, const World *w);
void csv_losses(StrBuf *b, const StressResult *r, const World *w);
void csv_years(StrBuf *b, const StressResult *r, const World *w);

/* A duration in months as the language writes it: "5y", "18mo". */
char *months_text(int32_t months, char *buf, size_t n);

#endif
