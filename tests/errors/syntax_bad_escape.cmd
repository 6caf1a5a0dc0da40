check tests/errors/syntax_bad_escape.deal
