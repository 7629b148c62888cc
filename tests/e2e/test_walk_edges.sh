#!/usr/bin/env bash
# The walk's edges through a pipe (docs/walk.md): what a save stored, shown as the report shows it;
# a finished account's state and next command; --review's :quit and end of input saying what
# blocks; numbers and dates in the workspace's convention, or refused when they read two ways.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# A workspace whose default checklist has four items: a text, a longtext, a date, an amount.
small_workspace() {
  new_workspace
  mkdir -p checklists
  cat > checklists/small.json <<'JSON'
{"cna": 1, "id": "small", "version": "1.0.0", "title": "Small",
 "sections": [{"id": "s", "title": "S", "items": [
   {"id": "goal", "type": "text", "prompt": "Goal?", "help": "Why."},
   {"id": "story", "type": "longtext", "prompt": "Story?", "help": "How."},
   {"id": "decide_by", "type": "date", "prompt": "Decision date?", "help": "When."},
   {"id": "budget", "type": "money", "prompt": "Budget?", "help": "How much."}]}]}
JSON
  printf '{"cna": 1, "default_checklist": "small", "default_currency": "EUR"}\n' > cna.json
}

# Every item answered, Dana Lee the source (import reads the walk's grammar).
walked() {
  small_workspace
  run "$CNA" who acme add dana-lee --name "Dana Lee"
  run "$CNA" import acme - <<'JSON'
{"answers": {"goal": {"value": "Grow", "source": "dana-lee"},
             "story": {"value": "Two lines", "source": "dana-lee"},
             "decide_by": {"value": "2026-12-15", "source": "dana-lee"},
             "budget": {"value": "250k EUR", "source": "dana-lee"}}}
JSON
}

case_ "every save shows what was stored, as the report shows it: +6w as its date (item 8)"
small_workspace
expect_status 0 "$CNA" start acme <<'IN'
:goto story
First line
Second line

+6w
250k
IN
expect_contains "$OUT" "saved: 2027-01-04 (Mon, in 6 weeks)"
expect_contains "$OUT" "saved: 250,000 EUR"
expect_contains "$OUT" $'saved:\n    First line\n    Second line'
expect_json '.answers.decide_by.value' '"2027-01-04"'
ok

case_ "start on a finished account shows what blocks, by reason, and the next command (item 8)"
walked
expect_status 0 "$CNA" start acme </dev/null
expect_contains "$OUT" "End of the checklist."
expect_contains "$OUT" "Blocked: 4 unconfirmed"
expect_contains "$OUT" "cna confirm acme"
ok

case_ "after a change in --review, :quit and the end of input say what blocks, not '0 items left' (item 8)"
walked
expect_status 0 "$CNA" start acme --review <<<$'Changed goal\n:quit'
expect_not_contains "$OUT" "0 items left"
expect_contains "$OUT" "Nothing left to ask"
expect_contains "$OUT" "Blocked: 4 unconfirmed"
expect_contains "$OUT" "Next: cna confirm acme"
expect_json '.answers.goal.value' '"Changed goal"'
expect_status 0 "$CNA" start acme --review <<<$'Changed again'
expect_not_contains "$OUT$ERR" "0 items left"
expect_contains "$OUT" "Input ended; nothing left to ask"
expect_contains "$OUT" "Blocked: 4 unconfirmed"
expect_json '.answers.goal.value' '"Changed again"'
ok

case_ "a number or date that reads two ways is refused with both readings, in answer and the walk (item 2)"
new_workspace
expect_status 2 "$CNA" answer acme budget_amount '650.000 EUR'
expect_contains "$ERR" "'650.000' reads two ways: 650 with a decimal dot, or 650000 with a decimal comma"
expect_status 2 "$CNA" answer acme decision_date '03/04/2027'
expect_contains "$ERR" "2027-04-03 (day first) or 2027-03-04 (month first)"
[ ! -e assessments/acme.json ] || [ "$(jq -c '.answers.budget_amount' assessments/acme.json)" = null ] ||
  fail "an ambiguous amount was stored"
run "$CNA" answer acme budget_amount '1.200.000 EUR'
expect_json '.answers.budget_amount.value' '{"amount":1200000,"currency":"EUR"}'
run "$CNA" answer acme decision_date '31.03.2027'
expect_json '.answers.decision_date.value' '"2027-03-31"'
expect_status 0 "$CNA" start acme <<<$':goto budget_amount\n650.000 EUR\n1.5m EUR\n:quit'
expect_contains "$OUT" "reads two ways"
expect_contains "$OUT" "saved: 1,500,000 EUR"
expect_json '.answers.budget_amount.value' '{"amount":1500000,"currency":"EUR"}'
ok

case_ "the workspace's decimal_mark and date_order read numbers and dates its way (item 2)"
new_workspace
printf '{"cna": 1, "decimal_mark": ",", "date_order": "day-month-year"}\n' > cna.json
run "$CNA" answer acme budget_amount '650.000 EUR'
expect_json '.answers.budget_amount.value' '{"amount":650000,"currency":"EUR"}'
run "$CNA" answer acme decision_date '03/04/2027'
expect_json '.answers.decision_date.value' '"2027-04-03"'
expect_status 0 "$CNA" start acme <<<$':goto budget_amount\n2,5k EUR\n:goto decision_date\n13.01.2027\n:quit'
expect_contains "$OUT" "saved: 2,500 EUR"
expect_contains "$OUT" "saved: 2027-01-13 (Wed, in 51 days)"
printf '{"cna": 1, "decimal_mark": "comma"}\n' > cna.json
expect_status 65 "$CNA" answer acme budget_amount '650.000 EUR'
expect_contains "$ERR" 'cna.json: "decimal_mark" must be "." or ","'
ok

case_ "did-you-mean for every name typed: item, stakeholder, role, option, account (item 5)"
new_workspace
run "$CNA" who acme add katrin-vogel --name "Katrin Vogel"
run "$CNA" who acme add dana-lee --name "Dana Lee"
expect_status 0 "$CNA" start acme <<'IN'
:goto budget
:from katrin
:from 1
:from
:from 7
:who Sam Ortiz

champoin
champion
:quit
IN
expect_contains "$OUT" 'no item "budget" in checklist discovery (did you mean budget_status or budget_amount?)'
expect_contains "$OUT" 'no stakeholder "katrin" in acme (did you mean katrin-vogel?)'
expect_not_contains "$OUT" "add katrin"
expect_contains "$OUT" "source: Katrin Vogel"
expect_contains "$OUT" "1) Katrin Vogel (katrin-vogel)"
expect_contains "$OUT" "no stakeholder number 7"
# :from alone lists who is on file (it said 'no stakeholder ""'); :from 1 picks the first (it
# suggested adding a stakeholder named 1).
expect_not_contains "$OUT" 'no stakeholder ""'
expect_not_contains "$OUT" "add 1"
expect_contains "$OUT" ":from ID or :from NUMBER says who is speaking"
expect_contains "$OUT" 'unknown role "champoin" (did you mean champion?)'
expect_json '.stakeholders[2].roles' '["champion"]'
expect_status 2 "$CNA" who acme add x-y --name "X Y" --role champoin
expect_contains "$ERR" 'unknown role "champoin" (did you mean champion?)'
expect_status 2 "$CNA" answer acme buying_practices tender
expect_contains "$ERR" "'tender' is not an option (did you mean competitive-tender?)"
expect_status 2 "$CNA" status acmee
expect_contains "$ERR" 'no account "acmee"'
expect_contains "$ERR" "(did you mean acme?)"
ok

case_ "the other option takes plain text where the checklist allows it (item 5)"
new_workspace
run "$CNA" answer acme buying_practices 'Via the parent company'
expect_json '.answers.buying_practices.value' '"other: Via the parent company"'
run "$CNA" answer acme company_policies 1 'Works council'
expect_json '.answers.company_policies.value' '["security-review","other: Works council"]'
# One line of a multi answer is its entries, never one plain text.
run "$CNA" answer acme company_policies '1, Works council'
expect_json '.answers.company_policies.value' '["security-review","other: Works council"]'
expect_status 2 "$CNA" answer acme buying_practices 9
expect_status 2 "$CNA" answer acme budget_status 'Somewhere'
ok

done_
