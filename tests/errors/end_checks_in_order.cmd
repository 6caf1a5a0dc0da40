check --strict tests/errors/end_checks_in_order.deal
