#!/usr/bin/env bash
# `cna init [DIR]`: the workspace skeleton of docs/workspace.md, the merge-driver line, and never
# overwriting anything.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
unset CNA_WORKSPACE

case_ "init DIR writes the skeleton, prints the git config lines, and is a workspace"
cd "$E2E_ROOT"
expect_status 0 "$CNA" init team/ws
expect_contains "$OUT" "Created a cna workspace in team/ws:"
expect_contains "$OUT" "  .gitattributes"
expect_contains "$OUT" "  git config merge.cna.driver 'cna merge-driver %O %A %B'"
expect_contains "$OUT" "  git config merge.cna.name 'cna assessment merge'"
[ "$(jq -c . team/ws/cna.json)" = '{"cna":1,"default_checklist":"discovery","reconfirm_after_days":30}' ] ||
  fail "cna.json: $(cat team/ws/cna.json)"
[ "$(cat team/ws/.gitattributes)" = "assessments/*.json merge=cna" ] || fail ".gitattributes"
[ "$(cat team/ws/.gitignore)" = $'.*.tmp.*\n.*.lock' ] || fail ".gitignore"
for dir in checklists assessments templates; do
  [ -f "team/ws/$dir/.gitkeep" ] || fail "no $dir/.gitkeep"
done
ls -A team/ws | sort | tr '\n' ' ' | grep -qx '.gitattributes .gitignore assessments checklists cna.json templates ' ||
  fail "unexpected files: $(ls -A team/ws)"
cd team/ws
expect_status 0 "$CNA" answer acme business_goal "Cut onboarding time"
[ -f assessments/acme.json ] || fail "the account was not written inside the new workspace"
ok

case_ "init with no DIR uses the current folder (or -C DIR); -q prints only the git config lines"
mkdir -p "$E2E_ROOT/here" && cd "$E2E_ROOT/here"
expect_status 0 "$CNA" init
[ -f cna.json ] && [ -f .gitignore ] || fail "nothing written in the current folder"
expect_status 0 "$CNA" -q -C "$E2E_ROOT/other" init
[ -f "$E2E_ROOT/other/cna.json" ] || fail "-C DIR was not used"
[ "$OUT" = "git config merge.cna.name 'cna assessment merge'
git config merge.cna.driver 'cna merge-driver %O %A %B'" ] || fail "quiet output: $OUT"
ok

case_ "init refuses (exit 1) when any file of the skeleton exists, and writes nothing"
mkdir -p "$E2E_ROOT/repo" && cd "$E2E_ROOT/repo"
printf 'node_modules/\n' > .gitignore
expect_status 1 "$CNA" init
expect_contains "$ERR" "cna: error: ./.gitignore already exists; nothing was written"
[ "$(cat .gitignore)" = "node_modules/" ] || fail ".gitignore was changed"
[ "$(ls -A)" = ".gitignore" ] || fail "files were written: $(ls -A)"
cd "$E2E_ROOT/team/ws"
before=$(cat cna.json)
expect_status 1 "$CNA" init .
expect_contains "$ERR" "./cna.json, ./checklists/.gitkeep, ./assessments/.gitkeep"
[ "$(cat cna.json)" = "$before" ] || fail "cna.json was overwritten"
ok

case_ "init refuses a DIR that is a file"
cd "$E2E_ROOT"
touch plain
expect_status 1 "$CNA" init plain
expect_contains "$ERR" "plain (not a folder) already exists"
ok

case_ "the merge-driver line works in a real git repository"
cd "$E2E_ROOT" && rm -rf gitws && mkdir gitws && cd gitws
git init -q .
expect_status 0 "$CNA" -q init
while IFS= read -r line; do eval "$line"; done <<<"$OUT"
[ "$(git config merge.cna.driver)" = "cna merge-driver %O %A %B" ] || fail "driver not registered"
[ "$(git check-attr merge assessments/acme.json)" = "assessments/acme.json: merge: cna" ] ||
  fail "attribute: $(git check-attr merge assessments/acme.json)"
touch .acme.json.lock .acme.json.tmp.123
[ -z "$(git status --porcelain --untracked-files=all | grep -F -e '.lock' -e '.tmp.')" ] ||
  fail "temp or lock files not ignored: $(git status --porcelain)"
ok

done_
