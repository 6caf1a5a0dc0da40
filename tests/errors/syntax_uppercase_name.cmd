check tests/errors/syntax_uppercase_name.deal
