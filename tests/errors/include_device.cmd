check tests/errors/include_device.deal
