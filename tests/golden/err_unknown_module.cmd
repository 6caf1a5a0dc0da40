check tests/golden/err_unknown_module.deal
