/* forkcost.c - what a what-if fork of a large world costs (make bench): it loads a script,
 * forks the world as a scenario does, applies a demand shock and a cancellation, and prints
 * the bytes the fork holds beside the bytes of the world it forks. */
#include <stdio.h>
#include "dg.h"
#include "world.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: forkcost FILE\n");
        return 2;
    }
    DgOptions opt = {.out = stdout, .err = stderr, .quiet = true};
    Dg *dg = dg_new(&opt);
    if (dg_run_file(dg, argv[1]) != DG_OK) {
        dg_free(dg);
        return 1;
    }
    const World *base = dg_world(dg);
    World *fork = world_fork(base);
    EntId users = world_find(base, intern_cstr(dg_interner(dg), "users"));
    if (users != ENT_NONE)
        world_scale_payments(fork, users, 0.5);
    world_cancel(fork, 0);
    printf("%-44s %10zu bytes (%zu deals)\n", "base world", world_bytes(base),
           world_n_deals(base));
    printf("%-44s %10zu bytes\n", "what-if fork (shock + cancel)", world_bytes(fork));
    world_free(fork);
    dg_free(dg);
    return 0;
}
