#!/usr/bin/env bash
# Tried as a rep would (issue 11): one account on the built-in discovery checklist over six weeks
# and three meetings (CNA_NOW moving), two reps (sam and alex) on two clones of the team's
# repository sharing it with `cna sync` (git and the merge driver underneath), the answers read back
# in small batches with the person who gave them, the brief before each meeting checked for what
# the rep needs in the room, and the proposal at the end.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/git_lib.sh"
export LC_ALL=C.UTF-8 # wc -L counts display columns
unset CNA_WORKSPACE
export GIT_CEILING_DIRECTORIES=$E2E_ROOT # never the repository the tests run from

# The answers a rep hears, taken from the worked example (examples/workspace): answers FILE ITEM...
# writes an import file for those items in the walk's grammar, each with the example's source.
answers() {
  local file=$1
  shift
  python3 - "$CNA_SOURCE_DIR/examples/workspace/assessments/acme.json" "$@" >"$file" <<'EOF'
import json, sys
example = json.load(open(sys.argv[1]))["answers"]
def typed(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        return f'{value["amount"]} {value["currency"]}'
    if isinstance(value, list):
        return [typed(v) if not isinstance(v, dict) else
                v["text"] + (f' @{v["who"]}' if v.get("who") else "") +
                (f' due {v["due"]}' if v.get("due") else "") +
                (f' => {v["answer"]}' if v.get("answer") else "") for v in value]
    return value
out = {}
for item in sys.argv[2:]:
    a = example[item]
    if a["state"] == "na":
        out[item] = {"na": a["reason"], "source": a.get("source")}
    else:
        out[item] = {"value": typed(a["value"])}
        if a.get("source"):
            out[item]["source"] = a["source"]
print(json.dumps({"answers": {k: {f: x for f, x in v.items() if x is not None} for k, v in out.items()}}))
EOF
}


# as REP DATE cmd...: REP runs cmd in their clone's workspace on DATE (10:00 UTC).
# Not a subshell: expect_status's $OUT and $ERR are read after it.
as() {
  local rep=$1 day=$2
  shift 2
  cd "$E2E_ROOT/$rep"
  CNA_WORKSPACE=$PWD USER=$rep CNA_NOW="${day}T10:00:00Z" "$@"
  cd "$E2E_ROOT"
}

case_ "six weeks, three meetings, two reps on two clones: briefs, batches of read-backs, merges, the proposal"
# The team's repository: a workspace with the account and its power base.
seed="$E2E_ROOT/seed"
mkdir -p "$seed"
run "$CNA" -q init "$seed"
cat >"$E2E_ROOT/power-base.json" <<'EOF'
{"stakeholders": [
  {"id": "dana-lee", "name": "Dana Lee", "title": "VP Operations", "roles": ["economic-buyer"]},
  {"id": "mia-chen", "name": "Mia Chen", "title": "Support lead", "roles": ["champion", "user"]},
  {"id": "raj-patel", "name": "Raj Patel", "title": "IT Security",
   "roles": ["technical-evaluator", "legal-security"]}],
 "answers": {}}
EOF
CNA_WORKSPACE=$seed CNA_NOW=2026-11-02T09:00:00Z run "$CNA" import acme "$E2E_ROOT/power-base.json" \
  --name "Acme Corp"
git_clones "$seed" sam alex
[ -n "$(git -C "$E2E_ROOT/sam" config merge.cna.driver)" ] || fail "no merge driver in sam's clone"

# --- Week 0, Mon 2 Nov: before the first meeting the brief has nothing but questions.
as sam 2026-11-02 expect_status 0 "$CNA" brief acme --with dana-lee,mia-chen
expect_contains "$OUT" "Brief · Acme Corp · 2026-11-02 · with Dana Lee, Mia Chen"
expect_contains "$OUT" "Blockers: 35 missing"

# Meeting 1 (sam, with Mia and Dana): the walk through a pipe, Mia first, then Dana; a next step
# agreed in the walk; an unknown that Raj will answer.
printf '%s\n' 'Tickets by e-mail and phone, tracked in a shared spreadsheet' '' 'y' \
  'Helpdesk Classic (on-premises) since 2017' ':from dana-lee' \
  'Answer every customer within one business day' '' \
  ':next Send the discovery summary @sam due +5d' ':q' |
  as sam 2026-11-02 "$CNA" start acme --with mia-chen,dana-lee --meeting "Discovery" \
    >"$E2E_ROOT/walk1" 2>&1 || fail "walk 1: $(cat "$E2E_ROOT/walk1")"
expect_contains "$(cat "$E2E_ROOT/walk1")" "saved: next step"
expect_contains "$(cat "$E2E_ROOT/walk1")" "Send the discovery summary · sam · due 2026-11-07 (Sat, in 5 days)"
m1=$(jq -r '.meetings[0].id' "$E2E_ROOT/sam/assessments/acme.json")
# What Dana said about problems and value, typed in from the notes after the meeting.
answers "$E2E_ROOT/batch1.json" success_metrics key_problems problem_impact problem_cost_annual \
  urgency compelling_event_date
as sam 2026-11-02 run "$CNA" import acme "$E2E_ROOT/batch1.json"
as sam 2026-11-02 run "$CNA" answer acme technical_specs --unknown --owner raj-patel --due +14d
# The read-back, in small batches, each with whoever said it, in the meeting.
as sam 2026-11-02 run "$CNA" confirm acme current_approach has_incumbent incumbent_details \
  --with mia-chen --meeting last --yes
as sam 2026-11-02 run "$CNA" confirm acme business_goal success_metrics problem_impact \
  --with dana-lee --meeting last --yes
as sam 2026-11-02 run "$CNA" confirm acme problem_cost_annual urgency compelling_event_date \
  --with dana-lee --meeting last --yes
as sam 2026-11-02 expect_status 0 "$CNA" sync
expect_contains "$OUT" "Pushed to origin/main."
(cd "$E2E_ROOT/sam" && jq -e --arg m "$m1" '[.answers[] | select(.confirmed_in == $m)] | length == 9' \
  assessments/acme.json >/dev/null) || fail "meeting 1's read-backs: $(jq -c .answers "$E2E_ROOT/sam/assessments/acme.json")"

# --- Week 2, Mon 16 Nov: alex meets Raj. The brief before it: the overdue next step first, then
# what to ask Raj; one screen with the built-in checklist.
as alex 2026-11-16 run git pull -q
as alex 2026-11-16 expect_status 0 "$CNA" brief acme --with raj-patel
brief2=$OUT
expect_one_screen "$brief2"
expect_contains "$brief2" "Brief · Acme Corp · 2026-11-16 · with Raj Patel"
expect_contains "$brief2" $'Next steps\n  OVERDUE Send the discovery summary · sam · due 2026-11-07'
expect_contains "$brief2" $'\nAsk Raj Patel\n  Which technical specifications, standards or existing systems must a\n    solution fit? (unknown, due 2026-11-16)\n'
expect_contains "$brief2" "Power base: not met yet: Raj Patel"
# The overdue step comes before the questions.
[ "$(grep -n OVERDUE <<<"$brief2" | head -1 | cut -d: -f1)" -lt "$(grep -n 'Ask Raj Patel' <<<"$brief2" | cut -d: -f1)" ] ||
  fail "the overdue step is not first: $brief2"
expect_not_contains "$brief2" "dana-lee"
expect_not_contains "$brief2" "raj-patel"
as alex 2026-11-16 run "$CNA" meeting acme add --purpose "Security and integration" --with raj-patel
answers "$E2E_ROOT/batch2.json" technical_specs company_policies security_requirements service_response
as alex 2026-11-16 run "$CNA" import acme "$E2E_ROOT/batch2.json"
as alex 2026-11-16 run "$CNA" confirm acme technical_specs company_policies security_requirements \
  service_response --with raj-patel --meeting last --yes
as alex 2026-11-16 run "$CNA" next acme add Send the security pack --owner alex --due +7d --meeting last
# The same day, sam writes down a call with Mia in his clone: both push; the second one merges.
answers "$E2E_ROOT/batch3.json" key_problems functional_requirements user_count specialties \
  personal_stakes competitors champion
as sam 2026-11-16 run "$CNA" import acme "$E2E_ROOT/batch3.json"
as sam 2026-11-16 run "$CNA" next acme done "$(jq -r '.next_steps[0].id' "$E2E_ROOT/sam/assessments/acme.json")"
as alex 2026-11-16 expect_status 0 "$CNA" sync
as sam 2026-11-16 expect_status 0 "$CNA" sync
expect_contains "$OUT" "Pushed to origin/main."
as alex 2026-11-16 expect_status 0 "$CNA" sync
for rep in sam alex; do
  f="$E2E_ROOT/$rep/assessments/acme.json"
  jq -e '[.meetings[].purpose] == ["Discovery", "Security and integration"]' "$f" >/dev/null ||
    fail "$rep: meetings $(jq -c '[.meetings[].purpose]' "$f")"
  jq -e '.answers.technical_specs.confirmed_with == "raj-patel" and .answers.user_count.source == "mia-chen"' \
    "$f" >/dev/null || fail "$rep: both reps' answers are not there"
  jq -e '[.next_steps[] | [.what, (.done != null)]] == [["Send the discovery summary", true], ["Send the security pack", false]]' \
    "$f" >/dev/null || fail "$rep: next steps $(jq -c .next_steps "$f")"
  ! grep -q conflict "$f" || fail "$rep: a conflict"
done
cmp "$E2E_ROOT/sam/assessments/acme.json" "$E2E_ROOT/alex/assessments/acme.json" ||
  fail "the clones differ after syncing"
# Sam's pull was a real merge of the one file both changed (the driver, item by item).
[ "$(git -C "$E2E_ROOT/sam" log --merges --format=%s | wc -l)" -ge 1 ] || fail "no merge commit"

# --- Week 6, Mon 14 Dec: the last meeting, with Dana and Mia. The brief: the security pack is
# overdue (alex's), Dana's read-backs of meeting 1 went stale after 30 days, what Mia said on the
# phone was never read back.
as sam 2026-12-14 run git pull -q
as sam 2026-12-14 expect_status 0 "$CNA" brief acme --with dana-lee,mia-chen
brief3=$OUT
expect_contains "$brief3" $'Next steps\n  OVERDUE Send the security pack · alex · due 2026-11-23'
expect_contains "$brief3" $'\nRe-confirm with Dana Lee\n'
expect_contains "$brief3" "(stale since 2026-12-02)"
expect_contains "$brief3" $'\nRe-confirm with Mia Chen\n  What stands in the way today: Tickets get lost between e-… (not read back yet)'
expect_contains "$brief3" "Blockers: 18 missing · 7 unconfirmed · 6 stale"
expect_one_screen "$brief3"
as sam 2026-12-14 run "$CNA" meeting acme add --purpose "Decision and read-back" --with dana-lee,mia-chen
answers "$E2E_ROOT/batch4.json" value_of_solving value_drivers expected_annual_benefit ranked_needs \
  solution_scope org_structure affiliations buying_practices supplier_reputation decision_criteria \
  decision_process economic_buyer paper_process budget_status budget_amount decision_date \
  open_questions our_assumptions next_step trial_close_response
as sam 2026-12-14 run "$CNA" import acme "$E2E_ROOT/batch4.json"
as sam 2026-12-14 expect_status 1 "$CNA" check acme
# Read back in batches: Mia's, then Dana's, then what Raj gave (by phone, the same day).
mia=$(jq -r '[.answers | to_entries[] | select(.value.source == "mia-chen") | .key] | join(" ")' \
  "$E2E_ROOT/sam/assessments/acme.json")
as sam 2026-12-14 run "$CNA" confirm acme $mia --with mia-chen --meeting last --yes
dana=$(jq -r '[.answers | to_entries[] | select(.value.source == "dana-lee") | .key] | .[]' \
  "$E2E_ROOT/sam/assessments/acme.json")
while read -r -a batch; do
  as sam 2026-12-14 run "$CNA" confirm acme "${batch[@]}" --with dana-lee --meeting last --yes
done < <(xargs -n 6 <<<"$dana")
as sam 2026-12-14 run "$CNA" confirm acme --with raj-patel --yes
as sam 2026-12-14 run "$CNA" confirm acme --internal --yes # our own notes: verified, not read back
as alex 2026-12-14 run "$CNA" next acme done "$(jq -r '.next_steps[1].id' "$E2E_ROOT/alex/assessments/acme.json")"
as alex 2026-12-14 expect_status 0 "$CNA" sync
as sam 2026-12-14 expect_status 0 "$CNA" sync
# The gate opens and the proposal is written, on both clones once synced.
as alex 2026-12-14 expect_status 0 "$CNA" sync
for rep in sam alex; do
  as "$rep" 2026-12-14 expect_status 0 "$CNA" check acme
  as "$rep" 2026-12-14 expect_status 0 "$CNA" status acme --json
  [ "$(jq -c '.accounts[0] | [.ready, .overdue_next_steps, .last_meeting]' <<<"$OUT")" = '[true,0,"2026-12-14"]' ] ||
    fail "$rep status: $OUT"
done
as sam 2026-12-14 expect_status 0 "$CNA" proposal acme
expect_contains "$OUT" "Acme Corp"
expect_contains "$OUT" "Answer every customer within one business day"
as sam 2026-12-14 expect_status 0 "$CNA" log acme --json
[ "$(jq '[.entries[] | select(.action == "meeting")] | length' <<<"$OUT")" = 3 ] || fail "log: three meetings"
ok

done_
