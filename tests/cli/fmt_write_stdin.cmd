fmt -w tests/golden/fmt_layout.deal -
