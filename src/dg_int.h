/* dg_int.h - what the files of the API layer share (dg.c: the context, running and
 * reading scripts, fmt, the dumps; dg_out.c: reports, diff and pictures; dg_sim.c:
 * simulate and its merge). Nothing outside them includes it.
 *
 * Ownership: a Dg owns its sources, diagnostics, interner and evaluator. */
#ifndef DG_DG_INT_H
#define DG_DG_INT_H
#include "dg.h"
#include "eval.h"
#include "reading.h"
#include "render.h"

struct Dg {
    DgOptions opt;
    Reading rd;       /* the sources, their diagnostics and the names */
    Eval *ev;
    size_t printed;   /* diagnostics already written to opt.err */
    char **names;     /* dg_lsp.c: each source file's real path (DgRange.file), by id */
    size_t capnames;
    struct DgIndex *index;   /* dg_index.c: built on demand, dropped when a run adds */
};

/* Print the diagnostics found since the last call; DG_EFAIL when errors were added since
 * there were errors_before of them. */
int dg_flush_diags(Dg *dg, size_t errors_before);

/* A picture's bytes made (rc 0) or its maker's message (rc != 0): write them to pic->out
 * (dg_write_file) or say why not. Frees data. */
int dg_pic_write(Dg *dg, const DgPicture *pic, int rc, char *data, size_t len, const char *msg);
/* The charts of a simulate (dg_sim.c): run pic->samples of pic->scenario and draw them. */
int dg_sim_picture(Dg *dg, const DgPicture *pic, RenderFormat f);

/* dg_lsp.c: files and positions as editors count them (dg.h "editors"). */
const char *dg_file_name(Dg *dg, uint32_t file);
uint32_t dg_file_id(Dg *dg, const char *name);
DgRange dg_range(Dg *dg, Span sp);
bool dg_offset(Dg *dg, uint32_t file, int line, int col, uint32_t *off);
/* dg_index.c: the span of a symbol dg_symbols handed out; free the index (a run added). */
bool dg_index_span(Dg *dg, const DgSym *sym, Span *sp);
void dg_index_free(Dg *dg);

#endif
