repl --strict tests/cli/repl_strict.deal
