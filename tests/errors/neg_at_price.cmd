check tests/errors/neg_at_price.deal
