#!/usr/bin/env bash
# `cna brief`: the pre-meeting sheet in text, Markdown and JSON through the real binary: open
# items with owner and due date (overdue first), what to re-confirm, the power base and its gaps,
# the clarifying questions, and escaping of what answers carry.
set -euo pipefail
source "$(dirname "$0")/gate_lib.sh"

# "acme" confirmed on 23 Nov, then three items turned unknown with their owners and due dates.
open_account() {
  walked_account
  "$CNA" confirm acme --yes >/dev/null
  "$CNA" answer acme criteria --unknown --owner lee-chan --due 2026-12-10 >/dev/null
  "$CNA" answer acme stage --unknown --owner sam --due 2026-11-20 >/dev/null
  "$CNA" answer acme decide_by --unknown --owner dana --due 2026-11-01 >/dev/null
}

case_ "the brief names every open item's owner and due date, overdue first"
open_account
expect_status 0 "$CNA" brief acme
expect_contains "$OUT" "Brief · acme (acme) · 2026-11-23"
expect_contains "$OUT" "BLOCKED: 3 of 7 applicable items hold the gate"
expect_contains "$OUT" "Unknowns to chase (overdue first)"
expect_contains "$OUT" "  decide_by  dana      due 2026-11-01  OVERDUE"
expect_contains "$OUT" "  stage      sam       due 2026-11-20  OVERDUE"
expect_contains "$OUT" "  criteria   lee-chan  due 2026-12-10"
unknowns=$(printf '%s\n' "$OUT" | sed -n '/^Unknowns/,/^$/p')
[ "$(printf '%s\n' "$unknowns" | grep -c OVERDUE)" = 2 ] || fail "overdue count: $unknowns"
printf '%s\n' "$unknowns" | sed -n 2p | grep -q decide_by || fail "decide_by is not first"
printf '%s\n' "$unknowns" | sed -n 4p | grep -q criteria || fail "criteria is not last"
expect_contains "$OUT" "  unknown (3)"
ok

case_ "what to re-confirm: stale, changed, and what goes stale within a week"
open_account
sed -i 's/"Story?"/"What is the story so far?"/' checklists/gate.json
CNA_NOW=2026-12-18T10:00:00Z expect_status 0 "$CNA" brief acme
expect_contains "$OUT" "To re-confirm"
expect_contains "$OUT" "  plan       stale    confirmed 25 days ago (re-confirm every 7 days)"
expect_contains "$OUT" "  story      changed  the item's definition changed since it was answered"
expect_contains "$OUT" "  goal       soon     goes stale on 2026-12-23"
expect_contains "$OUT" "  partner    soon     goes stale on 2026-12-23"
ok

case_ "the power base: who said what, and which roles are missing"
open_account
expect_status 0 "$CNA" brief acme
expect_contains "$OUT" "  Dana Lee (dana-lee) · VP Operations · economic-buyer"
expect_contains "$OUT" "    goal: Grow in the north"
expect_contains "$OUT" "    story: We lost two plants."
expect_contains "$OUT" "           It hurts."
expect_contains "$OUT" "    partner: n/a: direct deal"
expect_contains "$OUT" "  Lee Chan (lee-chan) · champion"
expect_contains "$OUT" "    nothing attributed yet"
expect_contains "$OUT" "  Missing: a single source for everything: Dana Lee (dana-lee)"
expect_not_contains "$OUT" "no champion"
"$CNA" who acme edit lee-chan --role user >/dev/null
expect_status 0 "$CNA" brief acme
expect_contains "$OUT" "  Missing: no champion"
ok

case_ "the clarifying questions of the open items"
open_account
expect_status 0 "$CNA" brief acme
expect_contains "$OUT" "Clarifying questions"
expect_contains "$OUT" "  decide_by  Decision date?"
expect_contains "$OUT" "    - Who signs?"
expect_contains "$OUT" "    - What could delay it?"
expect_contains "$OUT" "  criteria  Criteria?"
expect_contains "$OUT" "    - Which one decides?"
expect_not_contains "$OUT" "How will you measure it?" # goal is answered and confirmed
ok

case_ "--json (and --format json) has the documented shape"
open_account
expect_status 0 "$CNA" brief acme --format json
echo "$OUT" > brief.json
expect_status 0 "$CNA" brief acme --json
[ "$OUT" = "$(cat brief.json)" ] || fail "--json and --format json differ"
expect_status 2 "$CNA" brief acme --json --format md
expect_contains "$ERR" "--json and --format md disagree"
[ "$(jq -c 'keys_unsorted' brief.json)" = \
  '["cna_brief","account","name","checklist","date","ready","applicable","answered","confirmed","next_steps","blockers","unknowns","reconfirm","power_base","gaps","questions"]' ] ||
  fail "keys: $(jq -c keys_unsorted brief.json)"
[ "$(jq -c '[.cna_brief, .account, .checklist.id, .date, .ready, .applicable]' brief.json)" = \
  '[2,"acme","gate","2026-11-23",false,7]' ] || fail "head: $(jq -c . brief.json)"
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
[ "$(jq -c .gaps brief.json)" = '["a single source for everything: Dana Lee (dana-lee)"]' ] ||
  fail "gaps: $(jq -c .gaps brief.json)"
ok

case_ "text, Markdown and JSON escape what answers carry"
walked_account
"$CNA" answer acme goal $'Grow <script>alert(1)</script> [x](javascript:alert(1)) a|b \e]0;pwned\a' \
  --source dana-lee >/dev/null
"$CNA" answer acme criteria "www.evil.example" "mail me@evil.example" --source dana-lee >/dev/null
expect_status 0 "$CNA" brief acme
expect_contains "$OUT" 'goal: Grow <script>alert(1)</script> [x](javascript:alert(1)) a|b \x1b]0;pwned\x07'
case "$OUT" in *$'\e'*) fail "a raw escape reached the terminal" ;; esac
expect_status 0 "$CNA" brief acme --format md
case "$OUT" in *$'\e'*) fail "a raw escape reached the Markdown" ;; esac
expect_contains "$OUT" '| unconfirmed | goal | What is the goal? |'
expect_contains "$OUT" '\[x\]\(javascript\:alert\(1\)\) a\|b'
if command -v cmark-gfm >/dev/null; then
  html=$(printf '%s\n' "$OUT" | cmark-gfm -e table -e autolink)
  expect_not_contains "$html" "<script" "the rendered Markdown"
  expect_not_contains "$html" "<a href" "the rendered Markdown"
  expect_contains "$html" "<table>" "the rendered Markdown"
  expect_contains "$html" "<h2>Power base</h2>" "the rendered Markdown"
fi
expect_status 0 "$CNA" brief acme --format json
printf '%s\n' "$OUT" | jq -e '.power_base[0].said[0].answer | contains("\u001b]0;pwned")' >/dev/null ||
  fail "JSON does not carry the answer intact"
ok

case_ "a ready account's brief says so; bad format and unknown account are usage errors"
walked_account
"$CNA" confirm acme --yes >/dev/null
expect_status 0 "$CNA" brief acme
expect_contains "$OUT" "READY: every applicable item is answered, attributed and confirmed"
expect_not_contains "$OUT" "Blockers"
expect_not_contains "$OUT" "Clarifying questions"
expect_status 2 "$CNA" brief acme --format pdf
expect_status 2 "$CNA" brief nowhere
expect_contains "$ERR" 'no account "nowhere"'
ok

done_
