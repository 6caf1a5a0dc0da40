check tests/errors/literal_overflow.deal
