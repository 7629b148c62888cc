#!/usr/bin/env bash
# Item types end to end through the binary: `percent`, the type added through the item-type table
# alone, in a checklist, at `cna answer`, in the walk, in conditions and in reports.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# A workspace whose default checklist asks a percent, then an item asked only when it is over 50.
percent_workspace() {
  new_workspace
  mkdir -p checklists
  cat > checklists/share.json <<'JSON'
{
  "cna": 1, "id": "share", "version": "1.0.0", "title": "Share",
  "sections": [{"id": "s", "title": "Spend", "items": [
    {"id": "share_of_spend", "type": "percent", "prompt": "What share is ours?", "help": "0 to 100",
     "source": false},
    {"id": "why_so_high", "type": "text", "prompt": "Why so high?", "help": "h", "source": false,
     "when": "share_of_spend >= 50"}
  ]}]
}
JSON
  printf '{"cna": 1, "default_checklist": "share"}\n' > cna.json
}

case_ "a percent item validates, with a condition comparing it to a number"
percent_workspace
expect_status 0 "$CNA" checklist validate share
expect_contains "$OUT" "ok"
sed 's/share_of_spend >= 50/share_of_spend > '"'"'high'"'"'/' checklists/share.json > checklists/bad.json
sed -i 's/"id": "share"/"id": "bad"/' checklists/bad.json
expect_status 1 "$CNA" checklist validate bad
expect_contains "$OUT$ERR" "'share_of_spend' is a percent item: compare it with a number"
ok

case_ "cna answer takes 45% and stores the number; 101 is refused with exit 2"
percent_workspace
expect_status 0 "$CNA" answer acme share_of_spend 45%
expect_json '.answers.share_of_spend.value' '45'
expect_status 2 "$CNA" answer acme share_of_spend 101
expect_contains "$ERR" "share_of_spend: expected a percentage between 0 and 100"
expect_json '.answers.share_of_spend.value' '45'
ok

case_ "cna answer reads 35, 35% and 35 %; -1 and 101 are refused with the reason, the answer kept"
percent_workspace
for typed in 35 35% "35 %"; do
  expect_status 0 "$CNA" answer acme share_of_spend "$typed"
  expect_json '.answers.share_of_spend.value' '35'
done
expect_contains "$OUT" "share_of_spend: unchanged"
expect_status 0 "$CNA" answer acme share_of_spend 40
expect_contains "$OUT" "share_of_spend: 40%"
for typed in -1 101 "100.5 %"; do
  expect_status 2 "$CNA" answer acme share_of_spend "$typed"
  expect_contains "$ERR" "share_of_spend: expected a percentage between 0 and 100"
done
expect_status 2 "$CNA" answer acme share_of_spend half
expect_contains "$ERR" "'half' is not a percentage; e.g. 45, 45% or 12.5%"
expect_json '.answers.share_of_spend.value' '40'
ok

case_ "every report format shows the percentage with %; >= 50 asks the conditional item at 50"
percent_workspace
run "$CNA" answer acme share_of_spend 50
for format in text md html csv; do
  expect_status 0 "$CNA" report acme --format "$format"
  expect_contains "$OUT" "50%" "the $format report"
  expect_contains "$OUT" "Why so high?" "the $format report"
done
expect_status 0 "$CNA" report acme --format json
[ "$(jq -c '[.sections[].items[] | select(.id == "share_of_spend") | .value, .answer][]' <<<"$OUT" |
  paste -sd, -)" = '50,"50%"' ] || fail "the JSON report: $OUT"
run "$CNA" answer acme share_of_spend 49.5
expect_status 0 "$CNA" report acme --format md
expect_contains "$OUT" "49.5%"
expect_not_contains "$OUT" "Why so high?"
ok

case_ "the report shows the percentage with %; the condition follows the number"
percent_workspace
"$CNA" answer acme share_of_spend 45 >/dev/null
expect_status 0 "$CNA" report acme --format md
expect_contains "$OUT" "45%"
expect_not_contains "$OUT" "Why so high?"
"$CNA" answer acme share_of_spend 62.5% >/dev/null
expect_status 0 "$CNA" report acme --format md
expect_contains "$OUT" "62.5%"
expect_contains "$OUT" "Why so high?"
ok

case_ "the walk hints a percent, refuses one out of range and asks the conditional item after it"
percent_workspace
expect_status 0 "$CNA" start acme <<'IN'
120
80%
Long relationship
IN
expect_contains "$OUT" "0 to 100, e.g. 45%"
expect_contains "$OUT" "expected a percentage between 0 and 100"
expect_contains "$OUT" "Why so high?"
expect_json '.answers.share_of_spend.value' '80'
expect_json '.answers.why_so_high.value' '"Long relationship"'
ok

done_
