#!/usr/bin/env bash
# The bad-input catalog (docs/commands.md and docs/reliability.md): one row per hostile or broken input,
# each with its exit status, a fragment of the message, and a time limit. Every row runs in a
# fresh workspace whose assessments/acme.json is a good assessment; after the command that file
# must be byte-identical to what the row's set-up left there: nothing saved is lost, and nothing
# damaged is overwritten; and `status --json` over what is left reads the same through the fast
# read path as through the strict reader (CNA_STRICT_READ=1). Account names are tried in test_walk.sh ("bad account names are usage
# errors...", 10 names through `cna start`); the walk's input (placeholders, invalid UTF-8, a
# 10 MB line, closed stdin) in test_walk.sh too.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# ---- generators used by the table (all run in the row's workspace) ------------------------------

# Rows read like what a person types (and `timeout` can run cna).
cna_on_path
# A valid checklist file with N text items.
checklist_file() {
  { printf '{"cna": 1, "id": "big", "version": "1.0.0", "title": "T", "sections": [{"id": "s", "title": "S", "items": ['
    seq "$2" | sed 's/.*/{"id": "i&", "type": "text", "prompt": "P?", "help": "h"}/' | paste -sd,
    printf ']}]}\n'; } >"$1"
}
# N bytes of JSON: a string padded to the size.
big_json() { { printf '{"cna": 1, "x": "'; head -c "$2" /dev/zero | tr '\0' a; printf '"}'; } >"$1"; }
# N nested arrays.
deep_json() { { head -c "$2" /dev/zero | tr '\0' '['; head -c "$2" /dev/zero | tr '\0' ']'; } >"$1"; }
# The good assessment, or the all-types fixture checklist (written to OUT), with a sed edit.
edit_assessment() { sed -i "$1" assessments/acme.json; }
edit_checklist() { sed "$2" "$CNA_SOURCE_DIR/tests/fixtures/checklists/all_types.json" >"$1"; }
# The good assessment cut right after the first TEXT in it.
cut_after() {
  local at
  at=$(grep -bo "$1" assessments/acme.json | head -n 1 | cut -d: -f1)
  truncate -s $((at + ${#1})) assessments/acme.json
}
# The good assessment as a git merge leaves it when both sides changed it.
conflict() {
  { echo '<<<<<<< ours'; cat assessments/acme.json; echo '======='; cat assessments/acme.json
    echo '>>>>>>> theirs'; } >merged && mv merged assessments/acme.json
}
# The good assessment moved out of the workspace.
outside() { mkdir -p "$E2E_ROOT/outside"; cp assessments/acme.json "$E2E_ROOT/outside/acme.json"; }

# The patterns that made a backtracking matcher run for minutes (issue 15), by number: the
# table's columns are split at '|', which patterns hold.
hostile_patterns=('^(a|a?)+$' '^(a|aa)+$' '^a*a*a*a*a*a*a*a*a*a*$' '^\d+\d+\d+\d+\d+\d+x$'
  '^(a?){25}a{25}$' '^([a-z]+)-\1$' 'a(?=b)' 'a++')
# checklists/hostile.json: one text item "code" with hostile pattern N.
hostile_pattern() {
  mkdir -p checklists
  jq -n --arg p "${hostile_patterns[$1]}" '{cna: 1, id: "hostile", version: "1.0.0", title: "T",
    sections: [{id: "s", title: "S", items: [{id: "code", type: "text", prompt: "P?", help: "h",
    pattern: $p}]}]}' >checklists/hostile.json
}

# ---- the catalog --------------------------------------------------------------------------------
# status | ms | fragment of stdout+stderr | set-up | command

catalog() {
  cat <<'TABLE'
1 | 5000 | bad.json:1:11: error: unexpected end of file | printf '{"cna": 1,' > bad.json | cna checklist validate bad.json
1 | 5000 | bad.json:1:11: error: expected a key in double quotes | printf '{"cna": 1,}' > bad.json | cna checklist validate bad.json
1 | 5000 | bad.json:1:2: error: expected a key in double quotes | printf "{'cna': 1}" > bad.json | cna checklist validate bad.json
1 | 5000 | bad.json:3:8: error: number out of range | printf '{\n  "cna": 1,\n  "x": 1e400}' > bad.json | cna checklist validate bad.json
1 | 5000 | duplicate | edit_checklist bad.json 's/"version"/"id": "again", "version"/' | cna checklist validate bad.json
1 | 5000 | invalid UTF-8 | edit_checklist bad.json 's/Goal?/Go\xe9l?/' | cna checklist validate bad.json
1 | 5000 | control character | edit_checklist bad.json 's/Goal?/Go\x01l?/' | cna checklist validate bad.json
1 | 5000 | bad.json:1:2: error: expected a key | edit_checklist bad.json '1s/{/{\x00/' | cna checklist validate bad.json
1 | 5000 | bad.json:1:1: error: unresolved git merge conflict markers | printf '<<<<<<< ours\n{"cna": 1}\n=======\n{"cna": 2}\n>>>>>>> theirs\n' > bad.json | cna checklist validate bad.json
1 | 1000 | nesting deeper than 64 levels | deep_json bad.json 100000 | cna checklist validate bad.json
1 | 1000 | more than the limit of 4096 KiB | big_json bad.json 52428800 | cna checklist validate bad.json
1 | 5000 | more than the limit of 4096 KiB | big_json bad.json 5000000 | cna checklist validate bad.json
1 | 5000 | 5001 items is more than the limit of 5000 | checklist_file bad.json 5001 | cna checklist validate bad.json
1 | 5000 | is not a regular file (a FIFO) | mkfifo bad.json | cna checklist validate bad.json
2 | 3000 | does not match the expected format ^(a | hostile_pattern 0 | cna answer beta code "$(printf 'a%.0s' {1..60})!" --checklist hostile
2 | 3000 | does not match the expected format ^(a | hostile_pattern 1 | cna answer beta code "$(printf 'a%.0s' {1..60})!" --checklist hostile
2 | 3000 | does not match the expected format ^a*a*a*a* | hostile_pattern 2 | cna answer beta code "$(printf 'a%.0s' {1..60})!" --checklist hostile
2 | 3000 | does not match the expected format ^\d+\d+ | hostile_pattern 3 | cna answer beta code "$(printf '1%.0s' {1..60})!" --checklist hostile
2 | 3000 | does not match the expected format ^(a?){25}a{25}$ | hostile_pattern 4 | cna answer beta code "$(printf 'a%.0s' {1..60})!" --checklist hostile
0 | 3000 | hostile.json: ok | hostile_pattern 0 | cna checklist validate checklists/hostile.json
1 | 3000 | a backreference (\1) is not supported | hostile_pattern 5 | cna checklist validate checklists/hostile.json
1 | 3000 | lookahead ((?=...)) is not supported | hostile_pattern 6 | cna checklist validate checklists/hostile.json
1 | 3000 | a possessive quantifier (++) is not supported | hostile_pattern 7 | cna checklist validate checklists/hostile.json
65 | 3000 | a backreference (\1) is not supported | hostile_pattern 5 | cna answer beta code AB-AB --checklist hostile
1 | 5000 | is not a regular file (a device or socket) | true | cna checklist validate /dev/zero
1 | 5000 | is not a regular file (a directory) | mkdir bad.json | cna checklist validate bad.json
0 | 5000 | bom.json: ok | edit_checklist bom.json '1s/^/\xef\xbb\xbf/; s/$/\r/' | cna checklist validate bom.json
65 | 5000 | leads outside the workspace through a symlink | mkdir -p checklists "$E2E_ROOT/outside" && edit_checklist "$E2E_ROOT/outside/evil.json" 's/all_types/evil/' && ln -s "$E2E_ROOT/outside/evil.json" checklists/evil.json | cna answer beta goal Grow --checklist evil
65 | 5000 | assessments/acme.json:3:3: expected ',' or '}' | edit_assessment 's/"cna": 1,/"cna": 1/' | cna answer acme current_approach Spreadsheets
65 | 5000 | number out of range | edit_assessment 's/"cna": 1,/"cna": 1, "x": -1e400,/' | cna answer acme current_approach Spreadsheets
65 | 5000 | duplicate key answers.business_goal.state | edit_assessment 's/"state"/"state": "na", "state"/' | cna answer acme current_approach Spreadsheets
65 | 5000 | invalid UTF-8 in a string | edit_assessment 's/Grow/Gr\xc3\x28w/' | cna answer acme current_approach Spreadsheets
65 | 5000 | control character | edit_assessment 's/Grow/Gr\x1bw/' | cna answer acme current_approach Spreadsheets
65 | 5000 | unresolved git merge conflict markers | conflict | cna answer acme current_approach Spreadsheets
65 | 5000 | 2:18: unexpected character 'N', expected a value | edit_assessment 's/"cna": 1,/"cna": 1, "x": NaN,/' | cna answer acme current_approach Spreadsheets
65 | 5000 | 2:19: expected ',' or '}' | edit_assessment 's/"cna": 1,/"cna": 1, "x": 01,/' | cna answer acme current_approach Spreadsheets
65 | 5000 | unpaired surrogate in a \u escape | edit_assessment 's/Grow/\\ud800 x/' | cna answer acme current_approach Spreadsheets
65 | 5000 | invalid UTF-8 in a string | edit_assessment 's/Grow/\xc0\xaf/' | cna answer acme current_approach Spreadsheets
65 | 5000 | invalid UTF-8 in a string | edit_assessment 's/Grow/\xed\xa0\x80/' | cna answer acme current_approach Spreadsheets
65 | 5000 | invalid UTF-8 in a string | edit_assessment 's/Grow/\xf4\x90\x80\x80/' | cna answer acme current_approach Spreadsheets
65 | 5000 | NUL character (\u0000) is not allowed | edit_assessment 's/Grow/Gr\\u0000w/' | cna answer acme current_approach Spreadsheets
65 | 5000 | invalid escape in a string | edit_assessment 's/Grow/Gr\\qw/' | cna answer acme current_approach Spreadsheets
65 | 5000 | acme.json: expected an object | printf '[]' >assessments/acme.json | cna answer acme current_approach Spreadsheets
65 | 5000 | 1:1: unexpected character '\xff', expected a value | printf '\xff\xfe{\x00}\x00' >assessments/acme.json | cna status acme
65 | 1000 | nesting deeper than 64 levels | deep_json assessments/acme.json 100000 | cna answer acme current_approach Spreadsheets
65 | 1000 | more than the limit of 65536 KiB | big_json assessments/acme.json 73400320 | cna answer acme current_approach Spreadsheets
65 | 5000 | is not a regular file (a FIFO) | rm assessments/acme.json && mkfifo assessments/acme.json | cna answer acme current_approach Spreadsheets
65 | 5000 | is not a regular file (a directory) | rm assessments/acme.json && mkdir assessments/acme.json | cna answer acme current_approach Spreadsheets
65 | 5000 | leads outside the workspace through a symlink (to /dev/zero) | rm assessments/acme.json && ln -s /dev/zero assessments/acme.json | cna answer acme current_approach Spreadsheets
65 | 5000 | leads outside the workspace through a symlink | outside && rm assessments/acme.json && ln -s "$E2E_ROOT/outside/acme.json" assessments/acme.json | cna answer acme current_approach Spreadsheets
65 | 5000 | leads outside the workspace through a symlink | outside && mv assessments "$E2E_ROOT/outside/a" && ln -s "$E2E_ROOT/outside/a" assessments | cna status acme
65 | 5000 | assessments/acme.json is empty | : > assessments/acme.json | cna answer acme current_approach Spreadsheets
65 | 5000 | assessments/acme.json is empty | printf ' \r\n\t\n' > assessments/acme.json | cna answer acme current_approach Spreadsheets
65 | 5000 | unterminated string | cut_after '"Gr' | cna answer acme current_approach Spreadsheets
65 | 5000 | written by a newer cna (format version 2) | edit_assessment 's/"cna": 1/"cna": 2/' | cna answer acme current_approach Spreadsheets
65 | 5000 | "answers" must be an object | edit_assessment 's/"answers": {/"answers": [], "x": {/' | cna answer acme current_approach Spreadsheets
65 | 5000 | unknown state "done" | edit_assessment '0,/"answered"/s//"done"/' | cna answer acme current_approach Spreadsheets
65 | 5000 | cna will not overwrite it | edit_assessment 's/"cna": 1/"cna": "1"/' | cna who acme add dana-lee --name Dana
0 | 5000 | acme | edit_assessment '1s/^/\xef\xbb\xbf/; s/$/\r/' | cna status acme
65 | 5000 | assessments/acme.json: no checklist pinned | printf '{"cna":1,"account":"acme","answers":{}}' > assessments/acme.json | cna status acme
65 | 5000 | cna.json | printf '{"cna": 1, "default_checklist": 5}' > cna.json | cna answer acme current_approach Spreadsheets
65 | 5000 | in.json:1:30: error: expected ':' after the key | printf '{"answers": {"business_goal" "x"}}' > in.json | cna import acme in.json
65 | 5000 | nesting deeper than 64 levels | deep_json in.json 100000 | cna import acme in.json
2 | 5000 | unknown command "frobnicate" | true | cna frobnicate
2 | 5000 | --frobnicate | true | cna --frobnicate status
2 | 5000 | --frobnicate | true | cna status --frobnicate
2 | 5000 | --color | true | cna --color purple status
2 | 5000 | item is required | true | cna answer acme
2 | 5000 | not an account name | true | cna answer ../x business_goal Grow
2 | 5000 | not an account name | true | cna who a/b add dana-lee --name Dana
2 | 5000 | not an account name | true | cna status CON
2 | 5000 | CNA_LOCK_TIMEOUT_MS must be a number | export CNA_LOCK_TIMEOUT_MS=soon | cna answer acme current_approach Spreadsheets
2 | 5000 | CNA_NOW | export CNA_NOW=yesterday | cna answer acme current_approach Spreadsheets
74 | 5000 | cannot write the output | true | cna status acme >/dev/full
74 | 5000 | cannot write the output | true | cna checklist show discovery >/dev/full
74 | 5000 | x.md: creating a temporary file failed: No such file or directory (nothing was written) | true | cna report acme -o missing/x.md
74 | 5000 | File too large | ulimit -f 4 | cna answer acme current_approach "$(printf 'x%.0s' {1..6000})"
74 | 5000 | cannot list the accounts in | mv assessments a && printf x >assessments | cna status --json
74 | 5000 | cannot list the accounts in | mv assessments a && printf x >assessments | cna report --all --format csv
74 | 5000 | Not a directory | mv assessments a && printf x >assessments | cna answer acme current_approach Spreadsheets
74 | 5000 | cannot list the accounts in | mv assessments a && ln -s assessments assessments | cna status --json
74 | 5000 | Too many levels of symbolic links | mv assessments a && ln -s assessments assessments | cna answer acme current_approach Spreadsheets
2 | 3000 | no item "qqqq | mkdir -p checklists && checklist_file checklists/big.json 5000 | cna answer beta "$(head -c 131000 /dev/zero | tr '\0' q)" x --checklist big
TABLE
}

# ---- the run ------------------------------------------------------------------------------------

# What assessments/acme.json is, without reading a FIFO or following a symlink to a device.
digest() {
  local f=assessments/acme.json
  if [ -L $f ]; then readlink $f; elif [ -f $f ]; then sha256sum $f; else stat -c %F $f 2>&1; fi
}

template=$(mktemp -d "$E2E_ROOT/template.XXXXXX")
(
  cd "$template"
  printf '{"cna": 1}\n' >cna.json
  CNA_WORKSPACE=$template run "$CNA" answer acme business_goal "Grow in the north"
)

tried=0 failed=0
while IFS='|' read -r status ms fragment setup command; do
  status=$(echo $status) ms=$(echo $ms)
  fragment=${fragment# } fragment=${fragment% } setup=${setup# } command=${command# }
  case_ "bad input $((tried + 1)): $command  [$setup] -> $status"
  WS=$(mktemp -d "$E2E_ROOT/ws.XXXXXX")
  cp -a "$template/." "$WS/"
  # Each row in a subshell: its exports, ulimits and folder changes end with it.
  (
    cd "$WS"
    export WS CNA_WORKSPACE=$WS
    eval "$setup" </dev/null >/dev/null 2>&1 || fail "set-up failed: $setup"
    before=$(digest)
    start=$(date +%s%N)
    got=0
    eval "timeout 30 $command" >out 2>err </dev/null || got=$?
    elapsed=$((($(date +%s%N) - start) / 1000000))
    text="$(cat out err)"
    [ "$got" = "$status" ] || { printf -- '--- output:\n%s\n' "$text" >&2; fail "expected exit $status, got $got"; }
    expect_contains "$text" "$fragment"
    # The limits catch a hang or a whole read of a huge file, not speed: generous, and scaled
    # for slow builds (the asan preset sets CNA_TIME_SCALE).
    limit=$((ms * ${CNA_TIME_SCALE:-1}))
    [ "$elapsed" -le "$limit" ] || fail "took $elapsed ms (limit $limit)"
    [ "$(digest)" = "$before" ] || fail "assessments/acme.json changed"
    # The portfolio views' fast read path against the strict reader (include/cna/fast_read.hpp):
    # whatever the row left in the workspace, the same output, messages and exit status.
    fast=0 strict=0
    CNA_NO_CACHE=1 timeout 30 "$CNA" status --json >fast.out 2>&1 </dev/null || fast=$?
    CNA_NO_CACHE=1 CNA_STRICT_READ=1 timeout 30 "$CNA" status --json >strict.out 2>&1 </dev/null || strict=$?
    { [ "$fast" = "$strict" ] && cmp -s fast.out strict.out; } ||
      fail "status --json read fast ($fast) differs from the strict reader ($strict): $(diff fast.out strict.out)"
  ) && ok || failed=$((failed + 1))
  tried=$((tried + 1))
done < <(catalog)
[ "$failed" = 0 ] || { E2E_CASE="the catalog"; fail "$failed of $tried rows failed"; }
[ "$tried" -ge 50 ] || fail "only $tried rows ran"

case_ "unknown fields at the top, in an answer and in a stakeholder survive a save of another item"
new_workspace
"$CNA" who acme add dana-lee --name "Dana Lee" >/dev/null
run "$CNA" answer acme business_goal "Grow"
jq '.x_crm = {"id": 17, "tags": ["a"]} | .answers.business_goal.x_flag = true
    | .stakeholders[0].x_phone = "+1 555"' assessments/acme.json >edited.json
cp edited.json assessments/acme.json
expect_status 0 "$CNA" answer acme current_approach "Spreadsheets"
expect_json '.x_crm' '{"id":17,"tags":["a"]}'
expect_json '.answers.business_goal.x_flag' 'true'
expect_json '.stakeholders[0].x_phone' '"+1 555"'
expect_json '.answers.current_approach.value' '"Spreadsheets"'
ok

case_ "output that cannot be written is an I/O error (74), never an internal one"
new_workspace
for cmd in "checklist show discovery" "status --json" "checklist list --json"; do
  expect_status 74 sh -c "\"\$CNA\" $cmd >/dev/full"
  expect_contains "$ERR" "cannot write the output"
  expect_not_contains "$ERR" "internal error"
done
ok

case_ "a symlink inside the workspace is written through, never replaced by a file"
new_workspace
run "$CNA" answer acme business_goal "Grow"
mkdir -p archive && mv assessments/acme.json archive/acme.json
ln -s ../archive/acme.json assessments/acme.json
expect_status 0 "$CNA" answer acme current_approach "Spreadsheets"
[ -L assessments/acme.json ] || fail "the symlink was replaced by a file"
jq -e '.answers.business_goal.value == "Grow" and .answers.current_approach.value == "Spreadsheets"' \
  archive/acme.json >/dev/null || fail "the target lacks an answer: $(cat archive/acme.json)"
ok

case_ "a lock file that is a symlink is refused, and nothing is created where it points"
new_workspace
run "$CNA" answer acme business_goal "Grow"
mkdir -p "$E2E_ROOT/outside"
rm -f assessments/.acme.json.lock
ln -s "$E2E_ROOT/outside/victim" assessments/.acme.json.lock
before=$(sha256sum assessments/acme.json)
expect_status 74 "$CNA" answer acme current_approach "Spreadsheets"
expect_contains "$ERR" "cannot open the lock file"
[ ! -e "$E2E_ROOT/outside/victim" ] || fail "the lock symlink's target was created"
[ "$(sha256sum assessments/acme.json)" = "$before" ] || fail "the assessment changed"
ok

case_ "a planted temp-file symlink is never followed: report -o, checklist fmt, init (issue 15)"
new_workspace
run "$CNA" answer acme business_goal "Grow"
mkdir -p out checklists
printf 'victim\n' >victim.txt
chmod 644 victim.txt
cp "$CNA_SOURCE_DIR/tests/fixtures/checklists/all_types.json" checklists/all_types.json
sed -i 's/"cna": 1,/"cna":   1,/' checklists/all_types.json
# The old names were .NAME.tmp.<pid>: planted for the pid the command runs as (exec keeps it).
expect_status 0 bash -c 'ln -s "$PWD/victim.txt" out/.r.md.tmp.$$; exec "$CNA" report acme --format md -o out/r.md'
expect_status 0 bash -c 'ln -s "$PWD/victim.txt" checklists/.all_types.json.tmp.$$; exec "$CNA" checklist fmt checklists/all_types.json'
expect_status 0 bash -c 'mkdir -p new; ln -s "$PWD/victim.txt" new/.cna.json.tmp.$$; exec "$CNA" init new'
[ "$(cat victim.txt)" = victim ] || fail "victim.txt was overwritten: $(head -c 200 victim.txt)"
[ "$(stat -c %a victim.txt)" = 644 ] || fail "victim.txt's mode changed to $(stat -c %a victim.txt)"
grep -q "Grow" out/r.md || fail "the report was not written"
grep -q '"cna": 1,' checklists/all_types.json || fail "the checklist was not formatted"
[ -f new/cna.json ] && [ ! -L new/cna.json ] || fail "init did not write new/cna.json"
ok

case_ "a refused answer in a new -C folder creates no workspace, folder or lock (issue 15)"
new_workspace
unset CNA_WORKSPACE
expect_status 2 "$CNA" -C "$WS/fresh" answer acme no_such_item x
expect_status 2 "$CNA" -C "$WS/fresh" answer acme budget_amount "lots"
[ ! -e "$WS/fresh" ] || fail "created: $(find "$WS/fresh")"
expect_status 0 "$CNA" -C "$WS/fresh" answer acme business_goal "Grow"
[ -f "$WS/fresh/assessments/acme.json" ] || fail "an accepted answer was not saved"
export CNA_WORKSPACE=$WS
ok

case_ "stakeholders: an id wins over another's name; a shared name is refused with the ids (issue 15)"
new_workspace
"$CNA" who acme add robert --name "Bob" >/dev/null
"$CNA" who acme add bob --name "Bob Smith" >/dev/null
expect_status 0 "$CNA" answer acme business_goal "Grow" --source bob
expect_json '.answers.business_goal.source' '"bob"'
expect_status 0 "$CNA" confirm acme --yes --with bob
expect_json '.answers.business_goal.confirmed_with' '"bob"'
printf ':from bob\nSpreadsheets\n\n:quit\n' | "$CNA" start acme >/dev/null 2>&1 || true
expect_json '.answers.current_approach.source' '"bob"'
expect_status 0 "$CNA" answer acme business_goal "Grow more" --source "bob smith"
expect_json '.answers.business_goal.source' '"bob"'
"$CNA" who acme add roberta --name "Bob" >/dev/null
expect_status 2 "$CNA" answer acme business_goal "Grow again" --source Bob
expect_contains "$ERR" '"Bob" is the name of 2 stakeholders of acme (robert, roberta); give the id'
expect_status 2 "$CNA" confirm acme --yes --with Bob
expect_status 0 "$CNA" confirm acme --yes --with robert
ok

case_ "two first answers with different --checklist: one is refused, none retired (issue 15)"
new_workspace
mkdir -p checklists assessments
jq '.id = "other" | .sections[0].items[0].id = "zeta"' \
  "$CNA_SOURCE_DIR/tests/fixtures/checklists/all_types.json" >checklists/other.json
for round in 1 2 3; do
  # Both find no account, then queue on the lock that flock holds, so both create it.
  flock assessments/.r$round.json.lock sleep 1 &
  holder=$!
  sleep 0.2
  CNA_LOCK_TIMEOUT_MS=20000 "$CNA" answer r$round zeta z --checklist other >/dev/null 2>a.err &
  a=$!
  CNA_LOCK_TIMEOUT_MS=20000 "$CNA" answer r$round current_approach c --checklist discovery >/dev/null 2>b.err &
  b=$!
  wait $holder
  sa=0 sb=0
  wait $a || sa=$?
  wait $b || sb=$?
  [ $((sa + sb)) = 2 ] && [ $((sa * sb)) = 0 ] || fail "round $round: exits $sa and $sb (want one 0, one 2)"
  grep -q "is assessed with checklist" a.err b.err || fail "round $round: $(cat a.err b.err)"
  jq -e '(.retired | length) == 0 and (.answers | length) == 1' assessments/r$round.json >/dev/null ||
    fail "round $round: $(cat assessments/r$round.json)"
done
ok

echo "# $tried bad inputs tried by the catalog"
done_
