fmt --check tests/golden/fmt_layout.deal
