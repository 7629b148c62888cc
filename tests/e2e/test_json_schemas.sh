#!/usr/bin/env bash
# Every command's --json output against its JSON Schema in docs/schemas/ (docs/json.md), with an
# independent validator (ajv, JSON Schema 2020-12), over accounts in every state: the worked
# example (ready), a walked account (unconfirmed), and one with unknown, n/a, retired, conflict
# and stale answers. The schemas forbid keys they do not name, so a renamed or new key fails
# here until its schema (and docs/json.md) says so. ajv is installed by `bash .ci/dev test` into
# tests/.ajv; without it this suite skips, unless CNA_REQUIRE_AJV=1 (CI) makes that a failure.
set -euo pipefail
source "$(dirname "$0")/gate_lib.sh"

SRC=$CNA_SOURCE_DIR
SCHEMAS=$SRC/docs/schemas
AJV=${AJV:-$SRC/tests/.ajv/node_modules/.bin/ajv}
if [ ! -x "$AJV" ]; then
  [ "${CNA_REQUIRE_AJV:-0}" != 1 ] ||
    { echo "not ok - ajv is required (CNA_REQUIRE_AJV=1) but $AJV is missing" >&2; exit 1; }
  skip "ajv not installed (npm unreachable?): run 'bash .ci/dev test', or npm install --prefix tests/.ajv ajv-cli@5 ajv-formats@3"
fi

OUTS=$E2E_ROOT/outputs
mkdir -p "$OUTS"
N=0
# capture SCHEMA cmd...: runs cna (any exit status but usage and internal errors), keeps stdout
# as a document to validate against docs/schemas/SCHEMA.schema.json.
capture() {
  local schema=$1 status=0
  shift
  N=$((N + 1))
  "$CNA" "$@" >"$OUTS/$schema.$N.json" 2>"$E2E_ROOT/err" || status=$?
  case $status in 0 | 1 | 65) ;; *) fail "cna $* exited $status: $(cat "$E2E_ROOT/err")" ;; esac
  [ -s "$OUTS/$schema.$N.json" ] || fail "cna $* printed nothing"
}

# validate SCHEMA: every captured document of SCHEMA is valid (one ajv start-up per schema).
validate() {
  local schema=$1 args=() f
  for f in "$OUTS/$schema".*.json; do args+=(-d "$f"); done
  [ ${#args[@]} -gt 0 ] || fail "no output captured for $schema"
  local refs=(-r "$SCHEMAS/common.schema.json")
  [ "$schema" = report ] || refs+=(-r "$SCHEMAS/report.schema.json")
  "$AJV" validate --spec=draft2020 -c ajv-formats -s "$SCHEMAS/$schema.schema.json" "${refs[@]}" \
    "${args[@]}" --errors=text >"$E2E_ROOT/ajv" 2>&1 || fail "$schema: $(cat "$E2E_ROOT/ajv")"
}

case_ "every schema compiles (ajv strict mode)"
for s in "$SCHEMAS"/*.schema.json; do
  refs=()
  for r in common report; do
    [ "$s" = "$SCHEMAS/$r.schema.json" ] || refs+=(-r "$SCHEMAS/$r.schema.json")
  done
  "$AJV" compile --spec=draft2020 -c ajv-formats -s "$s" "${refs[@]}" >"$E2E_ROOT/ajv" 2>&1 ||
    fail "$(basename "$s"): $(cat "$E2E_ROOT/ajv")"
done
ok

case_ "the outputs of the worked example (ready), a walked account and a messy one"
cp -r "$SRC/examples/workspace" "$E2E_ROOT/example"
export CNA_WORKSPACE=$E2E_ROOT/example
capture status status --json
capture status status acme --json
capture check check acme --json
capture brief brief acme --json
capture brief brief acme --format json
capture report report acme --json
capture report report acme --format json
capture who who acme --json
capture log log acme --json
capture checklists checklist list --json
capture checklist-outline checklist show discovery --json
"$CNA" question acme add "Who signs the DPA?" --who raj-patel --due 2026-12-01 >/dev/null
"$CNA" question acme add "Is a pilot site free?" >/dev/null
capture brief brief acme --json
walked_account
capture status status --json
capture check check acme --json
capture brief brief acme --json
capture report report acme --json
capture who who acme --json
capture log log acme --json
capture meetings meeting acme --json
"$CNA" meeting acme add --purpose "Scope" --with dana-lee --notes $'two\nlines' >/dev/null
"$CNA" confirm acme --meeting last --yes >/dev/null
capture meetings meeting acme --json
capture meeting meeting acme show last --json
capture next-steps next acme --json
"$CNA" next acme add Send the pilot plan --due -1d --meeting last >/dev/null
"$CNA" next acme add Book the review --owner dana-lee >/dev/null
"$CNA" next acme done "$(jq -r '.next_steps[1].id' assessments/acme.json)" >/dev/null
capture next-steps next acme --all --json
capture brief brief acme --json
capture status status --json
capture status status --by-rep --sort confirmed --json
capture log log acme --json
# Unknown, n/a, a retired answer, a conflict, a stale confirmation, an unreadable account.
"$CNA" confirm acme --yes --with dana-lee >/dev/null
"$CNA" answer acme decide_by --unknown --owner sam --due 2026-12-01 >/dev/null
jq '.answers.partner.state = "conflict" | .answers.partner.ours = .answers.partner
    | .answers.partner.theirs = .answers.partner
    | .retired = {"old_item": {"state": "answered", "value": "kept", "source": "dana-lee"}}' \
  assessments/acme.json >edited.json && mv edited.json assessments/acme.json
printf '{ not json' >assessments/broken.json
for now in 2026-11-23T10:00:00Z 2027-02-01T10:00:00Z; do
  export CNA_NOW=$now
  capture status status --json
  capture status status acme --json
  capture check check acme --json
  capture check check --all --json
  capture brief brief acme --json
  capture report report acme --json
  capture report-all report --all --json
  capture who who acme --json
  capture log log acme --json
done
export CNA_NOW=2026-11-23T10:00:00Z
capture checklists checklist list --json
capture checklist-outline checklist show gate --json
sed 's/"Story?"/"What is the story?"/' checklists/gate.json >gate2.json
capture checklist-diff checklist diff checklists/gate.json gate2.json --json
jq '.retired.old_item' "$OUTS"/status.*.json >/dev/null
for s in status check brief report report-all who log meetings meeting next-steps checklists \
  checklist-outline checklist-diff; do
  validate "$s"
done
ok

case_ "every line of report --all --format ndjson is a report"
walked_account
"$CNA" answer initech goal "Cut costs" >/dev/null
"$CNA" report --all --format ndjson >"$E2E_ROOT/all.ndjson"
[ "$(wc -l <"$E2E_ROOT/all.ndjson")" = 2 ] || fail "expected 2 lines: $(cat "$E2E_ROOT/all.ndjson")"
rm -f "$OUTS"/*
i=0
while IFS= read -r line; do
  i=$((i + 1))
  printf '%s\n' "$line" >"$OUTS/report.$i.json"
done <"$E2E_ROOT/all.ndjson"
validate report
# As a warehouse loader reads it: jq -c line by line, one compact document per line and account.
accounts=$(while IFS= read -r line; do jq -r .account <<<"$line"; done <"$E2E_ROOT/all.ndjson" | tr '\n' ' ')
[ "$accounts" = "acme initech " ] || fail "accounts by line: $accounts"
jq -c . "$E2E_ROOT/all.ndjson" | cmp -s - "$E2E_ROOT/all.ndjson" || fail "not one compact document per line"
ok

case_ "a key that drifts fails its schema (the test can fail)"
rm -f "$OUTS"/*
"$CNA" status --json | jq '.accounts[0].items = 3' >"$OUTS/status.1.json"
if "$AJV" validate --spec=draft2020 -c ajv-formats -s "$SCHEMAS/status.schema.json" \
  -r "$SCHEMAS/common.schema.json" -d "$OUTS/status.1.json" >/dev/null 2>&1; then
  fail "a status account with \"items\" as a count passed its schema"
fi
"$CNA" report acme --json | jq '.blockers = 3' >"$OUTS/report.1.json"
if "$AJV" validate --spec=draft2020 -c ajv-formats -s "$SCHEMAS/report.schema.json" \
  -r "$SCHEMAS/common.schema.json" -d "$OUTS/report.1.json" >/dev/null 2>&1; then
  fail "a report with \"blockers\" as a count passed its schema"
fi
ok

done_
