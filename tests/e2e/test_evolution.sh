#!/usr/bin/env bash
# Evolution (docs/checklists-as-code.md): a workspace checklist changes between runs — items added, removed,
# renamed (renamed_from), retyped and reworded. No answer is ever lost and each case shows in
# `cna status`; reads change nothing on disk, the next write persists the migration.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# write_checklist VERSION ITEMS...: checklists/evo.json with one section holding ITEMS (JSON).
write_checklist() {
  local version=$1
  shift
  local IFS=,
  mkdir -p checklists
  printf '{"cna": 1, "id": "evo", "version": "%s", "title": "Evolving", "sections": [{"id": "all", "title": "All", "items": [%s]}]}\n' \
    "$version" "$*" > checklists/evo.json
}
item() { printf '{"id": "%s", "type": "%s", "prompt": "%s", "help": "h", "source": false%s}' "$@"; }

V1=("$(item goal text 'Goal?' '')" "$(item users text 'Users?' '')"
  "$(item wording text 'Old wording?' '')" "$(item legacy text 'Legacy?' '')"
  "$(item budget text 'Budget?' '')")
V2=("$(item objective text 'Goal?' ', "renamed_from": ["goal"]')" "$(item users number 'Users?' '')"
  "$(item wording text 'New wording?' '')" "$(item budget text 'Budget?' '')"
  "$(item timeline date 'When?' '')")

# An account answered on version 1, then the checklist moved to version 2.
evolved() {
  new_workspace
  write_checklist 1.0.0 "${V1[@]}"
  "$CNA" answer acme goal "Grow in the north" --checklist evo >/dev/null
  "$CNA" answer acme users "about a hundred" >/dev/null
  "$CNA" answer acme wording "Kept as typed" >/dev/null
  "$CNA" answer acme legacy "Initech since 2019" >/dev/null
  "$CNA" answer acme budget "50k" >/dev/null
  cp assessments/acme.json v1.json
  write_checklist 2.0.0 "${V2[@]}"
}

blocker() { jq -r --arg i "$1" '.accounts[0].blockers[] | select(.item == $i) | .reason' <<<"$OUT"; }

case_ "cna status shows every kind of change and writes nothing"
evolved
expect_status 0 "$CNA" status acme
expect_contains "$OUT" "Retired answers"
expect_contains "$OUT" "legacy"
expect_contains "$OUT" "Initech since 2019"
expect_contains "$OUT" "timeline"
expect_contains "$OUT" "missing"
expect_contains "$OUT" "users"
expect_contains "$OUT" "invalid"
expect_contains "$OUT" "wording"
expect_contains "$OUT" "changed"
expect_contains "$OUT" "Checklist updates"
expect_contains "$OUT" "objective <- goal: renamed, the answer moved with it"
expect_contains "$OUT" "legacy: left the checklist, its answer retired (kept)"
expect_contains "$OUT" "checklist version 2.0.0 in use"
cmp -s v1.json assessments/acme.json || fail "status changed the file"
# Once saved, the updates still show (from the history).
"$CNA" answer acme budget "60k" >/dev/null
expect_status 0 "$CNA" status acme
expect_contains "$OUT" "objective <- goal: renamed, the answer moved with it"
ok

case_ "cna status --json: blockers per case and the retired answers"
evolved
expect_status 0 "$CNA" status acme --json
[ "$(blocker timeline)" = missing ] || fail "timeline: $(blocker timeline)"
[ "$(blocker users)" = invalid ] || fail "users: $(blocker users)"
[ "$(blocker wording)" = changed ] || fail "wording: $(blocker wording)"
[ "$(blocker objective)" = unconfirmed ] || fail "objective: $(blocker objective)"
[ "$(jq -c '.accounts[0].retired' <<<"$OUT")" = '[{"item":"legacy","state":"answered","value":"Initech since 2019","answer":"Initech since 2019"}]' ] ||
  fail "retired: $(jq -c '.accounts[0].retired' <<<"$OUT")"
[ "$(jq -c '.accounts[0].checklist' <<<"$OUT")" = '{"id":"evo","version":"2.0.0"}' ] || fail "checklist"
# The portfolio view migrates the same way.
expect_status 0 "$CNA" status --json
[ "$(blocker users)" = invalid ] || fail "portfolio users: $(blocker users)"
cmp -s v1.json assessments/acme.json || fail "status --json changed the file"
ok

case_ "the next write persists the migration: renamed, retired, re-pinned, nothing lost"
evolved
expect_status 0 "$CNA" answer acme timeline 2026-12-01
expect_json '.answers | keys_unsorted' '["objective","users","wording","budget","timeline"]'
expect_json '.answers.objective.value' '"Grow in the north"'
expect_json '.answers.goal' 'null'
expect_json '.retired.legacy.value' '"Initech since 2019"'
expect_json '.answers.users.value' '"about a hundred"'
expect_json '.checklist | [.id, .version]' '["evo","2.0.0"]'
expect_json '[.history[] | select(.action == "renamed") | [.item, .value]]' '[["objective","goal"]]'
expect_json '[.history[] | select(.action == "retired") | [.item, .value]]' '[["legacy","Initech since 2019"]]'
expect_json '[.history[] | select(.action == "checklist-updated") | .value]' '["2.0.0"]'
# Every value typed on version 1 is still in the file.
for value in "Grow in the north" "about a hundred" "Kept as typed" "Initech since 2019" "50k"; do
  expect_json "[.answers[], .retired[] | select(.value == \"$value\")] | length" '1'
done
ok

case_ "answering a retyped item again clears invalid; the reworded one needs only a read-back"
evolved
expect_status 0 "$CNA" answer acme users 120
expect_json '.answers.users.value' '120'
expect_status 0 "$CNA" status acme --json
[ -z "$(blocker users)" ] || [ "$(blocker users)" = unconfirmed ] || fail "users: $(blocker users)"
[ "$(blocker wording)" = changed ] || fail "wording: $(blocker wording)"
ok

case_ "an item that comes back takes its retired answer back"
evolved
"$CNA" answer acme timeline 2026-12-01 >/dev/null
write_checklist 3.0.0 "${V2[@]}" "$(item legacy text 'Legacy?' '')"
expect_status 0 "$CNA" status acme
expect_not_contains "$OUT" "Retired answers"
expect_status 0 "$CNA" status acme --json
[ -z "$(blocker legacy)" ] || [ "$(blocker legacy)" = unconfirmed ] || fail "legacy: $(blocker legacy)"
expect_status 0 "$CNA" answer acme budget 60k
expect_json '.answers.legacy.value' '"Initech since 2019"'
expect_json '.retired' '{}'
expect_json '[.history[] | select(.action == "restored") | .item]' '["legacy"]'
ok

case_ "cna who and a walk over a migrated account work and keep the retired answer"
evolved
"$CNA" who acme add dana-lee --name "Dana Lee" >/dev/null
expect_json '.retired.legacy.value' '"Initech since 2019"'
printf '2026-12-01\n' | "$CNA" start acme >/dev/null 2>&1 || true # the read-back offer meets EOF
expect_json '.answers.timeline.value' '"2026-12-01"'
expect_json '.answers.objective.value' '"Grow in the north"'
ok

case_ "reports in every format show the retired answer, escaped like any other"
evolved
"$CNA" answer acme budget "60k" >/dev/null # persists the migration
expect_status 0 "$CNA" report acme --format text
expect_contains "$OUT" "Retired answers (1; their items left the checklist, kept)"
expect_contains "$OUT" "Initech since 2019"
expect_status 0 "$CNA" report acme --format md
expect_contains "$OUT" "## Retired answers (1)"
expect_contains "$OUT" "| legacy | answered | Initech since 2019 |"
expect_status 0 "$CNA" report acme --format html
expect_contains "$OUT" "<h2>Retired answers (1)</h2>"
expect_contains "$OUT" "<td>Initech since 2019</td>"
expect_status 0 "$CNA" report acme --format json
[ "$(jq -c '.retired' <<<"$OUT")" = '[{"item":"legacy","state":"answered","value":"Initech since 2019","answer":"Initech since 2019","source":"","source_name":"","note":""}]' ] ||
  fail "json retired: $(jq -c '.retired' <<<"$OUT")"
expect_status 0 "$CNA" report acme --format csv
[ "$(python3 -c 'import csv,sys; print([{k: v for k, v in r.items() if k != "ready"} for r in csv.DictReader(sys.stdin) if r["gate"] == "retired"])' <<<"$OUT")" = \
  "[{'account': 'acme', 'checklist': 'evo', 'section': '', 'item': 'legacy', 'type': '', 'prompt': '', 'state': 'answered', 'answer': 'Initech since 2019', 'value': 'Initech since 2019', 'currency': '', 'source': '', 'source_id': '', 'note': '', 'confirmed_at': '', 'confirmed_by': '', 'confirmed_with': '', 'confirmed_with_id': '', 'gate': 'retired', 'detail': 'its item left the checklist'}]" ] ||
  fail "csv retired row: $OUT"
ok

done_
