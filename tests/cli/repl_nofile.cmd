repl tests/cli/no_such_file.deal
