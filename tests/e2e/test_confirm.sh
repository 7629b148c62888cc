#!/usr/bin/env bash
# `cna confirm`: the read-back through a pipe (y / e / s / q), --yes and --with, named items,
# stale and changed answers, the end of input, Ctrl-C, and the offer at the end of `cna start`.
set -euo pipefail
source "$(dirname "$0")/gate_lib.sh"

case_ "--yes --with someone who did not say them: recorded as it happened, the gate stays closed"
walked_account
expect_status 1 "$CNA" check acme
expect_status 0 "$CNA" confirm acme --yes --with lee-chan
expect_contains "$OUT" "confirmed  goal  Grow in the north (with Lee Chan)"
expect_contains "$OUT" "confirmed  partner  n/a: direct deal (with Lee Chan)"
expect_contains "$OUT" "Read back 7: 7 confirmed, 0 edited, 0 skipped."
expect_contains "$ERR" "cna: warning: goal: confirmed with Lee Chan, not with Dana Lee who said it; it still holds the gate"
expect_contains "$OUT" "  goal       wrong-confirmer  confirmed with Lee Chan, not with Dana Lee who said it"
expect_contains "$OUT" "BLOCKED: 6 of 7"
expect_json '[.answers[].confirmed_with] | unique' '["lee-chan"]'
expect_json '[.answers[].confirmed_by] | unique' '["Sam Rep"]'
expect_json '[.answers[].confirmed_at] | unique' '["2026-11-23T10:00:00Z"]'
expect_json '.answers.goal.source' '"dana-lee"'
expect_json '[.history[] | select(.action == "confirmed") | .item]' \
  '["goal","story","stage","criteria","decide_by","partner","plan"]'
expect_json '[.history[] | select(.action == "confirmed") | .source] | unique' '["lee-chan"]'
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "wrong-confirmer"
# Read back with the one who said them: the gate opens.
expect_status 0 "$CNA" confirm acme --yes --with dana-lee
expect_contains "$OUT" "Read back 6: 6 confirmed, 0 edited, 0 skipped."
expect_contains "$OUT" "READY"
expect_status 0 "$CNA" check acme
expect_status 0 "$CNA" confirm acme --yes
expect_contains "$OUT" "Nothing to read back"
ok

case_ "without --with each answer's own source confirms it"
walked_account
expect_status 0 "$CNA" -q confirm acme --yes
[ -z "$OUT" ] || fail "-q printed: $OUT"
expect_json '.answers.goal.confirmed_with' '"dana-lee"'
expect_json '.answers.plan | [.source, .confirmed_with]' '[null,null]'
expect_status 0 "$CNA" check acme
ok

case_ "read back through a pipe: y confirms, e takes a new value and confirms it, s skips"
walked_account
expect_status 0 "$CNA" confirm acme <<'IN'
y
e
A new story.
Second line.

s
yes
y
y
y
IN
expect_contains "$OUT" "[1/7] What is the goal?   goal · unconfirmed"
expect_contains "$OUT" "You were told: Grow in the north by Dana Lee on 23 Nov."
expect_contains "$OUT" "Still right? [y]es / [e]dit / [s]kip"
expect_contains "$OUT" "saved and confirmed"
expect_contains "$OUT" "Read back 7: 5 confirmed, 1 edited, 1 skipped."
expect_contains "$OUT" "  stage  unconfirmed"
expect_contains "$OUT" "BLOCKED: 1 of 7"
expect_json '.answers.story | [.value, .source, .confirmed_with]' \
  '["A new story.\nSecond line.","dana-lee","dana-lee"]'
expect_json '.answers.stage.confirmed_at' 'null'
expect_json '.answers.goal.confirmed_at' '"2026-11-23T10:00:00Z"'
expect_json '[.history[] | select(.item == "story") | .action]' '["answered","answered","confirmed"]'
ok

case_ "an edit refuses bad input with the walk's message, asks again; Enter keeps the old answer"
walked_account
expect_status 0 "$CNA" confirm acme stage goal --with "Lee Chan" <<'IN'
e

y
e
galaxy
2
IN
expect_contains "$OUT" "1) approved  2) identified  3) none"
expect_contains "$OUT" "not an option"
expect_json '.answers.stage | [.value, .source, .confirmed_with]' '["identified","lee-chan","lee-chan"]'
expect_json '.answers.goal | [.source, .confirmed_with]' '["dana-lee","lee-chan"]'
expect_json '.answers.story.confirmed_at' 'null'
ok

case_ "named items: exactly those; an unknown id is a usage error with a suggestion"
walked_account
expect_status 0 "$CNA" confirm acme goal --yes
expect_json '[.answers[] | select(.confirmed_at) ] | length' '1'
before=$(sha256sum assessments/acme.json)
expect_status 2 "$CNA" confirm acme gaol --yes
expect_contains "$ERR" 'no item "gaol" in checklist gate (did you mean goal?)'
expect_status 2 "$CNA" confirm acme story --yes --with nobody
expect_contains "$ERR" 'no stakeholder "nobody"'
expect_status 2 "$CNA" confirm nowhere --yes
expect_contains "$ERR" 'no account "nowhere"'
[ "$(sha256sum assessments/acme.json)" = "$before" ] || fail "a refused confirm changed the file"
ok

case_ "a named item that cannot be read back is reported and listed as still open"
gate_workspace
run "$CNA" answer acme goal "Grow" --source dana-lee
run "$CNA" answer acme decide_by --unknown --owner sam --due +7d
expect_status 0 "$CNA" confirm acme goal decide_by story --yes
expect_contains "$ERR" "not read back: decide_by is unknown: answer it first"
expect_contains "$ERR" "not read back: story has no answer to read back yet"
expect_contains "$OUT" "confirmed  goal  Grow (with Dana Lee)"
expect_contains "$OUT" "decide_by  unknown      sam to find out by 2026-11-30"
expect_contains "$OUT" "story      missing"
ok

case_ "the read-back says the option's label the rep chose, not the value stored"
new_workspace
run "$CNA" who acme add dana-lee --name "Dana Lee"
run "$CNA" answer acme solution_scope team --source dana-lee
expect_status 0 "$CNA" confirm acme solution_scope <<<'y'
expect_contains "$OUT" "You were told: One team or site by Dana Lee on 23 Nov."
run "$CNA" answer acme solution_scope pilot --source dana-lee
expect_status 0 "$CNA" confirm acme solution_scope --yes
expect_contains "$OUT" "confirmed  solution_scope  Pilot or proof of concept (with Dana Lee)"
ok

case_ "stale and changed answers are read back again"
walked_account
"$CNA" confirm acme --yes >/dev/null
CNA_NOW=2027-01-02T10:00:00Z expect_status 0 "$CNA" confirm acme <<<$'y\ny\ny\ny\ny\ny\ny'
expect_contains "$OUT" "goal · stale: confirmed 40 days ago (re-confirm every 30 days)"
expect_contains "$OUT" "You were told: Grow in the north by Dana Lee on 23 Nov 2026."
expect_contains "$OUT" $'You were told by Dana Lee on 23 Nov 2026:\n    We lost two plants.\n    It hurts.\n'
expect_json '.answers.goal.confirmed_at' '"2027-01-02T10:00:00Z"'
CNA_NOW=2027-01-02T10:00:00Z expect_status 0 "$CNA" check acme
sed -i 's/"What is the goal?"/"What outcome does the customer want?"/' checklists/gate.json
old_hash=$(jq -r .answers.goal.item_sha256 assessments/acme.json)
expect_status 0 "$CNA" confirm acme --yes
expect_contains "$OUT" "confirmed  goal  Grow in the north"
expect_contains "$OUT" "Read back 1:"
[ "$(jq -r .answers.goal.item_sha256 assessments/acme.json)" != "$old_hash" ] ||
  fail "the item's hash was not updated"
expect_status 0 "$CNA" check acme
ok

case_ "input ending before the read-back finishes exits 3; what was confirmed is saved"
walked_account
expect_status 3 "$CNA" confirm acme <<<'y'
expect_contains "$ERR" "input ended before the read-back finished; 6 left"
expect_json '.answers.goal.confirmed_at' '"2026-11-23T10:00:00Z"'
expect_json '.answers.story.confirmed_at' 'null'
expect_status 3 "$CNA" confirm acme </dev/null
expect_contains "$OUT" "Story?"
expect_not_contains "$OUT" "What is the goal?"
expect_status 0 "$CNA" confirm acme <<<$'y\nq'
expect_contains "$OUT" "Stopped; 5 left to read back"
expect_json '.answers.story.confirmed_at' '"2026-11-23T10:00:00Z"'
# A skipped answer is still to read back: 5 unconfirmed, one skipped, then q.
expect_status 0 "$CNA" confirm acme <<<$'s\nq'
expect_contains "$OUT" "Stopped; 5 left to read back"
expect_status 3 "$CNA" confirm acme <<<$'s\ns'
expect_contains "$ERR" "input ended before the read-back finished; 5 left"
ok

case_ "Ctrl-C during the read-back exits 130 with every confirmation so far saved"
walked_account
mkfifo "$WS/in"
exec 3<>"$WS/in"
"$CNA" confirm acme <"$WS/in" >"$WS/out" 2>"$WS/err" &
pid=$!
printf 'y\n' >&3
for _ in $(seq 1 100); do
  [ "$(jq -r .answers.goal.confirmed_at assessments/acme.json)" != null ] && break
  sleep 0.05
done
status=0
kill -INT "$pid"
wait "$pid" || status=$?
exec 3>&-
[ "$status" = 130 ] || fail "expected exit 130, got $status"
expect_contains "$(cat "$WS/err")" "every confirmation so far is saved"
expect_json '.answers.goal.confirmed_at' '"2026-11-23T10:00:00Z"'
expect_json '.answers.story.confirmed_at' 'null'
ok

case_ "the end of the walk offers the read-back: y runs it, anything else or the end of input ends 0"
gate_workspace
expect_status 0 sh -c '{ printf "%s\n" "$1"; printf "y\n%.0s" 1 2 3 4 5 6 7 8; } |
  "$CNA" start acme --with dana-lee' sh "$(walk_answers)"
expect_contains "$OUT" "Read the answers back now? [y/N]"
expect_contains "$OUT" "READY"
expect_status 0 "$CNA" check acme
walked_account
expect_contains "$(cat "$E2E_ROOT/walk.out")" "Later, with the customer: cna confirm acme"
expect_json '[.answers[] | select(.confirmed_at)] | length' '0'
gate_workspace
expect_status 3 sh -c '{ printf "%s\n" "$1"; printf "y\ny\n"; } | "$CNA" start acme --with dana-lee' \
  sh "$(walk_answers)"
expect_contains "$ERR" "input ended before the read-back finished; 6 left"
expect_json '[.answers[] | select(.confirmed_at)] | length' '1'
ok

done_
