#!/usr/bin/env bash
# The command line itself (docs/commands.md): `cna help CMD`, did-you-mean for mistyped commands,
# the colour switches (--color, NO_COLOR, CLICOLOR_FORCE, FORCE_COLOR, CLICOLOR) and -q on every
# command.
set -euo pipefail
source "$(dirname "$0")/gate_lib.sh"

case_ "cna help CMD prints what cna CMD --help prints, on stdout, exit 0"
new_workspace
for words in "" "status" "check" "report" "checklist" "checklist validate" "who" "help"; do
  # shellcheck disable=SC2086
  expect_status 0 "$CNA" $words --help
  want=$OUT
  # shellcheck disable=SC2086
  expect_status 0 "$CNA" help $words
  [ "$OUT" = "$want" ] || fail "cna help $words differs from cna $words --help: $OUT"
  [ -z "$ERR" ] || fail "stderr: $ERR"
done
expect_status 0 "$CNA" help checklist validate
expect_contains "$OUT" "Usage: cna checklist validate"
# A subcommand after a positional (cna who ACCOUNT add): help needs no account.
expect_status 0 "$CNA" help who add
expect_contains "$OUT" "Usage: cna who add [OPTIONS] id"
ok

case_ "--help names the man page and the installed docs, never a file an installed user has not got"
new_workspace
commands=$("$CNA" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
[ -n "$commands" ] || fail "no commands listed"
for cmd in "" $commands; do
  subs=$("$CNA" $cmd --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
  for sub in "" $subs; do
    # shellcheck disable=SC2086
    expect_status 0 "$CNA" $cmd $sub --help
    expect_not_contains "$OUT" "README"
  done
done
expect_status 0 "$CNA" --help
expect_contains "$OUT" "Documentation: man cna"
expect_status 0 "$CNA" status --help
expect_contains "$OUT" "docs/json.md, installed with the docs; man cna says where"
ok

case_ "cna help with an unknown command: usage error (2) with a suggestion"
new_workspace
expect_status 2 "$CNA" help stauts
expect_contains "$ERR" 'unknown command "stauts"; did you mean status?'
expect_status 2 "$CNA" help checklist valdate
expect_contains "$ERR" 'unknown checklist command "valdate"; did you mean validate?'
[ -z "$OUT" ] || fail "stdout: $OUT"
ok

case_ "a mistyped command: did you mean (exit 2); nothing close lists the commands"
new_workspace
expect_status 2 "$CNA" stauts
expect_contains "$ERR" 'cna: error: unknown command "stauts"; did you mean status?'
expect_contains "$ERR" "Run 'cna --help' for the commands."
expect_status 2 "$CNA" reprot acme
expect_contains "$ERR" "did you mean report?"
expect_status 2 "$CNA" -q chek acme
expect_contains "$ERR" "did you mean check?"
expect_status 2 "$CNA" zzzzzz
expect_contains "$ERR" 'unknown command "zzzzzz" (one of: init, start, '
ok

case_ "a mistyped subcommand is named, not 'A subcommand is required'"
new_workspace
expect_status 2 "$CNA" checklist bogus
expect_contains "$ERR" 'unknown checklist command "bogus" (one of: list, show, validate, fmt, diff, new)'
expect_not_contains "$ERR" "A subcommand is required"
expect_contains "$ERR" "Run 'cna checklist --help' for the commands."
expect_status 2 "$CNA" checklist valdiate
expect_contains "$ERR" "did you mean validate?"
expect_status 2 "$CNA" checklist
expect_contains "$ERR" "A subcommand is required"
expect_status 2 "$CNA" who acme ad dana --name Dana
expect_contains "$ERR" 'unknown who command "ad"; did you mean add?'
# An option no one knows stays the parser's own message.
expect_status 2 "$CNA" status --bogus
expect_contains "$ERR" "--bogus"
ok

# has_color TEXT: whether TEXT holds an SGR escape.
has_color() { grep -q $'\e\\[' <<<"$1"; }

case_ "colours: --color, NO_COLOR, CLICOLOR_FORCE, FORCE_COLOR and CLICOLOR, in that order"
walked_account
unset NO_COLOR
# Piped output: no colours by default.
expect_status 1 "$CNA" check acme
if has_color "$OUT"; then fail "colours on a pipe"; fi
# The table: environment → colours on a pipe (1) or not (0).
while read -r want env; do
  # shellcheck disable=SC2086
  expect_status 1 env $env "$CNA" check acme
  if has_color "$OUT"; then got=1; else got=0; fi
  [ "$got" = "$want" ] || fail "$env: expected colour=$want, got $got"
done <<'EOF'
1 CLICOLOR_FORCE=1
1 CLICOLOR_FORCE=yes
0 CLICOLOR_FORCE=0
0 CLICOLOR_FORCE=
1 FORCE_COLOR=1
1 FORCE_COLOR=0
0 FORCE_COLOR=
0 NO_COLOR=1 CLICOLOR_FORCE=1
0 NO_COLOR=1 FORCE_COLOR=1
1 NO_COLOR= FORCE_COLOR=1
0 CLICOLOR=0
1 CLICOLOR=0 CLICOLOR_FORCE=1
EOF
# --color always|never beats every variable.
expect_status 1 env NO_COLOR=1 "$CNA" --color always check acme
has_color "$OUT" || fail "--color always with NO_COLOR set: no colour"
expect_status 1 env CLICOLOR_FORCE=1 FORCE_COLOR=1 "$CNA" --color never check acme
if has_color "$OUT"; then fail "--color never with CLICOLOR_FORCE set: colours"; fi
ok

case_ "-q status prints nothing but errors; its exit status still counts unreadable files"
walked_account
expect_status 0 "$CNA" -q status
[ -z "$OUT$ERR" ] || fail "printed: $OUT$ERR"
expect_status 0 "$CNA" status acme -q
[ -z "$OUT$ERR" ] || fail "printed: $OUT$ERR"
printf '{ not json' > assessments/broken.json
expect_status 65 "$CNA" -q status
[ -z "$OUT" ] || fail "stdout: $OUT"
expect_contains "$ERR" "broken"
# --json is the document asked for: -q keeps it.
expect_status 65 "$CNA" -q status --json
jq -e '.accounts[0].account == "acme"' <<<"$OUT" >/dev/null || fail "status --json -q: $OUT"
ok

case_ "-q on every command: views and confirmations are left out, documents are kept"
walked_account
# Views and messages: nothing on stdout.
for cmd in "check acme" "who acme" "log acme" "checklist list" "checklist show gate" \
  "checklist validate" "answer acme plan Call --source dana-lee" "confirm acme --yes" \
  "who acme add raj --name Raj" "who acme edit raj --title CTO" "who acme remove raj" \
  "checklist new quiet_one" "report acme -o r.md --format md" "proposal acme -o p.md"; do
  # shellcheck disable=SC2086
  "$CNA" -q $cmd >"$E2E_ROOT/out" 2>"$E2E_ROOT/err" || true
  [ ! -s "$E2E_ROOT/out" ] || fail "cna -q $cmd printed: $(cat "$E2E_ROOT/out")"
done
[ -s r.md ] && [ -s p.md ] || fail "the reports were not written"
# The check's answer is its exit status.
expect_status 0 "$CNA" -q check acme
printf '{"cna": 1, "id": "bad", "version": "1.0.0", "title": "B", "sections": []}\n' > checklists/bad.json
expect_status 1 "$CNA" -q checklist validate checklists/bad.json
expect_contains "$OUT" "checklists/bad.json"
expect_not_contains "$OUT" "error," # no summary line, the error itself
rm checklists/bad.json
# Documents: kept.
for cmd in "report acme" "report acme --format json" "brief acme" "check acme --json" \
  "who acme --json" "log acme --json" "checklist show gate --json" "completion bash" \
  "proposal acme"; do
  # shellcheck disable=SC2086
  "$CNA" -q $cmd >"$E2E_ROOT/out" 2>"$E2E_ROOT/err" || fail "cna -q $cmd: $(cat "$E2E_ROOT/err")"
  [ -s "$E2E_ROOT/out" ] || fail "cna -q $cmd printed nothing"
done
ok

done_
