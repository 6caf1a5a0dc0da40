check --strict tests/golden/err_strict_typo.deal
