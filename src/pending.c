/* pending.c - stand-ins for subcommands not built yet (see pending.h): each says so and
 * exits with the usage status, so scripts can tell "not available" from a failure.
 *
 * Ownership: eval/CLI engineer, temporarily; the lead deletes each stub as its owner lands. */
#include "pending.h"

static int not_built(const char *cmd)
{
    fprintf(stderr, "%s: not available in this build\n", cmd);
    return DG_EUSAGE;
}

int fmt_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    return not_built("fmt");
}
