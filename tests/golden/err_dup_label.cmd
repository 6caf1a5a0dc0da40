check tests/golden/err_dup_label.deal
