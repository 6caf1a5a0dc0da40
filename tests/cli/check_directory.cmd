check tests/cli
