#!/usr/bin/env bash
# `cna log`: who changed what and when, from the history, newest last; --item, --json, escaping.
set -euo pipefail
source "$(dirname "$0")/gate_lib.sh"

case_ "one line per change, newest last: who, what, the value and its source"
gate_workspace
CNA_NOW=2026-11-23T10:04:00Z "$CNA" answer acme goal "Grow in the north" --source dana-lee >/dev/null
CNA_NOW=2026-11-23T10:06:00Z "$CNA" answer acme decide_by --unknown --owner sam --due +7d >/dev/null
CNA_NOW=2026-11-24T09:00:00Z "$CNA" confirm acme goal --yes --with lee-chan >/dev/null
expect_status 0 "$CNA" log acme
expect_contains "$OUT" '2026-11-23 10:00 UTC  Sam Rep  stakeholder-added  dana-lee = "Dana Lee"'
expect_contains "$OUT" '2026-11-23 10:04 UTC  Sam Rep  answered           goal = "Grow in the north" (source dana-lee)'
expect_contains "$OUT" '2026-11-23 10:06 UTC  Sam Rep  unknown            decide_by = "sam, 2026-11-30"'
expect_contains "$OUT" '2026-11-24 09:00 UTC  Sam Rep  confirmed          goal (with lee-chan)'
[ "$(printf '%s\n' "$OUT" | tail -n 1)" = '2026-11-24 09:00 UTC  Sam Rep  confirmed          goal (with lee-chan)' ] ||
  fail "the newest entry is not last"
[ "$(printf '%s\n' "$OUT" | wc -l)" = 5 ] || fail "expected 5 lines"
ok

case_ "--item keeps one item's entries; an unknown id suggests the closest"
gate_workspace
"$CNA" answer acme goal "Grow" --source dana-lee >/dev/null
"$CNA" answer acme goal "Grow faster" --source dana-lee >/dev/null
"$CNA" answer acme story "Once" --source dana-lee >/dev/null
expect_status 0 "$CNA" log acme --item goal
[ "$(printf '%s\n' "$OUT" | wc -l)" = 2 ] || fail "expected 2 lines: $OUT"
expect_not_contains "$OUT" "story"
expect_status 0 "$CNA" log acme --item lee-chan
expect_contains "$OUT" 'stakeholder-added  lee-chan = "Lee Chan"'
expect_status 0 "$CNA" log acme --item plan
expect_contains "$OUT" "no history yet"
expect_status 2 "$CNA" log acme --item gaol
expect_contains "$ERR" 'no item "gaol" in checklist gate (did you mean goal?)'
ok

case_ "a merged history out of order is shown in time order"
gate_workspace
"$CNA" answer acme goal "Grow" --source dana-lee >/dev/null
jq '.history += [{"at": "2026-11-01T08:00:00Z", "by": "alex", "item": "story", "action": "answered", "value": "Earlier"}]' \
  assessments/acme.json > merged.json
mv merged.json assessments/acme.json
expect_status 0 "$CNA" log acme
[ "$(printf '%s\n' "$OUT" | head -n 1)" = '2026-11-01 08:00 UTC  alex     answered           story = "Earlier"' ] ||
  fail "the oldest entry is not first: $OUT"
ok

case_ "--json has the documented shape"
gate_workspace
"$CNA" answer acme criteria "Price" "Support" --source dana-lee >/dev/null
"$CNA" confirm acme criteria --yes >/dev/null
expect_status 0 "$CNA" log acme --json --item criteria
echo "$OUT" > log.json
[ "$(jq -c '[.cna_log, .account, (.entries | length)]' log.json)" = '[1,"acme",2]' ] ||
  fail "head: $(cat log.json)"
[ "$(jq -c '.entries[0]' log.json)" = \
  '{"at":"2026-11-23T10:00:00Z","by":"Sam Rep","item":"criteria","action":"answered","value":["Price","Support"],"source":"dana-lee","meeting":""}' ] ||
  fail "entry: $(jq -c '.entries[0]' log.json)"
[ "$(jq -c '.entries[1] | [.action, .value, .source]' log.json)" = '["confirmed",null,"dana-lee"]' ] ||
  fail "confirmation: $(jq -c '.entries[1]' log.json)"
ok

case_ "what the history carries is shown escaped and cut to one line"
gate_workspace
"$CNA" answer acme story $'first \e]0;pwned\a line' "second line" --source dana-lee >/dev/null
jq '.history[-1].by = "mallory\u001b[2J"' assessments/acme.json > edited.json
mv edited.json assessments/acme.json
expect_status 0 "$CNA" log acme --item story
expect_contains "$OUT" 'mallory\x1b[2J  answered  story = "first \x1b]0;pwned\x07 line…"'
case "$OUT" in *$'\e'*) fail "a raw escape reached the terminal" ;; esac
expect_status 2 "$CNA" log nowhere
ok

done_
