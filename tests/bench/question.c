/* question.c - how long a REPL question on the real 2025 web takes (make bench): loads
 * `use ai2025;` through the library the REPL runs on, then asks each question five times
 * and prints the first and the best wall time of each (the first pays for anything the
 * engine caches; the best is what a busy machine cannot inflate). Answers go to /dev/null. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "dg.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(void)
{
    static const char *const questions[] = {
        "circularity(nvidia)", "gap(openai)", "show sources of nvidia",
        "what if { shock payments of users by -50% } { show defaults }",
    };
    FILE *sink = fopen("/dev/null", "w");
    if (!sink)
        return 1;
    DgOptions opt = {.out = sink, .err = stderr, .echo_exprs = true};
    Dg *dg = dg_new(&opt);
    double t0 = now_ms();
    if (dg_run_text(dg, "<bench>", "use ai2025;\n", 12) != DG_OK)
        return 1;
    printf("%-44s %8.3f ms\n", "repl: use ai2025 (load the module)", now_ms() - t0);
    for (size_t q = 0; q < sizeof questions / sizeof *questions; q++) {
        double best = 1e9, first = 0;
        for (int k = 0; k < 5; k++) {
            t0 = now_ms();
            int rc = dg_run_text(dg, "<bench>", questions[q], strlen(questions[q]));
            double dt = now_ms() - t0;
            if (rc != DG_OK)
                return 1;
            best = dt < best ? dt : best;
            first = k ? first : dt;
        }
        printf("repl: %s\n%-44s %8.3f ms first, %.3f ms best\n", questions[q], "", first, best);
    }
    dg_free(dg);
    fclose(sink);
    return 0;
}
