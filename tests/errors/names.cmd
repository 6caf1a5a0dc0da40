check tests/errors/names.deal
