#!/usr/bin/env bash
# `cna checklist list|show|validate`: the built-in and the workspace's checklists, the outline, and
# compiler-style validation with its exit statuses.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# checklists/NAME.json in the workspace, from the text on stdin.
write_checklist() {
  mkdir -p checklists
  cat > "checklists/$1.json"
}

case_ "cna checklist and its subcommands answer --help with 0; a subcommand is required"
new_workspace
for sub in "" list show validate; do
  expect_status 0 "$CNA" checklist $sub --help
done
expect_status 2 "$CNA" checklist
ok

case_ "list: the built-in checklist, and a workspace checklist by its path"
new_workspace
expect_status 0 "$CNA" checklist list
expect_contains "$OUT" "discovery           2.3.0    41 items  Discovery needs assessment  built-in"
expect_contains "$OUT" "key_account_review  1.1.0    17 items  Key account review  built-in"
expect_contains "$OUT" "renewal             1.1.0    17 items  Renewal re-confirmation  built-in"
write_checklist mini <<'EOF'
{"cna": 1, "id": "mini", "version": "0.3.0", "title": "Mini", "sections": [
  {"id": "s", "title": "S", "items": [{"id": "goal", "type": "text", "prompt": "Goal?", "help": "h"}]}]}
EOF
expect_status 0 "$CNA" checklist list
expect_contains "$OUT" "mini                0.3.0     1 items  Mini  checklists/mini.json"
expect_status 0 "$CNA" checklist list --json
[ "$(jq -c '.cna_checklists' <<<"$OUT")" = 2 ] || fail "json: $OUT"
[ "$(jq -c '[.checklists[] | [.id, .version, .item_count, .origin]]' <<<"$OUT")" = "[[\"discovery\",\"2.3.0\",41,\"built-in\"],[\"key_account_review\",\"1.1.0\",17,\"built-in\"],[\"mini\",\"0.3.0\",1,\"$WS/checklists/mini.json\"],[\"renewal\",\"1.1.0\",17,\"built-in\"]]" ] || fail "json: $OUT"
ok

case_ "list reports a checklist that does not validate and exits 65"
new_workspace
write_checklist broken <<<'{"cna": 1, "id": "broken"'
expect_status 65 "$CNA" checklist list
expect_contains "$ERR" "checklist $WS/checklists/broken.json does not validate"
expect_contains "$OUT" "discovery"
ok

case_ "show: sections, items with type and prompt, conditions, options and flags"
new_workspace
expect_status 0 "$CNA" checklist show discovery
expect_contains "$OUT" "Discovery needs assessment"
expect_contains "$OUT" "discovery 2.3.0 · built-in · 41 items in 9 sections"
expect_contains "$OUT" "1. Current situation  (situation)"
expect_contains "$OUT" "business_goal            longtext  What is the customer trying to accomplish?"
expect_contains "$OUT" "when: has_incumbent == true"
expect_contains "$OUT" "options: approved, identified, to-be-created"
expect_contains "$OUT" "range: 1..5 (Not urgent, Low, Moderate, High, Critical)"
expect_contains "$OUT" "count: 1..3"
expect_contains "$OUT" "n/a allowed"
expect_contains "$OUT" "optional · no source"
ok

case_ "show: a file by path, --json, and an unknown id"
new_workspace
write_checklist mini <<'EOF'
{"cna": 1, "id": "mini", "version": "0.3.0", "title": "Mini", "sections": [
  {"id": "s", "title": "S", "items": [
    {"id": "goal", "type": "text", "prompt": "Goal?", "help": "h"},
    {"id": "stage", "type": "choice", "prompt": "Stage?", "help": "h", "options": ["a", "b"],
     "when": "answered(goal)", "na": true}]}]}
EOF
cp checklists/mini.json elsewhere.json
expect_status 0 "$CNA" checklist show elsewhere.json
expect_contains "$OUT" "mini 0.3.0 · elsewhere.json · 2 items in 1 sections"
expect_status 0 "$CNA" checklist show mini --json
[ "$(jq -c '.sections[0].items[1]' <<<"$OUT")" = '{"id":"stage","type":"choice","prompt":"Stage?","when":"answered(goal)","options":["a","b"],"required":true,"source":true,"na":true}' ] || fail "json: $OUT"
[ "$(jq -c '[.cna_checklist_outline, .id, .version, .title]' <<<"$OUT")" = '[1,"mini","0.3.0","Mini"]' ] || fail "json: $OUT"
expect_status 2 "$CNA" checklist show dicovery
expect_contains "$ERR" 'unknown checklist "dicovery" (available: discovery, key_account_review, mini, renewal)'
printf '{"cna": 1}' > bad.json
expect_status 65 "$CNA" checklist show bad.json
expect_contains "$ERR" "bad.json:1:1: error: missing required field"
ok

case_ "validate with no argument checks the workspace's checklists and the built-in ones"
new_workspace
write_checklist mini <<'EOF'
{"cna": 1, "id": "mini", "version": "0.3.0", "title": "Mini", "sections": [
  {"id": "s", "title": "S", "items": [{"id": "goal", "type": "text", "prompt": "Goal?", "help": "h"}]}]}
EOF
expect_status 0 "$CNA" checklist validate
expect_contains "$OUT" "checklists/mini.json: ok"
expect_contains "$OUT" "checklists/discovery.json (built-in): ok"
ok

case_ "validate prints every problem compiler style and exits 1 on errors"
new_workspace
write_checklist bad <<'EOF'
{
  "cna": 1,
  "id": "bad",
  "version": "1.0",
  "title": "Bad",
  "sections": [
    {"id": "s", "title": "S", "items": [
      {"id": "goal", "type": "numbr", "prompt": "Goal?"},
      {"id": "goal", "type": "text", "prompt": "Again?", "help": "h", "when": "nothing > 3"}
    ]}
  ]
}
EOF
expect_status 1 "$CNA" checklist validate checklists/bad.json
expect_contains "$OUT" "checklists/bad.json:4:14: version: error: expected a semantic version"
expect_contains "$OUT" 'checklists/bad.json:8:30: sections[0].items[0].type: error: unknown type "numbr"'
expect_contains "$OUT" "sections[0].items[0]: warning: item has no help"
expect_contains "$OUT" 'error: duplicate item id "goal"'
expect_contains "$OUT" "checklists/bad.json: 4 errors, 1 warning"
expect_status 1 "$CNA" checklist validate bad
expect_contains "$OUT" "checklists/bad.json: 4 errors, 1 warning"
ok

case_ "warnings alone do not fail validation"
new_workspace
write_checklist warn <<'EOF'
{"cna": 1, "id": "warn", "version": "1.0.0", "title": "W", "sections": [
  {"id": "s", "title": "S", "items": [{"id": "goal", "type": "text", "prompt": "Goal?"}]}]}
EOF
expect_status 0 "$CNA" checklist validate warn
expect_contains "$OUT" "warning: item has no help"
expect_contains "$OUT" "checklists/warn.json: ok (1 warning)"
ok

case_ "validate: an unreadable file is a problem (1); neither a file nor an id is a usage error (2)"
new_workspace
mkdir folder.json
expect_status 1 "$CNA" checklist validate folder.json discovery
expect_contains "$OUT" "folder.json: error: folder.json is not a regular file"
expect_contains "$OUT" "folder.json: 1 error, 0 warnings"
expect_contains "$OUT" "checklists/discovery.json (built-in): ok"
printf '{"cna": 1, "id": "x", "version": "1.0.0", "title": "X", "sections": [' > cut.json
expect_status 1 "$CNA" checklist validate cut.json
expect_contains "$OUT" "cut.json:1:"
expect_contains "$OUT" "unexpected end of file"
expect_status 2 "$CNA" checklist validate nope.json
expect_contains "$ERR" '"nope.json" is neither a file nor a checklist id (known: discovery, key_account_review, renewal)'
ok

case_ "the shipped checklists validate"
new_workspace
for file in "$CNA_SOURCE_DIR"/checklists/*.json; do
  case "$file" in *schema.json) continue ;; esac
  expect_status 0 "$CNA" checklist validate "$file"
  expect_contains "$OUT" "$file: ok"
done
ok

done_
