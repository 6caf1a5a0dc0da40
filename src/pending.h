/* pending.h - front doors of subcommands whose owners have not landed them yet.
 *
 * Ownership: eval/CLI engineer, temporarily. Each declaration moves to its owner's header
 * (fmt.h) when that lands; the lead then deletes it here and its stub in pending.c, and
 * main.c includes the real header instead. Each takes the arguments after its command word
 * and returns an exit status of dg.h. */
#ifndef DG_PENDING_H
#define DG_PENDING_H
#include "dg.h"

int fmt_main(int argc, char **argv);

#endif
