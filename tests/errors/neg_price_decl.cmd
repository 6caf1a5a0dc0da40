check tests/errors/neg_price_decl.deal
