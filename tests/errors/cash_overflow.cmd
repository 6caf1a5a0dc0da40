check tests/errors/cash_overflow.deal
