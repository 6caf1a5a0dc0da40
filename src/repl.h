/* repl.h - `dealgraph repl`: the interactive front door over the library API in dg.h.
 *
 * Ownership: src/repl*.c, src/repl*.h. The REPL keeps the text of every
 * accepted input and nothing else of its own; parsing, evaluation and output all go
 * through dg.h, so the REPL answers exactly as a script run would. */
#ifndef DG_REPL_H
#define DG_REPL_H

/* argv holds the arguments after "repl": [-] [FILE...]. Returns the process exit status:
 * interactive sessions end with 0 (:quit, end of input); piped stdin (`dealgraph repl <
 * script`, or `-`) returns what `check` would (0 clean, 1 errors or failed asserts);
 * 2 for a usage error, 3 when a FILE named at start cannot be read. */
int repl_main(int argc, char **argv);

#endif
