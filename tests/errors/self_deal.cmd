check tests/errors/self_deal.deal
