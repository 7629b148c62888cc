#!/usr/bin/env bash
# checklists/checklist.schema.json against an independent validator (ajv, JSON Schema 2020-12):
# ajv and `cna checklist validate` agree on every shipped, example and fixture checklist and on
# the invalid fixtures (one per rule); the rules a schema cannot express
# (tests/fixtures/invalid-semantic) pass ajv and fail cna. ajv is installed by `bash .ci/dev test`
# into tests/.ajv; without it this suite skips, unless CNA_REQUIRE_AJV=1 (CI) makes that a failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SRC=$CNA_SOURCE_DIR
SCHEMA=$SRC/checklists/checklist.schema.json
AJV=${AJV:-$SRC/tests/.ajv/node_modules/.bin/ajv}
if [ ! -x "$AJV" ]; then
  [ "${CNA_REQUIRE_AJV:-0}" != 1 ] ||
    { echo "not ok - ajv is required (CNA_REQUIRE_AJV=1) but $AJV is missing" >&2; exit 1; }
  skip "ajv not installed (npm unreachable?): run 'bash .ci/dev test', or npm install --prefix tests/.ajv ajv-cli@5 ajv-formats@3"
fi

# ajv over FILES...: prints "valid FILE" / "invalid FILE" per file (one node start-up for all).
ajv_verdicts() {
  local args=()
  for f in "$@"; do args+=(-d "$f"); done
  { "$AJV" validate --spec=draft2020 -c ajv-formats -s "$SCHEMA" "${args[@]}" --errors=line 2>&1 || true; } |
    sed -n -e 's/^\(.*\) valid$/valid \1/p' -e 's/^\(.*\) invalid$/invalid \1/p'
}

# cna over FILES...: the same shape, from the summary line validate prints per file.
cna_verdicts() {
  "$CNA" checklist validate "$@" 2>&1 | sed -n -e 's/^\(.*\): ok\( (.*)\)\{0,1\}$/valid \1/p' \
    -e 's/^\(.*\): [0-9]* errors\{0,1\}, .*$/invalid \1/p' || true
}

# expect_verdicts WANT FILES...: both validators give WANT (valid/invalid) for every file.
expect_verdicts() {
  local want=$1
  shift
  local ajv cna
  ajv=$(ajv_verdicts "$@")
  cna=$(cna_verdicts "$@")
  for f in "$@"; do
    grep -qxF "$want $f" <<<"$ajv" || fail "ajv: expected $want for $f; ajv said: $(grep -F "$f" <<<"$ajv")"
    grep -qxF "$want $f" <<<"$cna" || fail "cna: expected $want for $f; cna said: $(grep -F "$f" <<<"$cna")"
  done
}

case_ "the schema compiles as JSON Schema 2020-12 (ajv strict mode)"
new_workspace
"$AJV" compile --spec=draft2020 -c ajv-formats -s "$SCHEMA" >"$E2E_ROOT/out" 2>&1 ||
  fail "ajv compile: $(cat "$E2E_ROOT/out")"
ok

case_ "every shipped, example and fixture checklist is valid for ajv and for cna"
new_workspace
shopt -s nullglob globstar
valid=()
for f in "$SRC"/checklists/*.json "$SRC"/examples/**/checklists/*.json "$SRC"/tests/fixtures/checklists/*.json; do
  case "$f" in *.schema.json) continue ;; esac
  valid+=("$f")
done
[ ${#valid[@]} -ge 5 ] || fail "only ${#valid[@]} checklists found"
expect_verdicts valid "${valid[@]}"
# The starter of `cna checklist new` too.
"$CNA" checklist new starter_check >/dev/null
expect_verdicts valid "$WS/checklists/starter_check.json"
ok

# expect_named_rules FILES...: cna's problems for each file contain the rule its "description"
# names ("expect: <text>"); one cna and one jq run for all of them.
expect_named_rules() {
  local problems f want
  problems=$("$CNA" checklist validate "$@" 2>&1 || true)
  while IFS=$'\t' read -r f want; do
    expect_contains "$(grep -F "$f" <<<"$problems")" "${want#expect: }" "cna's problems for $(basename "$f")"
  done < <(jq -r 'if type == "object" then .description else "a checklist is a JSON object" end |
                  input_filename + "\t" + .' "$@")
}

case_ "every invalid fixture (one per rule) fails ajv and cna, and cna names the rule"
new_workspace
invalid=("$SRC"/tests/fixtures/invalid/*.json)
[ ${#invalid[@]} -ge 15 ] || fail "only ${#invalid[@]} invalid fixtures"
expect_verdicts invalid "${invalid[@]}"
expect_named_rules "${invalid[@]}"
ok

case_ "rules a schema cannot express pass ajv and fail cna, which names them"
new_workspace
semantic=("$SRC"/tests/fixtures/invalid-semantic/*.json)
[ ${#semantic[@]} -ge 10 ] || fail "only ${#semantic[@]} semantic fixtures"
ajv=$(ajv_verdicts "${semantic[@]}")
cna=$(cna_verdicts "${semantic[@]}")
for f in "${semantic[@]}"; do
  grep -qxF "valid $f" <<<"$ajv" || fail "ajv should accept $(basename "$f") (a rule it cannot see)"
  grep -qxF "invalid $f" <<<"$cna" || fail "cna should reject $(basename "$f")"
done
expect_named_rules "${semantic[@]}"
ok

case_ "the schema is not embedded as a checklist"
new_workspace
expect_status 0 "$CNA" checklist validate
expect_not_contains "$OUT" "schema"
expect_status 0 "$CNA" checklist list
expect_not_contains "$OUT" "schema"
ok

done_
