#!/usr/bin/env bash
# The rep's day and time zone (docs/workspace.md, "Dates and time zones"): today, +1d, due dates,
# overdue, "in 6 weeks", staleness and the brief's dates turn at local midnight (TZ); times of day
# are printed local with their zone; what is stored stays UTC. Each case sits near UTC midnight
# via CNA_NOW, where UTC and the rep's day differ.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

for zone in Pacific/Auckland America/Los_Angeles; do
  [ -f "/usr/share/zoneinfo/$zone" ] || fail "no time zone data for $zone (install tzdata)"
done

# 2026-11-23T12:30Z is 01:30 on Tuesday 24 November in Auckland (NZDT, UTC+13).
NZ_NOW=2026-11-23T12:30:00Z
# 2026-11-24T03:00Z is 19:00 on Monday 23 November in Los Angeles (PST, UTC-8).
LA_NOW=2026-11-24T03:00:00Z

# A workspace whose checklist asks one date, from Dana Lee.
dated_workspace() {
  checklist_workspace dates <<'JSON'
{
  "cna": 1, "id": "dates", "version": "1.0.0", "title": "Dates",
  "sections": [{"id": "s", "title": "Dates", "items": [
    {"id": "go_live", "type": "date", "prompt": "When must it run?", "help": "h"}
  ]}]
}
JSON
  run "$CNA" who acme add dana --name "Dana Lee"
}

case_ "Auckland after UTC's midnight: today, +1d and a meeting's default date are the local day"
dated_workspace
export CNA_NOW=$NZ_NOW TZ=Pacific/Auckland
expect_status 0 "$CNA" next acme add "Send the pilot plan" --due today
expect_json '.next_steps[0].due' '"2026-11-24"'
expect_status 0 "$CNA" answer acme go_live +1d --source dana
expect_json '.answers.go_live.value' '"2026-11-25"'
expect_status 0 "$CNA" meeting acme add --purpose Kickoff --with dana
expect_json '.meetings[0].date' '"2026-11-24"'
expect_status 0 "$CNA" next acme
expect_contains "$OUT" "2026-11-24 (Tue, today)"
expect_not_contains "$OUT" "OVERDUE"
# Stored times stay UTC.
expect_json '.answers.go_live.answered_at' '"2026-11-23T12:30:00Z"'
expect_json '.meetings[0].created_at' '"2026-11-23T12:30:00Z"'
ok

case_ "the same instant in UTC is still the 23rd: the day follows TZ, not the file"
dated_workspace
export CNA_NOW=$NZ_NOW TZ=UTC
expect_status 0 "$CNA" next acme add "Send the pilot plan" --due today
expect_json '.next_steps[0].due' '"2026-11-23"'
expect_status 0 "$CNA" answer acme go_live +1d --source dana
expect_json '.answers.go_live.value' '"2026-11-24"'
ok

case_ "the walk's saved line places +6w from the local day"
dated_workspace
export CNA_NOW=$NZ_NOW TZ=Pacific/Auckland
expect_status 0 "$CNA" start acme --with dana <<<'+6w'
expect_contains "$OUT" "saved: 2027-01-05 (Tue, in 6 weeks)"
expect_json '.answers.go_live.value' '"2027-01-05"'
export TZ=UTC
expect_status 0 "$CNA" start acme --review --with dana <<<'+6w'
expect_contains "$OUT" "saved: 2027-01-04 (Mon, in 6 weeks)"
ok

case_ "Los Angeles before UTC's midnight: a step due the 23rd is not overdue yet (it is in UTC)"
dated_workspace
export CNA_NOW=2026-11-23T18:00:00Z TZ=America/Los_Angeles
run "$CNA" next acme add "Send the pilot plan" --due 2026-11-23
export CNA_NOW=$LA_NOW
expect_status 0 "$CNA" next acme
expect_contains "$OUT" "2026-11-23 (Mon, today)"
expect_not_contains "$OUT" "OVERDUE"
expect_status 0 "$CNA" next acme --json
[ "$(jq -c '.next_steps[0].overdue' <<<"$OUT")" = false ] || fail "overdue in LA: $OUT"
[ "$(jq -r '.date' <<<"$OUT")" = 2026-11-23 ] || fail "today is not the local day: $OUT"
CNA_NO_CACHE=1 expect_status 0 "$CNA" status acme --json
[ "$(jq -c '.accounts[0].overdue_next_steps' <<<"$OUT")" = 0 ] || fail "status counts it overdue"
expect_status 0 "$CNA" brief acme
expect_not_contains "$OUT" "OVERDUE"
# The same instant in UTC: the 24th, so overdue.
export TZ=UTC
expect_status 0 "$CNA" next acme
expect_contains "$OUT" "OVERDUE 2026-11-23 (Mon, yesterday)"
CNA_NO_CACHE=1 expect_status 0 "$CNA" status acme --json
[ "$(jq -c '.accounts[0].overdue_next_steps' <<<"$OUT")" = 1 ] || fail "UTC does not count it"
# In Los Angeles it turns overdue at local midnight (08:00 UTC), not at UTC's.
export TZ=America/Los_Angeles CNA_NOW=2026-11-24T07:59:59Z
expect_status 0 "$CNA" next acme
expect_not_contains "$OUT" "OVERDUE"
export CNA_NOW=2026-11-24T08:00:00Z
expect_status 0 "$CNA" next acme
expect_contains "$OUT" "OVERDUE"
ok

case_ "the status cache keeps what it computed per zone"
dated_workspace
export CNA_NOW=2026-11-23T18:00:00Z TZ=America/Los_Angeles
run "$CNA" next acme add "Send the pilot plan" --due 2026-11-23
touch -d '-1 minute' assessments/acme.json # older than the cache's settle window
export CNA_NOW=$LA_NOW
for _ in 1 2; do # cold, then warm
  expect_status 0 "$CNA" status acme --json
  [ "$(jq -c '.accounts[0].overdue_next_steps' <<<"$OUT")" = 0 ] || fail "LA: $OUT"
done
for _ in 1 2; do
  TZ=UTC expect_status 0 "$CNA" status acme --json
  [ "$(jq -c '.accounts[0].overdue_next_steps' <<<"$OUT")" = 1 ] || fail "UTC kept LA's: $OUT"
done
expect_status 0 "$CNA" status acme --json
[ "$(jq -c '.accounts[0].overdue_next_steps' <<<"$OUT")" = 0 ] || fail "LA kept UTC's: $OUT"
ok

case_ "cna log and cna meeting show print times local, with their zone; --json keeps UTC"
dated_workspace
export CNA_NOW=$NZ_NOW TZ=Pacific/Auckland
run "$CNA" answer acme go_live 2027-01-05 --source dana
run "$CNA" meeting acme add --purpose Kickoff --with dana
expect_status 0 "$CNA" log acme --item go_live
expect_contains "$OUT" "2026-11-24 01:30 NZDT  Sam Rep  answered  go_live"
expect_status 0 "$CNA" log acme --json --item go_live
[ "$(jq -r '.entries[0].at' <<<"$OUT")" = 2026-11-23T12:30:00Z ] || fail "log --json: $OUT"
expect_status 0 "$CNA" meeting acme show last
expect_contains "$OUT" "recorded 2026-11-24 01:30 NZDT by Sam Rep"
TZ=America/Los_Angeles expect_status 0 "$CNA" log acme --item go_live
expect_contains "$OUT" "2026-11-23 04:30 PST  Sam Rep  answered  go_live"
TZ=UTC expect_status 0 "$CNA" log acme --item go_live
expect_contains "$OUT" "2026-11-23 12:30 UTC  Sam Rep  answered  go_live"
ok

case_ "a confirmation's day and when it goes stale are the rep's days (report, brief)"
dated_workspace
export CNA_NOW=$NZ_NOW TZ=Pacific/Auckland
run "$CNA" answer acme go_live 2027-01-05 --source dana
run "$CNA" confirm acme --yes
expect_status 0 "$CNA" report acme --format md
expect_contains "$OUT" "2026-11-24 with Dana Lee"
TZ=UTC expect_status 0 "$CNA" report acme --format md
expect_contains "$OUT" "2026-11-23 with Dana Lee"
# Confirmed at 12:30 UTC, stale 30 days later: 01:30 on 24 December in Auckland.
CNA_NOW=2026-12-20T00:00:00Z expect_status 0 "$CNA" brief acme --with dana
expect_contains "$OUT" "stale on 2026-12-24"
expect_contains "$OUT" "Brief · acme · 2026-12-20"
CNA_NOW=2026-12-20T00:00:00Z TZ=UTC expect_status 0 "$CNA" brief acme --with dana
expect_contains "$OUT" "stale on 2026-12-23"
expect_contains "$OUT" "Brief · acme · 2026-12-20"
ok

done_
