/* repl_commands.h - the REPL's meta-commands, each written once (X-macros, as the language's
 * lists): repl_cmd.c dispatches them, `:help commands` lists them and completion offers them.
 *
 * X(ENUMERATOR, "word", "arguments", "what it does"); a command may be typed as any unique
 * prefix of its word (:q, :u). */
#ifndef DG_REPL_COMMANDS_H
#define DG_REPL_COMMANDS_H

#define REPL_COMMANDS(X) \
    X(C_HELP, "help", "[TOPIC]", "this text, or one topic") \
    X(C_LOAD, "load", "FILE", "run a script file as one input") \
    X(C_SAVE, "save", "FILE", "write the accepted inputs as a formatted script") \
    X(C_RELOAD, "reload", "", \
      "re-read the files loaded at start (and :load-ed), keep what was typed") \
    X(C_SET, "set", "strict on/off", "undeclared entities are errors (as --strict), or not") \
    X(C_UNDO, "undo", "", "take back the last accepted input") \
    X(C_RESET, "reset", "", "forget everything: an empty world") \
    X(C_QUIT, "quit", "", "leave (also Ctrl-D)")

#endif
