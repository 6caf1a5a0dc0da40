check tests/errors/inf_literal.deal
