#!/usr/bin/env bash
# Kill soak (docs/reliability.md): a 1 MB assessment, 50 `cna answer` saves each hit by SIGKILL at a
# random moment of its run. After every kill the file parses and the item being written holds
# either its value before or its value after; nothing else is lost. Prints where the kills landed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

kills=50
items=100

case_ "a 1 MB assessment survives $kills SIGKILLs during saves"
new_workspace
mkdir -p checklists assessments
# A checklist of $items longtext items and an assessment answering each with about 10 KB of text.
python3 - "$items" <<'PY'
import json, sys
n = int(sys.argv[1])
ids = [f"t{i:03d}" for i in range(1, n + 1)]
checklist = {"cna": 1, "id": "soak", "version": "1.0.0", "title": "Soak", "sections": [
    {"id": "all", "title": "All", "items": [
        {"id": i, "type": "longtext", "prompt": f"Question {i}?", "help": "Any text.", "source": False}
        for i in ids]}]}
json.dump(checklist, open("checklists/soak.json", "w"))
line = "The customer said something long and specific about item {} (line {}).\n"
answers = {i: {"state": "answered", "value": "".join(line.format(i, k) for k in range(140)),
               "answered_at": "2026-11-01T09:00:00Z", "answered_by": "sam"} for i in ids}
assessment = {"cna": 1, "account": "acme", "name": "Acme", "checklist": {"id": "soak",
              "version": "1.0.0", "sha256": ""}, "stakeholders": [], "answers": answers,
              "retired": {}, "history": []}
json.dump(assessment, open("assessments/acme.json", "w"))
PY
expect_status 0 "$CNA" answer acme t001 "value 0"
size=$(stat -c %s assessments/acme.json)
[ "$size" -ge 1000000 ] || fail "the assessment is only $size bytes"
# The item being written and a digest of all the others, in one pass over the file.
state() { jq -r '.answers.t001.value, ([.answers | to_entries[] | select(.key != "t001") | .value.value | length] | add)' assessments/acme.json; }
others=$(state | tail -n 1)

# How long one save takes here. The kills then aim at the moment the new file replaces the old
# (a random delay around an estimate of it that each outcome corrects and narrows), so that many
# land during the write, fsync and rename rather than while the file is being read.
start=$(date +%s%N)
"$CNA" -q answer acme t001 "value 0b"
run_us=$((($(date +%s%N) - start) / 1000))
edge=$((run_us * 9 / 10)) spread=$((run_us / 2))
before="value 0b"

landed_before=0 landed_mid=0 landed_after=0
for i in $(seq 1 $kills); do
  delay_us=$((edge - spread + RANDOM * 2 * spread / 32768))
  [ "$delay_us" -gt 0 ] || delay_us=0
  touch marker
  "$CNA" -q answer acme t001 "value $i" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%06d' $((delay_us / 1000000)) $((delay_us % 1000000)))"
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  got=$(state) || fail "kill $i: the file does not parse"
  [ "$(tail -n 1 <<<"$got")" = "$others" ] || fail "kill $i: other answers changed"
  got=$(head -n 1 <<<"$got")
  # A temp file written by this run: the kill came between its creation and the rename.
  [ -n "$(find assessments -name '.acme.json.tmp.*' -newer marker)" ] && landed_mid=$((landed_mid + 1))
  if [ "$got" = "value $i" ]; then
    landed_after=$((landed_after + 1)) before="value $i" edge=$((edge - spread / 4))
  elif [ "$got" = "$before" ]; then
    landed_before=$((landed_before + 1)) edge=$((edge + spread / 4))
  else
    fail "kill $i: t001 is \"$got\", neither \"$before\" nor \"value $i\""
  fi
  spread=$((spread * 9 / 10 > 2000 ? spread * 9 / 10 : 2000))
done
expect_status 0 "$CNA" answer acme t002 "after the soak"
[ -z "$(find assessments -name '.acme.json.tmp.*')" ] || fail "temp files remain after a clean save"
echo "# $kills kills over a ${run_us} us save of a $size-byte file: $landed_before before the" \
  "rename (of which $landed_mid mid-save, temp file written), $landed_after after it"
ok

done_
