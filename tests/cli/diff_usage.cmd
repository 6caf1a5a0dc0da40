diff tests/cli/diff_a.deal
