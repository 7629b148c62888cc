// `cna import ACCOUNT FILE`: many answers from JSON (format: include/cna/import.hpp and
// docs/commands.md), all-or-nothing: every entry is checked under the lock, and one save applies
// them all.
#include <cstdio>
#include <fmt/format.h>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/import.hpp"
#include "cna/store.hpp"

namespace cna::cli {

namespace {

struct ImportOptions {
  std::string account;
  std::string file;
  std::string checklist;
  std::string name;
};

// An import file is at most as large as an assessment file.
constexpr std::size_t kMaxImportBytes = kMaxAssessmentBytes;

std::string read_stdin() {
  std::string text;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
    text.append(buffer, n);
    if (text.size() > kMaxImportBytes) {
      throw Error(Exit::data, fmt::format("the standard input is more than the limit of {} MiB",
                                          kMaxImportBytes >> 20U));
    }
  }
  if (std::ferror(stdin) != 0) throw Error(Exit::io, "cannot read the standard input");
  return text;
}

int run_import(const Globals& g, const ImportOptions& o) {
  const bool from_stdin = o.file == "-";
  const std::string text = from_stdin ? read_stdin() : read_file(o.file, kMaxImportBytes);
  const std::string label = from_stdin ? "<stdin>" : o.file;
  Account account = open_or_create(g, o.account, o.checklist, text_option("--name", o.name));
  const Seconds t = now();
  const InputContext context = input_context(account.workspace, nullptr, t);
  // Checked before the save, so that no pattern is matched while signals are held and the lock
  // is taken; again under the lock only when the stakeholders it was checked against changed
  // meanwhile (sources and person answers name them), so what is applied is what was checked.
  const auto checked = [&](const Assessment& a) {
    ImportPlan plan = read_import(text, label, account.checklist, a, context);
    for (const Problem& p : plan.problems)
      fmt::print(stderr, "{}\n", show(format_problem(p)));
    if (has_errors(plan.problems)) {
      throw Error(Exit::data, fmt::format("{}: nothing was imported; fix the problems above and "
                                          "run the import again",
                                          show(label)));
    }
    return plan;
  };
  ImportPlan plan = checked(account.assessment);
  const std::vector<Stakeholder> checked_with = account.assessment.stakeholders;
  std::size_t changed = 0;
  save(account, [&](Assessment& a) {
    if (a.stakeholders != checked_with) plan = checked(a);
    changed = apply_import(a, account.checklist, plan, t);
  });
  if (!quiet()) {
    fmt::print("{}: imported {} answer{} and {} stakeholder{} from {} ({} changed)\n", o.account,
               plan.answers.size(), plan.answers.size() == 1 ? "" : "s", plan.stakeholders.size(),
               plan.stakeholders.size() == 1 ? "" : "s", show(label), changed);
  }
  return 0;
}

} // namespace

void add_import(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ImportOptions>();
  auto* sub = app.add_subcommand(
      "import", "Set many answers from a JSON file, all or nothing (creates the account)");
  sub->add_option("account", o->account, "Account")->required();
  sub->add_option("file", o->file, "JSON file, or - for the standard input")->required();
  sub->add_option("--checklist", o->checklist,
                  "Checklist of a new account (default: the workspace's)");
  sub->add_option("--name", o->name, "Display name of the account");
  sub->footer(R"(Format (docs/commands.md, installed with the docs; man cna):
  {"stakeholders": [{"id": "dana-lee", "name": "Dana Lee", "title": "VP Operations",
                     "roles": ["economic-buyer"]}],
   "answers": {"budget_amount": "250k EUR",
               "success_metrics": ["Churn below 2%", "NPS above 40"],
               "business_goal": {"value": "...", "source": "dana-lee", "note": "..."},
               "decision_date": {"unknown": {"owner": "sam", "due": "2026-12-01"}},
               "paper_process": {"na": "no procurement step below 50k"}}}
Strings are read with the walk's grammar; every problem is reported and nothing is saved
unless every entry is valid (exit 65).)");
  sub->callback([o, &g] { g.action = [o, &g] { return run_import(g, *o); }; });
}

} // namespace cna::cli
