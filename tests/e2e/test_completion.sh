#!/usr/bin/env bash
# `cna completion bash|zsh|fish` (docs/commands.md): each script asks `cna complete-words` for the
# candidates, which come from the command tree and the workspace. The candidates are checked
# directly, then Tab is pressed in real interactive bash, zsh and fish shells inside tmux, and
# each case fails if the line does not complete to what a person expects.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

cna_on_path # the completion scripts call `cna`
export LC_ALL=C.UTF-8

# A workspace with two accounts, a stakeholder, a file to import and a template; another one
# (for -C) with a third account.
setup() {
  new_workspace
  "$CNA" who acme add dana-lee --name "Dana Lee" >/dev/null
  "$CNA" answer acme business_goal "Grow" --source dana-lee >/dev/null
  "$CNA" answer beta business_goal "Keep" >/dev/null 2>&1
  mkdir -p templates
  printf '# {{name}}\n' > templates/one-page.mustache
  printf '{"answers": {}}\n' > answers.json
  OTHER="$E2E_ROOT/other"
  mkdir -p "$OTHER"
  printf '{"cna": 1}\n' > "$OTHER/cna.json"
  "$CNA" -C "$OTHER" answer gamma business_goal "Other" >/dev/null 2>&1
}

# words WORD...: the candidates `cna complete-words` gives for the last WORD, sorted, one a line.
# (The shells match the current word themselves; here it is matched as a prefix, as bash does.)
words() {
  local current=${*: -1}
  "$CNA" complete-words -- "$@" | cut -f1 | awk -v c="$current" '$0 == ":files" || $0 == ":dirs" || index($0, c) == 1' |
    LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}
expect_words() {
  local want=$1
  shift
  local got
  got=$(words "$@")
  [ "$got" = "$want" ] || fail "cna $*<Tab>: expected [$want], got [$got]"
}

case_ "candidates: commands, options and their values come from the command tree"
setup
expect_words "start status" st
expect_words "diff fmt list new show validate" checklist ""
expect_words "--check --color --help --quiet" checklist fmt --
expect_words "always auto never" --color ""
expect_words "csv html json md ndjson text" report acme --format ""
expect_words "--format=csv" report acme --format=c
expect_words "bash fish zsh" completion ""
expect_words "add edit remove rename" who acme ""
expect_words "archive rename unarchive" account ""
expect_words "acme beta" account archive ""
words "" | grep -qw complete-words && fail "the hidden command is offered"
expect_status 2 "$CNA" completex
grep -q complete-words <<<"$ERR" && fail "the hidden command is suggested: $ERR"
"$CNA" --help | grep -q complete-words && fail "the hidden command is in --help"
ok

case_ "candidates: accounts (honouring -C), items, stakeholders, answers, checklists, templates, files"
setup
expect_words "acme beta" check ""
expect_words "gamma" -C "$OTHER" check ""
expect_words "gamma" check -C "$OTHER" ""
expect_words "acme beta" who ""
expect_words "dana-lee" confirm acme --with ""
expect_words "dana-lee" who acme edit ""
expect_words "" who acme add ""
[ "$(words answer acme "" | tr ' ' '\n' | grep -c .)" -ge 30 ] || fail "answer acme: too few items"
words answer acme "" | grep -qw budget_status || fail "answer acme: no budget_status"
expect_words "approved identified to-be-created" answer acme budget_status ""
expect_words "discovery key_account_review renewal" start acme --checklist ""
expect_words ":files one-page proposal proposal-item" proposal acme --template ""
expect_words ":files builtin:discovery builtin:key_account_review builtin:renewal discovery key_account_review renewal" checklist show ""
expect_words ":files" import acme ""
expect_words ":dirs" -C ""
"$CNA" complete-words -- who acme add x --role "" | grep -qx economic-buyer || fail "--role values"
ok

case_ "candidates: a bad workspace or account gives none, silently"
setup
printf 'not json' > "$OTHER/cna.json"
expect_status 0 "$CNA" complete-words -- -C "$OTHER" check ""
[ -z "$OUT$ERR" ] || fail "output from a bad workspace: $OUT $ERR"
expect_status 0 "$CNA" complete-words -- answer "Bad Name" ""
[ -z "$OUT$ERR" ] || fail "output for a bad account: $OUT $ERR"
ok

case_ "scripts: fish sources every line without an error; zsh parses; a bad shell is a usage error"
setup
expect_status 0 "$CNA" completion zsh
expect_contains "$OUT" "#compdef cna"
grep -q bashcompinit <<<"$OUT" && fail "zsh goes through bashcompinit"
zsh -n <<<"$OUT" || fail "zsh -n"
expect_status 0 "$CNA" completion fish
"$CNA" completion fish | fish -n || fail "fish -n"
fish --no-config -c 'cna completion fish | source' >out 2>&1 || fail "fish: $(cat out)"
[ ! -s out ] || fail "fish printed on sourcing: $(cat out)"
expect_status 0 "$CNA" completion bash
bash -n <<<"$OUT" || fail "bash -n"
expect_status 2 "$CNA" completion tcsh
ok

# ---- Tab in real shells (tmux) ----
command -v tmux >/dev/null || fail "tmux is needed (bash .ci/dev test installs it)"
# A new tmux server per shell: reusing one just killed races with its shutdown.
SHELLS=0
trap 'for s in "$E2E_ROOT"/tmux.*.sock; do tmux -S "$s" kill-server 2>/dev/null || true; done
      rm -rf "$E2E_ROOT"' EXIT

# start_shell PROMPT COMMAND...: a shell in a fresh tmux session, waiting at PROMPT.
start_shell() {
  SHELL_PROMPT=$1
  shift
  [ -z "${SOCKET:-}" ] || tmux -S "$SOCKET" kill-server 2>/dev/null || true
  SHELLS=$((SHELLS + 1))
  SOCKET="$E2E_ROOT/tmux.$SHELLS.sock"
  tmux -S "$SOCKET" -f /dev/null new-session -d -x 200 -y 50 \
    env "PATH=$PATH" "HOME=$HOME" "CNA_WORKSPACE=$WS" "CNA_NOW=$CNA_NOW" LC_ALL=C.UTF-8 TERM=screen \
    "$@"
  # Its own first prompt, before send_line sets PROMPT's.
  for _ in $(seq 200); do
    [ -n "$(last_line)" ] && return 0
    sleep 0.05
  done
  fail "$* did not start"
}

pane() { tmux -S "$SOCKET" capture-pane -p -J | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'; }
last_line() { pane | grep -v '^[[:space:]]*$' | tail -n 1; }

wait_for_prompt() {
  for _ in $(seq 200); do
    [[ "$(last_line)" == "$SHELL_PROMPT"* ]] && return 0
    sleep 0.05
  done
  fail "no prompt '$SHELL_PROMPT': $(pane)"
}

# send_line TEXT: runs a command line in the shell.
send_line() {
  tmux -S "$SOCKET" send-keys C-c
  sleep 0.1
  tmux -S "$SOCKET" send-keys -l "$1"
  tmux -S "$SOCKET" send-keys Enter
  sleep 0.2
  wait_for_prompt
}

# tab TYPED EXPECTED: types TYPED on a fresh line, presses Tab, and waits for the line to read
# PROMPT EXPECTED.
tab() {
  tmux -S "$SOCKET" send-keys C-c
  sleep 0.1
  tmux -S "$SOCKET" send-keys -l "$1"
  tmux -S "$SOCKET" send-keys Tab
  local want="$SHELL_PROMPT$2"
  for _ in $(seq 200); do
    [[ "$(last_line)" == "$want"* ]] && break
    sleep 0.05
  done
  local got
  got=$(last_line)
  [[ "$got" == "$want"* ]] || fail "'$1<Tab>' reads '$got', expected '$want' ($SHELL_NAME). Pane:
$(pane)"
  if pane | grep -q "command not found\|not found:"; then fail "$SHELL_NAME printed an error: $(pane)"; fi
}

tab_cases() {
  tab "cna stat" "cna status "
  tab "cna import acme ans" "cna import acme answers.json"
  tab "cna report acme --format ht" "cna report acme --format html "
  tab "cna check b" "cna check beta "
  tab "cna -C $OTHER check g" "cna -C $OTHER check gamma "
  tab "cna answer acme budget_st" "cna answer acme budget_status "
  tab "cna confirm acme --with da" "cna confirm acme --with dana-lee "
}

case_ "bash: Tab completes commands, file names, option values, accounts (-C), items, stakeholders"
setup
SHELL_NAME=bash
start_shell '$ ' bash --norc --noprofile -i
send_line "PS1='\$ '; eval \"\$(cna completion bash)\""
tab_cases
tab "cna --color al" "cna --color always "
tab "cna start acme --checklist disc" "cna start acme --checklist discovery "
tab "cna proposal acme --template one" "cna proposal acme --template one-page "
tab "cna answer acme budget_status appr" "cna answer acme budget_status approved "
tab "cna who acme edit da" "cna who acme edit dana-lee "
tab "cna checklist show builtin:d" "cna checklist show builtin:discovery "
tab "cna report acme --format=c" "cna report acme --format=csv "
ok

case_ "zsh: the native script (#compdef in fpath, compinit) completes and leaves \$path alone"
setup
SHELL_NAME=zsh
mkdir -p "$E2E_ROOT/zfunc"
"$CNA" completion zsh > "$E2E_ROOT/zfunc/_cna"
start_shell '% ' zsh -f -i
send_line "PS1='%% '; fpath=($E2E_ROOT/zfunc \$fpath); autoload -U compinit; compinit -u -D"
send_line 'before=$PATH'
tab_cases
send_line 'print -r -- "path-kept:$([[ $PATH == $before ]] && echo yes)"'
pane | grep -q "^path-kept:yes" || fail "zsh's \$PATH changed after completion: $(pane)"
ok

case_ "zsh: eval \"\$(cna completion zsh)\" after compinit works too"
setup
SHELL_NAME=zsh
start_shell '% ' zsh -f -i
send_line "PS1='%% '; autoload -U compinit; compinit -u -D; eval \"\$(cna completion zsh)\""
tab "cna import acme ans" "cna import acme answers.json"
tab "cna check b" "cna check beta "
ok

case_ "fish: Tab completes through the sourced script"
setup
SHELL_NAME=fish
start_shell '> ' fish --no-config -i
send_line "function fish_prompt; echo -n '> '; end; set -g fish_autosuggestion_enabled 0; cna completion fish | source"
tab_cases
ok

done_
