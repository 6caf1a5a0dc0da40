fmt tests/golden/fmt_long_credit.deal
