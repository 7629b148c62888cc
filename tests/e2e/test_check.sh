#!/usr/bin/env bash
# `cna check`: the gate alone. Every blocker reason through the real binary, the clock (CNA_NOW),
# where the re-confirmation period comes from, --json, -q, and the same verdict as `status`.
set -euo pipefail
source "$(dirname "$0")/gate_lib.sh"

# "acme" walked and confirmed: the gate is open.
ready_account() {
  walked_account
  "$CNA" confirm acme --yes --with dana-lee >/dev/null
}

case_ "a walked account is blocked by every unconfirmed answer (exit 1); confirmed, it is ready (0)"
walked_account
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "Blockers (7):"
expect_contains "$OUT" "  goal       unconfirmed"
expect_contains "$OUT" "  partner    unconfirmed"
expect_contains "$OUT" "BLOCKED: 7 of 7 applicable items hold the gate"
"$CNA" confirm acme --yes --with dana-lee >/dev/null
expect_status 0 "$CNA" check acme
expect_contains "$OUT" "READY"
expect_not_contains "$OUT" "Blockers"
ok

case_ "aging the clock closes the gate with stale, each item at its own period"
ready_account
CNA_NOW=2026-11-29T10:00:00Z expect_status 0 "$CNA" check acme
# Fresh means younger than the period: exactly 7 days after the read-back is stale.
CNA_NOW=2026-11-30T09:59:59Z expect_status 0 "$CNA" check acme
CNA_NOW=2026-11-30T10:00:00Z expect_status 1 "$CNA" check acme
expect_contains "$OUT" "plan  stale        confirmed 7 days ago (re-confirm every 7 days)"
CNA_NOW=2026-12-01T10:00:00Z expect_status 1 "$CNA" check acme
expect_contains "$OUT" "plan  stale        confirmed 8 days ago (re-confirm every 7 days)"
expect_contains "$OUT" "Blockers (1):"
CNA_NOW=2027-01-02T10:00:00Z expect_status 1 "$CNA" check acme
expect_contains "$OUT" "goal       stale        confirmed 40 days ago (re-confirm every 30 days)"
expect_contains "$OUT" "Blockers (7):"
CNA_NOW=yesterday expect_status 2 "$CNA" check acme
expect_contains "$ERR" "CNA_NOW"
ok

case_ "the workspace's reconfirm_after_days applies where the checklist sets none"
ready_account
sed -i '/"reconfirm_after_days": 30,/d' checklists/gate.json
printf '{"cna": 1, "default_checklist": "gate", "reconfirm_after_days": 10}\n' > cna.json
CNA_NOW=2026-12-02T10:00:00Z expect_status 1 "$CNA" check acme
expect_contains "$OUT" "plan  stale        confirmed 9 days ago (re-confirm every 7 days)"
expect_contains "$OUT" "Blockers (1):"
CNA_NOW=2026-12-04T10:00:00Z expect_status 1 "$CNA" check acme
expect_contains "$OUT" "goal       stale        confirmed 11 days ago (re-confirm every 10 days)"
ok

case_ "changing an answer gives unconfirmed; changing an item's prompt gives changed"
ready_account
"$CNA" answer acme goal "Shrink costs" --source dana-lee >/dev/null
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "goal  unconfirmed"
expect_contains "$OUT" "Blockers (1):"
"$CNA" answer acme goal --note "she hesitated" >/dev/null
"$CNA" confirm acme --yes >/dev/null
"$CNA" answer acme story --note "a note does not need a read-back" >/dev/null
expect_status 0 "$CNA" check acme
sed -i 's/"Story?"/"What is the story so far?"/' checklists/gate.json
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "story  changed      the item's definition changed since it was answered"
sed -i 's/"help": "Ours."/"help": "Our own next step."/' checklists/gate.json
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "Blockers (1):"
ok

case_ "missing, unknown, no-source, invalid and conflict each hold the gate"
ready_account
"$CNA" answer acme decide_by --unknown --owner sam --due 2026-12-01 >/dev/null
jq '.answers.criteria.source = "ghost" | .answers.stage.value = "galaxy"
    | .answers.partner.state = "conflict" | del(.answers.story)' assessments/acme.json > edited.json
mv edited.json assessments/acme.json
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "story      missing"
expect_contains "$OUT" "decide_by  unknown      sam to find out by 2026-12-01"
expect_contains "$OUT" "criteria   no-source    source \"ghost\" is not a stakeholder"
expect_contains "$OUT" "stage      invalid"
expect_contains "$OUT" "partner    conflict"
expect_contains "$OUT" "Blockers (5):"
ok

case_ "--json has the documented shape; -q prints nothing; status gives the same verdict"
walked_account
"$CNA" confirm acme --yes >/dev/null
"$CNA" answer acme decide_by --unknown --owner sam --due 2026-12-01 >/dev/null
expect_status 1 "$CNA" check acme --json
echo "$OUT" > check.json
[ "$(jq -c 'keys_unsorted' check.json)" = '["cna_check","accounts","errors","ready"]' ] ||
  fail "keys: $(jq -c 'keys_unsorted' check.json)"
[ "$(jq -c '[.cna_check, .ready, .errors, (.accounts | length)]' check.json)" = '[2,false,[],1]' ] ||
  fail "head: $(cat check.json)"
[ "$(jq -c '.accounts[0] | keys_unsorted' check.json)" = '["account","name","ready","blockers"]' ] ||
  fail "account keys: $(cat check.json)"
[ "$(jq -c '.accounts[0].blockers' check.json)" = \
  '[{"item":"decide_by","reason":"unknown","detail":"sam to find out by 2026-12-01"}]' ] ||
  fail "blockers: $(jq -c .accounts[0].blockers check.json)"
"$CNA" status acme --json > status.json
[ "$(jq -c '[.accounts[0].ready, .accounts[0].blockers]' status.json)" = \
  "$(jq -c '[.accounts[0].ready, .accounts[0].blockers]' check.json)" ] ||
  fail "status and check disagree"
expect_status 1 "$CNA" -q check acme
[ -z "$OUT" ] || fail "-q printed: $OUT"
"$CNA" answer acme decide_by 2026-12-15 --source dana-lee >/dev/null
"$CNA" confirm acme --yes >/dev/null
expect_status 0 "$CNA" check acme --json
[ "$(echo "$OUT" | jq -c '[.ready, .accounts[0].ready, .accounts[0].blockers]')" = '[true,true,[]]' ] ||
  fail "ready json: $OUT"
ok

case_ "several accounts and --all: exit 1 when any is blocked, 0 when all are ready, 65 after the others"
ready_account
"$CNA" who beta add kim --name "Kim Park" >/dev/null
expect_status 0 "$CNA" check acme
expect_status 1 "$CNA" check acme beta
expect_contains "$OUT" "acme (acme)"
expect_contains "$OUT" "READY"
expect_contains "$OUT" "beta (beta)"
expect_contains "$OUT" "1 of 2 accounts blocked: beta"
expect_status 1 "$CNA" check --all --json
echo "$OUT" > all.json
[ "$(jq -c '[.cna_check, .ready, [.accounts[] | [.account, .ready]], .errors]' all.json)" = \
  '[2,false,[["acme",true],["beta",false]],[]]' ] || fail "--all --json: $(cat all.json)"
expect_status 1 "$CNA" -q check --all
[ -z "$OUT$ERR" ] || fail "-q check --all printed: $OUT$ERR"
expect_status 0 "$CNA" check acme acme
expect_contains "$OUT" "0 of 2 accounts blocked"
rm assessments/beta.json
expect_status 0 "$CNA" check --all --json
[ "$(jq -c '[.ready, [.accounts[].account]]' <<<"$OUT")" = '[true,["acme"]]' ] || fail "ready: $OUT"
printf '{ not json' > assessments/broken.json
expect_status 65 "$CNA" check --all --json
expect_contains "$ERR" "assessments/broken.json"
[ "$(jq -c '[.ready, [.accounts[].account], [.errors[].account]]' <<<"$OUT")" = \
  '[false,["acme"],["broken"]]' ] || fail "errors: $OUT"
expect_status 2 "$CNA" check
expect_contains "$ERR" "give one or more ACCOUNTs, or --all"
expect_status 2 "$CNA" check --all acme
expect_status 2 "$CNA" check acme nowhere
expect_contains "$OUT" "acme (acme)"
expect_contains "$ERR" 'no account "nowhere"'
ok

case_ "check --all in a workspace without accounts says so (exit 0, nothing is blocked); --json lists none"
new_workspace
expect_status 0 "$CNA" check --all
[ "$OUT" = "no accounts in $WS yet: nothing to check; cna start ACCOUNT begins one" ] || fail "said: $OUT"
expect_not_contains "$OUT" "0 of 0"
expect_status 0 "$CNA" -q check --all
[ -z "$OUT$ERR" ] || fail "-q printed: $OUT$ERR"
expect_status 0 "$CNA" check --all --json
[ "$(jq -c '[.ready, .accounts, .errors]' <<<"$OUT")" = '[true,[],[]]' ] || fail "--json: $OUT"
ok

case_ "an unknown account is a usage error (2); a damaged file is bad data (65)"
gate_workspace
expect_status 2 "$CNA" check nowhere
expect_contains "$ERR" 'no account "nowhere"'
expect_status 2 "$CNA" check "Acme Corp"
printf '{"cna": 1, "account": ' > assessments/acme.json
expect_status 65 "$CNA" check acme
expect_contains "$ERR" "assessments/acme.json"
ok

case_ "a file that pins no checklist is bad data (65) naming the file; nothing is overwritten"
gate_workspace
printf '{"cna":1,"account":"acme","answers":{}}' > assessments/acme.json
cp assessments/acme.json before.json
for cmd in "check acme" "status acme" "status" "answer acme goal Grow --source dana-lee" \
  "confirm acme --yes" "who acme add kim --name Kim" "log acme"; do
  # shellcheck disable=SC2086
  expect_status 65 "$CNA" $cmd
  expect_contains "$ERR" "assessments/acme.json: no checklist pinned"
  expect_not_contains "$ERR" "unknown checklist"
  cmp -s before.json assessments/acme.json || fail "$cmd changed the file"
done
ok

case_ "global options work after the command too; an unknown option is still a usage error (2)"
walked_account
expect_status 1 "$CNA" check acme -q
[ -z "$OUT$ERR" ] || fail "check acme -q printed: $OUT$ERR"
expect_status 1 "$CNA" check --quiet acme
[ -z "$OUT" ] || fail "check --quiet acme printed: $OUT"
cd "$E2E_ROOT"
expect_status 1 env -u CNA_WORKSPACE "$CNA" check acme -C "$WS" --color never
expect_contains "$OUT" "Blockers (7):"
expect_status 0 env -u CNA_WORKSPACE "$CNA" checklist list -C "$WS" -q --json
expect_contains "$OUT" "gate"
cd "$WS"
expect_status 2 "$CNA" check acme --color purple
expect_status 2 "$CNA" check acme --bogus
expect_contains "$ERR" "--bogus"
expect_status 2 "$CNA" check acme extra
expect_status 2 "$CNA" checklist list --bogus
ok

done_
