#!/usr/bin/env bash
# `cna who`: the power base of an account, what each person said, and add / edit / remove.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

case_ "cna who and its subcommands answer --help with 0"
new_workspace
for sub in "" add edit remove; do
  expect_status 0 "$CNA" who $sub --help
done
expect_contains "$OUT" "refused while answers name them"
ok

case_ "add stores id, name, title and roles, and creates the account"
new_workspace
expect_status 0 "$CNA" who acme add dana-lee --name "Dana Lee" --title "VP Operations" --role economic-buyer --role champion
expect_contains "$OUT" "acme: added dana-lee (Dana Lee)"
expect_json '.stakeholders' '[{"id":"dana-lee","name":"Dana Lee","title":"VP Operations","roles":["economic-buyer","champion"]}]'
expect_json '.checklist.id' '"discovery"'
expect_json '.history[-1] | [.action, .item]' '["stakeholder-added","dana-lee"]'
expect_status 0 "$CNA" who acme add ben --name "Ben Ortiz"
expect_json '[.stakeholders[].id]' '["dana-lee","ben"]'
ok

case_ "add refuses a bad id, an unknown role, a missing name and an existing id"
new_workspace
expect_status 2 "$CNA" who acme add "Dana Lee" --name "Dana Lee"
expect_contains "$ERR" 'try "dana-lee"'
expect_status 2 "$CNA" who acme add dana-lee --name "Dana Lee" --role boss
expect_contains "$ERR" 'unknown role "boss" (expected one of: economic-buyer, champion, coach'
expect_status 2 "$CNA" who acme add dana-lee
expect_contains "$ERR" "--name is required"
expect_status 2 "$CNA" who acme add dana-lee --name $'Dana\xff'
expect_status 2 "$CNA" who acme add dana-lee --name "   "
[ ! -e assessments/acme.json ] || fail "a refused add created the account"
"$CNA" who acme add dana-lee --name "Dana Lee" >/dev/null
before=$(sha256sum assessments/acme.json)
expect_status 2 "$CNA" who acme add dana-lee --name "Someone Else"
expect_contains "$ERR" 'stakeholder "dana-lee" already exists in acme; use: cna who acme edit dana-lee'
[ "$(sha256sum assessments/acme.json)" = "$before" ] || fail "a refused add changed the file"
ok

case_ "edit changes only the fields given; --role replaces the roles"
new_workspace
"$CNA" who acme add dana-lee --name "Dana Lee" --title "VP Operations" --role champion >/dev/null
expect_status 0 "$CNA" who acme edit dana-lee --title "COO"
expect_contains "$OUT" "acme: updated dana-lee"
expect_json '.stakeholders[0]' '{"id":"dana-lee","name":"Dana Lee","title":"COO","roles":["champion"]}'
expect_status 0 "$CNA" who acme edit dana-lee --role economic-buyer --role coach
expect_json '.stakeholders[0].roles' '["economic-buyer","coach"]'
expect_status 0 "$CNA" who acme edit dana-lee --name "Dana Lee-Smith"
expect_json '.stakeholders[0] | [.name, .title]' '["Dana Lee-Smith","COO"]'
expect_status 0 "$CNA" who acme edit dana-lee --name "Dana Lee-Smith"
expect_contains "$OUT" "unchanged"
expect_status 2 "$CNA" who acme edit dana-lee
expect_contains "$ERR" "nothing to change"
expect_status 2 "$CNA" who acme edit nobody --title CEO
expect_contains "$ERR" 'no stakeholder "nobody" in acme'
expect_status 2 "$CNA" who acme edit dana-lee --role boss
ok

case_ "remove is refused while an answer names the stakeholder"
new_workspace
"$CNA" who acme add dana-lee --name "Dana Lee" >/dev/null
"$CNA" who acme add ben --name "Ben Ortiz" >/dev/null
"$CNA" answer acme business_goal "Grow" --source dana-lee >/dev/null
expect_status 2 "$CNA" who acme remove dana-lee
expect_contains "$ERR" '"dana-lee" is named by the answer to business_goal'
expect_status 0 "$CNA" who acme remove ben
expect_contains "$OUT" "acme: removed ben"
expect_json '[.stakeholders[].id]' '["dana-lee"]'
expect_status 2 "$CNA" who acme remove ben
expect_status 2 "$CNA" who nowhere remove ben
expect_contains "$ERR" 'no account "nowhere"'
ok

case_ "the list shows each stakeholder and what they said; control characters are escaped"
new_workspace
"$CNA" who acme add dana-lee --name "Dana Lee" --title "VP Operations" --role economic-buyer >/dev/null
"$CNA" who acme add ben --name "Ben Ortiz" >/dev/null
"$CNA" answer acme business_goal $'Grow \e]0;pwned\a in the \e[31mnorth' --source dana-lee >/dev/null
run "$CNA" answer acme budget_amount 250k EUR --source dana-lee
"$CNA" answer acme paper_process --na "direct deal" --source dana-lee >/dev/null
expect_status 0 "$CNA" who acme
expect_contains "$OUT" "dana-lee  Dana Lee · VP Operations · economic-buyer"
expect_contains "$OUT" 'Grow \x1b]0;pwned\x07 in the \x1b[31mnorth'
expect_contains "$OUT" "250,000 EUR"
expect_contains "$OUT" "n/a: direct deal"
expect_contains "$OUT" "What is the customer trying to accomplis…"
expect_contains "$OUT" "(nothing attributed yet)"
if grep -q $'\e' <<<"$OUT"; then fail "raw ESC in the output"; fi
if grep -q $'\a' <<<"$OUT"; then fail "raw BEL in the output"; fi
ok

case_ "--json has the documented shape"
new_workspace
"$CNA" who acme add dana-lee --name "Dana Lee" --role champion >/dev/null
"$CNA" answer acme user_count 120 --source dana-lee >/dev/null
"$CNA" answer acme decision_date --unknown --owner sam --due 2026-12-01 --source dana-lee >/dev/null
expect_status 0 "$CNA" who acme --json
[ "$(jq -c 'keys_unsorted' <<<"$OUT")" = '["cna_who","account","name","stakeholders"]' ] || fail "keys: $OUT"
[ "$(jq -c '.stakeholders[0].said' <<<"$OUT")" = '[{"item":"user_count","state":"answered","value":120,"answer":"120"},{"item":"decision_date","state":"unknown","value":null,"answer":"unknown: sam to find out by 2026-12-01"}]' ] || fail "said: $OUT"
[ "$(jq -c '.stakeholders[0] | [.id, .name, .title, .roles]' <<<"$OUT")" = '["dana-lee","Dana Lee","",["champion"]]' ] || fail "stakeholder: $OUT"
ok

case_ "an account without stakeholders says how to add one; a missing account is a usage error"
new_workspace
run "$CNA" answer acme business_goal "Grow"
expect_status 0 "$CNA" who acme
expect_contains "$OUT" "no stakeholders yet; add one with: cna who acme add ID --name NAME"
expect_status 2 "$CNA" who nowhere
expect_status 2 "$CNA" who
ok

done_
