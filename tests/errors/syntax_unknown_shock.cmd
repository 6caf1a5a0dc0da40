check tests/errors/syntax_unknown_shock.deal
