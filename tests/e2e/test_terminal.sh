#!/usr/bin/env bash
# The terminal as an attack surface and a resource (docs/walk.md): input that is gone ends the
# walk at once without spinning, and text from files or people never reaches the terminal raw —
# no ESC sequence, no bidirectional override — whichever command prints it. The walk's own pty
# cases (Ctrl-C, Ctrl-D, SIGTERM, SIGHUP, an escaped prompt) are in test_walk_pty.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# cpu_ms INPUT CMD...: runs CMD (its status ignored) with stdin from INPUT (a file, or "closed"),
# and sets CPU_MS to its user+system CPU time and WALL_MS to its wall time, in milliseconds.
cpu_ms() {
  local input=$1 t0 t
  shift
  t0=$(date +%s%N)
  # The redirections are on the command itself: a closed stdin outside $(...) would hand the
  # command substitution's own pipe to cna as its input.
  if [ "$input" = closed ]; then
    t=$( { TIMEFORMAT='%3U %3S'; time "$@" <&- >/dev/null 2>&1 || true; } 2>&1)
  else
    t=$( { TIMEFORMAT='%3U %3S'; time "$@" <"$input" >/dev/null 2>&1 || true; } 2>&1)
  fi
  WALL_MS=$((($(date +%s%N) - t0) / 1000000))
  CPU_MS=$(awk -v u="${t% *}" -v s="${t#* }" 'BEGIN { printf "%d", (u + s) * 1000 }')
}

case_ "input that is gone (/dev/null, closed, a FIFO whose writer left) ends the walk: 3, no spin"
new_workspace
for how in devnull closed fifo; do
  case $how in
    devnull) expect_status 3 "$CNA" start acme </dev/null; cpu_ms /dev/null "$CNA" start acme ;;
    closed) expect_status 3 "$CNA" start acme <&-; cpu_ms closed "$CNA" start acme ;;
    fifo)
      rm -f feed && mkfifo feed
      { printf 'Part of an answer\n'; sleep 0.3; } >feed &
      expect_status 3 "$CNA" start acme <feed
      wait
      { printf 'Second line\n'; sleep 0.3; } >feed &
      cpu_ms feed "$CNA" start acme
      wait
      ;;
  esac
  expect_contains "$ERR" "input ended"
  # A spinning re-prompt would burn the whole wall time (and never end); a real exit costs a
  # few ms of CPU for start-up and one save.
  [ "$WALL_MS" -lt $((1500 * ${CNA_TIME_SCALE:-1})) ] || fail "$how: took $WALL_MS ms"
  [ "$CPU_MS" -lt $((400 * ${CNA_TIME_SCALE:-1})) ] || fail "$how: used $CPU_MS ms of CPU in $WALL_MS ms"
  echo "# $how: exit 3 after $WALL_MS ms wall, $CPU_MS ms CPU"
done
ok

# ---- escape sequences and bidirectional controls ------------------------------------------------

ESC=$'\e'
RLO=$'\u202e'
ZWSP=$'\u200b'      # zero-width space: hides text
TAG=$'\U000E0041'   # a tag character ("ASCII smuggling")
EVIL="${ESC}]0;pwned${ESC}\\ ${ESC}[2J${RLO}evil${ZWSP}hidden${TAG}"

# Fails when FILE holds a raw ESC, U+202E, U+200B or tag byte sequence (NO_COLOR is set and
# output is not a terminal, so cna prints no colour codes of its own).
expect_clean() {
  if grep -q "$ESC" "$1" || grep -qF -e "$RLO" -e "$ZWSP" -e "$TAG" "$1"; then
    grep -n -e "$ESC" -e "$RLO" -e "$ZWSP" -e "$TAG" "$1" | cat -v | head -5 >&2
    fail "$2 printed a raw control sequence"
  fi
}

# A workspace where every piece of text a person or a checklist file supplies carries $EVIL.
evil_workspace() {
  new_workspace
  mkdir -p checklists
  printf '{"cna": 1, "default_checklist": "evil"}\n' >cna.json
  EVIL="$EVIL" python3 - <<'PY'
import json, os
e = os.environ["EVIL"]
items = [
    {"id": "goal", "type": "longtext", "prompt": "Goal " + e, "help": "Help " + e,
     "clarify": ["Ask " + e]},
    {"id": "stage", "type": "choice", "prompt": "Stage " + e, "help": "h",
     "options": [{"value": "a", "label": "Label " + e, "help": "Opt " + e}, "b"], "other": True},
    {"id": "when", "type": "date", "prompt": "When " + e, "help": "h"},
    {"id": "crit", "type": "list", "prompt": "Criteria " + e, "help": "h"},
]
json.dump({"cna": 1, "id": "evil", "version": "1.0.0", "title": "Title " + e,
           "description": "Desc " + e,
           "sections": [{"id": "s", "title": "Section " + e, "help": "h", "items": items}]},
          open("checklists/evil.json", "w"))
PY
  run "$CNA" answer acme goal "Grow $EVIL" "second line $EVIL" --note "Note $EVIL" \
    --name "Acme $EVIL"
  run "$CNA" who acme add dana --name "Dana $EVIL" --title "VP $EVIL" --role champion
  run "$CNA" answer acme goal --source dana
  run "$CNA" answer acme stage "other: $EVIL"
  run "$CNA" answer acme crit "One $EVIL" "Two"
  run "$CNA" answer acme when --unknown --owner "Sam $EVIL" --due +7d
}

case_ "the evil workspace stores the control characters (so the checks below mean something), escaped"
evil_workspace
expect_json '.name | contains("\u001b]0;pwned")' 'true'
expect_json '.answers.goal.value | contains("\u202e")' 'true'
expect_json '.stakeholders[0].name | contains("\u001b[2J")' 'true'
expect_json '.answers.when.owner | contains("\u001b")' 'true'
# The file itself shows them escaped too, so `cat` and `git diff` cannot be reordered or run.
expect_clean assessments/acme.json "the assessment file"
ok

case_ "no command prints text from a file or a person raw"
evil_workspace
# Every command that prints user text, each run as a person would: each must exit 0, 1 (a gate
# "no") or 3. None is skipped: a command missing from the build is a failure, not a skip.
commands=(
  "status" "status acme" "status --json" "who acme" "who acme --json"
  "checklist list" "checklist show evil" "checklist show evil --json" "checklist validate evil"
  "answer acme goal Grow${EVIL}again" "answer acme crit --note x${EVIL}"
  "log acme" "brief acme" "brief acme --format md" "check acme"
  "report acme" "report acme --format text" "report acme --format md" "report acme --format csv"
  "report acme --format html" "report acme --format json" "report --all --format csv"
  "proposal acme" "confirm acme --yes"
)
tried=0
for c in "${commands[@]}"; do
  read -r -a argv <<<"$c"
  got=0
  "$CNA" "${argv[@]}" >out.txt 2>err.txt </dev/null || got=$?
  case $got in 0 | 1 | 3) ;; *) cat err.txt >&2; fail "cna $c exited $got" ;; esac
  expect_clean out.txt "cna $c (stdout)"
  expect_clean err.txt "cna $c (stderr)"
  tried=$((tried + 1))
done
echo "# $tried commands checked"
[ "$tried" = "${#commands[@]}" ] || fail "only $tried of ${#commands[@]} commands ran"
ok

case_ "error messages quote bad arguments made visible"
evil_workspace
for argv in "frobnicate$EVIL" "answer acme no_item$EVIL x" "answer acme goal x --source who$EVIL" \
  "status acme$EVIL" "checklist show nothing$EVIL" "who acme remove nobody$EVIL"; do
  read -r -a words <<<"$argv"
  "$CNA" "${words[@]}" >out.txt 2>err.txt </dev/null || true
  [ -s err.txt ] || fail "cna $argv printed no error"
  expect_clean out.txt "cna $argv (stdout)"
  expect_clean err.txt "cna $argv (stderr)"
done
ok

case_ "the walk shows prompts and answers escaped through a pipe too"
evil_workspace
printf ':goto goal\n\n:list\n:quit\n' | "$CNA" start acme --review >out.txt 2>err.txt
expect_contains "$(cat out.txt)" 'Goal \x1b]0;pwned'
expect_clean out.txt "the walk (stdout)"
expect_clean err.txt "the walk (stderr)"
ok

done_
