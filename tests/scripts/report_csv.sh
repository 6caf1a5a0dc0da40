#!/bin/sh
# `report --csv DIR`: the CSV files of a small web, against values worked out by hand
# (tests/scripts/report_csv.py says how), their RFC 4180 form, and the errors.
set -u
exec python3 "$(dirname "$0")/report_csv.py" "$1"
