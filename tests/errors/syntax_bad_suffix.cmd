check tests/errors/syntax_bad_suffix.deal
