check tests/errors/syntax_debtrank_word.deal
