check tests/errors/syntax_unknown_verb.deal
