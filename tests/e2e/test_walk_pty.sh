#!/usr/bin/env bash
# The walk in a real terminal (tmux): line editing, Ctrl-C / Ctrl-D / SIGTERM / SIGHUP, the
# terminal's modes restored, answers kept, escape sequences shown escaped.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

source "$(dirname "$0")/pty_lib.sh"

case_ "Ctrl-C at the prompt saves and exits 130, restoring the terminal"
new_workspace
start_walk
send ':who Dana Lee' Enter; wait_for 'title (optional)'
send 'VP Operations' Enter; wait_for 'role ('
send 'economic-buyer' Enter; wait_for 'source: Dana Lee'
send 'We run three plants' Enter '' Enter; wait_for 'saved'
send 'y' Enter; wait_for '[ 3/'
send C-c; wait_for 'EXIT='
screen | grep -q 'EXIT=130' || fail "expected exit 130"
screen | grep -q 'every accepted answer is saved' || fail "no interruption message"
expect_json '.answers.current_approach.value' '"We run three plants"'
expect_json '.answers.has_incumbent.value' 'true'
wait_file "$WS/stty.after"
cmp -s "$WS/stty.before" "$WS/stty.after" || fail "terminal modes not restored"
ok

case_ "Ctrl-D on an empty line is the end of input: exit 3, answers kept"
new_workspace
start_walk --name "'Acme Corp'"
send 'Line one' Enter 'Line two' Enter '' Enter; wait_for 'saved'
send C-d; wait_for 'EXIT='
screen | grep -q 'EXIT=3' || fail "expected exit 3"
screen | grep -q 'items left' || fail "no count of items left"
expect_json '.answers.current_approach.value' '"Line one\nLine two"'
expect_json '.name' '"Acme Corp"'
ok

case_ "SIGTERM and SIGHUP save and exit 143 / 129"
for sig in TERM:143 HUP:129; do
  new_workspace
  start_walk
  send 'Answer before the signal' Enter '' Enter; wait_for 'saved'
  # Only this pane's cna: other suites may be walking "acme" at the same time.
  pkill -"${sig%%:*}" -P "$(tm display-message -p -t walk '#{pane_pid}')" || fail "no cna to signal"
  wait_for 'EXIT='
  screen | grep -q "EXIT=${sig##*:}" || { screen; fail "expected exit ${sig##*:} on SIG${sig%%:*}"; }
  expect_json '.answers.current_approach.value' '"Answer before the signal"'
done
ok

case_ "Ctrl-C in the middle of a longtext entry: 130, terminal restored, no half answer saved"
new_workspace
start_walk
send 'We run three plants' Enter '' Enter; wait_for 'saved'
send 'y' Enter; wait_for '[ 3/'
send ':goto business_goal' Enter; wait_for 'trying to accomplish'
send 'First line of the goal' Enter 'Second line' Enter; sleep 0.2
send C-c; wait_for 'EXIT='
screen | grep -q 'EXIT=130' || fail "expected exit 130"
expect_json '.answers.current_approach.value' '"We run three plants"'
expect_json '.answers.has_incumbent.value' 'true'
expect_json '.answers.business_goal' 'null'
wait_file "$WS/stty.after"
cmp -s "$WS/stty.before" "$WS/stty.after" || fail "terminal modes not restored"
ok

case_ "SIGTERM during cna confirm in a terminal: 143, terminal restored, confirmations kept"
new_workspace
"$CNA" who acme add dana-lee --name "Dana Lee" >/dev/null
for item in business_goal current_approach next_step; do
  "$CNA" answer acme "$item" "Said by Dana about $item" --source dana-lee >/dev/null
done
start_cna confirm acme
wait_for 'Said by Dana about'
send 'y' Enter
for _ in $(seq 1 100); do
  [ "$(jq '[.answers[] | select(.confirmed_at)] | length' "$WS/assessments/acme.json")" = 1 ] && break
  sleep 0.05
done
pkill -TERM -P "$(tm display-message -p -t walk '#{pane_pid}')" || fail "no cna to signal"
wait_for 'EXIT='
screen | grep -q 'EXIT=143' || { screen; fail "expected exit 143"; }
expect_json '[.answers[] | select(.confirmed_at)] | length' '1'
expect_json '[.answers[] | select(.value | tostring | startswith("Said by Dana"))] | length' '3'
wait_file "$WS/stty.after"
cmp -s "$WS/stty.before" "$WS/stty.after" || fail "terminal modes not restored"
ok

case_ "escape sequences in an answer and a checklist never reach the terminal raw"
new_workspace
mkdir -p "$WS/checklists"
printf '%s\n' '{"cna":1,"id":"evil","version":"1.0.0","title":"Evil \u001b]0;pwned\u0007 title",' \
  '"sections":[{"id":"s","title":"S\u202eX","items":[' \
  '{"id":"a","type":"text","prompt":"Say \u001b[2J hi","help":"h","source":false},' \
  '{"id":"b","type":"text","prompt":"Next","help":"h","source":false}]}]}' > "$WS/checklists/evil.json"
printf 'boom \033[31mred\n:quit\n' | "$CNA" start acme --checklist evil >/dev/null
start_walk
send ':goto a' Enter; wait_for 'now:'
screen | grep -qF 'Say \x1b[2J hi' || fail "prompt escape not shown escaped"
screen | grep -qF 'boom \x1b[31mred' || fail "answer escape not shown escaped"
screen | grep -qF 'S<U+202E>X' || fail "bidi control not shown"
send ':quit' Enter; wait_for 'EXIT=0'
expect_json '.answers.a.value' '"boom \u001b[31mred"'
ok

case_ ":next at a terminal: saved in the walk's meeting at once, said with the owner's name and the weekday; the question stays"
new_workspace
run "$CNA" who acme add dana-lee --name "Dana Lee"
start_walk --with dana-lee --meeting Scope
send ':next Send the pilot plan @dana-lee due +3d' Enter
wait_for 'saved: next step'
screen | grep -qF 'Send the pilot plan · Dana Lee · due 2026-11-26 (Thu, in 3 days)' ||
  { screen; fail "what was saved is not shown"; }
wait_prompt
screen | grep -qF 'How does the customer handle this area today' || fail "the question moved on"
send ':quit' Enter; wait_for 'EXIT=0'
expect_json '.next_steps[0] | [.what, .owner, .due]' '["Send the pilot plan","dana-lee","2026-11-26"]'
expect_json '.next_steps[0].meeting == .meetings[0].id' 'true'
ok

done_
