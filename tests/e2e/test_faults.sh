#!/usr/bin/env bash
# Fault injection through the real binary (docs/reliability.md): every CNA_FAULT point of the save
# (src/core/store.cpp) crashes, fails or hangs there. After each, the account's file is the old
# one byte for byte or the new one complete, the exit status is the documented one, and the next
# command leaves no temporary file behind. Skips on a binary built without -DCNA_FAULT_INJECTION.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

"$CNA" --version | grep -q CNA_FAULT || skip "cna was built without fault injection"
ulimit -c 0 # the crash points abort(): no core files

temps() { find "$WS/assessments" -name '.acme.json.tmp.*' | wc -l; }

# A workspace whose acme.json holds business_goal "Before"; before.json is a copy of it.
with_before() {
  new_workspace
  run "$CNA" answer acme business_goal "Before"
  cp assessments/acme.json before.json
}

# The file parses and holds business_goal = $1; for "Before" it is the old file byte for byte.
expect_goal() {
  expect_json '.answers.business_goal.value' "\"$1\""
  if [ "$1" = Before ]; then
    cmp -s before.json assessments/acme.json || fail "the old file changed"
  else
    expect_json '[.history[].item] | map(select(. == "business_goal")) | length' '2'
  fi
}

# The next save cleans up: it succeeds, and no temp file is left.
expect_next_save_cleans() {
  expect_status 0 "$CNA" answer acme current_approach "Spreadsheets"
  expect_json '.answers.current_approach.value' '"Spreadsheets"'
  [ "$(temps)" = 0 ] || fail "a temp file is left after the next save: $(ls -A assessments)"
}

# point : the file it leaves (Before = old, After = new) : whether the crash leaves a temp file
for row in before-write:Before:1 after-write:Before:1 before-rename:Before:1 after-rename:After:0; do
  IFS=: read -r point leaves temp <<<"$row"
  case_ "CNA_FAULT=$point: a crash (134) leaves the $leaves file whole; the next save cleans up"
  with_before
  CNA_FAULT=$point expect_status 134 "$CNA" answer acme business_goal "After"
  expect_goal "$leaves"
  [ "$(temps)" = "$temp" ] || fail "expected $temp temp file(s) after the crash, found $(temps)"
  expect_next_save_cleans
  ok
done

# point : the stage the message names
for row in write-enospc:writing:"No space left on device" fsync-eio:fsync:"Input/output error" \
  rename-eio:rename:"Input/output error"; do
  IFS=: read -r point stage reason <<<"$row"
  case_ "CNA_FAULT=$point: an I/O error (74) names the stage; the old file is intact, no temp"
  with_before
  CNA_FAULT=$point expect_status 74 "$CNA" answer acme business_goal "After"
  expect_contains "$ERR" "cannot save $WS/assessments/acme.json: $stage failed: $reason"
  expect_contains "$ERR" "the previous version is intact"
  expect_goal Before
  [ "$(temps)" = 0 ] || fail "a failed save left a temp file"
  expect_next_save_cleans
  ok
done

case_ "CNA_FAULT=dir-fsync-eio: 74 says the new version is in place but may not be durable"
with_before
CNA_FAULT=dir-fsync-eio expect_status 74 "$CNA" answer acme business_goal "After"
expect_contains "$ERR" "saved $WS/assessments/acme.json, but syncing its folder failed"
expect_goal After
[ "$(temps)" = 0 ] || fail "a temp file is left"
ok

case_ "a crash while creating a new account leaves no file; the next command creates it whole"
new_workspace
CNA_FAULT=after-write expect_status 134 "$CNA" answer acme business_goal "First"
[ ! -e assessments/acme.json ] || fail "a half-created account file exists"
expect_status 0 "$CNA" answer acme business_goal "First"
expect_json '.answers.business_goal.value' '"First"'
[ "$(temps)" = 0 ] || fail "a temp file is left"
ok

case_ "a walk whose save fails stops with 74 and keeps every earlier answer"
with_before
CNA_FAULT=fsync-eio expect_status 74 "$CNA" start acme <<<$'Spreadsheets\n'
expect_contains "$ERR" "fsync failed"
expect_goal Before
[ "$(temps)" = 0 ] || fail "a temp file is left"
ok

case_ "SIGKILL mid-save (lock held, temp written): old file intact, lock free at once, temp cleaned"
with_before
CNA_FAULT=hang-before-rename "$CNA" answer acme business_goal "After" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  [ "$(temps)" = 1 ] && break
  sleep 0.05
done
[ "$(temps)" = 1 ] || fail "the hanging save wrote no temp file"
kill -9 $pid
wait $pid 2>/dev/null || true
expect_goal Before
CNA_LOCK_TIMEOUT_MS=0 expect_next_save_cleans
ok

case_ "confirm --yes is one save: a crash before its rename confirms none, after it all (issue 15)"
new_workspace
run "$CNA" who acme add dana --name "Dana Lee"
for item in business_goal current_approach next_step; do
  run "$CNA" answer acme $item "Answer to $item" --source dana
done
cp assessments/acme.json before.json
CNA_FAULT=before-rename expect_status 134 "$CNA" confirm acme --yes
cmp -s before.json assessments/acme.json || fail "a crash before the rename changed the file"
CNA_FAULT=after-rename expect_status 134 "$CNA" confirm acme --yes
expect_json '[.answers[] | select(.confirmed_at)] | length' '3'
expect_json '[.history[] | select(.action == "confirmed")] | length' '3'
[ "$(temps)" = 0 ] || fail "a temp file is left"
ok

case_ "init whose disk fills up leaves nothing behind and runs again (issue 15)"
new_workspace
mkdir fresh
CNA_FAULT=write-enospc expect_status 74 "$CNA" init fresh/ws
expect_contains "$ERR" "nothing of the workspace was left behind"
[ ! -e fresh/ws ] || fail "left behind: $(find fresh/ws)"
expect_status 0 "$CNA" init fresh/ws
[ -f fresh/ws/.gitignore ] || fail "the second init wrote no .gitignore"
ok

case_ "an assessment cna could not read back is never written; one already too big can shrink (issue 15)"
new_workspace
# With the limit lowered to 2 MiB (a test build's CNA_FAULT_MAX_ASSESSMENT_MIB; 32 MiB files
# take minutes in the unoptimised and ASan builds). The file is brought near the limit with an
# unknown top-level field (kept by every save), so that the answers that cross it are few.
export CNA_FAULT_MAX_ASSESSMENT_MIB=2
jq -n '{cna: 1, id: "wide", version: "1.0.0", title: "W", sections: [{id: "s", title: "S",
  items: [range(300) | {id: "i\(.)", type: "longtext", prompt: "P?", help: "h", source: false}]}]}' \
  >wide.json
mkdir -p checklists && cp wide.json checklists/wide.json
big=$(head -c 61440 /dev/zero | tr '\0' a)
answers() { jq -n --arg v "$big" "{answers: ([range($1; $2) | {key: \"i\\(.)\", value: \$v}] | from_entries)}"; }
answers 0 2 >two.json
expect_status 0 "$CNA" -q import acme two.json --checklist wide
pad() { # the account's file padded to $1 bytes (python: jq is slow with a string this long)
  python3 - "$1" assessments/acme.json <<'PY'
import json, os, sys
size, path = int(sys.argv[1]), sys.argv[2]
a = json.load(open(path))
a["x_pad"] = ""
a["x_pad"] = "p" * (size - len(json.dumps(a, indent=2)) - 64)
json.dump(a, open(path, "w"), indent=2)
PY
}
pad $((3 * 512 * 1024))
size=$(stat -c %s assessments/acme.json)
# 30 answers of 60 KiB more: over the 2 MiB cna writes, so nothing is saved.
answers 2 32 >more.json
expect_status 65 "$CNA" import acme more.json
expect_contains "$ERR" "more than the limit of 2 MiB; nothing was saved"
[ "$(stat -c %s assessments/acme.json)" = "$size" ] || fail "the import wrote $(stat -c %s assessments/acme.json) bytes"
# A file already past it (written by hand, or an older cna): read with a warning; a change that
# grows it is refused, one that shrinks it is saved.
pad $((7 * 512 * 1024))
size=$(stat -c %s assessments/acme.json)
expect_status 0 "$CNA" status acme
expect_contains "$ERR" "is 3.5 MiB, more than the 2 MiB cna saves"
expect_status 65 "$CNA" answer acme i5 "$big" "more"
expect_contains "$ERR" "nothing was saved"
[ "$(stat -c %s assessments/acme.json)" = "$size" ] || fail "a growing change was saved"
expect_status 0 "$CNA" -q answer acme i1 "short"
[ "$(stat -c %s assessments/acme.json)" -lt "$size" ] || fail "a shrinking change was not saved"
unset CNA_FAULT_MAX_ASSESSMENT_MIB
ok

# A workspace with checklist t (40 text items, no source) and the account beta answering q00.
text_account() {
  new_workspace
  mkdir -p checklists
  python3 - <<'PY'
import json
items = [{"id": f"q{i:02d}", "type": "text", "prompt": f"Question {i}?", "help": "h",
          "source": False} for i in range(40)]
json.dump({"cna": 1, "id": "t", "version": "1.0.0", "title": "T",
           "sections": [{"id": "s", "title": "S", "items": items}]}, open("checklists/t.json", "w"))
PY
  run "$CNA" answer beta q00 "first" --checklist t
  cp assessments/beta.json before.json
}

case_ "a piped walk saves the lines it has read in one save, before it waits (docs/reliability.md)"
text_account
mkfifo feed
CNA_FAULT=hang-before-rename "$CNA" start beta <feed >walk.out 2>&1 &
pid=$!
exec 3>feed
printf 'Answer %s\n' $(seq 1 30) >lines.txt
cat lines.txt >&3 # one write: the walk reads the 30 lines at once
tmp=""
for _ in $(seq 1 200); do
  tmp=$(find assessments -name '.beta.json.tmp.*' | head -n 1)
  [ -n "$tmp" ] && [ "$(jq '.answers | length' "$tmp" 2>/dev/null)" = 31 ] && break
  sleep 0.05
done
[ -n "$tmp" ] || fail "the walk's save wrote no temp file"
# One save holds all 30 answers (a save per answer would hang at the first, holding 2).
expect_contains "$(jq '.answers | length' "$tmp")" "31"
# Nothing is said saved while the save is not done.
! grep -q "saved:" walk.out || fail "the walk said saved: before the save: $(cat walk.out)"
kill -9 $pid
wait $pid 2>/dev/null || true
exec 3>&-
cmp -s before.json assessments/beta.json || fail "the file changed"
ok

case_ "a failed save of answers read together says how many were lost and prints no saved: for them"
text_account
printf 'A1\nA2\nA3\n' >three.txt
CNA_FAULT=fsync-eio expect_status 74 "$CNA" start beta <three.txt
expect_contains "$ERR" "the 3 answers read last were not saved"
expect_contains "$ERR" "fsync failed"
! grep -q "saved:" <<<"$OUT" || fail "saved: printed for answers not on disk: $OUT"
cmp -s before.json assessments/beta.json || fail "the file changed"
ok

done_
