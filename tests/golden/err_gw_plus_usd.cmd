check tests/golden/err_gw_plus_usd.deal
