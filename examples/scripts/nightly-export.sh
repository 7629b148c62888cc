#!/bin/sh
# Nightly export: every account's report as one CSV file (one row per item), for a spreadsheet
# or a BI tool, e.g. from cron:
#   15 2 * * *  /path/to/nightly-export.sh /srv/exports /srv/sales-workspace
# Writes DIR/cna-YYYY-MM-DD.csv (UTC date) and points DIR/cna-latest.csv at it; keeps 30 days.
# One pass: the CSV's `ready` column says which accounts are blocked. Exits 0 when every account
# is ready, 1 when any is blocked (listed on stderr; the export is written all the same), cna's
# status (65) when an account's file cannot be read.
# The file gets the mode your umask gives (umask 022: 0644, readable by a reporting service user;
# set umask 077 first to keep it private).
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

# The blocked accounts: column 3 ("ready") of each row. A row starts on a line that is not inside
# a quoted cell (an answer may span lines); account and ready never need quotes.
blocked=$(awk -F, 'NR > 1 && !quoted && $3 == "false" && !seen[$1]++ { print $1 }
                   { if (gsub(/"/, "\"") % 2) quoted = !quoted }' "$out")
if [ -n "$blocked" ]; then
  echo "blocked:" $blocked >&2
  exit 1
fi
