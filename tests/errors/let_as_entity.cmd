check tests/errors/let_as_entity.deal
