#!/usr/bin/env bash
# The walk through a pipe: every item type stored with its value and JSON type, the : commands,
# resume, --review, early end of input, and bad input refused without losing what was saved.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# A workspace holding the all-types checklist as its default and a stakeholder on "acme".
types_workspace() {
  new_workspace
  mkdir -p checklists
  cp "$CNA_SOURCE_DIR/tests/fixtures/checklists/all_types.json" checklists/
  printf '{"cna": 1, "default_checklist": "all_types", "default_currency": "EUR"}\n' > cna.json
}

case_ "piped answers of every type are stored with the documented values and types (docs/assessment.md)"
types_workspace
expect_status 0 "$CNA" start acme --name "Acme Corp" <<'IN'
:who Dana Lee
VP Operations
economic-buyer
Grow revenue in the north
First line
Second line

1
1,3
y
Initech
1,200 users
250k EUR
2026-12-15
high
Price
Support

dana-lee
Book a demo
IN
expect_json '.name' '"Acme Corp"'
expect_json '.checklist.id' '"all_types"'
expect_json '.answers.goal.value' '"Grow revenue in the north"'
expect_json '.answers.story.value' '"First line\nSecond line"'
expect_json '.answers.stage.value' '"approved"'
expect_json '.answers.drivers.value' '["cost","risk"]'
expect_json '.answers.incumbent.value' 'true'
expect_json '.answers.incumbent_name.value' '"Initech"'
expect_json '.answers.users.value' '1200'
expect_json '.answers.budget.value' '{"amount":250000,"currency":"EUR"}'
expect_json '.answers.decide_by.value' '"2026-12-15"'
expect_json '.answers.urgency.value' '4'
expect_json '.answers.criteria.value' '["Price","Support"]'
expect_json '.answers.buyer.value' '"dana-lee"'
expect_json '.answers.plan.value' '"Book a demo"'
expect_json '.answers.goal.source' '"dana-lee"'
expect_json '.answers.plan.source' 'null'
expect_json '.answers.goal.answered_by' '"Sam Rep"'
expect_json '.answers.goal.answered_at' '"2026-11-23T10:00:00Z"'
expect_json '[.answers[] | .item_sha256 | length] | unique' '[64]'
expect_json '.answers | keys_unsorted' '["goal","story","stage","drivers","incumbent","incumbent_name","users","budget","decide_by","urgency","criteria","buyer","plan"]'
expect_json '[.history[].action] | length' '14'
expect_contains "$OUT" "End of the checklist"
ok

case_ "a condition is re-evaluated after each answer: a no skips the dependent item"
types_workspace
printf 'g\ns\n\n2\n2\nn\n:quit\n' | "$CNA" start acme >/dev/null
expect_json '.answers.incumbent.value' 'false'
expect_status 0 "$CNA" start acme <<<':quit'
expect_contains "$OUT" "Users?"
expect_not_contains "$OUT" "Which incumbent?"
ok

case_ "a second start resumes at the first unanswered item; input ending early exits 3"
types_workspace
expect_status 3 "$CNA" start acme <<<$'Only the goal'
expect_contains "$ERR" "input ended"
expect_contains "$ERR" "11 items left"
expect_status 3 "$CNA" start acme </dev/null
expect_contains "$OUT" "Story?"
expect_not_contains "$OUT" "Goal?"
ok

case_ "placeholders, invalid values and invalid UTF-8 are refused with a hint; the walk goes on"
types_workspace
printf 'tbd\n\xff\xfe bad\nReal goal\n:quit\n' > in.txt
expect_status 0 "$CNA" start acme <in.txt
expect_contains "$OUT" "'tbd' is a placeholder, not an answer; use :unknown OWNER DUE if someone will find out"
expect_not_contains "$OUT" "--unknown"
expect_contains "$OUT" "UTF-8"
expect_json '.answers.goal.value' '"Real goal"'
printf 's\n\n7\nidentifed\n2\n:quit\n' > in.txt
expect_status 0 "$CNA" start acme <in.txt
expect_json '.answers.story.value' '"s"'
expect_json '.answers.stage.value' '"identified"'
ok

case_ "the walk says what to do instead in its own commands: :skip, :unknown, :na where allowed, :who"
types_workspace
printf '\n:goto buyer\nbob\n:quit\n' > in.txt
expect_status 0 "$CNA" start acme <in.txt
expect_contains "$OUT" "an answer is required; use :skip to come back to it later, or :unknown OWNER DUE if someone will find out"
expect_not_contains "$OUT" ":na REASON if"
expect_contains "$OUT" "the account has no stakeholders yet; use :who to add one"
expect_not_contains "$OUT" "cna who"
ok

case_ "a 10 MB line is refused without losing the walk"
types_workspace
{ head -c 10000000 /dev/zero | tr '\0' 'a'; printf '\nShort goal\n:quit\n'; } > big.txt
expect_status 0 "$CNA" start acme <big.txt
expect_contains "$OUT" "longer than 64 KiB"
expect_json '.answers.goal.value' '"Short goal"'
ok

case_ ":skip, :back, :goto, :list, :note, :unknown, :na and :from"
types_workspace
run "$CNA" who acme add dana-lee --name "Dana Lee"
expect_status 0 "$CNA" start acme <<'IN'
:from dana-lee
:skip
:back
:goto stage
other: a pilot first
:note she was unsure
:list
:unknown sam +7d
:goto users
:na nothing to count
:goto incumbent
:na no incumbent
:unknown
:quit
IN
expect_json '.answers.stage.value' '"other: a pilot first"'
expect_json '.answers.drivers.state' '"unknown"'
expect_json '.answers.drivers.owner' '"sam"'
expect_json '.answers.drivers.due' '"2026-11-30"'
expect_json '.answers.incumbent.state' '"na"'
expect_json '.answers.incumbent.reason' '"no incumbent"'
expect_json '.answers.drivers.note' '"she was unsure"'
expect_json '.answers.stage.note' 'null'
expect_json '.answers.users' 'null'
expect_contains "$OUT" "this item cannot be marked n/a"
expect_contains "$OUT" "> drivers"
ok

case_ "the end-of-walk summary counts each state under its own name"
new_workspace
mkdir -p checklists
python3 - > checklists/counts.json <<'PY'
import json
ids = ["a1", "a2", "u1", "n1", "n2", "n3", "o1", "o2", "o3", "o4"]
items = [{"id": i, "type": "text", "prompt": f"Q {i}?", "help": "h", "source": False,
          "na": True} for i in ids]
print(json.dumps({"cna": 1, "id": "counts", "version": "1.0.0", "title": "Counts",
                  "sections": [{"id": "s", "title": "S", "items": items}]}))
PY
expect_status 0 "$CNA" start acme --checklist counts <<'IN'
First
Second
:unknown sam +7d
:na not here
:na not here
:na not here
:skip
:skip
:skip
:skip
IN
expect_contains "$OUT" "answered 2 · unknown 1 · n/a 3 · open 4"
ok

case_ "an answer that makes a second economic buyer is warned about at once, in the walk"
new_workspace
mkdir -p checklists
python3 - > checklists/tiny.json <<'PY'
import json
items = [{"id": i, "type": t, "prompt": f"{i}?", "help": "h"}
         for i, t in [("goal", "text"), ("eb", "person"), ("next", "text")]]
items[1]["establishes"] = "economic-buyer"
print(json.dumps({"cna": 1, "id": "tiny", "version": "1.0.0", "title": "Tiny",
                  "sections": [{"id": "s", "title": "S", "items": items}]}))
PY
printf '{"cna": 1, "default_checklist": "tiny"}\n' > cna.json
run "$CNA" who acme add dana --name "Dana Lee" --role economic-buyer
run "$CNA" who acme add raj --name "Raj Patel"
expect_status 3 "$CNA" start acme --with dana <<'IN'
Grow
raj
IN
# Said right after the answer is saved, before the next question.
expect_contains "$OUT" $'saved: Raj Patel\n  warning: eb: Dana Lee is the economic-buyer too (set with cna who dana)'
expect_contains "$OUT" "holds the gate as role-conflict"
expect_contains "$OUT" $'role-conflict\n\n[3/3]'
expect_json '.answers.eb.value' '"raj"'
ok

case_ "? lists every walk command from the command table, with its arguments"
types_workspace
expect_status 3 "$CNA" start acme <<'IN'
?
IN
for usage in ":back" ":skip" ":goto ID" ":list" ":unknown OWNER DUE" ":na REASON" ":note TEXT" \
  ":from ID" ":who [NAME]" ":quit (:q)" "Enter"; do
  expect_contains "$OUT" "  $usage "
done
expect_status 0 "$CNA" start --help
expect_contains "$OUT" ":goto ID, :list, :unknown OWNER DUE, :na REASON"
ok

case_ ":who keeps ids within the slug rule and refuses what cna who refuses; :note refuses a NUL"
types_workspace
long=$(printf 'a%.0s' $(seq 63))
huge=$(printf 'Dana%.0s' $(seq 751))x # 3,005 bytes
{
  printf ':who %s\n\n\n:who %s\n\n\n' "$long" "$long"
  printf ':who %s\n' "$huge"
  printf ':note before\0after\n'
} > walk.in
expect_status 3 "$CNA" start acme < walk.in
expect_json '[.stakeholders[].id | length]' '[63,63]'
expect_json '[.stakeholders[].id][1]' "\"$(printf 'a%.0s' $(seq 61))-2\""
expect_contains "$OUT" "the name must be one line of UTF-8 text, at most 1024 bytes"
expect_contains "$OUT" ":note contains a NUL character"
expect_json '[.answers[]?.note] | map(select(. != null))' '[]'
# What the walk added, cna who can edit.
expect_status 0 "$CNA" who acme edit "$(printf 'a%.0s' $(seq 61))-2" --title CFO
ok

case_ "--review walks answered items; Enter keeps an answer, a new value replaces it"
types_workspace
printf 'First goal\n:quit\n' | "$CNA" start acme >/dev/null
expect_status 0 "$CNA" start acme --review <<'IN'

Second story line

:quit
IN
expect_contains "$OUT" "now: First goal"
expect_json '.answers.goal.value' '"First goal"'
expect_json '.answers.story.value' '"Second story line"'
ok

case_ "the walk's now: and saved: show the option's label the rep chose, not the value stored"
types_workspace
expect_status 0 "$CNA" start acme <<'IN'
Goal
A story

1
:quit
IN
expect_contains "$OUT" "saved: Approved"
expect_json '.answers.stage.value' '"approved"'
expect_status 0 "$CNA" start acme --review <<'IN'



:quit
IN
expect_contains "$OUT" "now: Approved"
expect_not_contains "$OUT" "now: approved"
ok

case_ "closed stdin ends the walk with exit 3 at once"
types_workspace
start=$(date +%s%N)
expect_status 3 "$CNA" start acme <&-
elapsed=$((($(date +%s%N) - start) / 1000000))
[ "$elapsed" -lt $((1000 * ${CNA_TIME_SCALE:-1})) ] || fail "took ${elapsed} ms"
[ -f assessments/acme.json ] || fail "the new account's file was not written before the first question"
ok

case_ "bad account names are usage errors with a suggested slug"
new_workspace
for name in "Acme Corp" "../x" "a/b" "." "-acme" "$(printf 'a%.0s' {1..64})" "ａｃｍｅ" $'ac\nme' "CON" "nul.txt"; do
  expect_status 2 "$CNA" start -- "$name" </dev/null
  expect_contains "$ERR" "not an account name"
done
expect_status 2 "$CNA" start "Acme Corp" </dev/null
expect_contains "$ERR" '"acme-corp"'
[ ! -e assessments ] || [ -z "$(ls -A assessments)" ] || fail "a file was written for a bad name"
ok

case_ "a refused --with or --checklist is a usage error that creates no account"
new_workspace
expect_status 2 "$CNA" start omega --with nobody </dev/null
expect_contains "$ERR" 'no stakeholder "nobody" in omega'
expect_status 2 "$CNA" start omega --checklist nope </dev/null
expect_contains "$ERR" 'unknown checklist "nope"'
[ ! -e assessments/omega.json ] || fail "a refused start created assessments/omega.json"
expect_status 3 "$CNA" start omega </dev/null
[ -f assessments/omega.json ] || fail "a good start did not create the account"
ok

case_ "a truncated assessment is refused (65) and left byte-identical"
types_workspace
printf 'g\n:quit\n' | "$CNA" start acme >/dev/null
head -c 100 assessments/acme.json > cut.json && cp cut.json assessments/acme.json
expect_status 65 "$CNA" start acme <<<'another'
expect_contains "$ERR" "assessments/acme.json"
cmp -s cut.json assessments/acme.json || fail "the damaged file was changed"
ok

case_ "kill -9 during a walk leaves a file that parses and holds every accepted answer"
types_workspace
mkfifo feed
"$CNA" start acme <feed >walk.out 2>&1 &
pid=$!
exec 3>feed
printf 'Goal before the kill\nStory\n\n1\n' >&3
for _ in $(seq 1 100); do
  [ "$(jq -r '.answers.stage.value // empty' assessments/acme.json 2>/dev/null)" = approved ] && break
  sleep 0.05
done
kill -9 $pid
wait $pid 2>/dev/null || true
exec 3>&-
expect_json '.answers.goal.value' '"Goal before the kill"'
expect_json '.answers.stage.value' '"approved"'
ok

case_ "in any locale (C, POSIX, none set) cna reads and writes UTF-8 text the same (issue 9 item 9)"
name='Jörg Schäfer'
said=$'Lösung für Außenlager €5 · 倉庫管理 🚚\u202e'
sums=()
for locale in C POSIX "" C.UTF-8; do
  new_workspace
  LC_ALL=$locale LANG= run "$CNA" who acme add jorg --name "$name"
  printf '%s\n' ':from jorg' "$said" '' ':quit' | LC_ALL=$locale LANG= expect_status 0 "$CNA" start acme
  expect_json '.stakeholders[0].name' "$(jq -cn --arg v "$name" '$v')"
  expect_json '.answers.current_approach.value' "$(jq -cn --arg v "$said" '$v')"
  LC_ALL=$locale LANG= expect_status 0 "$CNA" who acme
  expect_contains "$OUT" "jorg  $name"
  expect_contains "$OUT" 'Lösung für Außenlager €5 · 倉庫管理 🚚<U+202E>' # shown made visible, in any locale
  sums+=("$(sha256sum < assessments/acme.json)")
done
[ "$(printf '%s\n' "${sums[@]}" | sort -u | wc -l)" = 1 ] || fail "the files differ by locale: ${sums[*]}"
ok

done_
