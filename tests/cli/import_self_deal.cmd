import tests/cli/import_self_deal.csv
