check tests/errors/label_of_failed_deal.deal
