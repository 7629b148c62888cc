#!/usr/bin/env bash
# Re-confirmation that fits the facts (issue 10, Seen 5): the built-in discovery checklist gives
# needs, pains, budget and timing a short period and facts about the organisation a long one, so
# a month after one confirming meeting the needs are stale and the facts are not.
set -euo pipefail
source "$(dirname "$0")/report_lib.sh"

case_ "31 days after one confirming meeting: needs and budget stale, facts about the organisation fresh (Seen 5)"
example_workspace
expect_status 0 "$CNA" check acme
# Every answer of the worked example was confirmed at 2026-11-23T10:00:00Z.
CNA_NOW=2026-12-24T10:00:00Z expect_status 1 "$CNA" check acme
for need in business_goal success_metrics key_problems problem_cost_annual urgency ranked_needs \
  budget_status budget_amount decision_date; do
  grep -Eq "^  $need +stale +confirmed 31 days ago \(re-confirm every 30 days\)" <<<"$OUT" ||
    fail "$need is not stale after 31 days"
done
for fact in has_incumbent incumbent_details company_policies org_structure affiliations \
  buying_practices paper_process current_approach economic_buyer champion; do
  grep -Eq "^  $fact " <<<"$OUT" && fail "$fact is stale after 31 days: $(grep -E "^  $fact " <<<"$OUT")"
done
# What the issue saw: all but one item stale together. Now far from all.
stale=$(grep -Ec '^  [a-z_]+ +stale ' <<<"$OUT")
facts=$(jq '[.sections[].items[] | select((.reconfirm_after_days // 30) > 30)] | length' \
  "$CNA_SOURCE_DIR/checklists/discovery.json")
[ "$facts" -ge 15 ] || fail "only $facts items with a long period"
[ "$stale" -le $((40 - facts)) ] || fail "$stale items stale"
ok

case_ "the long periods run out too: 180 days for the organisation's facts, 90 for how it works"
example_workspace
CNA_NOW=2027-02-22T10:00:00Z expect_status 1 "$CNA" check acme
expect_contains "$OUT" "current_approach"
grep -Eq "^  current_approach +stale +confirmed 91 days ago \(re-confirm every 90 days\)" <<<"$OUT" ||
  fail "current_approach: $(grep current_approach <<<"$OUT")"
grep -Eq "^  has_incumbent " <<<"$OUT" && fail "has_incumbent stale after 91 days"
CNA_NOW=2027-05-22T10:00:00Z expect_status 1 "$CNA" check acme
grep -Eq "^  has_incumbent +stale +confirmed 180 days ago \(re-confirm every 180 days\)" <<<"$OUT" ||
  fail "has_incumbent: $(grep has_incumbent <<<"$OUT")"
ok

case_ "a periods-only change is a minor bump and asks for no new read-back"
new_workspace
expect_status 0 "$CNA" checklist diff "$CNA_SOURCE_DIR/tests/fixtures/checklists/discovery-2.0.0.json" discovery
expect_contains "$OUT" "minor"
expect_not_contains "$OUT" "major"
ok

done_
