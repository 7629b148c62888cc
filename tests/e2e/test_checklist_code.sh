#!/usr/bin/env bash
# Checklists as code (docs/checklists-as-code.md): `cna checklist fmt [--check]`, `diff OLD NEW` and
# `new ID`, through the real binary on real files.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# A small valid checklist with its keys out of canonical order, on one line.
scrambled() {
  printf '%s\n' '{"sections": [{"items": [{"prompt": "Goal?", "type": "text", "id": "goal", "help": "h"}, {"options": [{"label": "A", "value": "a"}, "b"], "id": "pick", "type": "choice", "prompt": "Pick?", "help": "h"}], "title": "S", "id": "s"}], "title": "Mini", "version": "1.0.0", "id": "mini", "cna": 1}'
}

case_ "fmt, diff and new answer --help with 0"
new_workspace
for sub in fmt diff new; do
  expect_status 0 "$CNA" checklist "$sub" --help
done
expect_status 2 "$CNA" checklist fmt
expect_status 2 "$CNA" checklist diff discovery
ok

case_ "fmt rewrites files that differ into the canonical form and lists them"
new_workspace
mkdir -p checklists
scrambled > checklists/mini.json
cp "$CNA_SOURCE_DIR/checklists/discovery.json" checklists/discovery.json
chmod 0644 checklists/mini.json
expect_status 0 "$CNA" checklist fmt checklists/mini.json checklists/discovery.json
[ "$OUT" = "checklists/mini.json" ] || fail "listed: $OUT"
[ "$(jq -c '[keys_unsorted, (.sections[0] | keys_unsorted), (.sections[0].items[0] | keys_unsorted)]' checklists/mini.json)" = \
  '[["cna","id","version","title","sections"],["id","title","items"],["id","type","prompt","help"]]' ] ||
  fail "not reordered: $(cat checklists/mini.json)"
[ "$(sed -n 2p checklists/mini.json)" = '  "cna": 1,' ] || fail "not 2-space indented"
[ "$(tail -c 1 checklists/mini.json | od -An -c | tr -d ' ')" = '\n' ] || fail "no final newline"
[ "$(jq -c '.sections[0].items[1].options' checklists/mini.json)" = '[{"value":"a","label":"A"},"b"]' ] ||
  fail "options not kept as written: $(jq -c '.sections[0].items[1].options' checklists/mini.json)"
[ "$(stat -c %a checklists/mini.json)" = 644 ] || fail "mode changed"
jq -S . checklists/mini.json > sorted.now && scrambled | jq -S . > sorted.before
cmp -s sorted.now sorted.before || fail "the content changed, not only its form"
cmp -s checklists/discovery.json "$CNA_SOURCE_DIR/checklists/discovery.json" || fail "discovery was rewritten"
# Formatting is stable: a second run has nothing to do.
expect_status 0 "$CNA" checklist fmt checklists/mini.json
[ -z "$OUT" ] || fail "second run listed: $OUT"
expect_status 0 "$CNA" checklist validate mini
ok

case_ "fmt --check writes nothing and exits 1 listing each file that differs"
new_workspace
scrambled > a.json
scrambled | sed 's/"mini"/"other"/' > b.json
cp "$CNA_SOURCE_DIR/checklists/discovery.json" good.json
cp a.json a.before
expect_status 1 "$CNA" checklist fmt --check a.json good.json b.json
[ "$OUT" = $'a.json\nb.json' ] || fail "listed: $OUT"
cmp -s a.json a.before || fail "--check wrote a.json"
expect_status 0 "$CNA" checklist fmt --check good.json
ok

case_ "fmt refuses a file with errors (exit 1, problems listed) and goes on with the others"
new_workspace
printf '{"cna": 1, "id": "bad", "version": "1.0", "title": "B", "sections": [{"id": "s", "title": "S", "items": [{"id": "x", "type": "numbr", "prompt": "X?"}]}]}\n' > bad.json
cp bad.json bad.before
scrambled > fine.json
expect_status 1 "$CNA" checklist fmt bad.json fine.json
expect_contains "$ERR" "bad.json:1:36: version: error: expected a semantic version"
expect_contains "$ERR" 'error: unknown type "numbr"'
expect_contains "$ERR" "cna: error: bad.json has errors; not formatted"
expect_not_contains "$ERR" "warning"
[ "$OUT" = "fine.json" ] || fail "fine.json was not formatted: $OUT"
cmp -s bad.json bad.before || fail "bad.json was changed"
printf '{"cna": 1,' > cut.json
expect_status 1 "$CNA" checklist fmt cut.json
expect_contains "$ERR" "cut.json:1:"
expect_status 65 "$CNA" checklist fmt missing.json
expect_contains "$ERR" "missing.json does not exist"
ok

case_ "fmt through a symlink rewrites the file it names and keeps the link"
new_workspace
mkdir real && scrambled > real/mini.json && ln -s real/mini.json link.json
expect_status 0 "$CNA" checklist fmt link.json
[ -L link.json ] || fail "the symlink was replaced"
[ "$(sed -n 2p real/mini.json)" = '  "cna": 1,' ] || fail "the target was not formatted"
ok

# Two versions of a checklist for diff: v1, and v2 with one change of each kind.
write_versions() {
  cat > v1.json <<'EOF'
{"cna": 1, "id": "deal", "version": "1.2.0", "title": "Deal", "sections": [
  {"id": "s", "title": "S", "items": [
    {"id": "goal", "type": "text", "prompt": "Goal?", "help": "h"},
    {"id": "pains", "type": "longtext", "prompt": "Pains?", "help": "h"},
    {"id": "stage", "type": "choice", "prompt": "Stage?", "help": "h", "options": ["a", "b", "c"]},
    {"id": "users", "type": "text", "prompt": "Users?", "help": "h"},
    {"id": "legacy", "type": "yesno", "prompt": "Legacy?", "help": "h"},
    {"id": "notes", "type": "text", "prompt": "Notes?", "help": "h"}]}]}
EOF
  cat > v2.json <<'EOF'
{"cna": 1, "id": "deal", "version": "1.3.0", "title": "Deal", "sections": [
  {"id": "s", "title": "S", "items": [
    {"id": "goal", "type": "text", "prompt": "Goal?", "help": "Ask for the outcome."},
    {"id": "problems", "type": "longtext", "prompt": "Pains?", "help": "h", "renamed_from": ["pains"]},
    {"id": "stage", "type": "choice", "prompt": "Stage?", "help": "h", "options": ["a", "b", "d"]},
    {"id": "users", "type": "number", "prompt": "Users?", "help": "h"},
    {"id": "notes", "type": "text", "prompt": "Notes?", "help": "h"},
    {"id": "budget", "type": "money", "prompt": "Budget?", "help": "h"}]}]}
EOF
}

case_ "diff lists added, removed, renamed, changed and reworded items and the bump (text)"
new_workspace
write_versions
# 1.3.0 is too small a bump for these changes: the answer is "no" (1), for hooks and CI.
expect_status 1 "$CNA" checklist diff v1.json v2.json
expect_contains "$OUT" "deal 1.2.0 → deal 1.3.0"
expect_contains "$OUT" "  reworded  goal: help  [patch]"
expect_contains "$OUT" "  renamed   pains → problems  [minor]"
expect_contains "$OUT" "  changed   stage: options (removed c), options (added d)  [major, re-confirm]"
expect_contains "$OUT" "  changed   users: type (text → number)  [major, re-confirm]"
expect_contains "$OUT" "  added     budget  [minor]"
expect_contains "$OUT" "  removed   legacy (its answers are kept as retired)  [major]"
expect_not_contains "$OUT" "notes"
expect_contains "$OUT" "implies a major bump: the new version should be at least 2.0.0; 1.3.0 is too small"
sed -i 's/"1.3.0"/"2.0.0"/' v2.json
expect_status 0 "$CNA" checklist diff v1.json v2.json
expect_contains "$OUT" "2.0.0 is enough"
ok

case_ "diff --json: the documented shape"
new_workspace
write_versions
expect_status 1 "$CNA" checklist diff v1.json v2.json --json
[ "$(jq -c '[.cna_checklist_diff, .old, .new, .bump, .least_version, .version_ok]' <<<"$OUT")" = \
  '[1,{"id":"deal","version":"1.2.0"},{"id":"deal","version":"1.3.0"},"major","2.0.0",false]' ] || fail "json: $OUT"
[ "$(jq -c '[.items[] | [.item, .change, .bump, .reconfirm]]' <<<"$OUT")" = \
  '[["goal","reworded","patch",false],["problems","renamed","minor",false],["stage","changed","major",true],["users","changed","major",true],["budget","added","minor",false],["legacy","removed","major",false]]' ] ||
  fail "items: $(jq -c '.items' <<<"$OUT")"
[ "$(jq -c '.items[1].from' <<<"$OUT")" = '"pains"' ] || fail "renamed from"
ok

case_ "diff: guidance-only changes are a patch; the same checklist is no change; ids work"
new_workspace
mkdir -p checklists
cp "$CNA_SOURCE_DIR/checklists/discovery.json" checklists/discovery.json
# The shipped version, and the next patch and minor of it.
version=$(jq -r .version "$CNA_SOURCE_DIR/checklists/discovery.json")
IFS=. read -r major minor patch <<<"$version"
next_patch="$major.$minor.$((patch + 1))"
expect_status 0 "$CNA" checklist diff discovery checklists/discovery.json
expect_contains "$OUT" "discovery $version → discovery $version"
expect_contains "$OUT" "no changes"
jq '.sections[0].items[0].help = "Reworded help." | .sections[0].items[0].clarify += ["One more?"] | .version = "'"$next_patch"'"' \
  "$CNA_SOURCE_DIR/checklists/discovery.json" > reworded.json
expect_status 0 "$CNA" checklist diff "$CNA_SOURCE_DIR/checklists/discovery.json" reworded.json
expect_contains "$OUT" "  reworded  current_approach: help, clarify  [patch]"
expect_contains "$OUT" "implies a patch bump: the new version should be at least $next_patch; $next_patch is enough"
ok

case_ "diff builtin:ID reaches the shipped checklist where the workspace overrides it; list says so"
new_workspace
mkdir -p checklists
version=$(jq -r .version "$CNA_SOURCE_DIR/checklists/discovery.json")
IFS=. read -r major minor patch <<<"$version"
jq '.sections[0].items[0].prompt = "Reworded?" | .version = "'"$major.$((minor + 1)).0"'"' \
  "$CNA_SOURCE_DIR/checklists/discovery.json" > checklists/discovery.json
expect_status 0 "$CNA" checklist diff builtin:discovery discovery
expect_contains "$OUT" "discovery $version → discovery $major.$((minor + 1)).0"
expect_contains "$OUT" "current_approach: prompt"
expect_status 0 "$CNA" checklist list
expect_contains "$OUT" "checklists/discovery.json (overrides builtin:discovery)"
expect_status 0 "$CNA" checklist show builtin:discovery
expect_contains "$OUT" "How does the customer handle this area today"
expect_status 2 "$CNA" checklist diff builtin:nope discovery
expect_contains "$ERR" 'no built-in checklist "nope"'
ok

case_ "diff: an unknown id is a usage error (2); an invalid file is bad data (65)"
new_workspace
expect_status 2 "$CNA" checklist diff discovery nope
expect_contains "$ERR" 'unknown checklist "nope"'
printf '{"cna": 1}' > bad.json
expect_status 65 "$CNA" checklist diff discovery bad.json
expect_contains "$ERR" "bad.json does not validate"
ok

case_ "new ID writes a starter that validates, into the workspace's checklists/"
new_workspace
expect_status 0 "$CNA" checklist new renewal
expect_contains "$OUT" "wrote checklists/renewal.json"
expect_status 0 "$CNA" checklist validate renewal
[ "$OUT" = "checklists/renewal.json: ok" ] || fail "not clean: $OUT"
expect_status 0 "$CNA" checklist fmt --check checklists/renewal.json
[ "$(jq -c '[.id, .version, .title, (.sections | length)]' checklists/renewal.json)" = '["renewal","0.1.0","Renewal",2]' ] ||
  fail "starter: $(jq -c '[.id, .version, .title]' checklists/renewal.json)"
[ "$(jq -c '[.sections[].items[].type] | unique' checklists/renewal.json)" = "$(jq -c '."$defs".item.properties.type.enum | sort' "$CNA_SOURCE_DIR/checklists/checklist.schema.json")" ] ||
  fail "not every type"
expect_status 0 "$CNA" checklist show renewal
expect_contains "$OUT" "when: has_incumbent == true"
# The starter is usable at once.
expect_status 0 "$CNA" answer acme current_approach "Spreadsheets" --checklist renewal
expect_json '.checklist.id' '"renewal"'
ok

case_ "new -o FILE; refuses to overwrite (1) and a bad id (2)"
new_workspace
expect_status 0 "$CNA" checklist new key_account_review -o drafts/kar.json
[ "$(jq -r .title drafts/kar.json)" = "Key account review" ] || fail "title"
cp drafts/kar.json kar.before
expect_status 1 "$CNA" checklist new key_account_review -o drafts/kar.json
expect_contains "$ERR" "drafts/kar.json already exists; nothing was written"
cmp -s drafts/kar.json kar.before || fail "overwritten"
expect_status 0 "$CNA" checklist new renewal
expect_status 1 "$CNA" checklist new renewal
expect_contains "$ERR" "checklists/renewal.json already exists"
expect_status 2 "$CNA" checklist new "Key Account"
expect_contains "$ERR" '"Key Account" is not a checklist id'
[ ! -e "checklists/Key Account.json" ] || fail "wrote a file for a bad id"
ok

done_
