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

case_ "every account on one line under a header: bar, answered/applicable, the quality figures, READY or BLOCKED (n)"
mini_workspace
ready_account acme
run "$CNA" answer beta goal "Cut costs"
expect_status 0 "$CNA" status
[ "$(sed -n 1p <<<"$OUT")" = "ACCOUNT  NAME                             ANSWERED                       SOURCED  CONFIRMED      MET    VOICES  LAST MET  OVERDUE  STALE 7D  VERDICT" ] ||
  fail "header: $OUT"
[ "$(sed -n 2p <<<"$OUT")" = "acme     acme                             █████████████░░░░░░░      2/3      33%        66%      0/1         1     never        0         0  READY" ] ||
  fail "acme: $OUT"
[ "$(sed -n 3p <<<"$OUT")" = "beta     beta                             ███████░░░░░░░░░░░░░      1/3       0%         0%      0/0         0     never        0         0  BLOCKED (2)" ] ||
  fail "beta: $OUT"
[ "$(wc -l <<<"$OUT")" = 3 ] || fail "expected a header and two lines: $OUT"
ok

# acme: Dana Lee said both answers (single-threaded), Raj Patel attended a meeting 3 days ago
# (met), Dana was not met; both answers confirmed 25 days ago with a 30-day period: they go stale
# within the week; one next step overdue. beta: answered by another rep, nothing else.
quality_portfolio() {
  mini_workspace
  ready_account acme
  "$CNA" who acme add raj --name "Raj Patel" >/dev/null
  "$CNA" answer acme plan "Demo" --source dana-lee >/dev/null
  jq '.answers |= map_values(.confirmed_at = "2026-10-29T10:00:00Z" | .confirmed_with = "dana-lee")' \
    assessments/acme.json > confirmed.json
  mv confirmed.json assessments/acme.json
  "$CNA" meeting acme add --date 2026-11-20 --purpose Scope --with raj >/dev/null
  "$CNA" next acme add Send the plan --owner raj --due 2026-11-21 >/dev/null
  GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=user.name GIT_CONFIG_VALUE_0="Ola Rep" \
    "$CNA" answer beta goal "Cut costs" >/dev/null
}

case_ "portfolio quality: sourced, confirmed, met, one voice, days since the last meeting, overdue, stale within a week"
quality_portfolio
expect_status 0 "$CNA" status
[ "$(sed -n 2p <<<"$OUT")" = "acme     acme                             █████████████░░░░░░░      2/3      66%        66%      1/2  1 single    3d ago        1         2  READY" ] ||
  fail "acme: $OUT"
expect_status 0 "$CNA" status --json
[ "$(jq -c '.accounts[0] | [.sourced, .stakeholders, .met, .voices, .single_threaded, .stale_soon, .last_meeting, .rep, .overdue_next_steps]' <<<"$OUT")" = '[2,2,1,1,true,2,"2026-11-20","Sam Rep",1]' ] ||
  fail "acme json: $OUT"
[ "$(jq -c '.accounts[1] | [.sourced, .met, .voices, .single_threaded, .stale_soon, .last_meeting, .rep]' <<<"$OUT")" = '[0,0,0,false,0,null,"Ola Rep"]' ] ||
  fail "beta json: $OUT"
# The brief counts the same items going stale (one core rule, stale_soon).
expect_status 0 "$CNA" brief acme --json
[ "$(jq '[.reconfirm[] | select(.why == "soon")] | length' <<<"$OUT")" = 2 ] || fail "brief: $OUT"
# A week later they are stale: blockers now, no longer "going stale".
CNA_NOW=2026-11-30T10:00:00Z expect_status 0 "$CNA" status --json
[ "$(jq -c '.accounts[0] | [.stale_soon, .ready]' <<<"$OUT")" = '[0,false]' ] || fail "a week on: $OUT"
ok

case_ "--sort KEY orders the lines, the weakest first; an unknown key is a usage error"
quality_portfolio
run "$CNA" answer gamma goal "Grow"
"$CNA" meeting gamma add --date 2026-11-01 --purpose Intro >/dev/null
accounts() { awk 'NR > 1 { print $1 }' <<<"$OUT" | paste -sd,; }
expect_status 0 "$CNA" status --sort confirmed
[ "$(accounts)" = beta,gamma,acme ] || fail "confirmed: $OUT"
expect_status 0 "$CNA" status --sort last-met
[ "$(accounts)" = beta,gamma,acme ] || fail "last-met: $OUT"
expect_status 0 "$CNA" status --sort overdue
[ "$(accounts)" = acme,beta,gamma ] || fail "overdue: $OUT"
expect_status 0 "$CNA" status --sort sourced --json
[ "$(jq -r '[.accounts[].account] | join(",")' <<<"$OUT")" = beta,gamma,acme ] || fail "json: $OUT"
expect_status 2 "$CNA" status --sort bogus
expect_contains "$ERR" "bogus"
ok

case_ "--by-rep: the accounts grouped by who answered them, each group with its figures"
quality_portfolio
expect_status 0 "$CNA" status --by-rep
expect_contains "$OUT" $'Ola Rep · 1 account · 33% answered, 0% sourced, 0% confirmed · 0 overdue, 0 going stale\nbeta '
expect_contains "$OUT" $'Sam Rep · 1 account · 66% answered, 66% sourced, 66% confirmed · 1 overdue, 2 going stale\nacme '
expect_status 0 "$CNA" status --by-rep --json
[ "$(jq -c '[.accounts[].account]' <<<"$OUT")" = '["beta","acme"]' ] || fail "order: $OUT"
[ "$(jq -c '.reps | map([.rep, .accounts, .answered, .overdue_next_steps])' <<<"$OUT")" = '[["Ola Rep",["beta"],1,0],["Sam Rep",["acme"],2,1]]' ] ||
  fail "reps: $OUT"
ok

case_ "names wider than their cells (CJK) keep the columns aligned"
mini_workspace
run "$CNA" answer acme goal "Grow" --name "北京 株式会社"
run "$CNA" answer beta goal "Grow" --name "Beta"
expect_status 0 "$CNA" status
col() { sed -n "$1p" <<<"$OUT" | python3 -c 'import sys, unicodedata as u; l = sys.stdin.read(); i = l.index("█"); print(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in l[:i]))'; }
[ "$(col 2)" = "$(col 3)" ] && [ "$(col 2)" = 42 ] || fail "bars at $(col 2) and $(col 3): $OUT"
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
[ "$(jq -c '.accounts[0] | keys_unsorted' <<<"$json")" = '["account","name","checklist","ready","applicable","answered","confirmed","blockers","overdue_next_steps","sourced","stakeholders","met","voices","single_threaded","stale_soon","last_meeting","rep","retired","sections"]' ] || fail "account keys: $json"
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
