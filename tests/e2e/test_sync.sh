#!/usr/bin/env bash
# `cna sync`: two reps' clones of one workspace repository (a local bare origin) commit, pull
# through the merge driver and push; conflicts, a missing remote or upstream and an unreachable
# remote are refused with their documented exit status; a cloned workspace gets the merge driver
# from `cna init` or `cna sync`. The workspace sits in ws/ of the repository, as in a team repo
# that holds other things too.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
unset CNA_WORKSPACE
export GIT_CEILING_DIRECTORIES=$E2E_ROOT # never the repository the tests run from

# team_repo: a fresh origin.git whose main holds ws/, a workspace with acme (one answer, Dana Lee),
# and clones alex and sam, each with its git identity and no merge driver registered.
team_repo() {
  cd "$E2E_ROOT" && rm -rf seed origin.git alex sam carol
  mkdir seed && cd seed
  git init -q -b main .
  "$CNA" -q init ws >/dev/null
  (cd ws && CNA_WORKSPACE=$PWD run "$CNA" who acme add dana --name "Dana Lee")
  (cd ws && CNA_WORKSPACE=$PWD run "$CNA" answer acme business_goal "Grow" --source dana)
  printf 'team notes\n' > README.txt
  git add -A && git -c user.name=Seed -c user.email=s@example.com commit -qm seed
  git clone -q --bare . "$E2E_ROOT/origin.git"
  for who in alex sam; do
    git clone -q "$E2E_ROOT/origin.git" "$E2E_ROOT/$who"
    git -C "$E2E_ROOT/$who" config user.name "$who"
    git -C "$E2E_ROOT/$who" config user.email "$who@example.com"
  done
  cd "$E2E_ROOT"
}

# in_ws NAME cmd...: runs cmd in the workspace of NAME's clone.
in_ws() { (cd "$E2E_ROOT/$1/ws" && shift && CNA_WORKSPACE=$PWD "$@"); }
# nothing_pushed_nothing_half_done: origin's main is still $pushed; sam's clone is clean, with no
# merge under way.
nothing_pushed_nothing_half_done() {
  [ "$(git -C "$E2E_ROOT/origin.git" rev-parse main)" = "$pushed" ] || fail "origin moved"
  [ ! -e "$(git -C "$E2E_ROOT/sam" rev-parse --git-path MERGE_HEAD)" ] || fail "a merge is left half done"
  [ -z "$(git -C "$E2E_ROOT/sam" status --porcelain)" ] ||
    fail "sam's clone is not clean: $(git -C "$E2E_ROOT/sam" status --porcelain)"
}
# origin_subject: the subject of the last commit on origin's main.
origin_subject() { git -C "$E2E_ROOT/origin.git" log -1 --format=%s main; }

case_ "two clones sync: commits with a generated message, pulls through the driver, pushes; both reps' answers end up in both"
team_repo
in_ws alex run "$CNA" answer acme current_approach "Spreadsheets" --source dana
in_ws alex run "$CNA" confirm acme business_goal --yes --with dana
in_ws alex run "$CNA" answer nordbahn business_goal "Move freight by rail"
printf 'private\n' > alex/ws/notes.txt # not cna's: never committed by sync
printf 'changed\n' >> alex/README.txt
expect_status 0 in_ws alex "$CNA" sync
expect_contains "$OUT" "Registered the merge driver for assessments in $E2E_ROOT/alex"
expect_contains "$OUT" "Committed "
expect_contains "$OUT" "cna sync: acme, nordbahn (2 answers, 1 confirmation)"
expect_contains "$OUT" "Pushed to origin/main."
[ "$(origin_subject)" = "cna sync: acme, nordbahn (2 answers, 1 confirmation)" ] ||
  fail "origin's last commit: $(origin_subject)"
[ "$(git -C alex status --porcelain)" = "$(printf ' M README.txt\n?? ws/notes.txt')" ] ||
  fail "sync committed more than cna's files: $(git -C alex status --porcelain)"
[ "$(git -C alex config --local merge.cna.driver)" = "'$CNA' merge-driver %O %A %B" ] ||
  fail "driver: $(git -C alex config --local merge.cna.driver)"
# Sam changes another item of acme: the pull merges the two versions of acme.json item by item.
in_ws sam run "$CNA" answer acme budget_status identified --source dana
expect_status 0 in_ws sam "$CNA" sync
expect_contains "$OUT" "cna sync: acme (1 answer)"
expect_contains "$OUT" "Pulled 1 commit from origin/main."
expect_contains "$OUT" "Pushed to origin/main."
expect_status 0 in_ws alex "$CNA" sync
expect_contains "$OUT" "Nothing to commit."
expect_contains "$OUT" "Pulled 2 commits from origin/main."
expect_contains "$OUT" "Up to date with origin/main."
for who in alex sam; do
  got=$(jq -c '[.answers.business_goal.value, .answers.current_approach.value, .answers.budget_status.value, (.answers.business_goal.confirmed_by != null)]' "$who/ws/assessments/acme.json")
  [ "$got" = '["Grow","Spreadsheets","identified",true]' ] || fail "$who's acme: $got"
  [ -f "$who/ws/assessments/nordbahn.json" ] || fail "$who has no nordbahn"
  ! grep -q '^<<<<<<<' "$who/ws/assessments/acme.json" || fail "conflict markers in $who's acme"
done
expect_status 0 in_ws sam "$CNA" -q sync
[ -z "$OUT$ERR" ] || fail "-q sync printed: $OUT$ERR"
ok

case_ "an answer both reps changed: merged as a conflict, committed here, not pushed (exit 1) until chosen"
team_repo
in_ws alex run "$CNA" answer acme business_goal "Grow in the north" --source dana
in_ws alex run "$CNA" sync
pushed=$(git -C origin.git rev-parse main)
in_ws sam run "$CNA" answer acme business_goal "Cut costs" --source dana
expect_status 1 in_ws sam "$CNA" sync
expect_contains "$OUT" "Pulled 1 commit from origin/main."
expect_contains "$ERR" "cna: error: 1 answer has two different values (yours and origin/main's)"
expect_contains "$ERR" "  acme business_goal"
expect_contains "$ERR" "cna answer ACCOUNT ITEM VALUE"
expect_contains "$ERR" "nothing was pushed"
nothing_pushed_nothing_half_done
[ "$(git -C sam rev-list --count HEAD^@)" -ge 2 ] || fail "the merge was not committed"
expect_status 1 in_ws sam "$CNA" check acme
expect_contains "$OUT" "conflict"
# Again without choosing: still refused, still nothing pushed.
expect_status 1 in_ws sam "$CNA" sync
expect_contains "$ERR" "  acme business_goal"
[ "$(git -C origin.git rev-parse main)" = "$pushed" ] || fail "the conflict was pushed on the second sync"
in_ws sam run "$CNA" answer acme business_goal "Grow in the north, cut costs" --source dana
expect_status 0 in_ws sam "$CNA" sync
expect_contains "$OUT" "cna sync: acme (1 answer)"
expect_contains "$OUT" "Pushed to origin/main."
expect_status 0 in_ws alex "$CNA" sync
[ "$(jq -r .answers.business_goal.value alex/ws/assessments/acme.json)" = "Grow in the north, cut costs" ] ||
  fail "alex did not get the choice"
ok

case_ "a file git cannot merge (cna.json): the merge is undone, the commit kept, what to do said (exit 1)"
team_repo
jq '.default_currency = "EUR"' alex/ws/cna.json >alex/ws/cna.json.new
mv alex/ws/cna.json.new alex/ws/cna.json
in_ws alex run "$CNA" sync
pushed=$(git -C origin.git rev-parse main)
jq '.default_currency = "CHF"' sam/ws/cna.json >sam/ws/cna.json.new
mv sam/ws/cna.json.new sam/ws/cna.json
expect_status 1 in_ws sam "$CNA" sync
expect_contains "$OUT" "Committed "
expect_contains "$OUT" "cna sync: cna.json"
expect_contains "$ERR" "a file changed here and in origin/main in ways git cannot merge: ws/cna.json."
expect_contains "$ERR" "The merge was undone; your changes are committed here (commit $(git -C sam rev-parse --short HEAD)), nothing was pushed."
expect_contains "$ERR" "git merge origin/main"
nothing_pushed_nothing_half_done
[ "$(jq -r .default_currency sam/ws/cna.json)" = CHF ] || fail "sam's cna.json: $(cat sam/ws/cna.json)"
# A merge left under way by hand: conflict markers in cna.json are bad data (65), as for every
# command; without them sync still touches nothing while the merge is under way (exit 2).
git -C sam merge -q origin/main >/dev/null 2>&1 && fail "git merged cna.json"
expect_status 65 in_ws sam "$CNA" sync
expect_contains "$ERR" "cna.json:5:1: unresolved git merge conflict markers"
git -C sam merge --abort
git -C sam merge -q -s ours --no-commit origin/main >/dev/null 2>&1
head=$(git -C sam rev-parse HEAD)
expect_status 2 in_ws sam "$CNA" sync
expect_contains "$ERR" "a git merge (or rebase) is under way in $E2E_ROOT/sam; nothing was done"
[ "$(git -C sam rev-parse HEAD)" = "$head" ] || fail "sync committed during a merge"
git -C sam merge --abort
ok

case_ "refused, changing nothing (exit 2): no git repository, no remote, no upstream branch, a detached HEAD"
cd "$E2E_ROOT" && rm -rf lone && "$CNA" -q init lone >/dev/null
expect_status 2 env CNA_WORKSPACE="$E2E_ROOT/lone" "$CNA" sync
expect_contains "$ERR" "cna: error: this workspace is not in a git repository; nothing was done"
expect_contains "$ERR" "git clone URL"
git -C lone init -q -b main .
git -C lone config user.name lone && git -C lone config user.email lone@example.com
CNA_WORKSPACE="$E2E_ROOT/lone" run "$CNA" answer acme business_goal "Grow"
expect_status 2 env CNA_WORKSPACE="$E2E_ROOT/lone" "$CNA" sync
expect_contains "$ERR" "the repository $E2E_ROOT/lone has no remote to sync with; nothing was done"
expect_contains "$ERR" "git remote add origin URL"
! git -C lone rev-parse -q --verify HEAD >/dev/null || fail "something was committed without a remote"
git -C lone add -A && git -C lone commit -qm first
git init -q --bare lone.git && git -C lone remote add origin "$E2E_ROOT/lone.git"
CNA_WORKSPACE="$E2E_ROOT/lone" run "$CNA" answer acme current_approach "Paper"
expect_status 2 env CNA_WORKSPACE="$E2E_ROOT/lone" "$CNA" sync
expect_contains "$ERR" "branch main tracks no remote branch; nothing was done"
expect_contains "$ERR" "git push -u origin main"
[ "$(git -C lone rev-list --count HEAD)" = 1 ] || fail "something was committed without an upstream"
git -C lone push -q -u origin main
expect_status 0 env CNA_WORKSPACE="$E2E_ROOT/lone" "$CNA" sync
expect_contains "$OUT" "cna sync: acme (1 answer)"
[ "$(git -C lone.git log -1 --format=%s main)" = "cna sync: acme (1 answer)" ] || fail "not pushed"
git -C lone checkout -q --detach
expect_status 2 env CNA_WORKSPACE="$E2E_ROOT/lone" "$CNA" sync
expect_contains "$ERR" "is on no branch (a detached HEAD); nothing was done"
expect_status 2 env CNA_WORKSPACE="$E2E_ROOT/none" "$CNA" sync
expect_contains "$ERR" "no workspace in $E2E_ROOT/none (no cna.json)"
ok

case_ "an unreachable remote: exit 74, the workspace's commit kept; the next sync pushes it"
team_repo
git -C alex remote set-url origin "$E2E_ROOT/gone.git"
in_ws alex run "$CNA" answer acme current_approach "Spreadsheets" --source dana
expect_status 74 in_ws alex "$CNA" sync
expect_contains "$OUT" "cna sync: acme (1 answer)"
expect_contains "$ERR" "cna: error: cannot reach origin; your changes are committed here (commit $(git -C alex rev-parse --short HEAD)); nothing was pulled or pushed"
expect_contains "$ERR" "git: fatal:"
[ "$(git -C alex log -1 --format=%s)" = "cna sync: acme (1 answer)" ] || fail "the commit was not kept"
[ -z "$(git -C alex status --porcelain)" ] || fail "not clean: $(git -C alex status --porcelain)"
git -C alex remote set-url origin "$E2E_ROOT/origin.git"
expect_status 0 in_ws alex "$CNA" sync
expect_contains "$OUT" "Nothing to commit."
expect_contains "$OUT" "Pushed to origin/main."
[ "$(origin_subject)" = "cna sync: acme (1 answer)" ] || fail "origin: $(origin_subject)"
ok

case_ "a clone of the team's workspace: cna init registers the merge driver (once, and says so)"
team_repo
git clone -q origin.git carol
git -C carol config user.name carol && git -C carol config user.email carol@example.com
! git -C carol config merge.cna.driver >/dev/null || fail "a clone should start without the driver"
before=$(cd carol && git status --porcelain && cat ws/cna.json)
expect_status 0 "$CNA" init carol/ws
expect_contains "$OUT" "carol/ws is a cna workspace already; nothing was written."
expect_contains "$OUT" "Registered the merge driver for assessments in $E2E_ROOT/carol (git config merge.cna.driver ''$CNA' merge-driver %O %A %B')."
[ "$(git -C carol config --local merge.cna.driver)" = "'$CNA' merge-driver %O %A %B" ] || fail "not registered"
[ "$(cd carol && git status --porcelain && cat ws/cna.json)" = "$before" ] || fail "init changed files"
expect_status 0 "$CNA" -C carol/ws init
expect_contains "$OUT" "Found the merge driver for assessments in $E2E_ROOT/carol"
# Through the driver: two reps change different items of acme; carol's merge is item by item.
in_ws alex run "$CNA" answer acme current_approach "Spreadsheets" --source dana
in_ws alex run "$CNA" sync
in_ws carol run "$CNA" answer acme business_goal "Grow faster" --source dana
expect_status 0 in_ws carol "$CNA" sync
[ "$(jq -c '[.answers.business_goal.value, .answers.current_approach.value]' carol/ws/assessments/acme.json)" = \
  '["Grow faster","Spreadsheets"]' ] || fail "carol's acme: $(jq -c .answers carol/ws/assessments/acme.json)"
ok

case_ "names reach git as arguments, never through a shell: a branch named like a command"
team_repo
cd alex
branch='x$(touch${IFS}pwned)'
git checkout -q -b "$branch"
git push -q -u origin "$branch" 2>/dev/null
cd "$E2E_ROOT"
in_ws alex run "$CNA" answer acme current_approach "Spreadsheets" --source dana
expect_status 0 in_ws alex "$CNA" sync
expect_contains "$OUT" "Pushed to origin/$branch."
[ "$(git -C origin.git log -1 --format=%s "$branch")" = "cna sync: acme (1 answer)" ] || fail "not pushed"
[ -z "$(find "$E2E_ROOT" -name pwned)" ] || fail "a shell ran the branch name"
ok

done_
