report --scenario nope tests/cli/web.deal
