import tests/cli/import_bad_amount.csv
