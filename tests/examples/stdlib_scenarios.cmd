check --strict stdlib/scenarios.deal
