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
[ "$(jq -c '.stakeholders[0].said' <<<"$OUT")" = '[{"item":"user_count","state":"answered","value":120,"answer":"120 users"},{"item":"decision_date","state":"unknown","value":null,"answer":"sam to find out by 2026-12-01"}]' ] || fail "said: $OUT"
[ "$(jq -c '.stakeholders[0] | [.id, .name, .title, .roles]' <<<"$OUT")" = '["dana-lee","Dana Lee","",["champion"]]' ] || fail "stakeholder: $OUT"
ok

case_ "answering a person item that establishes a role gives the stakeholder that role (issue 10)"
new_workspace
"$CNA" who acme add katrin-vogel --name "Katrin Vogel" --title CFO >/dev/null
"$CNA" who acme add joerg --name "Jörg Schäfer" --title "Head of Operations" >/dev/null
expect_status 0 "$CNA" answer acme economic_buyer katrin-vogel --source joerg
expect_contains "$OUT" "economic_buyer: katrin-vogel is the economic-buyer (cna who acme)"
expect_status 0 "$CNA" answer acme champion "Jörg Schäfer" --source joerg
expect_status 0 "$CNA" who acme
expect_contains "$OUT" "katrin-vogel  Katrin Vogel · CFO · economic-buyer (economic_buyer) · not met yet"
expect_contains "$OUT" "joerg  Jörg Schäfer · Head of Operations · champion (champion)"
# The role follows the answer; nothing is written to the stakeholder.
expect_json '[.stakeholders[] | has("roles")]' '[false,false]'
expect_status 0 "$CNA" who acme --json
[ "$(jq -c '[.stakeholders[] | [.id, .roles, .established_roles]]' <<<"$OUT")" = '[["katrin-vogel",[],[{"role":"economic-buyer","item":"economic_buyer"}]],["joerg",[],[{"role":"champion","item":"champion"}]]]' ] || fail "json: $OUT"
"$CNA" answer acme economic_buyer joerg --source joerg >/dev/null
expect_status 0 "$CNA" who acme --json
[ "$(jq -c '[.stakeholders[] | [.id, [.established_roles[].role]]]' <<<"$OUT")" = '[["katrin-vogel",[]],["joerg",["economic-buyer","champion"]]]' ] || fail "moved: $OUT"
ok

case_ "a second economic buyer is a contradiction: the answer is saved and holds the gate as role-conflict"
new_workspace
"$CNA" who acme add katrin-vogel --name "Katrin Vogel" --title CFO --role economic-buyer >/dev/null
"$CNA" who acme add joerg --name "Jörg Schäfer" >/dev/null
expect_status 0 "$CNA" answer acme economic_buyer joerg --source joerg
expect_contains "$ERR" "economic_buyer: Katrin Vogel is the economic-buyer too (set with cna who katrin-vogel), and only one stakeholder can be"
expect_contains "$ERR" "the answer is saved and holds the gate as role-conflict"
expect_json '.answers.economic_buyer.value' '"joerg"'
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "role-conflict  Katrin Vogel is the economic-buyer too"
expect_status 1 "$CNA" check acme --json
jq -e '[.accounts[0].blockers[] | select(.item == "economic_buyer") | .reason] == ["role-conflict"]' <<<"$OUT" >/dev/null ||
  fail "check --json: $OUT"
# Settled either way: the other person's roles change, and the blocker goes.
"$CNA" who acme edit katrin-vogel --role user >/dev/null
expect_status 1 "$CNA" check acme
expect_not_contains "$OUT" "role-conflict"
# A role that many may hold (champion) is no contradiction.
"$CNA" who acme edit katrin-vogel --role champion >/dev/null
"$CNA" answer acme champion joerg --source joerg >/dev/null
expect_status 1 "$CNA" check acme
expect_not_contains "$OUT" "role-conflict"
ok

case_ "a role an answer establishes meets a checklist's confirm_with rule"
new_workspace
mkdir -p checklists
jq '.version = "2.4.0" | (.sections[].items[] | select(.id == "business_goal")).confirm_with = "economic-buyer"' \
  "$CNA_SOURCE_DIR/checklists/discovery.json" >checklists/discovery.json
"$CNA" who acme add katrin-vogel --name "Katrin Vogel" >/dev/null
"$CNA" who acme add joerg --name "Jörg Schäfer" >/dev/null
"$CNA" answer acme business_goal "Grow" --source joerg >/dev/null
run "$CNA" confirm acme business_goal --with katrin-vogel --yes
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "only a stakeholder with the role economic-buyer may confirm it"
"$CNA" answer acme economic_buyer katrin-vogel --source joerg >/dev/null
expect_status 1 "$CNA" check acme
expect_not_contains "$OUT" "only a stakeholder with the role economic-buyer may confirm it"
ok

case_ "met, stance and access: set with edit (or add), shown in the list and --json, stored"
new_workspace
"$CNA" who acme add raj --name "Raj Patel" >/dev/null
"$CNA" who acme add katrin --name "Katrin Vogel" --met no --stance supporter >/dev/null
expect_status 0 "$CNA" who acme edit katrin --met yes --stance sceptic --access-via raj
expect_contains "$OUT" "acme: updated katrin"
expect_json '.stakeholders[1] | [.met, .stance, .access_via]' '[true,"sceptic",["raj"]]'
expect_json '.history[-1] | [.action, .item]' '["stakeholder-edited","katrin"]'
expect_status 0 "$CNA" who acme
expect_contains "$OUT" "katrin  Katrin Vogel · met · sceptic · reached through Raj Patel"
expect_contains "$OUT" "raj  Raj Patel · not met yet · gives access to Katrin Vogel"
expect_status 0 "$CNA" who acme --json
[ "$(jq -c '[.stakeholders[] | [.id, .met, .stance, .access_via, .gives_access_to]]' <<<"$OUT")" = '[["raj",false,"unknown",[],["katrin"]],["katrin",true,"sceptic",["raj"],[]]]' ] || fail "json: $OUT"
# Unknown and "" clear; an edit of another field keeps them.
expect_status 0 "$CNA" who acme edit katrin --title CFO
expect_json '.stakeholders[1] | [.met, .stance, .access_via]' '[true,"sceptic",["raj"]]'
expect_status 0 "$CNA" who acme edit katrin --stance unknown --access-via ""
expect_json '.stakeholders[1] | [.met, has("stance"), has("access_via")]' '[true,false,false]'
ok

case_ "met follows a recorded meeting until it is recorded otherwise"
new_workspace
"$CNA" who acme add katrin --name "Katrin Vogel" >/dev/null
"$CNA" meeting acme add --date 2026-11-20 --purpose "Discovery call" --with katrin >/dev/null
expect_status 0 "$CNA" who acme
expect_contains "$OUT" "katrin  Katrin Vogel · met"
"$CNA" who acme edit katrin --met no >/dev/null
expect_status 0 "$CNA" who acme
expect_contains "$OUT" "katrin  Katrin Vogel · not met yet"
ok

case_ "bad met, stance and access values are refused; a stakeholder others are reached through stays"
new_workspace
"$CNA" who acme add raj --name "Raj Patel" >/dev/null
"$CNA" who acme add katrin --name "Katrin Vogel" >/dev/null
before=$(sha256sum assessments/acme.json)
expect_status 2 "$CNA" who acme edit katrin --met maybe
expect_contains "$ERR" '--met takes yes or no, not "maybe"'
expect_status 2 "$CNA" who acme edit katrin --stance hostile
expect_contains "$ERR" '--stance takes supporter, neutral, sceptic or unknown, not "hostile"'
expect_status 2 "$CNA" who acme edit katrin --access-via nobody
expect_contains "$ERR" 'no stakeholder "nobody" in acme to reach katrin through'
expect_status 2 "$CNA" who acme edit katrin --access-via katrin
expect_contains "$ERR" "katrin cannot be reached through themselves"
expect_status 2 "$CNA" who acme add ben --name "Ben Ortiz" --access-via nobody
[ "$(sha256sum assessments/acme.json)" = "$before" ] || fail "a refused edit changed the file"
"$CNA" who acme edit katrin --access-via raj >/dev/null
expect_status 2 "$CNA" who acme remove raj
expect_contains "$ERR" '"katrin" is reached through "raj"'
# A stance written by hand that cna does not know is a clear data error, not a guess.
jq '.stakeholders[1].stance = "hostile"' assessments/acme.json >x.json && mv x.json assessments/acme.json
expect_status 65 "$CNA" who acme
expect_contains "$ERR" 'unknown stance "hostile" (expected supporter, neutral or sceptic)'
ok

# The brief's gaps (JSON) pass the jq test $1, else fail saying $2.
expect_gaps() {
  expect_status 0 "$CNA" brief acme --format json
  jq -e ".gaps | $1" <<<"$OUT" >/dev/null || fail "$2: $(jq -c .gaps <<<"$OUT")"
}

case_ "the brief's power base counts roles the answers establish, lists who is not met and one gatekeeper (issue 10)"
new_workspace
"$CNA" who acme add katrin-vogel --name "Katrin Vogel" --title CFO >/dev/null
"$CNA" who acme add joerg --name "Jörg Schäfer" >/dev/null
"$CNA" who acme add it-lead --name "Ines Taler" >/dev/null
"$CNA" answer acme economic_buyer katrin-vogel --source joerg >/dev/null
"$CNA" answer acme champion joerg --source joerg >/dev/null
expect_gaps 'map(select(test("no economic buyer|no champion"))) | length == 0' "roles"
# A fresh account: nobody met and nothing recorded about it yet, so "not met yet" would be noise.
expect_gaps 'map(select(startswith("not met yet"))) | length == 0' "not met on a fresh account"
"$CNA" who acme edit joerg --met yes >/dev/null
"$CNA" who acme edit katrin-vogel --access-via joerg >/dev/null
"$CNA" who acme edit it-lead --access-via joerg >/dev/null
expect_gaps 'index("one gatekeeper: everyone else is reached through Jörg Schäfer") != null' "one gatekeeper"
expect_gaps 'index("not met yet: Katrin Vogel, Ines Taler") != null' "not met after --met yes"
# A meeting recorded (and no met set) counts too: its attendees are met, the others are not.
"$CNA" who acme edit joerg --met no >/dev/null
"$CNA" meeting acme add --purpose Kickoff --with it-lead --date 2026-11-20 >/dev/null
expect_gaps 'index("not met yet: Katrin Vogel, Jörg Schäfer") != null' "not met after a meeting"
expect_status 0 "$CNA" brief acme --format md
expect_contains "$OUT" "economic-buyer \\(economic\\_buyer\\) · not met yet · reached through Jörg Schäfer"
ok

case_ "rename gives a stakeholder a new id: sources, confirmations, person answers, questions, meetings and next steps follow"
new_workspace
run "$CNA" who acme add katrin --name "Katrin Vogel" --title CFO
run "$CNA" who acme add joerg --name "Jörg Schäfer" --access-via katrin
run "$CNA" answer acme economic_buyer katrin --source katrin
run "$CNA" answer acme business_goal "Grow north" --source katrin
run "$CNA" confirm acme business_goal --with katrin --yes
run "$CNA" question acme add Works council? --who katrin
run "$CNA" meeting acme add --purpose Kickoff --with katrin,joerg --date 2026-11-20
run "$CNA" next acme add "Send the figures" --owner katrin --due 2026-12-01
expect_status 0 "$CNA" who acme rename katrin katrin-vogel
expect_contains "$OUT" "acme: renamed katrin to katrin-vogel"
expect_json '[.stakeholders[].id]' '["katrin-vogel","joerg"]'
expect_json '.stakeholders[1].access_via' '["katrin-vogel"]'
expect_json '.answers.economic_buyer | [.value, .source]' '["katrin-vogel","katrin-vogel"]'
expect_json '.answers.business_goal | [.source, .confirmed_with]' '["katrin-vogel","katrin-vogel"]'
expect_json '.answers.open_questions.value[0].who' '"katrin-vogel"'
expect_json '.meetings[0].attendees' '["katrin-vogel","joerg"]'
expect_json '.next_steps[0].owner' '"katrin-vogel"'
expect_json '[.history[] | select(.action == "stakeholder-renamed") | [.item, .value]]' '[["katrin-vogel","katrin"]]'
# The history keeps what it recorded then; nothing else names the old id.
[ "$(jq '.history | [.. | strings | select(. == "katrin")] | length > 0' assessments/acme.json)" = true ] ||
  fail "the history lost the old id"
[ "$(jq 'del(.history) | [.. | strings | select(. == "katrin")] | length' assessments/acme.json)" = 0 ] ||
  fail "the old id is still used: $(jq -c 'del(.history)' assessments/acme.json)"
expect_status 0 "$CNA" log acme
expect_contains "$OUT" "stakeholder-renamed"
cp assessments/acme.json before.json
expect_status 2 "$CNA" who acme rename katrin-vogel joerg
expect_contains "$ERR" 'stakeholder "joerg" already exists in acme'
expect_status 2 "$CNA" who acme rename katrin-vogel "Katrin V"
expect_status 2 "$CNA" who acme rename nobody somebody
expect_contains "$ERR" 'no stakeholder "nobody" in acme'
cmp before.json assessments/acme.json || fail "a refused rename changed the file"
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
