check --strict tests/golden/err_revenue_unit.deal
