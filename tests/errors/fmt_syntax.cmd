fmt tests/errors/fmt_syntax.deal
