/* csv_read.h - reading CSV text (RFC 4180, as spreadsheets write it): records of fields
 * separated by commas, a record per line (CRLF, LF, or CR alone as old Mac spreadsheets
 * write it: csv_line_ends makes those LF first), a field in double quotes may hold
 * commas, line breaks and quotes doubled. Every field keeps the byte range it was read
 * from, so a problem with its value is reported at its place in the file.
 *
 * Problems of the text itself are diagnostics at their place: a quoted field that never
 * closes (at its opening quote), text after a closing quote, a NUL byte. Reading goes on
 * after each (except an unclosed quote, which runs to the end), so every bad row is told.
 *
 * Ownership: a Csv owns its records and their fields' texts; csv_free releases them. */
#ifndef DG_CSV_READ_H
#define DG_CSV_READ_H
#include <stddef.h>
#include <stdint.h>
#include "diag.h"

typedef struct CsvField {
    char *text;            /* the value: quotes removed, doubled quotes made one (heap) */
    size_t len;
    uint32_t start, end;   /* its bytes in the file, quotes included */
} CsvField;

typedef struct CsvRecord {
    CsvField *f;           /* heap */
    size_t n;
    uint32_t start, end;   /* the record's bytes, line break excluded */
    int line;              /* the line it starts on, from 1 */
} CsvRecord;

typedef struct Csv {
    CsvRecord *rec;
    size_t n, cap;
} Csv;

/* A CR not followed by LF becomes LF, in place (the length stays, so every place does), so
 * that lines are counted as an editor shows them. Call before anything reads the lines. */
void csv_line_ends(char *text, size_t len);
/* Read the text of source `file` of d's source set; problems go to d. */
void csv_read(Csv *out, Diags *d, uint32_t file);
void csv_free(Csv *c);

#endif
