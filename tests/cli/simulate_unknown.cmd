simulate nope 10 tests/golden/simulate_hand.deal
