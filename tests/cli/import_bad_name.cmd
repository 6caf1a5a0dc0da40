import tests/cli/import_bad_name.csv
