check tests/errors/neg_rate.deal
