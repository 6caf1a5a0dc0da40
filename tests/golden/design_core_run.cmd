tests/golden/design_core.deal
