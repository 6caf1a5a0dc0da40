import tests/cli/import_many_rows.csv
