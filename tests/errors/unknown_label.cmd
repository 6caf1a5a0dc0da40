check tests/errors/unknown_label.deal
