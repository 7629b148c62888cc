#!/usr/bin/env bash
# `cna answer`: one answer from the command line with the walk's grammar; types as docs/assessment.md
# stores them, --unknown, --na, --note, --source, refusals, conditions, locking and concurrency.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# A workspace whose account "acme" (discovery checklist) has the stakeholder dana-lee.
with_dana() {
  new_workspace
  "$CNA" who acme add dana-lee --name "Dana Lee" --role economic-buyer >/dev/null
}

case_ "cna answer --help exits 0"
new_workspace
expect_status 0 "$CNA" answer --help
expect_contains "$OUT" "--unknown"
ok

case_ "values of every type are stored as docs/assessment.md says"
with_dana
expect_status 0 "$CNA" answer acme budget_amount 250k EUR --source dana-lee
expect_contains "$OUT" 'budget_amount: 250,000 EUR (source dana-lee)'
run "$CNA" answer acme has_incumbent yes
run "$CNA" answer acme user_count 1,200
run "$CNA" answer acme success_metrics "Churn below 2%" "NPS above 40"
run "$CNA" answer acme value_drivers 1,3
run "$CNA" answer acme decision_date +14d
run "$CNA" answer acme business_goal "Grow in the north" "Keep churn low"
run "$CNA" answer acme urgency 4
run "$CNA" answer acme solution_scope Pilot
run "$CNA" answer acme economic_buyer "Dana Lee"
run "$CNA" answer acme incumbent_details Initech since 2019
expect_json '.answers.budget_amount.value' '{"amount":250000,"currency":"EUR"}'
expect_json '.answers.budget_amount.source' '"dana-lee"'
expect_json '.answers.has_incumbent.value' 'true'
expect_json '.answers.user_count.value' '1200'
expect_json '.answers.success_metrics.value' '["Churn below 2%","NPS above 40"]'
expect_json '.answers.value_drivers.value' '["revenue-growth","productivity"]'
expect_json '.answers.decision_date.value' '"2026-12-07"'
expect_json '.answers.business_goal.value' '"Grow in the north\nKeep churn low"'
expect_json '.answers.urgency.value' '4'
expect_json '.answers.solution_scope.value' '"pilot"'
expect_json '.answers.economic_buyer.value' '"dana-lee"'
expect_json '.answers.incumbent_details.value' '"Initech since 2019"'
expect_json '.answers.budget_amount.answered_at' '"2026-11-23T10:00:00Z"'
expect_json '.answers.budget_amount.answered_by' '"Sam Rep"'
expect_json '[.answers[].state] | unique' '["answered"]'
# Answers are kept in checklist order whatever order they were given in.
expect_json '.answers | keys_unsorted | index("has_incumbent") < index("budget_amount")' 'true'
ok

case_ "a new account is created with --name and --checklist; the pin is then fixed"
new_workspace
expect_status 0 "$CNA" answer acme business_goal "Grow" --name "Acme Corp" --checklist discovery
expect_json '.name' '"Acme Corp"'
expect_json '.checklist.id' '"discovery"'
mkdir -p checklists
sed 's/"id": "discovery"/"id": "other"/' "$CNA_SOURCE_DIR/checklists/discovery.json" > checklists/other.json
expect_status 2 "$CNA" answer acme business_goal "Grow" --checklist other
expect_contains "$ERR" 'assessed with checklist "discovery"'
expect_status 2 "$CNA" answer "Acme Corp" business_goal "Grow"
expect_contains "$ERR" 'try "acme-corp"'
ok

case_ "the echo says what the answer says as the walk does: the option's label, not the value"
with_dana
expect_status 0 "$CNA" answer acme solution_scope team --source dana-lee
expect_contains "$OUT" "solution_scope: One team or site (source dana-lee)"
expect_json '.answers.solution_scope.value' '"team"'
expect_status 0 "$CNA" answer acme business_goal "Grow in the north" "Keep the south"
expect_contains "$OUT" "business_goal: Grow in the north…"
ok

case_ "--unknown stores who will find out and by when; it needs --owner and --due"
with_dana
expect_status 0 "$CNA" answer acme decision_date --unknown --owner sam --due +14d
expect_contains "$OUT" "decision_date: unknown: sam to find out by 2026-12-07"
expect_json '.answers.decision_date | [.state, .owner, .due]' '["unknown","sam","2026-12-07"]'
expect_status 2 "$CNA" answer acme decision_date --unknown --owner sam
expect_contains "$ERR" "--unknown needs --owner WHO and --due DATE"
expect_status 2 "$CNA" answer acme decision_date --unknown --owner sam --due soon
expect_contains "$ERR" "not a date"
expect_status 2 "$CNA" answer acme decision_date --unknown --owner tbd --due today
expect_status 2 "$CNA" answer acme decision_date 2026-12-01 --unknown --owner sam --due today
expect_contains "$ERR" "give one of"
expect_status 2 "$CNA" answer acme decision_date 2026-12-01 --owner sam
expect_contains "$ERR" "--owner and --due go with --unknown"
ok

case_ "--na only where the item allows it"
with_dana
expect_status 0 "$CNA" answer acme paper_process --na "no procurement step below 50k" --source dana-lee
expect_contains "$OUT" "paper_process: n/a: no procurement step below 50k (source dana-lee)"
expect_json '.answers.paper_process | [.state, .reason, .source]' '["na","no procurement step below 50k","dana-lee"]'
expect_status 2 "$CNA" answer acme business_goal --na "not relevant"
expect_contains "$ERR" "this item cannot be marked n/a"
expect_json '.answers.business_goal' 'null'
ok

case_ "--note alone sets the note; --source alone attributes the current answer"
with_dana
run "$CNA" answer acme business_goal "Grow"
expect_status 0 "$CNA" answer acme business_goal --note "she was unsure about the timing"
expect_contains "$OUT" "business_goal: note saved"
expect_json '.answers.business_goal | [.value, .note]' '["Grow","she was unsure about the timing"]'
expect_status 0 "$CNA" answer acme business_goal --source "Dana Lee"
expect_json '.answers.business_goal | [.value, .source, .note]' '["Grow","dana-lee","she was unsure about the timing"]'
expect_status 2 "$CNA" answer acme current_approach --source dana-lee
expect_contains "$ERR" "no answer to attribute"
expect_status 2 "$CNA" answer acme business_goal "Grow" --source nobody
expect_contains "$ERR" 'no stakeholder "nobody"'
expect_status 2 "$CNA" answer acme business_goal
expect_contains "$ERR" "give a VALUE"
ok

case_ "an answer without its required source is saved with a warning"
with_dana
expect_status 0 "$CNA" answer acme business_goal "Grow"
expect_contains "$ERR" "business_goal has no source"
expect_status 0 "$CNA" answer acme next_step "Send the summary"
expect_not_contains "$ERR" "no source"
ok

case_ "a refusal says what to do instead in cna's options, not in the walk's commands"
new_workspace
expect_status 2 "$CNA" answer acme champion dana
expect_contains "$ERR" "champion: the account has no stakeholders yet; use cna who acme add ID --name NAME to add one"
expect_not_contains "$ERR" ":who"
run "$CNA" who acme add dana-lee --name "Dana Lee"
expect_status 2 "$CNA" answer acme champion bob
expect_contains "$ERR" "'bob' is not a stakeholder; choose 1 or one of: dana-lee; use cna who acme add ID --name NAME to add one"
# n/a is offered only where the item allows it; :skip never (a command has nothing to skip).
expect_status 2 "$CNA" answer acme business_goal " "
expect_contains "$ERR" "business_goal: an answer is required; use --unknown --owner WHO --due DATE if someone will find out"
expect_not_contains "$ERR" ":skip"
expect_not_contains "$ERR" "--na"
ok

case_ "an unknown item is a usage error that suggests the closest id"
with_dana
expect_status 2 "$CNA" answer acme budgt_amount 5
expect_contains "$ERR" 'no item "budgt_amount" in checklist discovery (did you mean budget_amount?)'
expect_contains "$ERR" "cna checklist show discovery"
expect_status 2 "$CNA" answer acme zzzzzzzzzzzz 5
expect_not_contains "$ERR" "did you mean"
ok

case_ "refused answers are usage errors with the parser's message; nothing is stored"
with_dana
before=$(sha256sum assessments/acme.json)
expect_status 2 "$CNA" answer acme business_goal tbd
expect_contains "$ERR" "'tbd' is a placeholder, not an answer; use --unknown --owner WHO --due DATE if someone will find out"
expect_not_contains "$ERR" ":unknown"
expect_status 2 "$CNA" answer acme user_count many
expect_contains "$ERR" "not a number"
expect_status 2 "$CNA" answer acme solution_scope pilt
expect_contains "$ERR" "did you mean pilot"
expect_status 2 "$CNA" answer acme business_goal $'caf\xe9'
expect_contains "$ERR" "not valid UTF-8"
expect_status 2 "$CNA" answer acme business_goal "Grow" --note $'bad \xff note'
expect_contains "$ERR" "--note is not valid UTF-8"
expect_status 2 "$CNA" answer acme business_goal "$(head -c 70000 /dev/zero | tr '\0' a)"
expect_contains "$ERR" "too long"
[ "$(sha256sum assessments/acme.json)" = "$before" ] || fail "a refused answer changed the file"
ok

case_ "an answer to an item whose condition is false is kept, with a warning"
with_dana
run "$CNA" answer acme has_incumbent no
expect_status 0 "$CNA" answer acme incumbent_details "Initech"
expect_contains "$ERR" "incumbent_details does not apply now (when: has_incumbent == true)"
expect_json '.answers.incumbent_details.value' '"Initech"'
ok

case_ "the same answer again changes nothing on disk"
with_dana
run "$CNA" answer acme business_goal "Grow" --source dana-lee
before=$(sha256sum assessments/acme.json)
expect_status 0 "$CNA" answer acme business_goal "Grow" --source dana-lee
expect_contains "$OUT" "business_goal: unchanged"
[ "$(sha256sum assessments/acme.json)" = "$before" ] || fail "an unchanged answer rewrote the file"
ok

case_ "-q prints nothing; a full stdout is an I/O error (74) after the answer is saved"
with_dana
expect_status 0 "$CNA" -q answer acme business_goal "Grow" --source dana-lee
[ -z "$OUT" ] || fail "-q printed: $OUT"
expect_status 74 sh -c '"$CNA" answer acme current_approach "Spreadsheets" --source dana-lee >/dev/full'
expect_json '.answers.current_approach.value' '"Spreadsheets"'
ok

case_ "a truncated assessment file is refused (65) and left byte-identical"
with_dana
run "$CNA" answer acme business_goal "Grow"
head -c 150 assessments/acme.json > cut.json
cp cut.json assessments/acme.json
expect_status 65 "$CNA" answer acme current_approach "Spreadsheets"
expect_contains "$ERR" "assessments/acme.json"
cmp -s cut.json assessments/acme.json || fail "the truncated file was changed"
ok

case_ "a held lock gives up after CNA_LOCK_TIMEOUT_MS with 75"
with_dana
hold_lock assessments/.acme.json.lock
before=$(sha256sum assessments/acme.json)
CNA_LOCK_TIMEOUT_MS=200 expect_status 75 "$CNA" answer acme business_goal "Grow"
expect_contains "$ERR" "busy"
[ "$(sha256sum assessments/acme.json)" = "$before" ] || fail "a busy answer changed the file"
release_lock
ok

case_ "forty answers started at once on one account all survive"
new_workspace
mkdir -p checklists
{
  printf '{"cna": 1, "id": "forty", "version": "1.0.0", "title": "Forty", "sections": [{"id": "all", "title": "All", "items": ['
  for i in $(seq -w 1 40); do
    [ "$i" = 01 ] || printf ','
    printf '{"id": "t%s", "type": "text", "prompt": "Question %s?", "help": "Any text.", "source": false}' "$i" "$i"
  done
  printf ']}]}\n'
} > checklists/forty.json
"$CNA" answer acme t01 "first" --checklist forty >/dev/null
pids=()
for i in $(seq -w 1 40); do
  CNA_LOCK_TIMEOUT_MS=120000 "$CNA" -q answer acme "t$i" "answer $i" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || fail "an answer process failed"; done
expect_json '.answers | length' '40'
expect_json '[.answers | to_entries[] | select(.value.value == "answer " + (.key | ltrimstr("t")))] | length' '40'
ok

done_
