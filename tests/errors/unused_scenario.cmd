check tests/errors/unused_scenario.deal
