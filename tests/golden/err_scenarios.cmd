check tests/golden/err_scenarios.deal
