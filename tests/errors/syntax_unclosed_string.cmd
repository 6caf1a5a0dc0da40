check tests/errors/syntax_unclosed_string.deal
