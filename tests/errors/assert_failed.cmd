check tests/errors/assert_failed.deal
