import tests/cli/import_unbalanced_quotes.csv
