check tests/errors/syntax_missing_amount.deal
