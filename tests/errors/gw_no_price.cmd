check tests/errors/gw_no_price.deal
