# The walk in a real terminal: one tmux server per walk, the screen and the keys. Sourced after
# lib.sh by the suites that type at cna as a person does (test_walk_pty.sh, test_keyboard.sh).
# $WALK_ENV (e.g. "LANG=C.UTF-8") is put in cna's environment inside the pane.
command -v tmux >/dev/null || skip "tmux is not installed"
export TMUX_TMPDIR=$(mktemp -d)
# A new tmux server per walk: reusing one just killed races with its shutdown.
walks=0
tm() { tmux -L "cna-test-$$-$walks" "$@"; }
cleanup() {
  for n in $(seq 0 "$walks"); do tmux -L "cna-test-$$-$n" kill-server 2>/dev/null || true; done
  rm -rf "$TMUX_TMPDIR" "$E2E_ROOT"
}
trap cleanup EXIT

# Starts `cna ARGS` in a fresh pane; the pane's shell prints EXIT=<status> and the terminal
# modes (stty -g) after cna returns, so the test sees both.
start_cna() {
  tm kill-server 2>/dev/null || true  # the previous walk's server
  walks=$((walks + 1))
  tm new-session -d -s walk -x "${WALK_COLS:-150}" -y "${WALK_ROWS:-50}" \
    "cd '$WS' && stty -g > '$WS/stty.before'; env TZ='$TZ' ${WALK_ENV:-} CNA_WORKSPACE='$WS' CNA_NOW='$CNA_NOW' '$CNA' $*; echo EXIT=\$?; stty -g > '$WS/stty.after'; sleep 60"
}
# A new account is asked for first at a terminal (docs/walk.md): start_walk says yes.
start_walk() {
  start_cna start acme "$@"
  for _ in $(seq 1 100); do
    local last
    last=$(screen | grep -v '^$' | tail -n 1) || true
    case "$last" in
      *'[y/N]'*) send y Enter; break ;;
      '>'*) break ;;
    esac
    sleep 0.05
  done
  wait_prompt
}
# The last line on the screen is the walk's prompt.
wait_prompt() {
  for _ in $(seq 1 100); do
    screen | grep -v '^$' | tail -n 1 | grep -q '^>' && return 0
    sleep 0.05
  done
  echo "--- screen:"; screen; fail "timed out waiting for the prompt"
}
screen() { tm capture-pane -t walk -p -S -200; }
wait_for() {
  for _ in $(seq 1 100); do
    screen | grep -qF -- "$1" && return 0
    sleep 0.05
  done
  echo "--- screen:"; screen; fail "timed out waiting for: $1"
}
send() { tm send-keys -t walk "$@"; }
