examples/loi_loans.deal
