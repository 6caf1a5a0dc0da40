check tests/errors/syntax_unclosed_block.deal
