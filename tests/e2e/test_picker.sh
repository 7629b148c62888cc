#!/usr/bin/env bash
# The pickers of the walk at a terminal (docs/walk.md, "Pickers"), typed as a person types them in
# tmux at 80x24 and 200x50: arrows, space, a filter (non-ASCII too), Enter, Esc then text, Ctrl-C;
# checked on the screen and in the saved file.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/pty_lib.sh"
export WALK_ENV="LANG=C.UTF-8"

# A workspace whose checklist asks one item of each picked type, and a vendor among 30.
picker_workspace() {
  new_workspace
  mkdir -p checklists
  local vendors="" k
  for k in $(seq 1 30); do vendors+="${vendors:+, }{\"value\": \"v$k\", \"label\": \"Vendor $k\"}"; done
  cat > checklists/picks.json <<JSON
{
  "cna": 1, "id": "picks", "version": "1.0.0", "title": "Picks",
  "sections": [{"id": "s", "title": "Picks", "items": [
    {"id": "site", "type": "choice", "prompt": "Which site?", "help": "h", "source": false,
     "options": [{"value": "werk", "label": "Werk Nord"}, {"value": "lager", "label": "Außenlager Süd"},
                 {"value": "buero", "label": "Büro München"}]},
    {"id": "areas", "type": "multi", "prompt": "Which areas?", "help": "h", "source": false,
     "options": [{"value": "inbound", "label": "Inbound"}, {"value": "storage", "label": "Storage"},
                 {"value": "outbound", "label": "Outbound"}, {"value": "returns", "label": "Returns"}]},
    {"id": "pilot", "type": "yesno", "prompt": "A pilot first?", "help": "h", "source": false},
    {"id": "urgency", "type": "scale", "prompt": "How urgent?", "help": "h", "source": false,
     "labels": ["Not urgent", "Low", "Moderate", "High", "Critical"]},
    {"id": "owner", "type": "person", "prompt": "Who owns it?", "help": "h", "source": false},
    {"id": "vendor", "type": "choice", "prompt": "Which vendor today?", "help": "h", "source": false,
     "options": [$vendors]}
  ]}]
}
JSON
  printf '{"cna": 1, "default_checklist": "picks"}\n' > cna.json
  run "$CNA" who acme add dana-lee --name "Dana Lee" --title "VP Operations"
  run "$CNA" who acme add jorg --name "Jörg Schäfer"
}
answer_of() { jq -c ".answers.$1.value" "$WS/assessments/acme.json"; }
# The picker is up: its keys line, and the prompt as the last line.
wait_picker() { wait_for 'Enter picks'; wait_prompt; }
# The picker erased (its key line gone) and the prompt back. Polled: Esc reaches the picker only
# after libtermkey's wait for a longer sequence, so one look right after sending it can still see
# the picker on a loaded machine.
picker_gone() {
  for _ in $(seq 1 100); do
    screen | grep -qF 'Enter picks' || { wait_prompt; return 0; }
    sleep 0.05
  done
  echo "--- screen:"; screen; fail "the picker is still drawn"
}

for size in 80x24 200x50; do
  export WALK_COLS=${size%x*} WALK_ROWS=${size#*x}

  case_ "$size: arrows and Enter pick an option; the screen keeps one line saying what was picked"
  picker_workspace
  start_walk
  wait_picker
  screen | grep -qF '❯ Werk Nord' || fail "the cursor is not on the first option"
  send Down; wait_for '❯ Außenlager Süd'
  send Enter; wait_for 'saved: Außenlager Süd'
  [ "$(answer_of site)" = '"lager"' ] || fail "site saved as $(answer_of site)"
  screen | grep -qx '> Außenlager Süd' || fail "no line saying what was picked"
  ! screen | grep -qF '❯ Werk Nord' || fail "the picker's rows were left on the screen"
  ok

  case_ "$size: space ticks in a multi, Enter saves the ticked ones"
  wait_picker; wait_for '[ ] Inbound'
  send Down; send Space; send Down; send Down; send Space; wait_for '[x] Returns'
  send Enter; wait_for '    Returns'
  [ "$(answer_of areas)" = '["storage","returns"]' ] || fail "areas saved as $(answer_of areas)"
  ok

  case_ "$size: a typed value still works as typed (n at a yes/no)"
  wait_picker; wait_for '❯ yes'
  send n Enter; wait_for 'saved: no'
  [ "$(answer_of pilot)" = 'false' ] || fail "pilot saved as $(answer_of pilot)"
  ok

  case_ "$size: typing filters a scale by its labels (crit) and Enter picks the match"
  wait_picker; wait_for '1 Not urgent'
  send -l 'CRIT'; wait_for '1 of 5'
  screen | grep -qF '❯ 5 Critical' || fail "the filter did not keep Critical"
  ! screen | grep -qx '  3 Moderate' || fail "the filter kept Moderate"
  send Enter; wait_for 'saved: 5 of 5 (Critical)'
  [ "$(answer_of urgency)" = '5' ] || fail "urgency saved as $(answer_of urgency)"
  ok

  case_ "$size: a person is picked by a non-ASCII filter in other case (SCHÄ finds Jörg Schäfer)"
  wait_picker; wait_for 'Dana Lee'
  send -l 'SCHÄ'; wait_for '1 of 2'
  screen | grep -qF '❯ Jörg Schäfer' || fail "the filter did not find Jörg Schäfer"
  send Enter; wait_for 'saved: Jörg Schäfer'
  [ "$(answer_of owner)" = '"jorg"' ] || fail "owner saved as $(answer_of owner)"
  ok

  case_ "$size: a long list scrolls with the cursor and fits the terminal"
  wait_picker; wait_for '❯ Vendor 1'
  send Up; wait_for '❯ Vendor 30'
  ! screen | grep -qx '  Vendor 1  (v1)' || fail "the first vendor is still drawn at the end of the list"
  rows=$(tm capture-pane -t walk -p | grep -cE '^(❯| ) Vendor [0-9]+  \(v[0-9]+\)$') || true
  [ "$rows" -ge 3 ] && [ "$rows" -le $((WALK_ROWS - 6)) ] || fail "$rows rows drawn in $WALK_ROWS lines"
  send Up; send Up; wait_for '❯ Vendor 28'
  send Enter; wait_for 'saved: Vendor 28'
  [ "$(answer_of vendor)" = '"v28"' ] || fail "vendor saved as $(answer_of vendor)"
  wait_for 'Read the answers back now?'; send Enter; wait_for 'EXIT=0'
  [ "$(cat "$WS/stty.before")" = "$(cat "$WS/stty.after")" ] || fail "the terminal's modes were not restored"
  ok

  case_ "$size: with an answer on file the picker starts on it; Esc goes back to typing text"
  start_cna start acme --review
  wait_picker; wait_for '❯ Außenlager Süd'
  send Escape; picker_gone
  # The line editor starts with the answer on file, ready to edit, as without a picker.
  screen | grep -qx '> lager' || fail "the line editor does not hold the answer"
  send C-u; send -l 'Büro München'; send Enter; wait_for 'saved: Büro München'
  [ "$(answer_of site)" = '"buero"' ] || fail "site saved as $(answer_of site)"
  wait_picker
  screen | grep -qF '[x] Storage' || fail "the multi's answer is not ticked"
  screen | grep -qF '[x] Returns' || fail "the multi's answer is not ticked"
  send Enter; wait_picker; wait_for '❯ no'
  ok

  case_ "$size: Ctrl-C cancels a picker (typing goes on); a second Ctrl-C ends the walk"
  send C-c; wait_for 'cancelled; type it instead'
  picker_gone
  send C-u; send y Enter; wait_for 'saved: yes'
  [ "$(answer_of pilot)" = 'true' ] || fail "pilot saved as $(answer_of pilot)"
  wait_picker
  send C-c; wait_for 'cancelled; type it instead'
  send C-c; wait_for 'EXIT=130'
  [ "$(cat "$WS/stty.before")" = "$(cat "$WS/stty.after")" ] || fail "the terminal's modes were not restored"
  [ "$(answer_of urgency)" = '5' ] || fail "urgency changed to $(answer_of urgency)"
  ok
done

case_ "a walk command typed at a picker runs as typed (:skip, :quit)"
picker_workspace
start_walk
wait_picker
send -l ':skip'; send Enter; wait_for '[ ] Inbound'
send -l ':quit'; send Enter; wait_for 'EXIT=0'
jq -e '.answers.site == null' "$WS/assessments/acme.json" >/dev/null || fail "site was answered"
ok

export WALK_COLS=80 WALK_ROWS=24

case_ ":from alone picks who is speaking; :goto alone picks the item; Ctrl-C cancels only them"
picker_workspace
start_walk
wait_picker
send -l ':from'; send Enter; wait_for '  from:'
screen | grep -qF '❯ Dana Lee  (dana-lee · VP Operations)' || fail "the stakeholders are not listed"
send Down; send Enter; wait_for 'source: Jörg Schäfer'
wait_picker
send -l ':from'; send Enter; wait_for '❯ Jörg Schäfer' # starts on the source
send C-c; wait_for 'cancelled'
wait_picker
! screen | grep -q 'EXIT=' || fail "Ctrl-C in the :from picker ended the walk"
send -l ':goto'; send Enter; wait_for '  goto:'
send -l 'VENDOR'; wait_for '1 of 6'
send Enter; wait_for 'Which vendor today?'
wait_picker; wait_for '❯ Vendor 1'
send -l ':quit'; send Enter; wait_for 'EXIT=0'
ok

case_ "--with alone picks the attendees at a terminal (space ticks); from a pipe it is refused"
picker_workspace
start_cna start acme --with
wait_for 'Who are you talking to?'; wait_for '❯ [ ] Dana Lee'
send Space; send Down; send Space; wait_for '[x] Jörg Schäfer'
send Enter; wait_for 'with: Dana Lee, Jörg Schäfer'
wait_for 'Meeting purpose'; send -l 'Kickoff Süd'; send Enter
wait_picker
send -l ':quit'; send Enter; wait_for 'EXIT=0'
[ "$(jq -c '.meetings[0].attendees' "$WS/assessments/acme.json")" = '["dana-lee","jorg"]' ] ||
  fail "attendees saved as $(jq -c '.meetings[0].attendees' "$WS/assessments/acme.json")"
expect_status 2 "$CNA" start acme --with </dev/null
expect_contains "$ERR" "--with names who you are talking to"
ok

case_ "the read-back picks yes, edit (with the item's picker) and skip"
picker_workspace
run "$CNA" answer acme site werk
run "$CNA" answer acme pilot yes
run "$CNA" answer acme urgency 2
start_cna confirm acme
wait_for 'You were told: Werk Nord'; wait_for '❯ yes: still right'; wait_prompt
send Enter; wait_for 'confirmed'
wait_for 'You were told: yes'; wait_prompt
send Down; send Enter; wait_for '❯ yes'; wait_for 'new>' # edit: the yes/no picker, on the answer
send Down; send Enter; wait_for 'saved and confirmed'
wait_for 'You were told: 2'; wait_prompt
send -l 'skip'; send Enter; wait_for 'skipped'
wait_for 'EXIT=0'
jq -e '.answers.site.confirmed_at != null and .answers.pilot.value == false and
  .answers.pilot.confirmed_at != null and .answers.urgency.confirmed_at == null' \
  "$WS/assessments/acme.json" >/dev/null || fail "the read-back did not save what was picked"
ok

case_ "Ctrl-D at a picker with nothing typed ends input, as at the line editor (exit 3)"
picker_workspace
start_walk
wait_picker
send -l 'x'; send C-d; sleep 0.2
! screen | grep -q 'EXIT=' || fail "Ctrl-D with a filter typed ended the walk"
send BSpace; send C-d; wait_for 'EXIT=3'
[ "$(cat "$WS/stty.before")" = "$(cat "$WS/stty.after")" ] || fail "the terminal's modes were not restored"
ok

case_ "from a pipe there is no picker: the text grammar reads the lines"
picker_workspace
printf '2\n1,3\ny\n4\n1\n30\n' | "$CNA" start acme > out.txt
! grep -qF 'Enter picks' out.txt || fail "a picker was drawn into a pipe"
[ "$(answer_of site)" = '"lager"' ] && [ "$(answer_of areas)" = '["inbound","outbound"]' ] &&
  [ "$(answer_of vendor)" = '"v30"' ] || fail "the piped answers were not read as typed"
ok

done_
