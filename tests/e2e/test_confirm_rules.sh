#!/usr/bin/env bash
# Who may confirm (issue 10): by default only the stakeholder who said an answer confirms it; a
# checklist may allow any stakeholder or one with a role, per item or for all. A read-back with
# anyone else is recorded as it happened, holds the gate as wrong-confirmer, and every output
# says who confirmed; the proposal's header claims only what is true.
set -euo pipefail
source "$(dirname "$0")/report_lib.sh"

# The worked example's buying group: Dana Lee (economic buyer), Mia Chen (champion), Raj Patel
# (IT security lead, the sceptic).

case_ "confirm --with the IT lead on the economic buyer's items does not open the gate"
example_workspace
expect_status 0 "$CNA" check acme
expect_status 0 "$CNA" confirm acme budget_amount success_metrics problem_cost_annual \
  --with raj-patel --yes
expect_contains "$ERR" "cna: warning: budget_amount: confirmed with Raj Patel, not with Dana Lee who said it; it still holds the gate"
expect_contains "$OUT" "BLOCKED: 3 of 40 applicable items hold the gate"
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "budget_amount        wrong-confirmer  confirmed with Raj Patel, not with Dana Lee who said it"
expect_contains "$OUT" "success_metrics      wrong-confirmer"
expect_contains "$OUT" "problem_cost_annual  wrong-confirmer"
# Recorded as it happened: the file says Raj Patel confirmed it, the history too.
expect_json '.answers.budget_amount | [.source, .confirmed_with]' '["dana-lee","raj-patel"]'
expect_json '[.history[] | select(.action == "confirmed" and .item == "budget_amount") | .source]' \
  '["dana-lee","raj-patel"]'
expect_status 1 "$CNA" proposal acme -o proposal.md
expect_contains "$ERR" "wrong-confirmer"
[ ! -e proposal.md ] || fail "a proposal was written"
expect_status 0 "$CNA" report acme
expect_contains "$OUT" "2026-11-23 with Raj Patel, not with Dana Lee who said it"
expect_status 0 "$CNA" report acme --format json
jq -e '[.sections[].items[] | select(.id == "budget_amount") | .confirmed.with_source] == [false]' \
  <<<"$OUT" >/dev/null || fail "json with_source: $(jq -c '.sections[].items[] | select(.id == "budget_amount") | .confirmed' <<<"$OUT")"
jq -e '[.sections[].items[] | select(.id == "business_goal") | .confirmed.with_source] == [true]' \
  <<<"$OUT" >/dev/null || fail "business_goal is confirmed with its source"
expect_status 0 "$CNA" brief acme
expect_contains "$OUT" "Blockers: 3 wrong-confirmer"
expect_contains "$OUT" $'Re-confirm with Dana Lee\n  How you will measure success: '
expect_contains "$OUT" "(confirmed with someone else)"
# Read back with the one who said them: the gate opens again.
expect_status 0 "$CNA" confirm acme budget_amount success_metrics problem_cost_annual --yes
expect_contains "$OUT" "(with Dana Lee)"
expect_status 0 "$CNA" check acme
ok

case_ "a checklist lets the economic buyer confirm what the champion said; the proposal says so"
example_workspace
mkdir -p checklists
jq '.version = "2.4.0" | (.sections[].items[] | select(.id == "functional_requirements"))
    .confirm_with = "economic-buyer"' "$CNA_SOURCE_DIR/checklists/discovery.json" \
  >checklists/discovery.json
expect_status 0 "$CNA" checklist validate checklists/discovery.json
expect_status 0 "$CNA" checklist diff builtin:discovery checklists/discovery.json
expect_contains "$OUT" "confirm_with"
expect_contains "$OUT" "minor"
# Mia Chen said it and confirmed it; she is the champion, not the economic buyer.
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "functional_requirements  wrong-confirmer  confirmed with Mia Chen, but only a stakeholder with the role economic-buyer may confirm it"
expect_status 0 "$CNA" confirm acme functional_requirements --with raj-patel --yes
expect_status 1 "$CNA" check acme
expect_status 0 "$CNA" confirm acme functional_requirements --with dana-lee --yes
expect_status 0 "$CNA" check acme
expect_status 0 "$CNA" proposal acme
expect_contains "$OUT" "Every point below names who said it and with whom it was confirmed; where that was someone else, the point says so"
expect_not_contains "$OUT" "Every point below was said by the person named and read back to them"
expect_contains "$OUT" "Said by Mia Chen, Support Team Lead. Confirmed 2026-11-23 with Dana Lee, not with the person who said it."
expect_contains "$OUT" "Said by Dana Lee, VP Operations. Confirmed 2026-11-23 with Dana Lee."
expect_contains "$OUT" "Said by Raj Patel, IT Security Lead. Confirmed 2026-11-23 with Raj Patel."
ok

case_ "any stakeholder, for the whole checklist: the item's own rule still wins"
example_workspace
mkdir -p checklists
jq '.version = "1.2.0" | .confirm_with = "any" | (.sections[].items[] | select(.id == "budget_amount"))
    .confirm_with = "source"' "$CNA_SOURCE_DIR/checklists/discovery.json" >checklists/discovery.json
expect_status 0 "$CNA" confirm acme business_goal budget_amount --with raj-patel --yes
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "Blockers (1):"
expect_contains "$OUT" "budget_amount  wrong-confirmer"
ok

# A small account for the walk's read-back: Dana Lee and Raj Patel; goal and budget are
# confirmed by whoever said them (the default rule), site by any stakeholder.
readback_workspace() {
  checklist_workspace rb <<'JSON'
{"cna": 1, "id": "rb", "version": "1.0.0", "title": "Read-back",
 "sections": [{"id": "s", "title": "S", "items": [
   {"id": "goal", "type": "text", "prompt": "Goal?", "help": "h"},
   {"id": "budget", "type": "text", "prompt": "Budget?", "help": "h"},
   {"id": "site", "type": "text", "prompt": "Site?", "help": "h", "confirm_with": "any"}
 ]}]}
JSON
  run "$CNA" who acme add dana --name "Dana Lee"
  run "$CNA" who acme add raj --name "Raj Patel"
}

case_ "the walk's read-back confirms only with someone in the room: Dana's answers relayed by Raj wait for Dana"
readback_workspace
expect_status 0 "$CNA" start acme --with raj <<<$':from dana\nGrow in the north\n250k EUR\nWerk Nord\ny\ny'
expect_contains "$OUT" "Dana Lee is not in the room (--with): the read-back leaves these answers for a read-back with them"
expect_contains "$OUT" "Left for later: nobody here may confirm 2 answers."
expect_contains "$OUT" "goal, budget: said by Dana Lee, who is not in the room (cna confirm acme --with dana)"
expect_contains "$OUT" "Read back with Raj Patel, who is here."
expect_contains "$OUT" "Read back 1: 1 confirmed, 0 edited, 0 skipped; 2 left for later."
# Nothing was confirmed with Dana, who was not there; site (any stakeholder) with Raj, who was.
expect_json '[.answers.goal.confirmed_with, .answers.budget.confirmed_with, .answers.site.confirmed_with]' \
  '[null,null,"raj"]'
expect_json '[.answers.goal.source, .answers.site.source]' '["dana","dana"]'
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "goal"
expect_contains "$OUT" "unconfirmed"
expect_not_contains "$OUT" "wrong-confirmer"
# When Dana is there, the same read-back confirms them with her and the gate opens.
expect_status 0 "$CNA" start acme --with dana,raj <<<$'y\ny\ny'
expect_not_contains "$OUT" "Left for later"
expect_json '[.answers.goal.confirmed_with, .answers.budget.confirmed_with]' '["dana","dana"]'
expect_status 0 "$CNA" check acme
ok

case_ "the walk's read-back: an edit by someone in the room is theirs; without --with the source is assumed as before"
readback_workspace
expect_status 0 "$CNA" start acme --with raj <<<$'Raj goal\n:from dana\n100k EUR\n:from raj\nWerk Nord\ny\ne\nRaj goal, sharper\ny'
expect_json '[.answers.goal.value, .answers.goal.source, .answers.goal.confirmed_with]' \
  '["Raj goal, sharper","raj","raj"]'
expect_json '.answers.budget.confirmed_with' 'null'
readback_workspace
expect_status 0 "$CNA" start acme <<<$':from dana\nGrow in the north\n250k EUR\nWerk Nord\ny\ny\ny\ny'
expect_json '[.answers.goal.confirmed_with, .answers.budget.confirmed_with, .answers.site.confirmed_with]' \
  '["dana","dana","dana"]'
ok

case_ "a walk that ends blocked only by wrong-confirmer says so and names the command (it read past its table)"
readback_workspace
run "$CNA" answer acme goal "Grow in the north" --source dana
run "$CNA" answer acme budget "250k EUR" --source dana
run "$CNA" answer acme site "Werk Nord" --source dana
run "$CNA" confirm acme --with raj --yes
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "wrong-confirmer"
expect_status 0 "$CNA" start acme <<<'n'
expect_contains "$OUT" "End of the checklist."
expect_contains "$OUT" "Blocked: 2 wrong-confirmer"
expect_contains "$OUT" "Later, with the customer: cna confirm acme"
expect_status 0 "$CNA" start acme --review <<<':quit'
expect_contains "$OUT" "Blocked: 2 wrong-confirmer"
expect_contains "$OUT" "Next: cna confirm acme (read the answers back with the right person)"
# Read back again with Raj only: still nobody who may confirm Dana's answers.
expect_status 0 "$CNA" start acme --with raj <<<'y'
expect_contains "$OUT" "goal, budget: said by Dana Lee, who is not in the room"
expect_json '.answers.goal.confirmed_with' '"raj"'
expect_status 0 "$CNA" start acme --with dana <<<$'y\ny\ny'
expect_contains "$OUT" "READY"
expect_status 0 "$CNA" check acme
ok

case_ "checklist validate refuses an unknown rule with the file, line and reason"
new_workspace
mkdir -p checklists
cat >checklists/deal.json <<'JSON'
{"cna": 1, "id": "deal", "version": "1.0.0", "title": "Deal", "sections": [
  {"id": "s", "title": "S", "items": [
    {"id": "goal", "type": "text", "prompt": "Goal?", "help": "h",
     "confirm_with": "cfo"}]}]}
JSON
expect_status 1 "$CNA" checklist validate checklists/deal.json
expect_contains "$OUT$ERR" "checklists/deal.json:4:"
expect_contains "$OUT$ERR" "unknown confirmation rule \"cfo\" (expected source, any or a role: economic-buyer, champion"
ok

done_
