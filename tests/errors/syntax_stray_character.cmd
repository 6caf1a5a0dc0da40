check tests/errors/syntax_stray_character.deal
