report --json tests/errors/let_gw_payee.deal
