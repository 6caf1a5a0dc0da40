check tests/errors/unknown_module.deal
