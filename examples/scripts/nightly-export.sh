#!/bin/sh
# Nightly export: every account's report as one CSV file (one row per item), for a spreadsheet
# or a BI tool, e.g. from cron:
#   15 2 * * *  /path/to/nightly-export.sh /srv/exports /srv/sales-workspace
# Writes DIR/cna-YYYY-MM-DD.csv (UTC date) and points DIR/cna-latest.csv at it; keeps 30 days.
#   usage: nightly-export.sh DIR [WORKSPACE]    (WORKSPACE: default, cna's usual lookup)
#   Needs cna on PATH, or CNA=/path/to/cna.
set -eu
CNA=${CNA:-cna}
dir=${1:?usage: nightly-export.sh DIR [WORKSPACE]}
workspace=${2:-}

mkdir -p "$dir"
out="$dir/cna-$(date -u +%Y-%m-%d).csv"
if [ -n "$workspace" ]; then
  "$CNA" -C "$workspace" report --all --format csv -o "$out"
else
  "$CNA" report --all --format csv -o "$out"
fi
ln -sfn "$(basename "$out")" "$dir/cna-latest.csv"
find "$dir" -maxdepth 1 -name 'cna-????-??-??.csv' -mtime +30 -delete
echo "$out"
