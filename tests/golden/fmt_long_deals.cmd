fmt tests/golden/fmt_long_deals.deal
