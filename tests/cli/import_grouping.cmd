import tests/cli/import_grouping.csv
