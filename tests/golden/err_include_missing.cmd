check tests/golden/err_include_missing.deal
