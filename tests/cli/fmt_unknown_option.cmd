fmt -w --bogus tests/golden/fmt_layout.deal
