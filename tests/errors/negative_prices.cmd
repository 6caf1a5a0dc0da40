check tests/errors/negative_prices.deal
