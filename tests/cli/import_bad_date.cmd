import tests/cli/import_bad_date.csv
