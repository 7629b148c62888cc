#!/usr/bin/env bash
# The built-in checklists (issue 10, Seen 5 and "Checklist content"): discovery, the key-account
# plan (retain / grow / win) and the renewal, each embedded, listed, valid and usable by id; the
# trial close and specialties in discovery.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

case_ "checklist list shows all three built-ins; each validates and is canonical"
new_workspace
expect_status 0 "$CNA" checklist list --json
[ "$(jq -c '[.checklists[] | select(.origin == "built-in") | .id] | sort' <<<"$OUT")" = \
  '["discovery","key_account_review","renewal"]' ] || fail "built-ins: $OUT"
for id in discovery key_account_review renewal; do
  expect_status 0 "$CNA" checklist validate "$CNA_SOURCE_DIR/checklists/$id.json"
  expect_status 0 "$CNA" checklist fmt --check "$CNA_SOURCE_DIR/checklists/$id.json"
  expect_status 0 "$CNA" checklist show "$id"
done
ok

case_ "cna start --checklist key_account_review works (it said: unknown checklist)"
new_workspace
printf 'Faster onboarding of new sites\n\n' | "$CNA" start globex --checklist key_account_review \
  >"$E2E_ROOT/walk.out" 2>&1 || true
expect_status 0 "$CNA" status globex --json
jq -e '.accounts[0].checklist.id == "key_account_review"' <<<"$OUT" >/dev/null ||
  fail "not on key_account_review: $OUT $(cat "$E2E_ROOT/walk.out")"
expect_contains "$(cat "$E2E_ROOT/walk.out")" "Retain"
expect_status 0 "$CNA" answer initech renewal_deadline 2027-03-31 --checklist renewal
expect_status 0 "$CNA" status initech --json
jq -e '.accounts[0].checklist.id == "renewal"' <<<"$OUT" >/dev/null || fail "not on renewal: $OUT"
ok

case_ "the customer sees labels, never the account team's own items"
new_workspace
for id in key_account_review renewal; do
  jq -e '[.sections[].items[] | select((.internal // false) | not) | has("label")] | all' \
    "$CNA_SOURCE_DIR/checklists/$id.json" >/dev/null || fail "$id: a customer-facing item without a label"
  jq -e '[.sections[].items[] | has("help")] | all' "$CNA_SOURCE_DIR/checklists/$id.json" >/dev/null ||
    fail "$id: an item without help"
done
jq -e '[.sections[].items[] | select(.internal) | .id] | index("displacement_chance") != null' \
  "$CNA_SOURCE_DIR/checklists/key_account_review.json" >/dev/null || fail "our odds of displacing a competitor are not internal"
ok

case_ "discovery asks for specialties and a trial close; a hesitant customer's concerns are asked next"
new_workspace
expect_status 0 "$CNA" checklist show discovery
expect_contains "$OUT" "specialties"
expect_contains "$OUT" "trial_close_response"
run "$CNA" who acme add dana-lee --name "Dana Lee"
run "$CNA" answer acme trial_close_response 2 --source dana-lee
expect_status 0 "$CNA" answer acme trial_close_concerns "A reference in our industry" --source dana-lee
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "trial_close_concerns"
run "$CNA" answer acme trial_close_response 5 --source dana-lee
expect_status 0 "$CNA" answer acme trial_close_concerns "Still kept" --source dana-lee
expect_contains "$ERR" "does not apply now"
ok

done_
