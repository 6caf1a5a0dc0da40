check tests/golden/err_names.deal
