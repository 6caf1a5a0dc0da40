check tests/errors/let_bad_literal.deal
