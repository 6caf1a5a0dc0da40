check tests/errors/syntax_missing_operand.deal
