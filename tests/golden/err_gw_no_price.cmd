check tests/golden/err_gw_no_price.deal
