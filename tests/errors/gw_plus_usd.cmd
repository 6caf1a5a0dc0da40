check tests/errors/gw_plus_usd.deal
