#!/usr/bin/env bash
# `cna account rename | archive | unarchive` (issue 9 item 6): the account's file moves under the
# store's locks, its slug and history follow; archived accounts leave status and report --all
# and stay in git; bad names are usage errors (2) and nothing saved is lost.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# Two accounts, the typo "nordbhan" holding answers.
two_accounts() {
  new_workspace
  run "$CNA" who nordbhan add katrin --name "Katrin Vogel"
  run "$CNA" answer nordbhan business_goal "Grow north" --source katrin
  run "$CNA" who acme add dana --name "Dana Lee"
}

case_ "rename moves the file, its slug and display name follow, the history says so"
two_accounts
expect_status 0 "$CNA" account rename nordbhan nordbahn
expect_contains "$OUT" "renamed nordbhan to nordbahn"
[ ! -e assessments/nordbhan.json ] || fail "the old file is still there"
expect_json '[.account, .name, .answers.business_goal.value]' '["nordbahn","nordbahn","Grow north"]' nordbahn
expect_json '[.history[-1] | .action, .item, .value]' '["account-renamed","nordbahn","nordbhan"]' nordbahn
expect_status 0 "$CNA" status --json
[ "$(jq -c '[.accounts[].account]' <<<"$OUT")" = '["acme","nordbahn"]' ] || fail "status: $OUT"
expect_status 0 "$CNA" log nordbahn
expect_contains "$OUT" "account-renamed"
expect_status 2 "$CNA" status nordbhan
ok

case_ "a bad, taken or missing name is a usage error and nothing is moved"
two_accounts
cp assessments/nordbhan.json before.json
expect_status 2 "$CNA" account rename nordbhan "Nord Bahn"
expect_contains "$ERR" "nord-bahn"
expect_status 2 "$CNA" account rename nordbhan acme
expect_contains "$ERR" 'account "acme" exists already'
expect_status 2 "$CNA" account rename nobody somebody
expect_contains "$ERR" 'no account "nobody"'
expect_status 2 "$CNA" account rename nordbhan nordbhan
expect_status 2 "$CNA" account
cmp before.json assessments/nordbhan.json || fail "a refused rename changed the file"
[ ! -e assessments/nord-bahn.json ] && [ ! -e assessments/somebody.json ] || fail "a file was made"
ok

case_ "archive: out of status and report --all, kept in assessments/archive/, refused by name until unarchived"
two_accounts
expect_status 0 "$CNA" account archive nordbhan
expect_contains "$OUT" "archived nordbhan (kept in assessments/archive/nordbhan.json"
[ -f assessments/archive/nordbhan.json ] && [ ! -e assessments/nordbhan.json ] || fail "not moved"
expect_json '.history[-1].action' '"account-archived"' archive/nordbhan
expect_status 0 "$CNA" status --json
[ "$(jq -c '[.accounts[].account]' <<<"$OUT")" = '["acme"]' ] || fail "status: $OUT"
expect_status 0 "$CNA" report --all --format json
[ "$(jq -c '[.accounts[].account]' <<<"$OUT")" = '["acme"]' ] || fail "report --all: $OUT"
expect_status 2 "$CNA" status nordbhan
expect_contains "$ERR" 'account "nordbhan" is archived (cna account unarchive nordbhan)'
# A new account of the same name would hide the archived one.
expect_status 2 "$CNA" answer nordbhan business_goal "Again"
expect_contains "$ERR" "is archived"
[ ! -e assessments/nordbhan.json ] || fail "a second nordbhan was created"
expect_status 2 "$CNA" account rename acme nordbhan
expect_contains "$ERR" "an archived account is called"
expect_status 2 "$CNA" account unarchive acme
expect_contains "$ERR" 'no archived account "acme"'
expect_status 0 "$CNA" account unarchive nordbhan
expect_contains "$OUT" "unarchived nordbhan"
expect_json '[.answers.business_goal.value, .history[-1].action]' '["Grow north","account-unarchived"]' nordbhan
[ ! -e assessments/archive/nordbhan.json ] || fail "the archived copy is still there"
ok

case_ "unarchive never overwrites an account of the same name"
two_accounts
run "$CNA" account archive nordbhan
cp assessments/archive/nordbhan.json archived.json
# Made behind cna's back (a git pull): the archived one must not replace it.
cp assessments/acme.json assessments/nordbhan.json
expect_status 2 "$CNA" account unarchive nordbhan
expect_contains "$ERR" 'account "nordbhan" exists already'
cmp archived.json assessments/archive/nordbhan.json || fail "the archived file changed"
cmp assessments/acme.json assessments/nordbhan.json || fail "the account was overwritten"
ok

case_ "a held lock gives up with 75 and moves nothing"
two_accounts
hold_lock assessments/.nordbhan.json.lock
CNA_LOCK_TIMEOUT_MS=200 expect_status 75 "$CNA" account rename nordbhan nordbahn
release_lock
[ -f assessments/nordbhan.json ] && [ ! -e assessments/nordbahn.json ] || fail "moved under a lock"
ok

done_
