#!/usr/bin/env bash
# `cna status`: one line per account, the details of one, the --json shape, readiness as the core
# computes it (confirmation age included), and bad files reported without stopping the others.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# A checklist "mini" as the workspace default: goal (needs a source), plan (no source) and an
# optional seats, which counts as applicable but never blocks.
mini_workspace() {
  new_workspace
  mkdir -p checklists
  cat > checklists/mini.json <<'EOF'
{"cna": 1, "id": "mini", "version": "1.2.0", "title": "Mini check", "sections": [
  {"id": "one", "title": "First things", "items": [
    {"id": "goal", "type": "text", "prompt": "Goal?", "help": "One line."},
    {"id": "plan", "type": "text", "prompt": "Plan?", "help": "Ours.", "source": false}]},
  {"id": "two", "title": "Second things", "items": [
    {"id": "seats", "type": "number", "prompt": "Seats?", "help": "Count.", "required": false}]}]}
EOF
  printf '{"cna": 1, "default_checklist": "mini", "reconfirm_after_days": 30}\n' > cna.json
}

# Answers goal and plan of ACCOUNT, attributed, and marks them confirmed at CNA_NOW.
ready_account() {
  "$CNA" who "$1" add dana-lee --name "Dana Lee" >/dev/null
  "$CNA" answer "$1" goal "Grow" --source dana-lee >/dev/null
  "$CNA" answer "$1" plan "Demo" >/dev/null
  jq '.answers |= map_values(.confirmed_at = "2026-11-23T10:00:00Z" | .confirmed_by = "sam"
      | .confirmed_with = "dana-lee")' "assessments/$1.json" > confirmed.json
  mv confirmed.json "assessments/$1.json"
}

case_ "cna status --help exits 0"
new_workspace
expect_status 0 "$CNA" status --help
expect_contains "$OUT" "--json"
ok

case_ "an empty workspace says so; its --json has no accounts"
new_workspace
expect_status 0 "$CNA" status
expect_contains "$OUT" "no accounts in $WS yet"
expect_status 0 "$CNA" status --json
[ "$(jq -c . <<<"$OUT")" = '{"cna_status":2,"accounts":[],"errors":[]}' ] || fail "json: $OUT"
ok

case_ "every account on one line: bar, answered/applicable, confirmed, READY or BLOCKED (n)"
mini_workspace
ready_account acme
run "$CNA" answer beta goal "Cut costs"
expect_status 0 "$CNA" status
expect_contains "$OUT" "acme "
expect_contains "$OUT" "█████████████░░░░░░░      2/3    2 confirmed  READY"
expect_contains "$OUT" "beta "
expect_contains "$OUT" "1/3    0 confirmed  BLOCKED (2)"
[ "$(wc -l <<<"$OUT")" = 2 ] || fail "expected two lines: $OUT"
ok

case_ "one account: header, sections, blockers with their details, verdict"
mini_workspace
"$CNA" who acme add dana-lee --name "Dana Lee" >/dev/null
run "$CNA" answer acme goal "Grow" --name "Acme Corp"
"$CNA" answer acme plan --unknown --owner sam --due +7d >/dev/null
expect_status 0 "$CNA" status acme
expect_contains "$OUT" "Acme Corp (acme) · Mini check (mini 1.2.0)"
expect_contains "$OUT" "First things   ██████████░░░░░░░░░░      1/2    0 confirmed"
expect_contains "$OUT" "Second things  ░░░░░░░░░░░░░░░░░░░░      0/1    0 confirmed"
expect_contains "$OUT" "Blockers (2):"
expect_contains "$OUT" "goal  no-source    no stakeholder named as the source"
expect_contains "$OUT" "plan  unknown      sam to find out by 2026-11-30"
expect_contains "$OUT" "BLOCKED: 2 of 3 applicable items hold the gate"
ok

case_ "readiness follows the confirmation's age; status still exits 0"
mini_workspace
ready_account acme
expect_status 0 "$CNA" status acme
expect_contains "$OUT" "READY: every applicable item is answered, attributed and confirmed"
expect_not_contains "$OUT" "Blockers"
CNA_NOW=2027-01-10T10:00:00Z expect_status 0 "$CNA" status acme
expect_contains "$OUT" "goal  stale        confirmed 48 days ago (re-confirm every 30 days)"
expect_contains "$OUT" "BLOCKED: 2 of 3"
ok

case_ "an answer made invalid by a retyped item is not progress: 1/2, not 2/2"
mini_workspace
ready_account acme
sed -i 's/"id": "goal", "type": "text"/"id": "goal", "type": "number"/' checklists/mini.json
expect_status 0 "$CNA" status acme
expect_contains "$OUT" "First things   ██████████░░░░░░░░░░      1/2    1 confirmed"
expect_contains "$OUT" "goal  invalid      'Grow' is not an answer to a number item (expected a number, found text)"
expect_status 0 "$CNA" status acme --json
[ "$(jq -c '.accounts[0] | [.answered, .confirmed, .sections[0].answered]' <<<"$OUT")" = '[1,1,1]' ] ||
  fail "counts: $OUT"
ok

case_ "--json: the documented shape, keys in order, counts of applicable items"
mini_workspace
ready_account acme
run "$CNA" answer beta goal "Cut costs"
expect_status 0 "$CNA" status --json
json=$OUT
[ "$(jq -c 'keys_unsorted' <<<"$json")" = '["cna_status","accounts","errors"]' ] || fail "top keys: $json"
[ "$(jq -c '.accounts[0] | keys_unsorted' <<<"$json")" = '["account","name","checklist","ready","applicable","answered","confirmed","blockers","overdue_next_steps","retired","sections"]' ] || fail "account keys: $json"
[ "$(jq -c '[.accounts[] | [.account, .ready, .applicable, .answered, .confirmed]]' <<<"$json")" = '[["acme",true,3,2,2],["beta",false,3,1,0]]' ] || fail "counts: $json"
[ "$(jq -c '.accounts[1].blockers' <<<"$json")" = '[{"item":"goal","reason":"no-source","detail":"no stakeholder named as the source"},{"item":"plan","reason":"missing","detail":""}]' ] || fail "blockers: $json"
[ "$(jq -c '.accounts[0].checklist' <<<"$json")" = '{"id":"mini","version":"1.2.0"}' ] || fail "checklist: $json"
[ "$(jq -c '.accounts[1].sections' <<<"$json")" = '[{"id":"one","title":"First things","applicable":2,"answered":1,"confirmed":0,"blocked":2},{"id":"two","title":"Second things","applicable":1,"answered":0,"confirmed":0,"blocked":0}]' ] || fail "sections: $json"
expect_status 0 "$CNA" status beta --json
[ "$(jq -c '[.accounts[].account]' <<<"$OUT")" = '["beta"]' ] || fail "named: $OUT"
ok

case_ "a bad account file is reported, the others still listed, and the exit is 65"
mini_workspace
ready_account acme
run "$CNA" answer beta goal "Cut costs"
run "$CNA" answer gamma goal "Grow"
head -c 120 assessments/beta.json > cut.json
cp cut.json assessments/beta.json
expect_status 65 "$CNA" status
expect_contains "$ERR" "cna: error: $WS/assessments/beta.json"
expect_contains "$OUT" "acme "
expect_contains "$OUT" "gamma "
expect_not_contains "$OUT" "beta "
expect_status 65 "$CNA" status --json
[ "$(jq -c '[.accounts[].account]' <<<"$OUT")" = '["acme","gamma"]' ] || fail "json: $OUT"
# A script reading only stdout learns that the list is incomplete, and why.
[ "$(jq -r '.errors[] | .account' <<<"$OUT")" = beta ] || fail "json errors: $OUT"
expect_contains "$(jq -r '.errors[0].error' <<<"$OUT")" "assessments/beta.json"
expect_status 65 "$CNA" status beta
cmp -s cut.json assessments/beta.json || fail "status changed the bad file"
ok

case_ "a missing or badly named account is a usage error"
mini_workspace
expect_status 2 "$CNA" status nowhere
expect_contains "$ERR" 'no account "nowhere"'
expect_status 2 "$CNA" status "Acme Corp"
expect_contains "$ERR" 'try "acme-corp"'
ok

case_ "names and details from files are printed with control characters escaped"
mini_workspace
run "$CNA" answer acme goal "Grow" --name $'Acme \e]0;pwned\a Corp'
"$CNA" answer acme plan --unknown --owner $'sam\e[2J' --due +7d >/dev/null
expect_status 0 "$CNA" status
expect_contains "$OUT" 'Acme \x1b]0;pwned\x07 Corp'
expect_status 0 "$CNA" status acme
expect_contains "$OUT" 'sam\x1b[2J to find out by 2026-11-30'
if grep -q $'\e' <<<"$OUT"; then fail "raw ESC in the output"; fi
expect_status 0 "$CNA" --color always status acme
expect_contains "$OUT" $'\e[31mBLOCKED'
expect_contains "$OUT" 'sam\x1b[2J'
ok

case_ "a full stdout is an I/O error (74)"
mini_workspace
run "$CNA" answer acme goal "Grow"
expect_status 74 sh -c '"$CNA" status acme >/dev/full'
expect_contains "$ERR" "cannot write the output"
ok

done_
