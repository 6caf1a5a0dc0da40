import tests/cli/import_missing_column.csv
