check tests/errors/include_missing.deal
