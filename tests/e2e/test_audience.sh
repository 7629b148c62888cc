#!/usr/bin/env bash
# What the customer sees (issue 10): internal items (personal stakes, competitors, our
# assumptions, the power base) never appear in the proposal, a `--audience customer` report in any
# format, or the read-back with the customer; the rep verifies them with `confirm --internal`.
# The proposal shows customer-facing labels, not the questions asked.
set -euo pipefail
source "$(dirname "$0")/report_lib.sh"

# Fragments of every internal answer of the worked example (runs of 12 or more letters, digits
# and spaces, so that no escaping hides one), one per line; the stakeholder ids a person
# item holds are left out (their names are rightly everywhere).
internal_fragments() {
  python3 - "$CNA_SOURCE_DIR/checklists/discovery.json" assessments/acme.json <<'PY'
import json, re, sys
checklist = json.load(open(sys.argv[1]))
answers = json.load(open(sys.argv[2]))["answers"]
internal = {i["id"] for s in checklist["sections"] for i in s["items"]
            if i.get("internal") or s.get("internal")}
people = {s["id"] for s in json.load(open(sys.argv[2]))["stakeholders"]}
found = 0
for item in sorted(internal):
    value = answers.get(item, {}).get("value")
    if value is None:
        continue
    for entry in value if isinstance(value, list) else [value]:
        if isinstance(entry, dict):  # a questions entry: its text and answer are the words
            entry = " / ".join(entry.get(k, "") for k in ("text", "answer"))
        if entry in people:
            continue
        for run in re.findall(r"[A-Za-z0-9 ]{12,}", str(entry)):
            print(run.strip())
            found += 1
if found < 6:
    sys.exit("only %d fragments of internal answers" % found)
PY
}

# expect_none_of TEXT WHAT: no fragment of an internal answer in TEXT.
expect_none_of() {
  local fragment
  while IFS= read -r fragment; do
    case "$1" in *"$fragment"*) fail "$2 shows the internal answer \"$fragment\"" ;; esac
  done <"$E2E_ROOT/fragments"
}

case_ "no internal answer in any customer-audience report format or in the proposal"
example_workspace
internal_fragments >"$E2E_ROOT/fragments"
grep -qx "Renew Helpdesk Classic" "$E2E_ROOT/fragments" || fail "the competitors are not among the fragments"
for format in text md html json csv ndjson; do
  expect_status 0 "$CNA" report acme --audience customer --format "$format"
  expect_none_of "$OUT" "report --audience customer --format $format"
  # The same report for the account team shows them: the check above can see a leak.
  expect_status 0 "$CNA" report acme --format "$format"
  expect_contains "$OUT" "Ticketly" "the internal $format report"
done
expect_status 0 "$CNA" report acme --audience customer --format json
jq -e '[.sections[].items[].id] | index("personal_stakes") == null and index("competitors") == null' \
  <<<"$OUT" >/dev/null || fail "internal items in the customer JSON"
jq -e '.audience == "customer" and ([.power_base[].roles[]] | length == 0)' <<<"$OUT" >/dev/null ||
  fail "audience or roles: $(jq -c '[.audience, [.power_base[].roles]]' <<<"$OUT")"
expect_status 0 "$CNA" report acme --audience customer -o report.html --format html
expect_none_of "$(cat report.html)" "report.html"
expect_status 0 "$CNA" proposal acme
expect_none_of "$OUT" "the proposal"
ok

case_ "stance, met and access (the account team's reading of people) stay out of customer formats"
example_workspace
"$CNA" who acme edit raj-patel --stance sceptic --met no --access-via dana-lee >/dev/null
for format in text md html json csv ndjson; do
  expect_status 0 "$CNA" report acme --audience customer --format "$format"
  for word in sceptic "not met yet" "reached through" "gives access to" '"stance"' '"met"'; do
    expect_not_contains "$OUT" "$word" "report --audience customer --format $format"
  done
done
for format in text md html; do
  expect_status 0 "$CNA" report acme --format "$format"
  expect_contains "$OUT" "not met yet · sceptic · reached through Dana Lee" "the internal $format report"
done
expect_status 0 "$CNA" report acme --format json
[ "$(jq -c '.power_base[] | select(.id == "raj-patel") | [.met, .stance, .access_via]' <<<"$OUT")" = '[false,"sceptic",["dana-lee"]]' ] ||
  fail "internal json: $(jq -c '.power_base' <<<"$OUT")"
expect_status 0 "$CNA" proposal acme
expect_not_contains "$OUT" "sceptic" "the proposal"
ok

case_ "the reports say their audience at the top; internal is the default"
example_workspace
expect_status 0 "$CNA" report acme --format md
[ "$(sed -n 3p <<<"$OUT")" = "**Internal: for the account team, not for the customer**" ] ||
  fail "md line 3: $(sed -n 3p <<<"$OUT")"
expect_status 0 "$CNA" report acme --format md --audience customer
[ "$(sed -n 3p <<<"$OUT")" = "**For the customer: internal notes are left out**" ] ||
  fail "md line 3: $(sed -n 3p <<<"$OUT")"
expect_status 0 "$CNA" report acme --format html --audience customer
expect_contains "$OUT" '<h1>Needs assessment: Acme Corp</h1>
<p class="audience">For the customer: internal notes are left out</p>'
expect_status 0 "$CNA" report acme
[ "$(sed -n 2p <<<"$OUT")" = "Internal: for the account team, not for the customer" ] ||
  fail "text line 2: $(sed -n 2p <<<"$OUT")"
expect_status 2 "$CNA" report acme --audience board
ok

case_ "the proposal shows customer-facing labels, not the questions asked"
example_workspace
expect_status 0 "$CNA" proposal acme
expect_contains "$OUT" "**What you want to accomplish**"
expect_contains "$OUT" "**How you will measure success**"
expect_not_contains "$OUT" "How will the customer measure success? One metric per line"
expect_not_contains "$OUT" "What is the customer trying to accomplish?"
ok

case_ "the read-back never shows an internal answer; the rep verifies those with --internal"
example_workspace
internal_fragments >"$E2E_ROOT/fragments"
export CNA_NOW=2027-06-01T10:00:00Z # every confirmation is stale, the 180-day ones too
printf 'y\n%.0s' {1..60} >"$E2E_ROOT/yes"
expect_status 0 "$CNA" confirm acme <"$E2E_ROOT/yes"
expect_none_of "$OUT" "the read-back"
expect_contains "$OUT" "7 internal answers to verify yourself, never read to the customer (cna confirm acme --internal)."
expect_status 1 "$CNA" check acme
expect_contains "$OUT" "personal_stakes"
expect_status 0 "$CNA" confirm acme --internal <"$E2E_ROOT/yes"
expect_contains "$OUT" "Internal: verify it yourself; do not read it to the customer."
expect_contains "$OUT" "Verified? [y]es / [e]dit / [s]kip"
expect_not_contains "$OUT" "Still right?"
expect_status 0 "$CNA" check acme
# Verified by the rep, never "with" a customer: no one confirmed it on the customer's side.
expect_json '.answers.personal_stakes | [.source, .confirmed_with, .confirmed_by]' \
  '["mia-chen",null,"Sam Rep"]'
expect_status 0 "$CNA" report acme
expect_contains "$OUT" "2027-06-01 verified by Sam Rep (internal)"
ok

done_
