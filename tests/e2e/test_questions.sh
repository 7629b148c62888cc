#!/usr/bin/env bash
# Open questions and our assumptions (issue 10, Seen 4): structured entries (text, who answers
# it, due, open or answered) that hold the gate while open; added and answered by the walk's
# line syntax, `cna answer` and `cna question`; old free-text files migrate without losing or
# un-confirming anything.
set -euo pipefail
source "$(dirname "$0")/report_lib.sh"

case_ "an open question holds the gate: check, proposal and the brief say so (Seen 4)"
example_workspace
expect_status 0 "$CNA" check acme
# What the issue saw: the gate said READY while this was still open.
run "$CNA" answer acme open_questions "Does the works council need a formal agreement? (Katrin)"
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "open-question"
expect_contains "$OUT" "Does the works council need a formal agreement? (Katrin)"
expect_contains "$OUT" "BLOCKED"
expect_status 1 "$CNA" proposal acme
expect_contains "$ERR" "open-question"
expect_status 0 "$CNA" brief acme
expect_contains "$OUT" "Open questions and assumptions"
expect_contains "$OUT" "Does the works council need a formal agreement? (Katrin)"
ok

case_ "who answers it and by when: typed in the walk's syntax, listed, answered by number"
example_workspace
run "$CNA" answer acme open_questions \
  "Does the works council need a formal agreement? @dana-lee due 2026-12-15" \
  "Is a second language needed? @raj-patel due +3d => No, English only"
jq -e '.answers.open_questions.value == [
  {"text": "Does the works council need a formal agreement?", "who": "dana-lee",
   "due": "2026-12-15", "state": "open"},
  {"text": "Is a second language needed?", "who": "raj-patel", "due": "2026-11-26",
   "state": "answered", "answer": "No, English only"}]' assessments/acme.json >/dev/null ||
  fail "stored entries: $(jq -c .answers.open_questions.value assessments/acme.json)"
expect_status 1 "$CNA" check acme
expect_contains "$OUT" '1 open: "Does the works council need a formal agreement?" (ask Dana Lee, due 2026-12-15)'
expect_status 0 "$CNA" question acme list
expect_contains "$OUT" " 1  open_questions   Does the works council need a formal agreement?"
expect_contains "$OUT" "open · ask Dana Lee · due 2026-12-15"
expect_contains "$OUT" "answered by Raj Patel: No, English only"
expect_status 2 "$CNA" question acme answer 2 Yes
expect_contains "$ERR" "open_questions: entry 2 is answered already"
expect_status 2 "$CNA" question acme answer 9 Yes
expect_contains "$ERR" "no entry 9"
expect_status 0 "$CNA" question acme answer 1 "No: the framework agreement covers it"
expect_status 0 "$CNA" check acme
expect_contains "$OUT" "READY"
ok

case_ "cna question add: to the first questions item or --item, who by id or name, due in the date grammar"
example_workspace
expect_status 0 "$CNA" question acme add Who signs the DPA? --who "Raj Patel" --due +7d
expect_contains "$OUT" "open_questions entry added"
expect_status 0 "$CNA" question acme add They host in Frankfurt --item our_assumptions --who raj-patel
jq -e '(.answers.open_questions.value[-1] == {"text": "Who signs the DPA?", "who": "raj-patel",
          "due": "2026-11-30", "state": "open"})
       and (.answers.our_assumptions.value[-1] == {"text": "They host in Frankfurt",
          "who": "raj-patel", "state": "open"})' assessments/acme.json >/dev/null ||
  fail "added: $(jq -c '[.answers.open_questions.value, .answers.our_assumptions.value]' assessments/acme.json)"
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "open_questions"
expect_contains "$OUT" "our_assumptions"
expect_status 2 "$CNA" question acme add Something --item next_step
expect_contains "$ERR" "next_step is not a questions item of checklist discovery (those: open_questions, our_assumptions)"
expect_status 2 "$CNA" question acme add Who? --who nobody-here
expect_status 2 "$CNA" question acme add tbd
expect_contains "$ERR" "tbd"
ok

case_ "the walk takes the entries as lines; a bad due date or stakeholder is refused with the reason"
example_workspace
expect_status 2 "$CNA" answer acme open_questions "Which plant first? due someday"
expect_contains "$ERR" "due: "
expect_status 2 "$CNA" answer acme open_questions "Which plant first? @nobody"
expect_contains "$ERR" "is not a stakeholder"
expect_status 2 "$CNA" answer acme open_questions "Which plant first? =>"
ok

case_ "@\"Name With Spaces\" names who answers an entry; a field cna does not know survives a save"
example_workspace
run "$CNA" answer acme open_questions 'Does the works council need a formal agreement? @"Dana Lee" due 2026-12-15'
jq -e '.answers.open_questions.value == [{"text": "Does the works council need a formal agreement?",
   "who": "dana-lee", "due": "2026-12-15", "state": "open"}]' assessments/acme.json >/dev/null ||
  fail "stored: $(jq -c .answers.open_questions.value assessments/acme.json)"
# A newer cna (or a script) added a field to the entry: it is kept, not a reason to refuse.
jq '.answers.open_questions.value[0].priority = "high"' assessments/acme.json > edited.json
mv edited.json assessments/acme.json
expect_status 1 "$CNA" check acme
expect_status 0 "$CNA" question acme add Who signs the DPA? --who raj-patel
expect_status 0 "$CNA" question acme answer 1 "No: the framework agreement covers it"
jq -e '.answers.open_questions.value[0] | .priority == "high" and .state == "answered"' \
  assessments/acme.json >/dev/null || fail "entry: $(jq -c .answers.open_questions.value assessments/acme.json)"
ok

case_ "a file from discovery 1.1.0 keeps loading: free text becomes open entries, the read-back item retires, no confirmation is lost"
example_workspace
cp "$CNA_SOURCE_DIR/tests/fixtures/assessments/acme-discovery-1.1.0.json" assessments/acme.json
before=$(jq -c '[.answers | to_entries[] | select(.key != "open_questions" and .key != "our_assumptions"
  and .key != "readback_confirmed") | [.key, .value.confirmed_at, .value.confirmed_with]]' assessments/acme.json)
expect_status 1 "$CNA" check acme
grep -Eq '^  open_questions +open-question +1 open: "Which CRM fields must sync both ways\? Raj, by 2026-12-04"$' <<<"$OUT" ||
  fail "open_questions: $OUT"
grep -Eq '^  our_assumptions +open-question +2 open: "Phone calls are logged by agents, not recorded"$' <<<"$OUT" ||
  fail "our_assumptions: $OUT"
# Nothing else blocks but the items added since 1.1.0: every other confirmation still holds.
added=$(jq -r --slurpfile old "$CNA_SOURCE_DIR/tests/fixtures/checklists/discovery-1.1.0.json" \
  '[$old[0].sections[].items[].id] as $had | .sections[].items[] | select(.id as $i | $had | index($i) | not) | .id' \
  "$CNA_SOURCE_DIR/checklists/discovery.json")
others=$(grep -E '^  [a-z_]+ ' <<<"$OUT" | grep -v ' open-question ' | awk '{print $1 " " $2}')
while read -r item reason; do
  [ -z "$item" ] && continue
  grep -qx "$item" <<<"$added" && [ "$reason" = missing ] || fail "$item blocks as $reason"
done <<<"$others"
# Saved with the next change: the answers as they were, the read-back answer retired, not lost.
run "$CNA" question acme answer 1 "Accounts and contacts, both ways"
jq -e '.retired.readback_confirmed.value == true and .retired.readback_confirmed.confirmed_with == "dana-lee"' \
  assessments/acme.json >/dev/null || fail "readback_confirmed not retired: $(jq -c .retired assessments/acme.json)"
jq -e '[.history[] | select(.action == "structured") | .item] == ["open_questions", "our_assumptions"]' \
  assessments/acme.json >/dev/null || fail "history: $(jq -c '[.history[-6:][] | [.action, .item]]' assessments/acme.json)"
after=$(jq -c '[.answers | to_entries[] | select(.key != "open_questions" and .key != "our_assumptions"
  and .key != "readback_confirmed") | [.key, .value.confirmed_at, .value.confirmed_with]]' assessments/acme.json)
[ "$before" = "$after" ] || fail "confirmations changed: $before -> $after"
jq -e --arg v "$(jq -r .version "$CNA_SOURCE_DIR/checklists/discovery.json")" '.checklist.version == $v' \
  assessments/acme.json >/dev/null || fail "not pinned to the shipped discovery"
run "$CNA" question acme answer 2 "Yes: agents log every call"
run "$CNA" question acme answer 3 "Yes: plain HTML forms"
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "our_assumptions"
expect_contains "$OUT" "unconfirmed"
# The items added since then are asked as any new item is.
run "$CNA" answer acme specialties --na "Nothing out of the ordinary"
run "$CNA" answer acme trial_close_response 5 --source dana-lee
run "$CNA" confirm acme --yes
run "$CNA" confirm acme --internal --yes
expect_status 0 "$CNA" check acme
ok

case_ "the discovery checklist has no read-back item: the read-back is cna confirm"
new_workspace
expect_status 0 "$CNA" checklist show discovery
expect_not_contains "$OUT" "readback"
expect_status 0 "$CNA" checklist diff "$CNA_SOURCE_DIR/tests/fixtures/checklists/discovery-1.1.0.json" discovery
expect_contains "$OUT" "major"
ok

done_
