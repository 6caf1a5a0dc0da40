check tests/errors/over_too_long.deal
