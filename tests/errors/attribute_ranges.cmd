check tests/errors/attribute_ranges.deal
