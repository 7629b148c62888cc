#!/usr/bin/env bash
# cna status's summary cache (include/cna/status_cache.hpp, docs/performance.md): a portfolio
# status reads unchanged accounts from it, and never trusts it over a changed account file, a
# changed checklist, or a clock past the moment a summary stops holding.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

cache_file() { ls "$HOME"/.cache/cna/status-*.tsv 2>/dev/null; }
# Files older than the cache's two-second settling time, as accounts usually are.
settle() { touch -d '1 hour ago' assessments/*.json "$@"; }
# Rewrites the cached name of `acme` in the cache file: a way to see whether status used it.
mark_cached_name() { sed -i "s/^\(acme\t\([^\t]*\t\)\{12\}\)[^\t]*/\1$1/" "$(cache_file)"; }

portfolio() {
  rm -rf "$HOME/.cache" # one workspace's cache at a time
  new_workspace
  "$CNA" who acme add dana-lee --name "Dana Lee" --role economic-buyer >/dev/null
  "$CNA" answer acme business_goal "Grow" --source dana-lee --name "Acme Corp" >/dev/null
  "$CNA" answer beta business_goal "Keep" --name "Beta Ltd" >/dev/null
  settle
}

case_ "a second run reads the cache and prints the same, in text and json"
portfolio
expect_status 0 "$CNA" status --json
first=$OUT
[ -n "$(cache_file)" ] || fail "no cache file in $HOME/.cache/cna"
[ "$(grep -c $'^acme\t\|^beta\t' "$(cache_file)")" = 2 ] || fail "cache: $(cat "$(cache_file)")"
expect_status 0 "$CNA" status --json
[ "$OUT" = "$first" ] || fail "the warm run differs: $OUT"
mark_cached_name "Cached Name"
expect_status 0 "$CNA" status
expect_contains "$OUT" "Cached Name" # read from the cache, not the file
expect_contains "$OUT" "Beta Ltd"
ok

case_ "a changed account file is read again (and only that one)"
portfolio
"$CNA" status --json >/dev/null
mark_cached_name "Cached Name"
"$CNA" answer acme current_approach "Spreadsheets" --source dana-lee >/dev/null
expect_status 0 "$CNA" status --json
expect_not_contains "$OUT" "Cached Name"
[ "$(jq -r '.accounts[] | select(.account == "acme") | .answered' <<<"$OUT")" = 2 ] || fail "acme: $OUT"
# The file is younger than two seconds: not cached yet, read every time until it settles.
grep -q $'^acme\t' "$(cache_file)" && fail "a file in its first two seconds was cached"
grep -q $'^beta\t' "$(cache_file)" || fail "beta's record was dropped"
# Edited in place, same size: its mtime no longer matches the record.
settle
"$CNA" status >/dev/null
mark_cached_name "Cached Name"
sed -i 's/"Grow"/"Grew"/' assessments/acme.json
expect_status 0 "$CNA" status
expect_not_contains "$OUT" "Cached Name"
ok

case_ "a changed checklist or setting drops the cached summaries"
portfolio
mkdir -p checklists
jq '.sections[0].items[0].prompt = "Reworded?"' "$CNA_SOURCE_DIR/checklists/discovery.json" > checklists/discovery.json
touch -d '2 hours ago' checklists/discovery.json
"$CNA" status >/dev/null
mark_cached_name "Cached Name"
expect_status 0 "$CNA" status
expect_contains "$OUT" "Cached Name"
jq '.sections[0].items[0].prompt = "Reworded again?"' "$CNA_SOURCE_DIR/checklists/discovery.json" > checklists/discovery.json
expect_status 0 "$CNA" status
expect_not_contains "$OUT" "Cached Name"
"$CNA" status >/dev/null
mark_cached_name "Cached Name"
printf '{"cna": 1, "reconfirm_after_days": 7}\n' > cna.json
expect_status 0 "$CNA" status
expect_not_contains "$OUT" "Cached Name"
ok

case_ "a summary holds only until the clock changes it (a confirmation turning stale)"
portfolio
"$CNA" confirm acme --yes --with dana-lee >/dev/null
settle
expect_status 0 "$CNA" status --json
[ "$(jq -r '[.accounts[] | select(.account == "acme") | .blockers[] | select(.reason == "stale")] | length' <<<"$OUT")" = 0 ] ||
  fail "stale too early: $OUT"
mark_cached_name "Cached Name"
CNA_NOW=2026-12-24T10:00:00Z expect_status 0 "$CNA" status --json
expect_not_contains "$OUT" "Cached Name"
[ "$(jq -r '[.accounts[] | select(.account == "acme") | .blockers[] | select(.item == "business_goal") | .reason] | first' <<<"$OUT")" = stale ] ||
  fail "not stale after 31 days: $OUT"
ok

case_ "a corrupt or foreign cache is ignored and rewritten; CNA_NO_CACHE=1 turns it off"
portfolio
"$CNA" status --json >/dev/null
expected=$("$CNA" status --json)
for junk in "garbage" $'cna-status-cache 2\tx' "$(head -c 300 "$(cache_file)")"; do
  printf '%s' "$junk" > "$(cache_file)"
  expect_status 0 "$CNA" status --json
  [ "$OUT" = "$expected" ] || fail "with a bad cache ($junk): $OUT"
done
grep -q $'^acme\t' "$(cache_file)" || fail "the cache was not rewritten"
rm -rf "$HOME/.cache"
CNA_NO_CACHE=1 expect_status 0 "$CNA" status --json
[ "$OUT" = "$expected" ] || fail "without the cache: $OUT"
[ ! -e "$HOME/.cache/cna" ] || fail "CNA_NO_CACHE=1 wrote a cache"
ok

done_
