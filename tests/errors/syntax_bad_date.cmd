check tests/errors/syntax_bad_date.deal
