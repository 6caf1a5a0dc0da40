check --strict tests/cli/web.deal
