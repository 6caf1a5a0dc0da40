check tests/errors/syntax_unexpected_close.deal
