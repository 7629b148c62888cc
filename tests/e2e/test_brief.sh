#!/usr/bin/env bash
# `cna brief`: the sheet for the next meeting through the real binary. First what the rep needs
# in the room with the people they meet (the meeting, the next steps, what to ask them, what to
# re-confirm with them, the power base's gaps), then the blockers counted by reason; names, never
# ids; one screen (24 lines of 80 columns) for a typical account; text, Markdown and JSON.
set -euo pipefail
source "$(dirname "$0")/gate_lib.sh"
EXAMPLES="$CNA_SOURCE_DIR/examples"
export LC_ALL=C.UTF-8 # wc -L counts display columns

# "acme" confirmed on 23 Nov, then three items turned unknown: one owed by Lee Chan (a
# stakeholder), two by our own people (sam, and dana who is nobody on file).
open_account() {
  walked_account
  run "$CNA" confirm acme --yes
  run "$CNA" answer acme criteria --unknown --owner lee-chan --due 2026-12-10
  run "$CNA" answer acme stage --unknown --owner sam --due 2026-11-20
  run "$CNA" answer acme decide_by --unknown --owner dana --due 2026-11-01
}

# The example account copied, Dana Lee's decision date turned unknown: a typical account before
# its second meeting.
example_account() {
  new_workspace
  cp -R "$EXAMPLES/workspace/." "$WS/"
  run "$CNA" answer acme decision_date --unknown --owner dana-lee --due 2026-12-10
}


case_ "what to ask whom: unknowns they own, missing items of their area, what our own people owe"
open_account
expect_status 0 "$CNA" brief acme
expect_contains "$OUT" $'Brief · acme · 2026-11-23 · with Dana Lee, Lee Chan\nBLOCKED: 3 of 7 items hold the gate · 4 answered · 4 confirmed'
expect_contains "$OUT" $'\nAsk Lee Chan\n  Criteria? (unknown, due 2026-12-10)\n'
expect_contains "$OUT" $'Ours to find out\n  OVERDUE Decision date? (dana, due 2026-11-01)\n  OVERDUE Budget stage? (sam, due 2026-11-20)\n'
expect_contains "$OUT" $'\nBlockers: 3 unknown'
# Only the people in the room: Lee Chan's question is not for Dana Lee's meeting.
expect_status 0 "$CNA" brief acme --with "Dana Lee"
expect_contains "$OUT" "· with Dana Lee"$'\n'
expect_not_contains "$OUT" "Ask Lee Chan"
expect_contains "$OUT" "Ours to find out"
# A new account: Dana Lee spoke to the needs, so the rest of them are hers to answer; the
# decision is nobody's area yet.
gate_workspace
run "$CNA" answer acme goal "Grow in the north" --source dana-lee
expect_status 0 "$CNA" brief acme --with dana-lee
expect_contains "$OUT" $'Ask Dana Lee\n  Story?\n  Budget stage?\n  Criteria?\nAsk anyone\n  Decision date?\n'
expect_contains "$OUT" "Blockers: 6 missing · 1 unconfirmed"
expect_status 2 "$CNA" brief acme --with nobody-here
expect_contains "$ERR" 'no stakeholder "nobody-here" in acme'
ok

case_ "what to re-confirm with whom: stale, changed, and what goes stale within a week"
open_account
sed -i 's/"Story?"/"What is the story so far?"/' checklists/gate.json
CNA_NOW=2026-12-18T10:00:00Z expect_status 0 "$CNA" brief acme --full
expect_contains "$OUT" $'Re-confirm with Dana Lee\n  What is the story so far?: We lost two plants.… (the question changed)\n  What is the goal?: Grow in the north (stale on 2026-12-23)\n'
expect_contains "$OUT" "  Partner?: n/a: direct deal (stale on 2026-12-23)"
expect_contains "$OUT" $'Re-confirm\n  Our next step?: Book a demo (stale since 2026-11-30)\n'
CNA_NOW=2026-12-18T10:00:00Z expect_status 0 "$CNA" brief acme --with lee-chan
expect_not_contains "$OUT" "Re-confirm with Dana Lee"
expect_contains "$OUT" "Our next step?: Book a demo" # anyone may re-confirm ours
ok

case_ "the power base's gaps and the blockers are one line each, by name"
open_account
expect_status 0 "$CNA" brief acme
expect_contains "$OUT" $'\nPower base: single-threaded: every answer from Dana Lee\n'
expect_not_contains "$OUT" "no champion"
run "$CNA" who acme edit lee-chan --role user
expect_status 0 "$CNA" brief acme
expect_contains "$OUT" "Power base: no champion; single-threaded: every answer from Dana Lee"
ok

case_ "a role established by an answer counts in the power base (discovery's economic_buyer, champion)"
new_workspace
run "$CNA" who acme add katrin-vogel --name "Katrin Vogel"
run "$CNA" who acme add raj-patel --name "Raj Patel"
expect_status 0 "$CNA" brief acme
expect_contains "$OUT" "Power base: no economic buyer; no champion"
run "$CNA" answer acme economic_buyer katrin-vogel --source katrin-vogel
run "$CNA" answer acme champion raj-patel --source raj-patel
expect_status 0 "$CNA" brief acme
expect_not_contains "$OUT" "no economic buyer"
expect_not_contains "$OUT" "no champion"
ok

case_ "the meeting and the next steps come first; the room defaults to the next meeting's attendees"
open_account
run "$CNA" meeting acme add --purpose "Kick-off" --with dana-lee,lee-chan --date 2026-11-02 --outcome "Scope agreed"
expect_status 0 "$CNA" brief acme
[ "$(sed -n 4p <<<"$OUT")" = "Last met 2026-11-02: Kick-off → Scope agreed" ] || fail "no last meeting: $OUT"
run "$CNA" meeting acme add --purpose "Criteria workshop" --with lee-chan --date 2026-11-25
run "$CNA" next acme add Send the pilot plan --owner lee-chan --due 2026-11-22
expect_status 0 "$CNA" brief acme
[ "$(sed -n 1,6p <<<"$OUT")" = "Brief · acme · 2026-11-23 · with Lee Chan
BLOCKED: 3 of 7 items hold the gate · 4 answered · 4 confirmed

Meeting 2026-11-25: Criteria workshop
Next steps
  OVERDUE Send the pilot plan · Lee Chan · due 2026-11-22" ] || fail "the brief does not start with the meeting and the next steps: $OUT"
expect_contains "$OUT" "Ask Lee Chan"
ok

case_ "names, never ids, and one screen: the example account before its next meetings"
example_account
for now in 2026-11-23 2026-12-01 2026-12-18 2027-01-30; do
  for with in "" dana-lee mia-chen,raj-patel; do
    CNA_NOW=${now}T10:00:00Z expect_status 0 "$CNA" brief acme ${with:+--with "$with"}
    expect_one_screen
    for id in dana-lee mia-chen raj-patel decision_date business_goal current_approach; do
      expect_not_contains "$OUT" "$id"
    done
  done
done
CNA_NOW=2026-12-18T10:00:00Z expect_status 0 "$CNA" brief acme
expect_contains "$OUT" $'\nAsk Dana Lee\n  By what date does the customer intend to decide? (OVERDUE since 2026-12-10)\n'
expect_contains "$OUT" "  … and "
expect_contains "$OUT" $'\n(all of it: cna brief acme --full)'
expect_contains "$OUT" $'\nBlockers: 1 unknown · 1 stale\n'
CNA_NOW=2026-12-18T10:00:00Z expect_status 0 "$CNA" brief acme --full
[ "$(printf '%s\n' "$OUT" | wc -l)" -gt 30 ] || fail "--full is not the whole brief: $OUT"
expect_contains "$OUT" "    - What is driving that date?"
expect_not_contains "$OUT" "… and "
ok

case_ "the README's captured screen is what the brief prints"
example_account
CNA_NOW=2026-12-18T10:00:00Z expect_status 0 "$CNA" brief acme --with dana-lee,raj-patel
screen=$(awk '/^<!-- brief-screen: /{at=1; next} at==1 && /^```$/{at=2; next} at==2 && /^```$/{exit} at==2' \
  "$CNA_SOURCE_DIR/README.md")
[ -n "$screen" ] || fail "no captured screen in the README"
[ "$screen" = "$OUT" ] || fail "the README's screen differs: $(diff <(printf '%s\n' "$screen") <(printf '%s\n' "$OUT"))"
expect_one_screen
ok

case_ "long lines wrap by display width, wide characters count twice"
example_account
run "$CNA" next acme add "$(printf 'Prepare the rollout plan for every regional office %.0s' 1 2 3)" --owner "Sam Rep" --due 2026-12-20
run "$CNA" answer acme business_goal "$(printf '目標%.0s' $(seq 60))" --source dana-lee
run "$CNA" confirm acme --yes
CNA_NOW=2026-12-18T10:00:00Z expect_status 0 "$CNA" brief acme --full
[ "$(printf '%s\n' "$OUT" | wc -L)" -le 80 ] || fail "wider than 80 columns: $OUT"
expect_contains "$OUT" $'  Prepare the rollout plan for every regional office Prepare the rollout plan\n    for every regional office'
expect_contains "$OUT" "  What you want to accomplish: 目標"
expect_contains "$OUT" "…"" (stale on 2026-12-23)"
ok

case_ "--json (and --format json) has the documented shape"
open_account
run "$CNA" meeting acme add --purpose "Criteria workshop" --with lee-chan --date 2026-11-25
expect_status 0 "$CNA" brief acme --format json
echo "$OUT" > brief.json
expect_status 0 "$CNA" brief acme --json
[ "$OUT" = "$(cat brief.json)" ] || fail "--json and --format json differ"
expect_status 2 "$CNA" brief acme --json --format md
expect_contains "$ERR" "--json and --format md disagree"
[ "$(jq -c 'keys_unsorted' brief.json)" = \
  '["cna_brief","account","name","checklist","date","ready","applicable","answered","confirmed","with","meeting","last_meeting","next_steps","asks","open_questions","ours","blockers","unknowns","reconfirm","power_base","gaps","questions"]' ] ||
  fail "keys: $(jq -c keys_unsorted brief.json)"
[ "$(jq -c '[.cna_brief, .account, .checklist.id, .date, .ready, .applicable]' brief.json)" = \
  '[2,"acme","gate","2026-11-23",false,7]' ] || fail "head: $(jq -c . brief.json)"
[ "$(jq -c '[.with, .meeting.purpose, .last_meeting]' brief.json)" = \
  '[[{"id":"lee-chan","name":"Lee Chan"}],"Criteria workshop",null]' ] || fail "room: $(jq -c . brief.json)"
[ "$(jq -c '[.asks[] | [.item, .who, .who_name, .reason, .due, .overdue]]' brief.json)" = \
  '[["criteria","lee-chan","Lee Chan","unknown","2026-12-10",false]]' ] || fail "asks: $(jq -c .asks brief.json)"
[ "$(jq -c .ours brief.json)" = \
  '["OVERDUE Decision date? (dana, due 2026-11-01)","OVERDUE Budget stage? (sam, due 2026-11-20)"]' ] ||
  fail "ours: $(jq -c .ours brief.json)"
[ "$(jq -c '[.blockers[] | [.item, .reason]]' brief.json)" = \
  '[["stage","unknown"],["criteria","unknown"],["decide_by","unknown"]]' ] || fail "blockers: $(jq -c .blockers brief.json)"
[ "$(jq -c '[.unknowns[] | [.item, .owner, .due, .overdue]]' brief.json)" = \
  '[["decide_by","dana","2026-11-01",true],["stage","sam","2026-11-20",true],["criteria","lee-chan","2026-12-10",false]]' ] ||
  fail "unknowns: $(jq -c .unknowns brief.json)"
[ "$(jq -c '.power_base[0] | [.id, .roles, .said[0]]' brief.json)" = \
  '["dana-lee",["economic-buyer"],{"item":"goal","state":"answered","value":"Grow in the north","answer":"Grow in the north"}]' ] ||
  fail "power base: $(jq -c .power_base brief.json)"
[ "$(jq -c '.questions[] | select(.item == "decide_by") | .clarify' brief.json)" = \
  '["Who signs?","What could delay it?"]' ] || fail "questions"
# The meeting is planned (the 25th): it meets nobody yet, so nobody met is recorded and "not met
# yet" says nothing. Once it was held, Lee Chan is met and Dana Lee is not.
[ "$(jq -c .gaps brief.json)" = '["single-threaded: every answer from Dana Lee"]' ] ||
  fail "gaps: $(jq -c .gaps brief.json)"
CNA_NOW=2026-12-18T10:00:00Z expect_status 0 "$CNA" brief acme --json --with dana-lee
[ "$(jq -c .gaps <<<"$OUT")" = '["not met yet: Dana Lee","single-threaded: every answer from Dana Lee"]' ] ||
  fail "gaps after the meeting: $(jq -c .gaps <<<"$OUT")"
[ "$(jq -c '[.reconfirm[] | select(.item == "goal") | [.why, .with, .with_name]]' <<<"$OUT")" = \
  '[["soon","dana-lee","Dana Lee"]]' ] || fail "reconfirm: $(jq -c .reconfirm <<<"$OUT")"
ok

case_ "open questions are asked of the person they name in the room, the others on their own; JSON lists each"
example_account
run "$CNA" question acme add "Does the works council need a formal agreement?" --who dana-lee --due 2026-12-15
run "$CNA" question acme add "Who signs the DPA?" --who raj-patel --due 2026-12-01
run "$CNA" question acme add "Is a pilot site free in January?"
CNA_NOW=2026-12-08T10:00:00Z expect_status 0 "$CNA" brief acme --with dana-lee
expect_one_screen
expect_contains "$OUT" $'\nAsk Dana Lee\n  Does the works council need a formal agreement? (due 2026-12-15)\n  By what date does the customer intend to decide? (unknown, due 2026-12-10)\n'
expect_contains "$OUT" $'\nOpen questions and assumptions\n  OVERDUE Who signs the DPA? · ask Raj Patel · due 2026-12-01\n  Is a pilot site free in January?\n'
expect_contains "$OUT" "Blockers: 1 unknown · 1 stale · 1 open-question"
# Raj Patel in the room: his question is his, overdue, before the items of his area.
CNA_NOW=2026-12-08T10:00:00Z expect_status 0 "$CNA" brief acme --with raj-patel,dana-lee
expect_contains "$OUT" $'\nAsk Raj Patel\n  Who signs the DPA? (OVERDUE since 2026-12-01)\n'
expect_contains "$OUT" $'\nOpen questions and assumptions\n  Is a pilot site free in January?\n'
expect_not_contains "$OUT" "ask Raj Patel"
CNA_NOW=2026-12-08T10:00:00Z expect_status 0 "$CNA" brief acme --with dana-lee --format md
expect_contains "$OUT" $'\n## Ask Dana Lee\n\n- Does the works council need a formal agreement? \\(due 2026-12-15\\)\n'
expect_contains "$OUT" $'\n## Open questions and assumptions\n\n- OVERDUE Who signs the DPA? · ask Raj Patel · due 2026-12-01\n- Is a pilot site free in January?\n'
CNA_NOW=2026-12-08T10:00:00Z expect_status 0 "$CNA" brief acme --with dana-lee --json
[ "$(jq -c '[.open_questions[] | [.item, .text, .who, .who_name, .due, .overdue]]' <<<"$OUT")" = \
  '[["open_questions","Who signs the DPA?","raj-patel","Raj Patel","2026-12-01",true],["open_questions","Does the works council need a formal agreement?","dana-lee","Dana Lee","2026-12-15",false],["open_questions","Is a pilot site free in January?","","","",false]]' ] ||
  fail "open questions: $(jq -c .open_questions <<<"$OUT")"
ok

case_ "text, Markdown and JSON escape what answers carry"
walked_account
"$CNA" answer acme goal $'Grow <script>alert(1)</script> [x](javascript:alert(1)) a|b \e]0;pwned\a' \
  --source dana-lee >/dev/null
"$CNA" answer acme criteria "www.evil.example" "mail me@evil.example" --source dana-lee >/dev/null
expect_status 0 "$CNA" brief acme --format md
case "$OUT" in *$'\e'*) fail "a raw escape reached the Markdown" ;; esac
expect_contains "$OUT" '\[x\]\(javascript\:alert\(1\)\) a\|b'
expect_contains "$OUT" '- What is the goal?: Grow'
if command -v cmark-gfm >/dev/null; then
  html=$(printf '%s\n' "$OUT" | cmark-gfm -e table -e autolink)
  expect_not_contains "$html" "<script" "the rendered Markdown"
  expect_not_contains "$html" "<a href" "the rendered Markdown"
  expect_contains "$html" "<h2>Power base</h2>" "the rendered Markdown"
fi
"$CNA" answer acme story $'\e]0;pwned\a <b>' --source dana-lee >/dev/null
"$CNA" confirm acme --yes >/dev/null
CNA_NOW=2026-12-18T10:00:00Z expect_status 0 "$CNA" brief acme
expect_contains "$OUT" 'Story?: \x1b]0;pwned\x07 <b> (stale on 2026-12-23)'
expect_contains "$OUT" 'What is the goal?: Grow <script>alert(1)</script> [x](j… (stale on 2026-12-23)'
case "$OUT" in *$'\e'*) fail "a raw escape reached the terminal" ;; esac
expect_status 0 "$CNA" brief acme --format json
printf '%s\n' "$OUT" | jq -e '.power_base[0].said[0].answer | contains("\u001b]0;pwned")' >/dev/null ||
  fail "JSON does not carry the answer intact"
ok

case_ "a ready account's brief says so; bad format and unknown account are usage errors"
walked_account
"$CNA" confirm acme --yes >/dev/null
expect_status 0 "$CNA" brief acme
expect_contains "$OUT" "READY · 7 of 7 answered · 7 confirmed"
expect_not_contains "$OUT" "Blockers"
expect_not_contains "$OUT" "Ask "
expect_status 2 "$CNA" brief acme --format pdf
expect_status 2 "$CNA" brief nowhere
expect_contains "$ERR" 'no account "nowhere"'
ok

done_
