#!/usr/bin/env bash
# `cna completion bash|zsh|fish` (docs/commands.md): scripts generated from the command tree. The
# bash one is loaded into a real bash and asked for completions the way readline asks.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

cna_on_path # the completion scripts call `cna`

# complete WORD...: what the bash completion offers for the last WORD (may be "") after the others.
complete_words() {
  bash -c 'eval "$(cna completion bash)"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _cna
           printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort' _ "$@"
}

case_ "bash: subcommands, nested subcommands and options complete from the command tree"
new_workspace
[ "$(complete_words cna st)" = $'start\nstatus' ] || fail "cna st: $(complete_words cna st)"
[ "$(complete_words cna checklist f)" = "fmt" ] || fail "checklist f: $(complete_words cna checklist f)"
[ "$(complete_words cna checklist fmt --)" = $'--check\n--help' ] || fail "fmt --"
[ "$(complete_words cna -C . report --f)" = "--format" ] || fail "-C . report --f"
[ "$(complete_words cna -q who a)" = "add" ] || fail "who a"
[ "$(complete_words cna completion "")" = $'--help\n-h\nbash\nfish\nzsh' ] || fail "completion: $(complete_words cna completion "")"
ok

case_ "bash: account names complete for the commands that take one, from the workspace"
new_workspace
"$CNA" answer acme business_goal "Grow" >/dev/null
"$CNA" answer beta business_goal "Keep" >/dev/null
[ "$(complete_words cna check "")" = $'--help\n--json\n-h\nacme\nbeta' ] || fail "check: $(complete_words cna check "")"
[ "$(complete_words cna report a)" = "acme" ] || fail "report a: $(complete_words cna report a)"
[ "$(complete_words cna checklist "")" = $'--help\n-h\ndiff\nfmt\nlist\nnew\nshow\nvalidate' ] || fail "checklist takes no account"
ok

case_ "zsh and fish scripts; a bad shell is a usage error"
expect_status 0 "$CNA" completion zsh
expect_contains "$OUT" "bashcompinit"
expect_contains "$OUT" "complete -F _cna cna"
expect_status 0 "$CNA" completion fish
expect_contains "$OUT" "complete -c cna -n \"__fish_use_subcommand\" -a 'init start answer"
expect_contains "$OUT" "complete -c cna -n \"test \"(string join ' ' (__fish_print_cmd_args_without_options)[2..])\" = 'checklist fmt'\" -l 'check'"
if command -v zsh >/dev/null; then "$CNA" completion zsh | zsh -n || fail "zsh -n"; fi
if command -v fish >/dev/null; then "$CNA" completion fish | fish -n || fail "fish -n"; fi
expect_status 2 "$CNA" completion tcsh
expect_status 0 "$CNA" completion --help
expect_contains "$OUT" "Examples:"
ok

done_
