import tests/cli/import_after_quote.csv
