fmt tests/cli/fmt_no_such_file.deal tests/golden/fmt_layout.out
