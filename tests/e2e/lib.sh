# Shared helpers for the end-to-end suites: a fresh workspace per case, assertions that name
# what failed, and "ok N - name" lines. Sourced by tests/e2e/test_*.sh.
#   $CNA             the built binary (absolute path); $CNA_SOURCE_DIR the source tree
set -euo pipefail

: "${CNA:?set CNA to the cna binary}"
: "${CNA_SOURCE_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export CNA_SOURCE_DIR
export CNA_NOW=2026-11-23T10:00:00Z
# Days turn at the rep's local midnight (docs/workspace.md): the suites' days are UTC days unless
# a case names a zone (test_time_zone.sh).
export TZ=UTC
export USER=sam
export NO_COLOR=1
# The suites build non-ASCII input ($'\u202e', UTF-8 names): bash turns \u escapes into UTF-8 only
# in a UTF-8 locale, and CI runs with no LANG at all.
export LC_ALL=C.UTF-8
unset CNA_LOCK_TIMEOUT_MS CNA_FAULT XDG_DATA_HOME XDG_CACHE_HOME CNA_NO_CACHE

E2E_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/cna-e2e.XXXXXX")
export HOME="$E2E_ROOT/home"
mkdir -p "$HOME"
git config --global user.name "Sam Rep" 2>/dev/null || true
trap 'rm -rf "$E2E_ROOT"' EXIT
E2E_COUNT=0
E2E_CASE=""

# `cna` on the PATH, running $CNA: for what must call it by name (completion scripts, `timeout`,
# table rows that read like what a person types).
cna_on_path() {
  mkdir -p "$E2E_ROOT/bin"
  printf '#!/bin/sh\nexec "$CNA" "$@"\n' >"$E2E_ROOT/bin/cna"
  chmod +x "$E2E_ROOT/bin/cna"
  export PATH="$E2E_ROOT/bin:$PATH"
}

# A fresh workspace: cd into it, CNA_WORKSPACE points at it.
new_workspace() {
  WS=$(mktemp -d "$E2E_ROOT/ws.XXXXXX")
  export WS CNA_WORKSPACE="$WS"
  printf '{"cna": 1}\n' > "$WS/cna.json"
  cd "$WS"
}

# checklist_workspace ID: a fresh workspace whose default checklist ID is read from stdin.
checklist_workspace() {
  new_workspace
  mkdir -p checklists
  cat > "checklists/$1.json"
  printf '{"cna": 1, "default_checklist": "%s"}\n' "$1" > cna.json
}

case_() { E2E_CASE="$1"; }
ok() { E2E_COUNT=$((E2E_COUNT + 1)); echo "ok $E2E_COUNT - ${1:-$E2E_CASE}"; }
fail() { echo "not ok - ${E2E_CASE}: $*" >&2; exit 1; }
skip() { echo "skip - $*"; exit 0; }
done_() { echo "1..$E2E_COUNT"; }

# run cmd...: a set-up step that must succeed; quiet, but on failure it prints the step's stdout
# and stderr and fails the case (a bare `>/dev/null 2>&1` would hide why).
run() {
  local got=0
  "$@" >"$E2E_ROOT/run.out" 2>"$E2E_ROOT/run.err" || got=$?
  if [ "$got" != 0 ]; then
    printf -- '--- stdout:\n%s\n--- stderr:\n%s\n' "$(cat "$E2E_ROOT/run.out")" \
      "$(cat "$E2E_ROOT/run.err")" >&2
    fail "set-up step exited $got: $*"
  fi
}

# expect_status N cmd...: runs cmd, keeps its stdout/stderr in $OUT/$ERR, checks the status.
expect_status() {
  local want=$1 got=0
  shift
  "$@" >"$E2E_ROOT/out" 2>"$E2E_ROOT/err" || got=$?
  OUT=$(cat "$E2E_ROOT/out")
  ERR=$(cat "$E2E_ROOT/err")
  if [ "$got" != "$want" ]; then
    printf -- '--- stdout:\n%s\n--- stderr:\n%s\n' "$OUT" "$ERR" >&2
    fail "expected exit $want, got $got: $*"
  fi
}

# expect_one_screen [TEXT]: TEXT ($OUT by default) is one screen, no more than 24 lines of at most
# 80 columns (display columns: wc -L in the UTF-8 locale above).
expect_one_screen() {
  local text=${1-$OUT} lines width
  lines=$(printf '%s\n' "$text" | wc -l)
  width=$(printf '%s\n' "$text" | wc -L)
  [ "$lines" -le 24 ] || fail "$lines lines: $text"
  [ "$width" -le 80 ] || fail "$width columns: $text"
}

# expect_contains TEXT NEEDLE [what]
expect_contains() {
  case "$1" in
    *"$2"*) ;;
    *) printf -- '--- in:\n%s\n' "$1" >&2; fail "expected ${3:-output} to contain: $2" ;;
  esac
}
expect_not_contains() {
  case "$1" in
    *"$2"*) printf -- '--- in:\n%s\n' "$1" >&2; fail "expected ${3:-output} not to contain: $2" ;;
    *) ;;
  esac
}

# expect_json FILTER EXPECTED [ACCOUNT]: jq -c FILTER on the account's file equals EXPECTED.
expect_json() {
  local file="$WS/assessments/${3:-acme}.json" got
  got=$(jq -c "$1" "$file") || fail "cannot read $file with jq"
  [ "$got" = "$2" ] || fail "$1: expected $2, got $got"
}

wait_file() {
  for _ in $(seq 1 100); do
    [ -s "$1" ] && return 0
    sleep 0.05
  done
  fail "timed out waiting for $1"
}

# hold_lock FILE: holds the flock on FILE in the background until `release_lock [SIGNAL]` kills
# the holder (-9 for a holder that dies holding it). The sleep itself holds the lock, for as long
# as the test needs: a holder that let go after a fixed time made a sanitizer build on a loaded
# machine (seconds to start) pass a "busy" test with 0.
hold_lock() {
  (exec 9>"$1" && flock 9 && exec sleep 300) &
  LOCK_HOLDER=$!
  until ! flock -n "$1" true; do sleep 0.05; done
}
release_lock() {
  kill "${1:--TERM}" "$LOCK_HOLDER" 2>/dev/null || true
  wait "$LOCK_HOLDER" 2>/dev/null || true
}
