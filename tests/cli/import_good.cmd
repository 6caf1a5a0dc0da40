import tests/cli/import_good.csv
