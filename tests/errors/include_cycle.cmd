check tests/errors/include_cycle.deal
