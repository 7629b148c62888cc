#!/usr/bin/env bash
# examples/: the checklists a team would adopt validate cleanly and work; the scripts a team would
# copy (the pre-commit hook, the nightly export) and the short proposal template do their job.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

EX=$CNA_SOURCE_DIR/examples
export CNA # the example scripts run ${CNA:-cna}

# A git repository holding a fresh workspace, with the example pre-commit hook installed.
new_repo() {
  REPO=$(mktemp -d "$E2E_ROOT/repo.XXXXXX")
  cd "$REPO"
  git init -q .
  git config user.email sam@example.com
  git config user.name "Sam Rep"
  "$CNA" -q init >/dev/null
  cp "$EX/scripts/pre-commit" .git/hooks/pre-commit
  git add -A && git commit -qm "workspace" || fail "first commit"
}

case_ "each example checklist and the built-in plans validate with no error and no warning, and are canonical"
new_workspace
examples=("$EX"/checklists/*.json "$CNA_SOURCE_DIR"/checklists/{key_account_review,renewal}.json)
[ ${#examples[@]} -ge 3 ] || fail "only ${#examples[@]} example checklists"
for f in "${examples[@]}"; do
  expect_status 0 "$CNA" checklist validate "$f"
  [ "$OUT" = "$f: ok" ] || fail "not clean: $OUT"
  expect_status 0 "$CNA" checklist fmt --check "$f"
  [ "$(jq '[.sections[].items[] | select((.help // "") == "" or (.clarify // []) == [])] | length' "$f")" = 0 ] ||
    fail "$(basename "$f"): an item lacks help or clarify"
  [ "$(jq '[.sections[].items[] | select(.when)] | length' "$f")" -ge 2 ] ||
    fail "$(basename "$f"): fewer than two conditions"
done
[ -f "$EX/checklists/meddpicc.json" ] || fail "missing examples/checklists/meddpicc.json"
ok

case_ "an example checklist drives real answers and conditions in a workspace"
new_workspace
mkdir -p checklists && cp "$EX"/checklists/*.json checklists/
expect_status 0 "$CNA" checklist list
expect_contains "$OUT" "meddpicc"
expect_contains "$OUT" "key_account_review"
printf '{"cna": 1, "default_checklist": "meddpicc"}\n' > cna.json
expect_status 0 "$CNA" who acme add dana --name "Dana Lee" --role champion
expect_status 0 "$CNA" answer acme buyer_met no --source dana
expect_json '.checklist.id' '"meddpicc"'
expect_status 0 "$CNA" status acme --json
[ "$(jq -c '[.accounts[0].blockers[].item] | [any(. == "buyer_access_plan"), any(. == "buyer_priorities")]' <<<"$OUT")" = '[true,false]' ] ||
  fail "buyer_met == false should ask for the access plan, not the priorities: $OUT"
ok

case_ "pre-commit: a valid, canonical staged checklist is committed"
new_repo
cp "$CNA_SOURCE_DIR/checklists/renewal.json" checklists/renewal.json
git add checklists/renewal.json
git commit -qm "renewal checklist" >"$E2E_ROOT/out" 2>&1 || fail "refused: $(cat "$E2E_ROOT/out")"
[ "$(git log --format=%s -1)" = "renewal checklist" ] || fail "not committed"
ok

case_ "pre-commit: a changed checklist without the version bump it implies is refused"
new_repo
cp "$CNA_SOURCE_DIR/checklists/renewal.json" checklists/renewal.json
git add checklists/renewal.json && git commit -qm "renewal checklist" || fail "first commit"
# Remove an item (a major change) but bump only the patch version.
version=$(jq -r .version checklists/renewal.json)
jq --arg v "${version%.*}.$((${version##*.} + 1))" '.version = $v | .sections[0].items |= .[:-1]' \
  "$CNA_SOURCE_DIR/checklists/renewal.json" > checklists/renewal.json
"$CNA" checklist fmt checklists/renewal.json >/dev/null
git add checklists/renewal.json
if git commit -qm "dropped an item" >"$E2E_ROOT/out" 2>&1; then fail "the commit went through"; fi
expect_contains "$(cat "$E2E_ROOT/out")" "checklists/renewal.json: its version is too small for its changes"
expect_contains "$(cat "$E2E_ROOT/out")" "implies a major bump"
jq --arg v "$((${version%%.*} + 1)).0.0" '.version = $v' checklists/renewal.json > bumped.json
mv bumped.json checklists/renewal.json && git add checklists/renewal.json
git commit -qm "dropped an item, major bump" >"$E2E_ROOT/out" 2>&1 || fail "refused: $(cat "$E2E_ROOT/out")"
ok

case_ "pre-commit: an invalid staged checklist is refused, naming the problem"
new_repo
sed 's/"type": "yesno"/"type": "yes-no"/' "$CNA_SOURCE_DIR/checklists/renewal.json" > checklists/renewal.json
git add checklists/renewal.json
if git commit -qm "broken" >"$E2E_ROOT/out" 2>&1; then fail "the commit went through"; fi
expect_contains "$(cat "$E2E_ROOT/out")" 'checklists/renewal.json:'
expect_contains "$(cat "$E2E_ROOT/out")" 'unknown type "yes-no"'
expect_contains "$(cat "$E2E_ROOT/out")" "pre-commit: commit refused"
[ "$(git log --format=%s -1)" = "workspace" ] || fail "a commit was made"
ok

case_ "pre-commit: a valid but not canonical checklist is refused; after fmt it goes through"
new_repo
jq -c . "$CNA_SOURCE_DIR/checklists/renewal.json" > checklists/renewal.json
git add checklists/renewal.json
if git commit -qm "one line" >"$E2E_ROOT/out" 2>&1; then fail "the commit went through"; fi
expect_contains "$(cat "$E2E_ROOT/out")" "not in canonical form"
expect_contains "$(cat "$E2E_ROOT/out")" "  checklists/renewal.json"
"$CNA" checklist fmt checklists/renewal.json >/dev/null
git add checklists/renewal.json
git commit -qm "formatted" >"$E2E_ROOT/out" 2>&1 || fail "refused after fmt: $(cat "$E2E_ROOT/out")"
ok

case_ "pre-commit: judges what is staged, not the working copy; other files pass untouched"
new_repo
sed 's/"type": "yesno"/"type": "yes-no"/' "$CNA_SOURCE_DIR/checklists/renewal.json" > checklists/renewal.json
git add checklists/renewal.json
cp "$CNA_SOURCE_DIR/checklists/renewal.json" checklists/renewal.json # fixed, but not staged
if git commit -qm "staged is broken" >"$E2E_ROOT/out" 2>&1; then fail "the staged file was not checked"; fi
git reset -q
git add checklists/renewal.json
printf 'notes\n' > notes.txt && git add notes.txt
git commit -qm "fixed" >"$E2E_ROOT/out" 2>&1 || fail "refused: $(cat "$E2E_ROOT/out")"
ok

case_ "nightly-export.sh: one CSV of every account in one pass, a latest link, exit 1 when any is blocked"
cp -r "$EX/workspace" "$E2E_ROOT/nightly-ws"
cd "$E2E_ROOT/nightly-ws"
export CNA_WORKSPACE=$PWD
# A multi-line answer whose second line looks like a blocked row: it must not count as one.
run "$CNA" answer acme key_problems "Lost tickets" "initech,discovery,false,x" --source mia-chen
run "$CNA" confirm acme --yes --with mia-chen
expect_status 0 "$CNA" check acme
umask 022
expect_status 0 env CNA="$CNA" sh "$EX/scripts/nightly-export.sh" "$E2E_ROOT/exports"
out=$OUT
[ "$out" = "$E2E_ROOT/exports/cna-$(date -u +%Y-%m-%d).csv" ] || fail "printed: $out"
[ "$(readlink "$E2E_ROOT/exports/cna-latest.csv")" = "$(basename "$out")" ] || fail "latest link"
[ "$(stat -c %a "$out")" = 644 ] || fail "the export is mode $(stat -c %a "$out") under umask 022"
run "$CNA" answer initech business_goal "Cut costs"
run "$CNA" answer beta-co business_goal "Grow in the north"
expect_status 1 env CNA="$CNA" sh "$EX/scripts/nightly-export.sh" "$E2E_ROOT/exports" "$PWD"
[ "$OUT" = "$out" ] || fail "printed: $OUT"
[ "$ERR" = "blocked: beta-co initech" ] || fail "stderr: $ERR"
python3 - "$out" <<'EOF' || fail "the CSV does not hold every account"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
accounts = {(row["account"], row["ready"]) for row in rows}
assert accounts == {("acme", "true"), ("beta-co", "false"), ("initech", "false")}, accounts
assert any(row["answer"] == "Grow in the north" for row in rows)
EOF
printf '{ not json' > assessments/broken.json
expect_status 65 env CNA="$CNA" sh "$EX/scripts/nightly-export.sh" "$E2E_ROOT/exports"
expect_contains "$ERR" "assessments/broken.json"
cd "$E2E_ROOT"
unset CNA_WORKSPACE
ok

case_ "the short proposal template renders for a ready account"
if ! "$CNA" proposal --help >/dev/null 2>&1 || [ ! -d "$EX/workspace/assessments" ]; then
  echo "skip - cna proposal or the ready example account (examples/workspace) does not exist yet"
else
  cp -r "$EX/workspace" "$E2E_ROOT/proposal-ws"
  export CNA_WORKSPACE="$E2E_ROOT/proposal-ws"
  cd "$CNA_WORKSPACE"
  account=$(ls assessments | sed -n 's/\.json$//p' | head -1)
  expect_status 0 "$CNA" proposal "$account" --template "$EX/templates/proposal-short.mustache"
  expect_contains "$OUT" ": our proposal in brief"
  expect_contains "$OUT" "## Your needs, most important first"
  expect_contains "$OUT" "1. "
  expect_not_contains "$OUT" "{{"
  ok
fi

done_
