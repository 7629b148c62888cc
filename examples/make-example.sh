#!/usr/bin/env bash
# Regenerates the worked example through the real binary, at a fixed clock:
#   examples/workspace/   a workspace whose account "acme" is answered with its stakeholders,
#                         every answer attributed and confirmed (the gate is open)
#   examples/reports/     the report in every format and the proposal: golden files that
#                         tests/e2e/test_report.sh and test_proposal.sh compare byte for byte
# Usage: examples/make-example.sh [OUT]   (OUT defaults to examples/; CNA names the binary,
#        default build/dev/cna). After a deliberate change of output, run it and review the diff.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "${1:-$here}" && cd "${1:-$here}" && pwd)
CNA=${CNA:-$here/../build/dev/cna}
[ -x "$CNA" ] || { echo "make-example.sh: no binary at $CNA (set CNA)" >&2; exit 2; }

# A fixed clock, user and git identity, run outside any git repository: the same bytes anywhere.
export CNA_NOW=2026-11-23T10:00:00Z TZ=UTC USER=sam NO_COLOR=1 GIT_CONFIG_NOSYSTEM=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf '[user]\n\tname = Sam Rep\n' > "$scratch/gitconfig"
export GIT_CONFIG_GLOBAL="$scratch/gitconfig" HOME="$scratch"
cd "$scratch"

ws="$out/workspace"
rm -rf "$ws" "$out/reports"
mkdir -p "$out/reports"
cna() { "$CNA" -q "$@"; }
cna init "$ws" >/dev/null
export CNA_WORKSPACE="$ws"

# The power base.
cna who acme add dana-lee --name "Dana Lee" --title "VP Operations" --role economic-buyer
cna who acme add mia-chen --name "Mia Chen" --title "Support Team Lead" --role champion --role user
cna who acme add raj-patel --name "Raj Patel" --title "IT Security Lead" --role technical-evaluator \
  --role legal-security

# What each of them said, item by item (several VALUEs are the lines of a list or longtext).
a() { cna answer acme "$@"; }
a current_approach "Tickets arrive by e-mail and phone and are tracked in a shared spreadsheet." \
  "Two team leads assign the work by hand every morning." --source mia-chen --name "Acme Corp"
a has_incumbent yes --source mia-chen
a incumbent_details "Helpdesk Classic (on-premises) since 2017; the licence renews on 2027-03-31" \
  --source raj-patel
a business_goal "Answer every customer within one business day while the customer base grows 40% in two years." \
  "Do it without hiring in proportion." --source dana-lee
a success_metrics "First response under 8 business hours (today: 26)" \
  "Customer satisfaction at 90% (today: 78%)" "Backlog under 50 tickets (today: 310)" --source dana-lee
a key_problems "Tickets get lost between e-mail and the spreadsheet" \
  "No view of the workload per agent" "Customers repeat their story on every contact" --source mia-chen
a problem_impact "Churn among small accounts rose from 6% to 9% in a year." \
  "Agents work overtime at the end of every month." --source dana-lee --note "Figures from the Q3 board pack"
a problem_cost_annual 180k EUR --source dana-lee
a urgency 4 --source dana-lee
a compelling_event_date 2027-03-31 --source dana-lee --note "The Helpdesk Classic licence ends"
a value_of_solving "Keeping the small accounts we lose today and freeing two team leads for coaching." \
  --source dana-lee
a value_drivers customer-experience cost-reduction productivity --source dana-lee
a expected_annual_benefit 250k EUR --source dana-lee
a ranked_needs "One queue for e-mail, phone and web" "The workload visible per agent and team" \
  "The customer's history on every ticket" "Reports the leadership team can read" --source dana-lee
a functional_requirements "Route tickets by skill and language" "Service-level timers per customer tier" \
  "Two-way sync with the CRM (accounts and contacts)" --source mia-chen
a technical_specs "Single sign-on with Azure AD; data hosted in the EU; a REST API for the CRM." \
  --source raj-patel
a user_count 45 --source mia-chen
a solution_scope department --source dana-lee
a company_policies security-review data-protection preferred-suppliers --source raj-patel
a security_requirements "ISO 27001 certificate, a data-processing agreement, and a penetration test not older than a year." \
  --source raj-patel
a org_structure "Support reports to Dana (Operations); IT Security signs off on every new SaaS supplier." \
  --source dana-lee
a affiliations --na "Independent company: no parent, buying group or partner rules"
a specialties "Support in German and Polish; a peak every January when the new price list goes out." \
  --source mia-chen
a buying_practices direct --source dana-lee
a personal_stakes "Dana promised the board faster answers by Q2 & needs a visible win." --source mia-chen
a service_response "Critical incidents answered within 1 hour, 24/7; others the next business day" \
  --source raj-patel
a supplier_reputation "References from two companies of their size in the region matter more than analyst rankings." \
  --source dana-lee
a decision_criteria "Time to first response" "Ease of use for agents" "Total cost over 3 years" \
  --source dana-lee
a decision_process "Mia's team trials the shortlist, Raj runs the security review, Dana decides with the CFO." \
  --source dana-lee
a economic_buyer dana-lee --source dana-lee
a champion mia-chen --source mia-chen
a paper_process "Purchase order through procurement; legal reviews the data-processing agreement (about 2 weeks)." \
  --source dana-lee
a budget_status identified --source dana-lee
a budget_amount 120k EUR --source dana-lee --note "Includes the R&D team's share"
a decision_date 2027-01-29 --source dana-lee
a competitors "Renew Helpdesk Classic (do nothing)" "Ticketly" "Build on the CRM's case module" \
  --source mia-chen
# Open questions and our assumptions: one entry a line, TEXT @WHO due DATE => ANSWER. Each holds
# the gate until it is answered (here one by the walk's syntax, one with cna question).
a open_questions "Which CRM fields must sync both ways? @raj-patel due 2026-12-04"
cna question acme answer 1 "Accounts and contacts both ways; tickets one way, to the CRM"
a our_assumptions "Phone calls are logged by agents, not recorded @mia-chen => Yes: agents log every call by hand" \
  "Web forms can move to the new tool @raj-patel => Yes: the forms are plain HTML on our own site"
a next_step "Demo of the unified queue to Dana, Mia and Raj on 2026-12-03"
a trial_close_response 4 --source dana-lee --note "\"If the demo shows the one queue, send me the proposal.\""

# The read-back: each answer confirmed with the stakeholder who gave it.
cna confirm acme --yes
cna confirm acme --internal --yes # the internal answers: verified by the rep, not read back

# The meetings: the discovery call that gave the answers and the demo agreed in it, with the next
# steps agreed there (cna brief before the demo shows them first).
cna meeting acme add --date 2026-11-23 --purpose "Discovery call" --with dana-lee,mia-chen,raj-patel \
  --outcome "Needs confirmed; a demo agreed" >/dev/null
cna meeting acme add --date 2026-12-03 --purpose "Demo of the unified queue" \
  --with dana-lee,mia-chen,raj-patel >/dev/null
cna next acme add Send the security pack to Raj --owner "Sam Rep" --due 2026-11-27 >/dev/null
cna next acme add List the CRM fields that must sync --owner raj-patel --due 2026-12-04 >/dev/null

# The golden files.
for format in md html json csv; do
  cna report acme --format "$format" -o "$out/reports/acme.$format"
done
cna report acme --format text -o "$out/reports/acme.txt"
cna proposal acme -o "$out/reports/acme-proposal.md"
rm -f "$ws"/assessments/.*.lock # git ignores them; a clean tree is easier to compare
