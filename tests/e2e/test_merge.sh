#!/usr/bin/env bash
# `cna merge-driver` through real `git merge`s between branches (docs/checklists-as-code.md): edits of
# different items merge cleanly, the same edit agrees, different edits of one item become a
# `conflict` that `cna check` names and answering again resolves; bad input leaves OURS alone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/git_lib.sh"

command -v git >/dev/null || skip "git is not installed"

# A workspace in a git repository with the driver registered, committed on main.
git_repo() {
  new_workspace
  git init -q -b main .
  git config user.name "Sam Rep"
  git config user.email sam@example.com
  git config merge.cna.driver "\"$CNA\" merge-driver %O %A %B"
  printf 'assessments/*.json merge=cna\n' > .gitattributes
  printf '.*.tmp.*\n.*.lock\n' > .gitignore
  git add -A
  git commit -qm "workspace"
}

# ...with the account "acme" (stakeholder dana-lee, business_goal answered) committed on main.
git_workspace() {
  git_repo
  "$CNA" who acme add dana-lee --name "Dana Lee" --role champion >/dev/null
  "$CNA" answer acme business_goal "Grow in the north" --source dana-lee >/dev/null
  git add -A
  git commit -qm "acme"
}

# on BRANCH TIME cmd...: runs a cna command on BRANCH (created from main when new) at TIME, and
# commits the result.
on() {
  local branch=$1 time=$2
  shift 2
  git checkout -q "$branch" 2>/dev/null || git checkout -qb "$branch" main
  CNA_NOW=$time "$CNA" "$@" >/dev/null
  git add -A
  git commit -qm "$branch: $*"
}

merge_alex() {
  git checkout -q main
  expect_status "$1" git merge --no-edit alex
}

case_ "edits of different items merge cleanly (git exits 0, both answers present)"
git_workspace
on alex 2026-11-24T09:00:00Z answer acme current_approach "Spreadsheets" --source dana-lee
on main 2026-11-24T10:00:00Z answer acme budget_amount 250k EUR --source dana-lee
merge_alex 0
expect_json '.answers.current_approach.value' '"Spreadsheets"'
expect_json '.answers.budget_amount.value' '{"amount":250000,"currency":"EUR"}'
expect_json '.answers.business_goal.value' '"Grow in the north"'
# The history is the union in time order (a plain text merge would conflict on it).
expect_json '[.history[] | .item]' '["dana-lee","business_goal","current_approach","budget_amount"]'
[ -z "$(git status --porcelain)" ] || fail "the merge left changes: $(git status --porcelain)"
expect_status 1 "$CNA" check acme --json # open items, but no conflict
expect_not_contains "$OUT" "conflict"
ok

case_ "one-sided edits are taken: an answer changed on one branch, a stakeholder added on the other"
git_workspace
on alex 2026-11-24T09:00:00Z answer acme business_goal "Grow in the south" --source dana-lee
on main 2026-11-24T10:00:00Z who acme add lee-chan --name "Lee Chan" --role coach
merge_alex 0
expect_json '.answers.business_goal.value' '"Grow in the south"'
expect_json '[.stakeholders[].id]' '["dana-lee","lee-chan"]'
ok

case_ "a stakeholder edited differently on both sides: ours kept, theirs in the history, exit 0"
git_workspace
on alex 2026-11-24T09:00:00Z who acme edit dana-lee --title "CFO"
on main 2026-11-24T10:00:00Z who acme edit dana-lee --title "COO"
merge_alex 0
expect_contains "$ERR" "stakeholder dana-lee title: changed on both sides; kept ours"
expect_json '.stakeholders[0].title' '"COO"'
expect_json '[.history[] | select(.action == "merge-kept-ours") | .value]' '["stakeholder dana-lee title: CFO"]'
ok

case_ "met, stance and access of one stakeholder edited on both sides merge field by field"
git_workspace
"$CNA" who acme add raj --name "Raj Patel" >/dev/null
git add -A && git commit -qm raj
on alex 2026-11-24T09:00:00Z who acme edit dana-lee --stance sceptic --access-via raj
on main 2026-11-24T10:00:00Z who acme edit dana-lee --met yes --title CFO
merge_alex 0
expect_json '.stakeholders[0] | [.title, .met, .stance, .access_via]' '["CFO",true,"sceptic",["raj"]]'
expect_json '[.history[] | select(.action == "merge-kept-ours")] | length' '0'
expect_status 0 "$CNA" who acme
expect_contains "$OUT" "dana-lee  Dana Lee · CFO · champion · met · sceptic · reached through Raj Patel"
ok

case_ "the same edit on both sides agrees, whatever its timestamps"
git_workspace
on alex 2026-11-24T09:00:00Z answer acme budget_amount 250k EUR --source dana-lee
on main 2026-11-24T10:00:00Z answer acme budget_amount 250000 EUR --source dana-lee
merge_alex 0
expect_json '.answers.budget_amount | [.state, .value.amount]' '["answered",250000]'
expect_json '[.history[] | select(.item == "budget_amount")] | length' '2'
ok

case_ "different edits of one item: git reports the conflict (1), the file stays valid"
git_workspace
on alex 2026-11-24T09:00:00Z answer acme business_goal "Grow in the south" --source dana-lee
on main 2026-11-24T10:00:00Z answer acme business_goal "Cut costs" --source dana-lee
merge_alex 1
expect_contains "$OUT$ERR" "business_goal was answered differently on both sides"
expect_contains "$OUT$ERR" "CONFLICT"
expect_json '.answers.business_goal | [.state, .ours.value, .theirs.value]' '["conflict","Cut costs","Grow in the south"]'
expect_json '.answers.business_goal.theirs.answered_at' '"2026-11-24T09:00:00Z"'
grep -q '^<<<<<<<' assessments/acme.json && fail "conflict markers in the file"
ok

case_ "cna check, status, who, log, brief, report and proposal show the conflict without crashing"
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "business_goal"
expect_contains "$OUT" "conflict"
expect_status 1 "$CNA" check acme --json
[ "$(jq -r '.accounts[0].blockers[] | select(.item == "business_goal") | .reason' <<<"$OUT")" = conflict ] ||
  fail "check --json: $OUT"
expect_status 0 "$CNA" status acme
expect_contains "$OUT" "Conflicts"
expect_contains "$OUT" "ours: Cut costs · theirs: Grow in the south"
expect_status 0 "$CNA" status --json
[ "$(jq -r '.accounts[0].blockers[] | select(.item == "business_goal") | .reason' <<<"$OUT")" = conflict ] ||
  fail "status --json: $OUT"
expect_status 0 "$CNA" who acme
expect_status 0 "$CNA" who acme --json
expect_status 0 "$CNA" log acme
expect_contains "$OUT" "business_goal"
expect_status 0 "$CNA" brief acme
expect_contains "$OUT" "conflict"
for format in text md html csv json; do
  expect_status 0 "$CNA" report acme --format "$format"
  expect_contains "$OUT" "conflict"
  expect_contains "$OUT" "Cut costs" # both sides, so the team sees what to choose between
  expect_contains "$OUT" "Grow in the south"
done
expect_status 0 "$CNA" report acme --format json
[ "$(jq -r '.sections[].items[] | select(.id == "business_goal") | .answer' <<<"$OUT")" = \
  $'ours: Cut costs\ntheirs: Grow in the south' ] || fail "report json: the conflict's answer"
expect_status 1 "$CNA" proposal acme
expect_contains "$OUT$ERR" "business_goal"
ok

case_ "answering again resolves the conflict: check shows it unconfirmed; the merge commits"
expect_status 0 "$CNA" answer acme business_goal "Cut costs" --source dana-lee
expect_json '.answers.business_goal | [.state, .value, .ours, .theirs]' '["answered","Cut costs",null,null]'
expect_status 1 "$CNA" check acme --json
[ "$(jq -r '.accounts[0].blockers[] | select(.item == "business_goal") | .reason' <<<"$OUT")" = unconfirmed ] ||
  fail "after answering: $OUT"
git add assessments/acme.json
expect_status 0 git commit -q --no-edit
ok

case_ "--source alone on a conflict is refused: it needs an answer"
git_workspace
on alex 2026-11-24T09:00:00Z answer acme business_goal "South" --source dana-lee
on main 2026-11-24T10:00:00Z answer acme business_goal "North" --source dana-lee
merge_alex 1
expect_status 2 "$CNA" answer acme business_goal --source dana-lee
expect_contains "$ERR" "two answers that disagree"
expect_json '.answers.business_goal.state' '"conflict"'
ok

case_ "both branches create the same account (no common base): merged item by item"
git_repo
on alex 2026-11-24T09:00:00Z answer acme current_approach "Spreadsheets"
on main 2026-11-24T10:00:00Z answer acme business_goal "Grow"
merge_alex 0
expect_json '.answers | keys' '["business_goal","current_approach"]'
expect_json '[.history[].item]' '["current_approach","business_goal"]'
ok

case_ "a rename on one branch meets an edit of the old item on the other: both kept, check names it"
git_repo
mkdir -p checklists
# evo VERSION FIRST-ITEM: checklists/evo.json with FIRST-ITEM and a "budget" item.
evo() {
  printf '{"cna": 1, "id": "evo", "version": "%s", "title": "Evo", "sections": [{"id": "s",
    "title": "S", "items": [%s, {"id": "budget", "type": "text", "prompt": "Budget?", "help": "h",
    "source": false}]}]}\n' "$1" "$2" > checklists/evo.json
}
evo 1.0.0 '{"id": "goal", "type": "text", "prompt": "Goal?", "help": "h", "source": false}'
"$CNA" answer acme goal "Grow" --checklist evo >/dev/null
git add -A
git commit -qm "evo"
git checkout -qb alex
evo 2.0.0 '{"id": "objective", "type": "text", "prompt": "Goal?", "help": "h", "source": false, "renamed_from": ["goal"]}'
on alex 2026-11-24T09:00:00Z answer acme budget 10k
on main 2026-11-24T10:00:00Z answer acme goal "Shrink"
merge_alex 0
expect_status 1 "$CNA" check acme --json
[ "$(jq -r '.accounts[0].blockers[] | select(.item == "objective") | .reason' <<<"$OUT")" = conflict ] ||
  fail "check --json: $OUT"
expect_status 0 "$CNA" status acme
expect_contains "$OUT" "ours: Grow · theirs: Shrink"
expect_status 0 "$CNA" answer acme objective "Shrink"
expect_json '.answers | [keys_unsorted, .objective.value]' '[["objective","budget"],"Shrink"]'
expect_json '.retired' '{}'
ok

# The driver called directly, as git would.
driver_files() {
  new_workspace
  run "$CNA" answer acme business_goal "Grow"
  cp assessments/acme.json base.json
  cp base.json ours.json
  cp base.json theirs.json
}

case_ "a version that does not parse: exit 65 naming it, OURS untouched"
driver_files
run "$CNA" answer acme business_goal "Shrink"
cp assessments/acme.json ours.json
head -c 100 base.json > theirs.json
cp ours.json ours.before
expect_status 65 "$CNA" merge-driver base.json ours.json theirs.json
expect_contains "$ERR" "theirs.json"
cmp -s ours.json ours.before || fail "OURS was changed"
printf '{"cna": 1, "answers": {"business_goal": {"state": "maybe"}}}\n' > theirs.json
expect_status 65 "$CNA" merge-driver base.json ours.json theirs.json
expect_contains "$ERR" 'unknown state "maybe"'
cmp -s ours.json ours.before || fail "OURS was changed"
printf '<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> alex\n' > base.json
expect_status 65 "$CNA" merge-driver base.json ours.json theirs.json
expect_contains "$ERR" "conflict markers"
cmp -s ours.json ours.before || fail "OURS was changed"
ok

case_ "the driver writes nothing when the result is OURS; usage errors are 2"
driver_files
run "$CNA" answer acme business_goal "Shrink"
cp assessments/acme.json ours.json
ln ours.json ours.link # same inode while untouched
expect_status 0 "$CNA" merge-driver base.json ours.json theirs.json
[ ours.json -ef ours.link ] || fail "an unchanged OURS was rewritten"
expect_status 2 "$CNA" merge-driver base.json ours.json
expect_status 0 "$CNA" merge-driver --help
expect_contains "$OUT" "%O %A %B"
ok

case_ "cna init + git init + two clones: different items merge cleanly, one item conflicts until answered again"
seed=$(mktemp -d "$E2E_ROOT/seed.XXXXXX")
cd "$seed"
export CNA_WORKSPACE=$seed
"$CNA" -q init . >/dev/null
"$CNA" who acme add dana-lee --name "Dana Lee" --role champion >/dev/null
"$CNA" answer acme business_goal "Grow in the north" --source dana-lee >/dev/null
git_clones "$seed" ana ben
in_clone ana "$CNA" answer acme current_approach "Spreadsheets" --source dana-lee >/dev/null
in_clone ana git commit -qam "ana: current approach"
in_clone ana git push -q origin main
in_clone ben "$CNA" answer acme budget_amount 250k EUR --source dana-lee >/dev/null
in_clone ben git commit -qam "ben: budget"
in_clone ben git pull -q --no-rebase --no-edit origin main || fail "different items did not merge cleanly"
in_clone ben jq -e '.answers.current_approach.value == "Spreadsheets" and .answers.budget_amount.value.amount == 250000' \
  assessments/acme.json >/dev/null || fail "an answer was lost in the merge"
in_clone ben git push -q origin main
# Now both edit business_goal differently.
in_clone ana git pull -q --no-rebase --no-edit origin main
in_clone ana "$CNA" answer acme business_goal "Cut costs" --source dana-lee >/dev/null
in_clone ana git commit -qam "ana: goal"
in_clone ana git push -q origin main
in_clone ben "$CNA" answer acme business_goal "Grow in the south" --source dana-lee >/dev/null
in_clone ben git commit -qam "ben: goal"
if in_clone ben git pull -q --no-rebase --no-edit origin main >/dev/null 2>&1; then fail "git did not report the conflict"; fi
in_clone ben jq -e . assessments/acme.json >/dev/null || fail "the conflicted file is not valid JSON"
OUT=$(in_clone ben "$CNA" check acme --json) && fail "check passed a conflict"
[ "$(jq -r '.accounts[0].blockers[] | select(.item == "business_goal") | .reason' <<<"$OUT")" = conflict ] || fail "check: $OUT"
in_clone ben "$CNA" answer acme business_goal "Grow in the south, then cut costs" --source dana-lee >/dev/null
OUT=$(in_clone ben "$CNA" check acme --json) || true
[ "$(jq -r '.accounts[0].blockers[] | select(.item == "business_goal") | .reason' <<<"$OUT")" = unconfirmed ] || fail "after answering: $OUT"
in_clone ben git add assessments/acme.json
in_clone ben git commit -qm "ben: resolved the goal" || fail "the resolution did not commit"
in_clone ben git push -q origin main || fail "push after resolving"
ok

done_
