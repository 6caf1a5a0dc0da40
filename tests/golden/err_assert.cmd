check tests/golden/err_assert.deal
