fmt tests/golden/fmt_layout.deal
