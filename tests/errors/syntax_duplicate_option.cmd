check tests/errors/syntax_duplicate_option.deal
