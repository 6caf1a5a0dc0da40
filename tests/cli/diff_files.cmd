diff tests/cli/diff_a.deal tests/cli/diff_b.deal
