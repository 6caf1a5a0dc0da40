check tests/cli/web.deal tests/cli/missing.deal
