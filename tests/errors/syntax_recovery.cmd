check tests/errors/syntax_recovery.deal
