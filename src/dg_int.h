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
};

/* Print the diagnostics found since the last call; DG_EFAIL when errors were added since
 * there were errors_before of them. */
int dg_flush_diags(Dg *dg, size_t errors_before);

/* A picture's bytes made (rc 0) or its maker's message (rc != 0): write them to pic->out
 * (dg_write_file) or say why not. Frees data. */
int dg_pic_write(Dg *dg, const DgPicture *pic, int rc, char *data, size_t len, const char *msg);
/* The charts of a simulate (dg_sim.c): run pic->samples of pic->scenario and draw them. */
int dg_sim_picture(Dg *dg, const DgPicture *pic, RenderFormat f);

#endif
