import tests/cli/import_unknown_verb.csv
