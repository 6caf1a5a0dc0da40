check tests/errors/scenarios.deal
