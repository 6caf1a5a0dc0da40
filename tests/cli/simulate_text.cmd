simulate bust 10 tests/golden/simulate_hand.deal --seed 3 -j1
