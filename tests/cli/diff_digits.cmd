diff tests/cli/diff_digits_a.deal tests/cli/diff_digits_b.deal
