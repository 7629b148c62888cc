#!/usr/bin/env bash
# `cna import`: every entry form, stakeholders, stdin, and all-or-nothing: a file with any problem
# reports them all (file:line:col: answers.ITEM) and leaves the account byte-identical.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

case_ "cna import --help exits 0"
new_workspace
expect_status 0 "$CNA" import --help
expect_contains "$OUT" "stakeholders"
ok

case_ "every entry form is stored with the documented types (docs/assessment.md), under one save"
new_workspace
cat > in.json <<'EOF'
{
  "stakeholders": [
    {"id": "dana-lee", "name": "Dana Lee", "title": "VP Operations", "roles": ["economic-buyer"]}
  ],
  "answers": {
    "budget_status": "approved",
    "budget_amount": "250k EUR",
    "decision_date": "+14d",
    "value_drivers": "1,3",
    "success_metrics": ["Churn below 2%", "NPS above 40"],
    "user_count": 120,
    "has_incumbent": false,
    "problem_cost_annual": {"amount": 90000, "currency": "EUR"},
    "business_goal": {"value": "Grow in the north", "source": "dana-lee", "note": "her words"},
    "paper_process": {"na": "no procurement step below 50k", "source": "dana-lee"},
    "competitors": {"unknown": {"owner": "sam", "due": "2026-12-01"}},
    "org_structure": {"note": "ask for the org chart"},
    "economic_buyer": "dana-lee"
  }
}
EOF
expect_status 0 "$CNA" import acme in.json --name "Acme Corp"
expect_contains "$OUT" "acme: imported 13 answers and 1 stakeholder from in.json"
expect_json '.name' '"Acme Corp"'
expect_json '.stakeholders' '[{"id":"dana-lee","name":"Dana Lee","title":"VP Operations","roles":["economic-buyer"]}]'
expect_json '.answers.budget_status.value' '"approved"'
expect_json '.answers.budget_amount.value' '{"amount":250000,"currency":"EUR"}'
expect_json '.answers.decision_date.value' '"2026-12-07"'
expect_json '.answers.value_drivers.value' '["revenue-growth","productivity"]'
expect_json '.answers.success_metrics.value' '["Churn below 2%","NPS above 40"]'
expect_json '.answers.user_count.value' '120'
expect_json '.answers.has_incumbent.value' 'false'
expect_json '.answers.problem_cost_annual.value' '{"amount":90000,"currency":"EUR"}'
expect_json '.answers.business_goal | [.value, .source, .note]' '["Grow in the north","dana-lee","her words"]'
expect_json '.answers.paper_process | [.state, .reason, .source]' '["na","no procurement step below 50k","dana-lee"]'
expect_json '.answers.competitors | [.state, .owner, .due]' '["unknown","sam","2026-12-01"]'
expect_json '.answers.org_structure | [.state, .note]' '["missing","ask for the org chart"]'
expect_json '.answers.economic_buyer.value' '"dana-lee"'
expect_json '[.history[] | select(.action == "answered")] | length' '10'
ok

case_ "a file with problems reports every one and saves nothing (65)"
new_workspace
run "$CNA" answer acme business_goal "Grow"
before=$(sha256sum assessments/acme.json)
cat > bad.json <<'EOF'
{"answers": {
  "current_approach": "Spreadsheets and e-mail",
  "budgt_status": "approved",
  "user_count": "tbd",
  "business_goal": {"value": "Grow", "source": "nobody"},
  "has_incumbent": null,
  "current_approach": "twice",
  "solution_scope": {"value": "pilot", "na": "x"},
  "decision_date": {"unknown": {"owner": "sam", "due": "soon"}},
  "key_problems": [1, 2],
  "technical_specs": {"na": "all standard"}
}, "extra": true}
EOF
expect_status 65 "$CNA" import acme bad.json
expect_contains "$ERR" 'bad.json:3:19: answers.budgt_status: error: no item "budgt_status" in checklist discovery (did you mean budget_status?)'
expect_contains "$ERR" "bad.json:4:17: answers.user_count: error: 'tbd' is a placeholder"
expect_contains "$ERR" 'answers.business_goal.source: error: no stakeholder "nobody"'
expect_contains "$ERR" "answers.has_incumbent: error: no value"
expect_contains "$ERR" "bad.json:7:3: answers.current_approach: error: duplicate key"
expect_contains "$ERR" 'answers.solution_scope: error: give one of "value", "unknown" or "na"'
expect_contains "$ERR" "answers.decision_date.unknown: error: by when:"
expect_contains "$ERR" "answers.key_problems: error: expected the answer as text"
expect_contains "$ERR" 'extra: error: unknown field "extra"'
expect_contains "$ERR" "nothing was imported"
[ "$(grep -c '^bad.json:.*: error: ' <<<"$ERR")" = 9 ] || fail "expected 9 problems, got: $ERR"
[ "$(sha256sum assessments/acme.json)" = "$before" ] || fail "a refused import changed the file"
expect_json '.answers.current_approach' 'null'
ok

case_ "one bad entry among good ones: nothing is imported"
new_workspace
run "$CNA" answer acme business_goal "Grow"
before=$(sha256sum assessments/acme.json)
printf '{"answers": {"current_approach": "Spreadsheets", "user_count": 0}}\n' > one.json
expect_status 65 "$CNA" import acme one.json
expect_contains "$ERR" "answers.user_count: error: expected a whole number of at least 1"
[ "$(sha256sum assessments/acme.json)" = "$before" ] || fail "a refused import changed the file"
ok

case_ "- reads the standard input; syntax errors name the line and column"
new_workspace
expect_status 0 "$CNA" import acme - <<<'{"answers": {"current_approach": "Spreadsheets"}}'
expect_contains "$OUT" "imported 1 answer and 0 stakeholders from <stdin>"
expect_json '.answers.current_approach.value' '"Spreadsheets"'
expect_status 65 "$CNA" import acme - <<<$'{"answers": {\n  "user_count": 12,\n}}'
expect_contains "$ERR" "<stdin>:3:1: error:"
printf '{"answers": {"current_approach": "caf\xe9"}}' > latin1.json
expect_status 65 "$CNA" import acme latin1.json
expect_contains "$ERR" "UTF-8"
ok

case_ "missing, non-regular and oversized files are refused"
new_workspace
expect_status 65 "$CNA" import acme nope.json
expect_contains "$ERR" "nope.json does not exist"
mkdir folder.json
expect_status 65 "$CNA" import acme folder.json
expect_contains "$ERR" "not a regular file"
truncate -s 33M big.json
expect_status 65 "$CNA" import acme big.json
expect_contains "$ERR" "limit"
expect_status 65 sh -c 'head -c 34000000 /dev/zero | "$CNA" import acme -'
expect_contains "$ERR" "limit"
ok

case_ "sources and person answers may name stakeholders of the account or of the file"
new_workspace
"$CNA" who acme add ben --name "Ben Ortiz" >/dev/null
cat > in.json <<'EOF'
{"stakeholders": [{"id": "ben", "title": "CFO"}, {"id": "ann", "name": "Ann Lee", "roles": ["champion"]}],
 "answers": {"champion": {"value": "ann", "source": "ben"}, "economic_buyer": "Ben Ortiz"}}
EOF
expect_status 0 "$CNA" import acme in.json
expect_json '.stakeholders' '[{"id":"ben","name":"Ben Ortiz","title":"CFO"},{"id":"ann","name":"Ann Lee","roles":["champion"]}]'
expect_json '.answers.champion | [.value, .source]' '["ann","ben"]'
expect_json '.answers.economic_buyer.value' '"ben"'
printf '{"stakeholders": [{"id": "Bad Id", "name": "X"}, {"id": "cy", "name": "Cy", "roles": ["boss"]}]}\n' > bad.json
expect_status 65 "$CNA" import acme bad.json
expect_contains "$ERR" 'try "bad-id"'
expect_contains "$ERR" 'unknown role "boss"'
ok

case_ "stakeholders carry met, stance and access_via, as cna who edit sets them; bad ones are refused"
new_workspace
"$CNA" who acme add ben --name "Ben Ortiz" --stance supporter >/dev/null
cat > in.json <<'EOF'
{"stakeholders": [
  {"id": "ann", "name": "Ann Lee", "met": false, "stance": "sceptic", "access_via": ["cy"]},
  {"id": "cy", "name": "Cy Berg", "met": true},
  {"id": "ben", "access_via": ["cy"]}]}
EOF
expect_status 0 "$CNA" import acme in.json
expect_json '[.stakeholders[] | [.id, .met, .stance, .access_via]]' \
  '[["ben",null,"supporter",["cy"]],["ann",false,"sceptic",["cy"]],["cy",true,null,null]]'
expect_status 0 "$CNA" who acme
expect_contains "$OUT" "Ann Lee · not met yet · sceptic · reached through Cy Berg"
cp assessments/acme.json before.json
cat > bad.json <<'EOF'
{"stakeholders": [{"id": "dee", "name": "Dee", "met": "yes", "stance": "hostile", "access_via": ["nobody"]},
                  {"id": "eve", "name": "Eve", "access_via": ["eve"]}]}
EOF
expect_status 65 "$CNA" import acme bad.json
expect_contains "$ERR" "bad.json:1:55: stakeholders[0].met: error: expected true or false"
expect_contains "$ERR" 'unknown stance "hostile"'
expect_contains "$ERR" "bad.json:2:62: stakeholders[1].access_via: error: eve cannot be reached through themselves"
cmp before.json assessments/acme.json || fail "a refused import changed the file"
ok

case_ "an answer that the other answers make inapplicable is kept, with a warning"
new_workspace
printf '{"answers": {"has_incumbent": false, "incumbent_details": "Initech"}}\n' > in.json
expect_status 0 "$CNA" import acme in.json
expect_contains "$ERR" "in.json:1:59: answers.incumbent_details: warning: does not apply with these answers"
expect_json '.answers.incumbent_details.value' '"Initech"'
ok

case_ "a held lock gives up with 75 and imports nothing"
new_workspace
run "$CNA" answer acme business_goal "Grow"
hold_lock assessments/.acme.json.lock
printf '{"answers": {"current_approach": "Spreadsheets"}}\n' > in.json
CNA_LOCK_TIMEOUT_MS=200 expect_status 75 "$CNA" import acme in.json
release_lock
expect_json '.answers.current_approach' 'null'
ok

done_
