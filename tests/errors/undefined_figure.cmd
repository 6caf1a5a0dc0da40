check tests/errors/undefined_figure.deal
