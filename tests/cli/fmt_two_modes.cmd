fmt -w --check tests/golden/fmt_layout.deal
