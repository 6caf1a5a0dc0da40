simulate bust 10 tests/golden/simulate_hand.deal --shard 4/4
