examples/trillion.deal
