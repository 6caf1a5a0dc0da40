tests/cli/missing.deal
