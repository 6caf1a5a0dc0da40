check --strict tests/errors/revenue_unit.deal
