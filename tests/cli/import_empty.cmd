import tests/cli/import_empty.csv
