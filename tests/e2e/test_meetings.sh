#!/usr/bin/env bash
# Meetings (docs/assessment.md, docs/commands.md): `cna meeting ACCOUNT add|list|show|edit`, a
# walk opened as a meeting (`cna start --meeting`), the meeting each answer and read-back came
# from in the file, the log and the reports, and two reps' meetings merged through git.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/git_lib.sh"

# acme with two stakeholders.
acme() {
  new_workspace
  run "$CNA" who acme add dana-lee --name "Dana Lee" --title "VP Operations" --role economic-buyer
  run "$CNA" who acme add raj --name "Raj Patel" --role champion
}

case_ "a file without meetings stays as it was: no meetings key, saved byte for byte"
acme
expect_json 'has("meetings")' 'false'
before=$(sha256sum assessments/acme.json)
run "$CNA" who acme edit raj --name "Raj Patel"
[ "$(sha256sum assessments/acme.json)" = "$before" ] || fail "an unchanged save rewrote the file"
expect_status 0 "$CNA" meeting acme
expect_contains "$OUT" "no meetings yet"
expect_status 0 "$CNA" meeting acme --json
[ "$(jq -c '.meetings' <<<"$OUT")" = "[]" ] || fail "json: $OUT"
ok

case_ "meeting add: date in the walk's grammar, attendees by id or name, you as ours; list and show by name"
acme
expect_status 0 "$CNA" meeting acme add --purpose "Kick-off" --with "dana-lee,Raj Patel" --date -2d \
  --notes $'first line\nsecond line'
id=$(jq -r '.meetings[0].id' assessments/acme.json)
expect_contains "$OUT" "recorded meeting $id"
[[ $id =~ ^2026-11-21-kick-off-[0-9a-f]{4}$ ]] || fail "id: $id"
expect_json '.meetings[0] | [.date, .purpose, .attendees, .ours, .notes, .created_by]' \
  '["2026-11-21","Kick-off",["dana-lee","raj"],["Sam Rep"],"first line\nsecond line","Sam Rep"]'
expect_json '[.history[-1] | .action, .item, .meeting]' "[\"meeting\",\"$id\",\"$id\"]"
expect_status 0 "$CNA" meeting acme
expect_contains "$OUT" "2026-11-21  Kick-off  $id"
expect_contains "$OUT" "with Dana Lee, Raj Patel · ours: Sam Rep"
expect_status 0 "$CNA" meeting acme show last
expect_contains "$OUT" "with     Dana Lee (VP Operations), Raj Patel"
expect_contains "$OUT" "    second line"
expect_status 0 "$CNA" meeting acme show "${id:0:14}" --json
[ "$(jq -r '.cna_meeting, .meeting.id, (.meeting.attendees | map(.name) | join("+"))' <<<"$OUT" | paste -sd' ')" = \
  "1 $id Dana Lee+Raj Patel" ] || fail "show --json: $OUT"
ok

case_ "meeting edit changes only what is given; bad input is refused with the reason, nothing saved"
acme
run "$CNA" meeting acme add --purpose "Scope" --with raj
run "$CNA" meeting acme add --purpose "Scope again" --with raj --date 2026-11-22
before=$(cat assessments/acme.json)
expect_status 2 "$CNA" meeting acme add --purpose "x" --date 2026-13-01
expect_contains "$ERR" "--date: "
expect_status 2 "$CNA" meeting acme add --purpose "x" --with nobody
expect_contains "$ERR" 'no stakeholder "nobody" in acme'
expect_status 2 "$CNA" meeting acme add --purpose $'two\nlines'
expect_contains "$ERR" "--purpose must be one line"
expect_status 2 "$CNA" meeting acme show nothing-like-it
expect_contains "$ERR" 'no meeting "nothing-like-it" in acme'
expect_status 2 "$CNA" meeting acme show 2026-11-2
expect_contains "$ERR" "names 2 meetings of acme"
expect_status 2 "$CNA" meeting acme edit last
expect_contains "$ERR" "nothing to change"
[ "$(cat assessments/acme.json)" = "$before" ] || fail "a refused command changed the file"
# "last" is the latest by date: the one of today (2026-11-23), not the one added last.
expect_status 0 "$CNA" meeting acme edit last --outcome "Pilot agreed for January"
expect_json '[.meetings[] | [.date, .purpose, .outcome]]' \
  '[["2026-11-22","Scope again",null],["2026-11-23","Scope","Pilot agreed for January"]]'
expect_json '.meetings[1].attendees' '["raj"]'
expect_json '.history[-1].action' '"meeting-edited"'
expect_status 0 "$CNA" meeting acme edit last --outcome "Pilot agreed for January"
expect_contains "$OUT" "unchanged"
expect_status 2 "$CNA" who acme remove raj
expect_contains "$ERR" "attended meeting"
ok

case_ "cna start --meeting: the answers and the read-back record the meeting; log and reports show it"
acme
printf 'Spreadsheets and email\n\n:q\n' |
  CNA_NOW=2026-11-23T10:00:00Z "$CNA" start acme --with raj,dana-lee --meeting "Scope the pilot" >"$E2E_ROOT/walk" 2>&1 ||
  fail "walk: $(cat "$E2E_ROOT/walk")"
id=$(jq -r '.meetings[0].id' assessments/acme.json)
expect_contains "$(cat "$E2E_ROOT/walk")" "Meeting: 2026-11-23 · Scope the pilot ($id)"
expect_json '.meetings[0] | [.purpose, .attendees, .ours]' '["Scope the pilot",["raj","dana-lee"],["Sam Rep"]]'
expect_json '.answers.current_approach | [.source, .meeting]' "[\"raj\",\"$id\"]"
# A read-back in a later meeting records that one.
CNA_NOW=2026-11-30T10:00:00Z run "$CNA" meeting acme add --purpose "Read-back" --with raj
second=$(jq -r '.meetings[1].id' assessments/acme.json)
CNA_NOW=2026-11-30T10:05:00Z run "$CNA" confirm acme --meeting last --yes
expect_json '.answers.current_approach | [.meeting, .confirmed_in]' "[\"$id\",\"$second\"]"
expect_json '[.history[] | select(.action == "confirmed") | .meeting]' "[\"$second\"]"
expect_status 0 "$CNA" log acme --item current_approach
expect_contains "$OUT" 'current_approach = "Spreadsheets and email" (source raj) in "Scope the pilot" (2026-11-23)'
expect_contains "$OUT" 'confirmed  current_approach (with raj) in "Read-back" (2026-11-30)'
expect_status 0 "$CNA" log acme --item "$second" --json
[ "$(jq -r '[.entries[] | .action] | join(",")' <<<"$OUT")" = "meeting,confirmed" ] || fail "log --item MEETING: $OUT"
CNA_NOW=2026-11-30T11:00:00Z expect_status 0 "$CNA" report acme
expect_contains "$OUT" "said in:   Scope the pilot (2026-11-23)"
expect_contains "$OUT" "confirmed: 2026-11-30 with Raj Patel in Read-back (2026-11-30)"
expect_contains "$OUT" "Meetings (2)"
expect_contains "$OUT" "with:      Raj Patel, Dana Lee"
expect_contains "$OUT" "recorded:  1 answered, 0 read back"
expect_status 0 "$CNA" report acme --format md
expect_contains "$OUT" "| 2026-11-23 | Scope the pilot | Raj Patel, Dana Lee | Sam Rep |  | 1 | 0 |"
expect_contains "$OUT" "| Raj Patel, in Scope the pilot \\(2026-11-23\\) |"
expect_status 0 "$CNA" report acme --format html
expect_contains "$OUT" "<h2>Meetings (2)</h2>"
expect_contains "$OUT" "<td>Read-back</td><td>Raj Patel</td>"
ok

case_ "a walk with --with through a pipe opens no meeting; a bad --meeting is refused before anything is saved"
acme
printf ':q\n' | run "$CNA" start acme --with raj
expect_json 'has("meetings")' 'false'
before=$(cat assessments/acme.json)
expect_status 2 "$CNA" start acme --with raj --meeting $'two\nlines' </dev/null
expect_contains "$ERR" "--meeting must be one line"
expect_status 2 "$CNA" start acme --with raj,nobody --meeting "Scope" </dev/null
expect_contains "$ERR" 'no stakeholder "nobody"'
[ "$(cat assessments/acme.json)" = "$before" ] || fail "a refused start changed the file"
ok

case_ "next steps: add with an owner by name or ours, due in the date grammar; list by due, done; bad input refused"
acme
run "$CNA" meeting acme add --purpose "Scope" --with raj
expect_status 0 "$CNA" next acme add Send the pilot plan --due +3d --meeting last
expect_contains "$OUT" "next step "
expect_status 0 "$CNA" next acme add Book the security review --owner "Dana Lee" --due 2026-11-20
expect_status 0 "$CNA" next acme add Think it over --owner "Priya (our SE)"
expect_json '[.next_steps[] | [.what, .owner, .due]]' \
  '[["Send the pilot plan","Sam Rep","2026-11-26"],["Book the security review","dana-lee","2026-11-20"],["Think it over","Priya (our SE)",null]]'
expect_json '.next_steps[0].meeting == .meetings[0].id' 'true'
[[ $(jq -r '.next_steps[0].id' assessments/acme.json) =~ ^[0-9a-f]{6}$ ]] || fail "id: $(jq -c .next_steps assessments/acme.json)"
before=$(cat assessments/acme.json)
expect_status 2 "$CNA" next acme add Something --due someday
expect_contains "$ERR" "--due: "
expect_status 2 "$CNA" next acme add $'two\nlines'
expect_contains "$ERR" "WHAT must be one line"
expect_status 2 "$CNA" next acme done ffffffff
expect_contains "$ERR" 'no next step "ffffffff" in acme'
[ "$(cat assessments/acme.json)" = "$before" ] || fail "a refused command changed the file"
expect_status 0 "$CNA" next acme
# By due date, overdue flagged, owners by name; those without a due date last.
[ "$(grep -v '^  ' <<<"$OUT" | cut -c9-)" = $'Book the security review\nSend the pilot plan\nThink it over' ] ||
  fail "order: $OUT"
expect_contains "$OUT" "Dana Lee · OVERDUE 2026-11-20 (Fri, 3 days ago)"
expect_contains "$OUT" "Sam Rep · 2026-11-26 (Thu, in 3 days) · agreed in Scope (2026-11-23)"
expect_contains "$OUT" "Priya (our SE) · no due date"
review=$(jq -r '.next_steps[1].id' assessments/acme.json)
expect_status 0 "$CNA" next acme done "${review:0:4}"
expect_json '.next_steps[1].done' '"2026-11-23"'
expect_json '.history[-1] | [.action, .item]' "[\"next-step-done\",\"$review\"]"
expect_status 0 "$CNA" next acme --json
[ "$(jq -c '[.next_steps[] | .what]' <<<"$OUT")" = '["Send the pilot plan","Think it over"]' ] || fail "open: $OUT"
expect_status 0 "$CNA" next acme --all --json
[ "$(jq -c '[.next_steps[] | [.owner_name, .done, .overdue]]' <<<"$OUT")" = \
  '[["Sam Rep","",false],["Priya (our SE)","",false],["Dana Lee","2026-11-23",false]]' ] || fail "all: $OUT"
ok

case_ "the walk's :next records a next step in the walk's meeting and says what was saved; bad input refused, the walk goes on"
acme
printf '%s\n' ':next Send the pilot plan @"Dana Lee" due +7d' ':next Book the demo due someday' \
  ':next @raj' ':next Call Priya back @priya' 'Spreadsheets and email' '' ':q' |
  "$CNA" start acme --with raj --meeting "Scope the pilot" >"$E2E_ROOT/walk" 2>&1 ||
  fail "walk: $(cat "$E2E_ROOT/walk")"
walk=$(cat "$E2E_ROOT/walk")
first=$(jq -r '.next_steps[0].id' assessments/acme.json)
expect_contains "$walk" "saved: next step $first · Send the pilot plan · Dana Lee · due 2026-11-30 (Mon, in 1 week)"
expect_contains "$walk" "due: "
expect_contains "$walk" "say what is to be done: :next WHAT [@OWNER] [due DATE]"
expect_contains "$walk" "· Call Priya back · priya · no due date"
expect_json '[.next_steps[] | [.what, .owner, .due]]' \
  '[["Send the pilot plan","dana-lee","2026-11-30"],["Call Priya back","priya",null]]'
expect_json '.meetings[0].id as $m | [.next_steps[] | .meeting == $m] | all' 'true'
# The walk went on with its question after each :next.
expect_json '.answers.current_approach.value' '"Spreadsheets and email"'
# ? and the help list it, from the command table.
expect_status 0 "$CNA" start --help
expect_contains "$OUT" ":next WHAT [@OWNER] [due DATE]"
printf '?\n:q\n' | "$CNA" start acme >"$E2E_ROOT/walk" 2>&1 || fail "walk ?"
expect_contains "$(cat "$E2E_ROOT/walk")" ":next WHAT [@OWNER] [due DATE]"
ok

case_ "overdue next steps: flagged in status (through its cache, as the clock moves), first in the brief, in the reports"
acme
run "$CNA" next acme add Send the pilot plan --owner raj --due 2026-11-25
touch -d 2026-01-01 assessments/acme.json # old enough for the status cache
for now in 2026-11-24T10:00:00Z 2026-11-25T23:59:00Z; do
  CNA_NOW=$now expect_status 0 "$CNA" status
  grep -Eq '^acme .* 0 +[0-9]+  BLOCKED' <<<"$OUT" || fail "overdue too early: $OUT"
done
# The cached summary holds only until the step turns overdue.
CNA_NOW=2026-11-26T00:00:01Z expect_status 0 "$CNA" status
grep -Eq '^acme .* 1 +[0-9]+  BLOCKED' <<<"$OUT" || fail "status: $OUT" # OVERDUE, STALE 7D, VERDICT
CNA_NOW=2026-11-26T08:00:00Z expect_status 0 "$CNA" status --json
[ "$(jq '.accounts[0].overdue_next_steps' <<<"$OUT")" = 1 ] || fail "status --json: $OUT"
CNA_NOW=2026-11-26T08:00:00Z expect_status 0 "$CNA" status acme
expect_contains "$OUT" "Next steps:"
expect_contains "$OUT" "OVERDUE"
CNA_NOW=2026-11-26T08:00:00Z expect_status 0 "$CNA" brief acme
[ "$(sed -n 3,5p <<<"$OUT")" = $'\nNext steps\n  OVERDUE Send the pilot plan · Raj Patel · due 2026-11-25' ] ||
  fail "the brief does not start with the next steps: $OUT"
CNA_NOW=2026-11-26T08:00:00Z expect_status 0 "$CNA" report acme
expect_contains "$OUT" $'Next steps (1)\n  OVERDUE · Send the pilot plan\n    owner:     Raj Patel'
CNA_NOW=2026-11-26T08:00:00Z expect_status 0 "$CNA" report acme --format html
expect_contains "$OUT" '<td>Send the pilot plan</td><td>Raj Patel</td><td>2026-11-25</td><td class="bad">OVERDUE</td>'
run "$CNA" next acme done "$(jq -r '.next_steps[0].id' assessments/acme.json)"
CNA_NOW=2026-11-26T08:00:00Z expect_status 0 "$CNA" status
expect_not_contains "$OUT" "overdue"
ok

case_ "a planned meeting meets nobody yet: who, status, the brief and the report say not met until its day"
acme
run "$CNA" meeting acme add --purpose "Pilot scope" --with dana-lee --date 2026-12-10
expect_status 0 "$CNA" who acme
expect_contains "$OUT" "Dana Lee · VP Operations · economic-buyer · not met yet"
expect_status 0 "$CNA" who acme --json
[ "$(jq -c '[.stakeholders[].met]' <<<"$OUT")" = '[false,false]' ] || fail "who --json: $OUT"
CNA_NO_CACHE=1 expect_status 0 "$CNA" status acme --json
[ "$(jq -c '.accounts[0] | [.met, .last_meeting]' <<<"$OUT")" = '[0,null]' ] || fail "status: $OUT"
expect_status 0 "$CNA" brief acme --json
expect_not_contains "$(jq -c .gaps <<<"$OUT")" "not met yet" "the brief's gaps (nobody met is recorded yet)"
expect_status 0 "$CNA" report acme --format json
[ "$(jq -c '[.power_base[].met]' <<<"$OUT")" = '[false,false]' ] || fail "report: $(jq -c .power_base <<<"$OUT")"
# On its day it has been held: Dana Lee is met, Raj Patel is not.
export CNA_NOW=2026-12-10T09:00:00Z
expect_status 0 "$CNA" who acme --json
[ "$(jq -c '[.stakeholders[].met]' <<<"$OUT")" = '[true,false]' ] || fail "who --json on the day: $OUT"
CNA_NO_CACHE=1 expect_status 0 "$CNA" status acme --json
[ "$(jq -c '.accounts[0] | [.met, .last_meeting]' <<<"$OUT")" = '[1,"2026-12-10"]' ] || fail "status: $OUT"
expect_status 0 "$CNA" brief acme --json
expect_contains "$(jq -c .gaps <<<"$OUT")" "not met yet: Raj Patel"
export CNA_NOW=2026-11-23T10:00:00Z
ok

case_ "two reps on two clones record different meetings the same day: git merges them through the driver"
command -v git >/dev/null || skip "git is not installed"
seed=$(mktemp -d "$E2E_ROOT/seed.XXXXXX")
cd "$seed"
export CNA_WORKSPACE=$seed
"$CNA" -q init . >/dev/null
run "$CNA" who acme add dana-lee --name "Dana Lee" --role economic-buyer
run "$CNA" who acme add raj --name "Raj Patel" --role champion
run "$CNA" meeting acme add --purpose "Kick-off" --with dana-lee --date 2026-11-20
git_clones "$seed" ana ben
# The same day, the same purpose, the same second: still two meetings, two ids.
printf 'Spreadsheets\n\n:q\n' | in_clone ana "$CNA" start acme --with dana-lee --meeting "Follow-up" >/dev/null
in_clone ana "$CNA" next acme add Send the pilot plan --due +3d >/dev/null
in_clone ana git commit -qam "ana: follow-up with Dana"
in_clone ana git push -q origin main
printf ':skip\nn\n:q\n' | in_clone ben "$CNA" start acme --with raj --meeting "Follow-up" >/dev/null
# ...and ben also records what came of the kick-off, which ana leaves alone; each agrees a next step.
in_clone ben "$CNA" meeting acme edit 2026-11-20 --outcome "Discovery agreed" >/dev/null
in_clone ben "$CNA" next acme add Send references --due +2d >/dev/null
in_clone ben git commit -qam "ben: follow-up with Raj"
in_clone ben git pull -q --no-rebase --no-edit origin main || fail "different meetings did not merge cleanly"
file=$E2E_ROOT/ben/assessments/acme.json
# By date, then id: which of the two follow-ups comes first depends on their ids.
[ "$(jq -r '[.meetings[] | .date] | join(" ")' "$file")" = "2026-11-20 2026-11-23 2026-11-23" ] ||
  fail "meetings not by date: $(jq -c .meetings "$file")"
[ "$(jq -r '[.meetings[] | .purpose + "/" + (.attendees | join(","))] | sort | join(" ")' "$file")" = \
  "Follow-up/dana-lee Follow-up/raj Kick-off/dana-lee" ] || fail "meetings after the merge: $(jq -c .meetings "$file")"
[ "$(jq -r '[.meetings[] | .id] | unique | length' "$file")" = 3 ] || fail "ids collided: $(jq -c .meetings "$file")"
jq -e '.meetings[0].outcome == "Discovery agreed"' "$file" >/dev/null || fail "ben's outcome was lost"
ana_id=$(jq -r '.meetings[] | select(.attendees == ["dana-lee"] and .purpose == "Follow-up") | .id' "$file")
ben_id=$(jq -r '.meetings[] | select(.attendees == ["raj"]) | .id' "$file")
jq -e --arg a "$ana_id" --arg b "$ben_id" \
  '.answers.current_approach.meeting == $a and .answers.has_incumbent.meeting == $b' "$file" >/dev/null ||
  fail "the answers lost their meetings: $(jq -c .answers "$file")"
[ "$(jq -r '[.next_steps[] | .what + "/" + .owner] | sort | join(" ")' "$file")" = \
  "Send references/ben Send the pilot plan/ana" ] || fail "next steps after the merge: $(jq -c .next_steps "$file")"
[ -z "$(in_clone ben git status --porcelain)" ] || fail "the merge left changes"
in_clone ben "$CNA" meeting acme >/dev/null || fail "the merged file does not read"
in_clone ben git push -q origin main
# Both edit the outcome of the same meeting differently: ours is kept, theirs noted in the history.
in_clone ana git pull -q --no-rebase --no-edit origin main
in_clone ana "$CNA" meeting acme edit "$ana_id" --outcome "Budget confirmed" >/dev/null
in_clone ana git commit -qam "ana: outcome"
in_clone ana git push -q origin main
in_clone ben "$CNA" meeting acme edit "$ana_id" --outcome "Budget still open" >/dev/null
in_clone ben git commit -qam "ben: outcome"
in_clone ben git pull -q --no-rebase --no-edit origin main || fail "one meeting edited on both sides did not merge"
jq -e --arg a "$ana_id" '.meetings[] | select(.id == $a) | .outcome == "Budget still open"' "$file" >/dev/null ||
  fail "ours was not kept: $(jq -c .meetings "$file")"
jq -e '.history[-1].action == "merge-kept-ours" and (.history[-1].value | contains("Budget confirmed"))' "$file" \
  >/dev/null || fail "theirs was not noted: $(jq -c '.history[-1]' "$file")"
ok

done_
