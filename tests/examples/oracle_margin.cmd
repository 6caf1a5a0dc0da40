examples/oracle_margin.deal
