check tests/errors/duplicate_label.deal
