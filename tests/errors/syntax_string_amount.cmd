check tests/errors/syntax_string_amount.deal
