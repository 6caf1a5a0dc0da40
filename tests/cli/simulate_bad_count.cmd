simulate bust ten tests/golden/simulate_hand.deal
