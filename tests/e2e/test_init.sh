#!/usr/bin/env bash
# `cna init [DIR]`: the workspace skeleton of docs/workspace.md, the merge driver registered in a git
# work tree (printed elsewhere), never overwriting anything; the conflict-marker error's advice.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
unset CNA_WORKSPACE
export GIT_CEILING_DIRECTORIES=$E2E_ROOT # init never reaches a repository the tests run from

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

case_ "init in a git work tree registers the merge driver in that repository and says so"
cd "$E2E_ROOT" && rm -rf gitws && mkdir gitws && cd gitws
git init -q -b main .
git config user.name "Sam Rep" && git config user.email sam@example.com
mkdir sub
expect_status 0 "$CNA" init sub/ws
expect_contains "$OUT" "Registered the merge driver for assessments in $E2E_ROOT/gitws (git config merge.cna.driver ''$CNA' merge-driver %O %A %B')"
expect_contains "$OUT" "  git config merge.cna.driver 'cna merge-driver %O %A %B'" # for other clones
[ "$(git config --local merge.cna.driver)" = "'$CNA' merge-driver %O %A %B" ] ||
  fail "driver: $(git config --local merge.cna.driver)"
[ "$(git config --local merge.cna.name)" = "cna assessment merge" ] || fail "name not registered"
cd sub/ws
[ "$(git check-attr merge assessments/acme.json)" = "assessments/acme.json: merge: cna" ] ||
  fail "attribute: $(git check-attr merge assessments/acme.json)"
touch .acme.json.lock .acme.json.tmp.123
[ -z "$(git status --porcelain --untracked-files=all | grep -F -e '.lock' -e '.tmp.')" ] ||
  fail "temp or lock files not ignored: $(git status --porcelain)"
rm .acme.json.lock .acme.json.tmp.123
# Two branches answer different items of one account: git merges them through the driver.
run "$CNA" answer acme business_goal "Grow"
git add -A && git commit -qm acme
git checkout -qb alex
run "$CNA" answer acme current_approach "Spreadsheets"
git commit -qam alex
git checkout -q main
run "$CNA" answer acme budget_status identified
git commit -qam main
git merge -q --no-edit alex >/dev/null 2>&1 || fail "the merge conflicted: $(git status --short)"
grep -q '^<<<<<<<' assessments/acme.json && fail "conflict markers"
[ "$(jq -c '[.answers.current_approach.value, .answers.budget_status.value]' assessments/acme.json)" = \
  '["Spreadsheets","identified"]' ] || fail "merged: $(jq -c .answers assessments/acme.json)"
ok

case_ "outside a git work tree init prints the lines; they work; -q prints only them"
cd "$E2E_ROOT" && rm -rf plainws && mkdir plainws && cd plainws
expect_status 0 "$CNA" init
expect_contains "$OUT" "Register the merge driver for assessments once per clone:"
expect_not_contains "$OUT" "Registered"
git init -q .
rm cna.json .gitignore .gitattributes && rm -r checklists assessments templates
expect_status 0 "$CNA" -q init
[ "$(git config --local merge.cna.driver)" = "'$CNA' merge-driver %O %A %B" ] || fail "-q did not register"
while IFS= read -r line; do eval "$line"; done <<<"$OUT"
[ "$(git config merge.cna.driver)" = "cna merge-driver %O %A %B" ] || fail "the printed lines did not register"
ok

case_ "conflict markers from a clone without the driver: exit 65 naming the fix"
cd "$E2E_ROOT" && rm -rf nodriver && mkdir nodriver && cd nodriver
"$CNA" -q init >/dev/null
git init -q -b main . && git config user.name "Sam Rep" && git config user.email sam@example.com
run "$CNA" answer acme business_goal "Grow"
git add -A && git commit -qm acme
git checkout -qb alex && run "$CNA" answer acme business_goal "Shrink" && git commit -qam alex
git checkout -q main && run "$CNA" answer acme business_goal "Hold" && git commit -qam main
git merge -q --no-edit alex >/dev/null 2>&1 && fail "git merged without the driver"
grep -q '^<<<<<<<' assessments/acme.json || fail "no conflict markers to test with"
expect_status 65 "$CNA" status acme
expect_contains "$ERR" "assessments/acme.json:"
expect_contains "$ERR" "unresolved git merge conflict markers"
expect_contains "$ERR" "git merge --abort"
expect_contains "$ERR" "git config merge.cna.driver 'cna merge-driver %O %A %B'"
git merge --abort
git config merge.cna.driver "'$CNA' merge-driver %O %A %B"
git merge -q --no-edit alex >/dev/null 2>&1 || true # a real conflict, now recorded by the driver
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "business_goal"
expect_contains "$OUT" "conflict"
ok

done_
