check tests/golden/core_script.deal
