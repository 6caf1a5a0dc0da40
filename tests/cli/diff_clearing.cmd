diff tests/cli/diff_clear_a.deal tests/cli/diff_clear_b.deal
