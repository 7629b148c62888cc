#!/usr/bin/env bash
# `cna proposal`: refused (exit 1, every blocker named, nothing written) until the gate opens,
# rendered after; the golden proposal of the worked example; workspace templates, --template NAME
# and FILE; template errors naming file:line:tag (exit 65); partial recursion refused, not a crash;
# answers that try to inject links or HTML stay inert.
set -euo pipefail
source "$(dirname "$0")/report_lib.sh"

# FILE: GitHub's renderer finds no link, image or raw HTML in it (a proposal has no table).
inert_md() { check_md "$1" 0 || fail "$1 is not inert Markdown"; }

case_ "cna proposal --help exits 0 and documents the exit statuses"
new_workspace
expect_status 0 "$CNA" proposal --help
expect_contains "$OUT" "65 a template error"
ok

case_ "the worked example's proposal matches its golden file byte for byte"
example_workspace
expect_status 0 "$CNA" proposal acme
"$CNA" proposal acme > proposal.md
cmp proposal.md "$EXAMPLES/reports/acme-proposal.md" || fail "differs (regenerate: see README)"
inert_md proposal.md
ok

case_ "refused before confirmation: exit 1, every blocker named, no file written"
example_workspace
"$CNA" answer acme decision_date 2027-02-26 --source dana-lee >/dev/null
"$CNA" answer acme budget_amount --unknown --owner sam --due +7d >/dev/null
"$CNA" answer acme next_step "Call Dana on Monday" >/dev/null
expect_status 1 "$CNA" proposal acme -o proposal.md
expect_contains "$ERR" "cna: error: acme is not ready for a proposal: 3 of 40 applicable items hold the gate"
expect_contains "$ERR" "  budget_amount  unknown      sam to find out by 2026-11-30"
expect_contains "$ERR" "  decision_date  unconfirmed"
expect_contains "$ERR" "  next_step      unconfirmed"
expect_contains "$ERR" "nothing was written"
[ -z "$OUT" ] || fail "stdout: $OUT"
[ ! -e proposal.md ] || fail "proposal.md was written"
ls -a | grep -q '\.tmp\.' && fail "a temporary file was left behind"
ok

case_ "a new account: every one of its blockers is listed"
new_workspace
run "$CNA" answer beta business_goal "Grow"
blockers=$("$CNA" status beta --json | jq '.accounts[0].blockers | length')
expect_status 1 "$CNA" proposal beta
listed=$(grep -c '^  [a-z_]* *\(missing\|no-source\|unconfirmed\)' <<<"$ERR")
[ "$listed" = "$blockers" ] || fail "listed $listed of $blockers blockers: $ERR"
ok

case_ "rendered once the answers are read back"
example_workspace
"$CNA" answer acme decision_date 2027-02-26 --source dana-lee >/dev/null
expect_status 1 "$CNA" proposal acme
"$CNA" confirm acme --yes >/dev/null
expect_status 0 "$CNA" proposal acme -o proposal.md
expect_contains "$OUT" "acme: proposal written to proposal.md"
expect_contains "$(cat proposal.md)" "- **2027-02-26**: Decision date"
ok

case_ "a stale confirmation closes the gate again (docs/assessment.md: re-confirm in long cycles)"
example_workspace
CNA_NOW=2027-01-15T10:00:00Z expect_status 1 "$CNA" proposal acme
expect_contains "$ERR" "stale"
ok

case_ "templates: the workspace's override the built-in; --template NAME and FILE"
example_workspace
mkdir -p templates
printf '# For {{name}}\n{{#needs}}{{rank}}) {{need}}\n{{/needs}}' > templates/proposal.mustache
expect_status 0 "$CNA" proposal acme
expect_contains "$OUT" "# For Acme Corp"
expect_contains "$OUT" "1) One queue for e-mail, phone and web"
printf 'Dear {{item.business_goal.source}},\n' > templates/letter.mustache
expect_status 0 "$CNA" proposal acme --template letter
[ "$OUT" = "Dear Dana Lee," ] || fail "letter: $OUT"
expect_status 0 "$CNA" proposal acme --template "$EXAMPLES/templates/proposal-short.mustache"
expect_contains "$OUT" "# Acme Corp: our proposal in brief"
inert_md <(printf '%s\n' "$OUT")
expect_status 2 "$CNA" proposal acme --template nothere
expect_contains "$ERR" 'no template "nothere"'
expect_status 65 "$CNA" proposal acme --template ./missing.mustache
expect_contains "$ERR" "missing.mustache"
ok

case_ "a template syntax error names file:line:tag and exits 65, blocked or not"
example_workspace
mkdir -p templates
{ for i in $(seq 1 11); do echo "line $i"; done; echo '{{#needs}}'; echo '- {{need}}'; } > templates/x.mustache
expect_status 65 "$CNA" proposal acme --template x -o out.md
expect_contains "$ERR" "templates/x.mustache:12: unclosed section \"needs\""
[ ! -e out.md ] || fail "out.md was written"
"$CNA" answer acme next_step "Call Dana" >/dev/null # blocked now: the template is still checked
expect_status 65 "$CNA" proposal acme --template x
printf 'ok\n{{/needs}}\n' > templates/y.mustache
expect_status 65 "$CNA" proposal acme --template y
expect_contains "$ERR" "templates/y.mustache:2: unopened section \"needs\""
ok

case_ "a partial that includes itself: a clear error and exit 65, not a crash"
example_workspace
mkdir -p templates
printf 'start\n{{> loop}}\n' > templates/loop.mustache
expect_status 65 "$CNA" proposal acme --template loop -o out.md
expect_contains "$ERR" "templates/loop.mustache:2: partial \"loop\" includes itself (loop → loop)"
[ ! -e out.md ] || fail "out.md was written"
printf '{{> b}}' > templates/a.mustache
printf 'b\n{{#needs}}{{> a}}{{/needs}}' > templates/b.mustache
expect_status 65 "$CNA" proposal acme --template a
expect_contains "$ERR" "templates/b.mustache:2: partial \"a\" includes itself (a → b → a)"
printf '{{> p1}}' > templates/p0.mustache
for i in $(seq 1 20); do printf '{{> p%d}}' $((i + 1)) > "templates/p$i.mustache"; done
expect_status 65 "$CNA" proposal acme --template p0
expect_contains "$ERR" "partials nested deeper than 16"
printf '{{> missing}}' > templates/m.mustache
expect_status 65 "$CNA" proposal acme --template m
expect_contains "$ERR" "templates/m.mustache:1: partial \"missing\" not found"
ok

case_ "answers that try to inject links or HTML stay inert in the proposal"
example_workspace
"$CNA" answer acme ranked_needs "<script>alert(1)</script>" "[x](javascript:alert(1))" \
  "see www.evil.com or jo@evil.com" "a | b" --source dana-lee >/dev/null
"$CNA" confirm acme --yes >/dev/null
"$CNA" proposal acme > proposal.md
inert_md proposal.md
expect_contains "$(cat proposal.md)" '1. \<script\>alert\(1\)\</script\>'
expect_contains "$(cat proposal.md)" '2. \[x\]\(javascript\:alert\(1\)\)'
ok

case_ "templates that multiply their work are refused quickly with 65, naming the template (issue 15)"
example_workspace
mkdir -p templates
nested=x
for _ in $(seq 12); do nested="{{#sections}}$nested{{/sections}}"; done
printf '%s\n' "$nested" >templates/deep.mustache
for i in $(seq 1 9); do
  for _ in $(seq 10); do printf '{{> p%s}}' $((i + 1)); done >templates/p$i.mustache
done
printf 'x' >templates/p10.mustache
printf '{{> p1}}\n' >templates/tenfold.mustache
for t in deep tenfold; do
  start=$(date +%s%N)
  expect_status 65 timeout 60 "$CNA" proposal acme --template $t -o out.md
  elapsed=$((($(date +%s%N) - start) / 1000000))
  expect_contains "$ERR" "templates/$t.mustache: rendering would take more than"
  [ "$elapsed" -le $((10000 * ${CNA_TIME_SCALE:-1})) ] || fail "$t took $elapsed ms"
  [ ! -e out.md ] || fail "a proposal was written"
done
ok

done_
