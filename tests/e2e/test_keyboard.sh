#!/usr/bin/env bash
# A person at the keyboard (docs/walk.md): what is typed or pasted in a real terminal (tmux) is
# kept exactly, in every script and language; a locale that is not UTF-8 is said, not guessed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/pty_lib.sh"
export LC_ALL=C.UTF-8 # tmux itself must pass UTF-8 keys through; cna's own locale is WALK_ENV

# json_string TEXT: TEXT as a JSON string, as jq -c prints it.
json_string() { jq -cn --arg v "$1" '$v'; }

LINES_TYPED=(
  'Lösung für Außenlager €5'
  'Ça coûte déjà très cher, garçon'
  'Zażółć gęślą jaźń'
  'İstanbul ışık ğüşöç'
  'Ελληνικά: καλημέρα'
  '倉庫管理システム・日本語の入力'
  'Emoji 🚚📦✅ and a family 👩‍👩‍👧'
  'Combining: e\xcc\x81 a\xcc\x88 n\xcc\x83'
  'עברית and العربية mixed'
)

case_ "typed German, French, Polish, Turkish, Greek, Japanese, emoji, combining marks and RTL are kept (UTF-8 locale)"
new_workspace
WALK_ENV="LANG=C.UTF-8 LC_ALL=" start_walk
expected=""
for line in "${LINES_TYPED[@]}"; do
  typed=$(printf '%b' "$line")
  send -l "$typed"; send Enter
  expected+="${expected:+$'\n'}$typed"
done
send Enter; wait_for 'saved'
expect_json '.answers.current_approach.value' "$(json_string "$expected")"
send ':quit' Enter; wait_for 'EXIT=0'
ok

case_ ":who with an umlaut keeps the name exactly"
new_workspace
WALK_ENV="LANG=C.UTF-8" start_walk
send ':who ' ; send -l 'Jörg Schäfer'; send Enter; wait_for 'title (optional)'
send Enter; wait_for 'role ('
# The roles are listed above a short prompt (a long prompt breaks mid-word in the line editor).
screen | grep -qF '  roles: economic-buyer, champion' || fail "the roles are not listed"
screen | grep -qF '  role (optional):' || fail "the role prompt is not short"
send Enter; wait_for 'source: Jörg Schäfer'
send ':quit' Enter; wait_for 'EXIT='
expect_json '.stakeholders[0].name' '"Jörg Schäfer"'
ok

case_ "a 10 KB paste of mixed scripts arrives whole"
new_workspace
WALK_ENV="LANG=C.UTF-8" start_walk
paste=""
for _ in $(seq 1 430); do paste+="Außenlager 倉庫 🚚 "; done # 24 bytes each
paste+="Ende"
send -l "$paste"; send Enter Enter; wait_for 'saved'
[ "$(printf '%s' "$paste" | wc -c)" -ge 10240 ] || fail "the paste is smaller than 10 KB"
expect_json '.answers.current_approach.value' "$(json_string "$paste")"
send ':quit' Enter; wait_for 'EXIT=0'
ok

case_ "a locale that is not UTF-8 is said, and typed text is still kept byte for byte"
new_workspace
WALK_ENV="LANG= LC_ALL=C" start_walk
wait_for 'not UTF-8'
send -l 'Lösung für Außenlager €5'; send Enter Enter; wait_for 'saved'
expect_json '.answers.current_approach.value' '"Lösung für Außenlager €5"'
send ':quit' Enter; wait_for 'EXIT=0'
ok

case_ "a resumed walk keeps the account's last source, and says so (issue 9 item 3)"
new_workspace
WALK_ENV="LANG=C.UTF-8" start_walk
send ':who Dana Lee' Enter; wait_for 'title (optional)'
send Enter; wait_for 'role ('
send Enter; wait_for 'source: Dana Lee'
send 'Three plants' Enter Enter; wait_for 'saved'
# The next item (yes/no) is a picker: the first Ctrl-C cancels it, the second ends the walk.
wait_for 'Enter picks'; send C-c; wait_for 'cancelled; type it instead'
send C-c; wait_for 'EXIT=130'
WALK_ENV="LANG=C.UTF-8" start_walk
wait_for 'Source: Dana Lee, as last time'
send 'y' Enter; wait_for 'saved'
expect_json '.answers.has_incumbent.source' '"dana-lee"'
send ':quit' Enter; wait_for 'EXIT=0'
ok

case_ "an answer that needs a source, saved without one, is warned about at once"
new_workspace
WALK_ENV="LANG=C.UTF-8" start_walk
send 'Three plants' Enter Enter; wait_for 'saved'
wait_for 'warning: saved without a source'
screen | grep -q 'no-source' || fail "the warning does not name the blocker"
send ':quit' Enter; wait_for 'EXIT=0'
expect_json '.answers.current_approach.source' 'null'
ok

case_ "a walk command on a later line of a longtext is a command, not part of the answer (item 4)"
new_workspace
WALK_ENV="LANG=C.UTF-8" start_walk
send 'clear' Enter ':goto budget_amount' Enter; wait_for 'How much budget is available'
wait_for 'not saved'
send ':quit' Enter; wait_for 'EXIT=0'
expect_json '.answers.current_approach' 'null'
ok

case_ "a command that stays on the item (?) keeps the lines typed so far; :: types a literal colon"
new_workspace
WALK_ENV="LANG=C.UTF-8" start_walk
send '::3 shifts' Enter 'Line two' Enter '?' Enter; wait_for ':goto ID'
send '::goto is what we call it' Enter Enter; wait_for 'saved'
expect_json '.answers.current_approach.value' '":3 shifts\nLine two\n:goto is what we call it"'
send ':quit' Enter; wait_for 'EXIT=0'
ok

case_ "Ctrl-C in a :who question cancels it only; a second Ctrl-C ends the walk (item 8)"
for env in "LANG=C.UTF-8" "LANG= LC_ALL=C"; do # libedit, and the plain reading
  new_workspace
  WALK_ENV="$env" start_walk
  send ':who Dana Lee' Enter; wait_for 'title (optional)'
  send 'VP' C-c; wait_for 'cancelled; nothing added'
  wait_prompt
  ! screen | grep -q 'EXIT=' || fail "the first Ctrl-C ended the walk ($env)"
  send 'Still typing' Enter Enter; wait_for 'saved'
  expect_json '.answers.current_approach.value' '"Still typing"'
  expect_json '.stakeholders | length' '0'
  # The next item (yes/no) is a picker in a UTF-8 locale: a Ctrl-C cancels it first.
  if [ "$env" = "LANG=C.UTF-8" ]; then
    wait_for 'Enter picks'; send C-c; wait_for 'cancelled; type it instead'
  fi
  send C-c; wait_for 'EXIT=130'
done
ok

case_ "a multi-line answer shows as lines; text wraps at word boundaries to the terminal (item 7)"
new_workspace
run "$CNA" answer acme current_approach $'Manual pick lists on paper\nThree shifts a day'
WALK_COLS=44 WALK_ENV="LANG=C.UTF-8" start_walk --review
wait_for 'Enter keeps it'
screen | grep -qF 'x0a' && fail "the line break shows as an escape"
screen | grep -qx '    Manual pick lists on paper' || fail "the first line of the answer is not on a line of its own"
screen | grep -qx '    Three shifts a day' || fail "the second line of the answer is not on a line of its own"
# Every word of the question and of its "ask also" is whole on some line: nothing cut mid-word.
for text in "How does the customer handle this area today: process, tools, people and suppliers?" \
  "Can you walk me through how it works today, step by step? Who is involved, and how much of their time does it take?"; do
  for word in $text; do
    screen | grep -qF -- "$word" || fail "the word '$word' is cut at the terminal's edge"
  done
done
send C-u ':quit' Enter; wait_for 'EXIT=0'
ok

case_ "status columns stay in line with CJK, umlaut and emoji names (display width, item 7)"
new_workspace
for account in "tanaka:田中倉庫株式会社" "mueller:Müller Logistik" "rocket:Rocket 🚀 Freight" "plain:Plain Co"; do
  echo ":quit" | "$CNA" start "${account%%:*}" --name "${account#*:}" >/dev/null
done
expect_status 0 "$CNA" status
# The bar starts in the same terminal column on every line.
python3 - "$OUT" <<'PY' || fail "status columns are out of line: $OUT"
import sys, unicodedata
lines = sys.argv[1].splitlines()
cols = {lines[0].index("ANSWERED")}  # the header's column, then each bar's
for line in lines[1:]:
    at = min(i for i, ch in enumerate(line) if ch in "█░")
    cols.add(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line[:at]))
sys.exit(0 if len(cols) == 1 else 1)
PY
ok

case_ "at a terminal a new account is asked for first, with did-you-mean; a pipe creates it (item 6)"
new_workspace
echo ":quit" | "$CNA" start nordbahn >/dev/null
[ -f assessments/nordbahn.json ] || fail "a piped start did not create the account"
WALK_ENV="LANG=C.UTF-8" start_cna start nordbhan
wait_for 'Create nordbhan (discovery)? [y/N]'
screen | grep -qF 'No account nordbhan' || fail "the new account is not named"
screen | grep -qF 'did you mean nordbahn?' || fail "no did-you-mean for the near account"
send 'n' Enter; wait_for 'EXIT=0'
screen | grep -qF 'Nothing created.' || fail "declining does not say so"
[ ! -e assessments/nordbhan.json ] || fail "declining created the account"
WALK_ENV="LANG=C.UTF-8" start_cna start nordbhan
wait_for '[y/N]'
send 'y' Enter; wait_prompt
send ':quit' Enter; wait_for 'EXIT=0'
expect_json '.name' '"nordbhan"' nordbhan
ok

case_ "--with a new person: at a terminal offered and added as attending; a pipe refuses with the hint"
new_workspace
# A pipe never prompts: exit 2 with the cna who add line, and nothing written (not even the account).
expect_status 2 "$CNA" start newco --with 'New Person' <<<':quit'
expect_contains "$ERR" 'no stakeholder "New Person" in newco (none yet); add one with: cna who newco add new-person'
[ ! -e assessments/newco.json ] || fail "a refused --with created the account"
# At a terminal: the new account first, then the person; Enter adds them; they attend the meeting
# and are the source.
WALK_ENV="LANG=C.UTF-8" start_cna start newco --with "'New Person,Jörg Schäfer'" --meeting Kickoff
wait_for 'Create newco (discovery)? [y/N]'
send 'y' Enter
wait_for 'No stakeholder "New Person" on newco. Add them as new-person? [Y/n]'
send Enter
wait_for 'No stakeholder "Jörg Schäfer" on newco. Add them as'
send 'y' Enter; wait_prompt
screen | grep -qF 'added New Person (new-person)' || fail "the addition is not said"
screen | grep -qF 'Source: New Person' || fail "the first named is not the source"
send ':quit' Enter; wait_for 'EXIT=0'
expect_json '[.stakeholders[] | [.id, .name]]' '[["new-person","New Person"],["jorg-schafer","Jörg Schäfer"]]' newco
expect_json '.meetings[0].attendees' '["new-person","jorg-schafer"]' newco
# Declined: nothing added, nothing started; someone near a stakeholder on file is never offered.
WALK_ENV="LANG=C.UTF-8" start_cna start newco --with "'Dana Lee'"
wait_for 'Add them as dana-lee? [Y/n]'
send 'n' Enter; wait_for 'EXIT=0'
screen | grep -qF 'Nothing added; nothing started.' || fail "declining does not say so"
expect_json '[.stakeholders[].id]' '["new-person","jorg-schafer"]' newco
WALK_ENV="LANG=C.UTF-8" start_cna start newco --with "'New Persn'"
wait_for 'EXIT=2'
screen | grep -qF 'did you mean new-person?' || fail "a near name is not suggested"
ok

case_ "an answer on file starts in the line editor, ready to edit; as it is, Enter keeps it"
new_workspace
run "$CNA" who acme add katrin-vogel --name 'Katrin Vogel'
run "$CNA" answer acme current_approach $'Manual pick lists\n:3 shifts (ours)' --source katrin-vogel
run "$CNA" answer acme has_incumbent yes --source katrin-vogel
run "$CNA" answer acme incumbent_details 'Lagerwerk GmbH, Köln' --source katrin-vogel
run "$CNA" answer acme problem_cost_annual '650000 EUR' --source katrin-vogel
entries() { jq '.history | length' assessments/acme.json; }
before=$(entries)
WALK_ENV="LANG=C.UTF-8" start_walk --review
wait_for 'as it is, Enter keeps it'
screen | grep -v '^$' | tail -n 1 | grep -qx '> Manual pick lists' ||
  { screen; fail "the first line of the answer is not in the editor"; }
send Enter; wait_for '. ::3 shifts (ours)' # a leading colon doubled: typed back, it is text
send Enter Enter
wait_for '❯ yes'; send Enter # a picker (yes/no), on the answer on file
wait_for '> Lagerwerk GmbH, Köln'
[ "$(entries)" = "$before" ] || fail "an unchanged answer was saved again"
# Edited in place: the cursor is at the end of the answer.
send ' und Bonn' Enter; wait_for 'saved'
expect_json '.answers.incumbent_details.value' '"Lagerwerk GmbH, Köln und Bonn"'
send ':goto problem_cost_annual' Enter; wait_for '> 650000 EUR'
send C-u '700k EUR' Enter; wait_for 'saved'
expect_json '.answers.problem_cost_annual.value.amount' '700000'
expect_json '.answers.current_approach.value' '"Manual pick lists\n:3 shifts (ours)"'
send ':quit' Enter; wait_for 'EXIT=0'
ok

case_ "the read-back's e starts with the answer to edit; unchanged, nothing is saved"
new_workspace
run "$CNA" who acme add katrin-vogel --name 'Katrin Vogel'
run "$CNA" answer acme has_incumbent yes --source katrin-vogel
run "$CNA" answer acme incumbent_details 'Lagerwerk GmbH' --source katrin-vogel
WALK_ENV="LANG=C.UTF-8" start_cna confirm acme incumbent_details --with katrin-vogel
wait_for 'Still right?'
send e Enter
wait_for 'new> Lagerwerk GmbH'
send Enter; wait_for 'Still right?'
expect_json '.answers.incumbent_details.confirmed_at' 'null'
send e Enter
wait_for 'new> Lagerwerk GmbH'
send ' (Köln)' Enter; wait_for 'saved and confirmed'
expect_json '.answers.incumbent_details.value' '"Lagerwerk GmbH (Köln)"'
ok

done_
