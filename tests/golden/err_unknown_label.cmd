check tests/golden/err_unknown_label.deal
