/* sens_show.c - the table of `show sensitivities of X` (sens_show.h). */
#include "sens_show.h"
#include <stdio.h>
#include "table.h"

static const char *fig_name(int g) { return stress_figure_name(sens_figure((SensFig)g)); }

static char *fig_text(SensFig g, double x, char *buf, size_t n)
{
    return g == SF_PAID ? pct_text(x, buf, n) : usd_text(x, buf, n);
}

/* exact: Liu-Staum; fd: central differences; kink: a one-sided slope for a fall in any of
 * the three; jump: a figure moves by a finite amount on any fall (loss is always by finite
 * differences, so "exact" speaks of paid and shortfall). */
static char *how(const SensRow *r, char *buf, size_t n)
{
    for (int g = 0; g < SF__COUNT; g++)
        if (r->v[g].how == SENS_JUMP) {
            char j[32];
            fig_text((SensFig)g, r->v[g].jump, j, sizeof j);
            snprintf(buf, n, "jump (%s %s%s on any fall)", fig_name(g),
                     r->v[g].jump > 0 ? "+" : "", j);
            return buf;
        }
    bool kink = false;
    for (int g = 0; g < SF__COUNT; g++)
        kink |= r->v[g].how == SENS_KINK;
    snprintf(buf, n, "%s", kink ? "kink" : r->v[SF_PAID].how == SENS_EXACT ? "exact" : "fd");
    return buf;
}

void sens_show(FILE *out, const World *w, EntId x, const SensRow *rows, size_t n,
               size_t ninputs, const char *not_exact)
{
    size_t top = n < SENS_SHOW_TOP ? n : SENS_SHOW_TOP;
    fprintf(out, "sensitivities of %s: the change per 1B more of each input ", world_name(w, x));
    if (n > top)
        fprintf(out, "(the %zu of %zu inputs that move it most; %zu move it):\n", top, ninputs, n);
    else
        fprintf(out, "(%zu of the %zu inputs move%s it):\n", n, ninputs, n == 1 ? "s" : "");
    Table t;
    table_init(&t, 5);
    t.left_mask |= 1u << 4;
    table_row(&t, (const char *const[]){"input", fig_name(SF_PAID), fig_name(SF_SHORTFALL),
                                         fig_name(SF_LOSS), "how"});
    for (size_t k = 0; k < top; k++) {
        const SensRow *r = &rows[k];
        char in[160], c[SF__COUNT][32], h[96];
        snprintf(in, sizeof in, "%s of %s", shock_name(r->in.what), world_name(w, r->in.of));
        for (int g = 0; g < SF__COUNT; g++)
            fig_text((SensFig)g, r->v[g].d * SENS_UNIT, c[g], sizeof c[g]);
        table_row(&t, (const char *const[]){in, c[0], c[1], c[2], how(r, h, sizeof h)});
    }
    if (top)
        table_print(&t, out, "  ");
    table_free(&t);
    if (not_exact)
        fprintf(out, "  by finite differences: %s\n", not_exact);
}
