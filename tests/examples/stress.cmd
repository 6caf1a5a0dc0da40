examples/stress.deal
