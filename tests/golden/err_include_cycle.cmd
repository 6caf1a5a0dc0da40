check tests/golden/err_include_cycle.deal
