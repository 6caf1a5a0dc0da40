check --strict tests/errors/strict_typo.deal
