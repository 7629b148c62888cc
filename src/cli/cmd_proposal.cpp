// `cna proposal ACCOUNT [--template NAME|FILE] [-o FILE]`: the proposal from the confirmed needs,
// refused (exit 1, every blocker named, nothing written) while the gate is closed.
#include <algorithm>
#include <fmt/format.h>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/proposal.hpp"
#include "cna/readiness.hpp"
#include "cna/report.hpp"

namespace cna::cli {

namespace {

struct ProposalOptions {
  std::string account;
  std::string template_name = "proposal";
  std::string output;
};

Error refusal(const Report& report) {
  const std::vector<const ReportItem*> open = report.open_items();
  std::size_t width = 0;
  for (const ReportItem* item : open)
    width = std::max(width, cells(show(item->id)));
  std::string message = fmt::format("{} is not ready for a proposal: {} of {} applicable items "
                                    "hold the gate",
                                    report.account, open.size(), report.applicable);
  for (const ReportItem* item : open) {
    const std::string reason(to_string(*item->blocker));
    message +=
        fmt::format("\n  {}  {}", pad(show(item->id), width),
                    item->detail.empty() ? reason : pad(reason, 11) + "  " + show(item->detail));
  }
  return Error(Exit::no, message + fmt::format("\nnothing was written; cna brief {0} shows what "
                                               "to ask, cna confirm {0} reads answers back",
                                               report.account));
}

int run_proposal(const Globals& g, const ProposalOptions& o) {
  const Account account = load_account(g, o.account);
  const Workspace& ws = account.workspace;
  // The template is checked first, so a broken one is reported whatever the gate says.
  const ProposalTemplate proposal(
      choose_template(ws, o.template_name),
      [&ws](const std::string& name) { return find_template(ws, name); });
  const Seconds t = now();
  const Readiness r =
      assess(account.checklist, account.assessment, t, ws.config().reconfirm_after_days);
  // The refusal names every blocker, internal ones too; the proposal is the customer's.
  if (!r.ready()) throw refusal(build_report(account.checklist, account.assessment, r, t));
  write_output(proposal.render(
                   build_report(account.checklist, account.assessment, r, t, Audience::customer)),
               o.output);
  if (!o.output.empty() && !quiet()) {
    fmt::print("{}: proposal written to {}\n", o.account, show(o.output));
  }
  return 0;
}

} // namespace

void add_proposal(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ProposalOptions>();
  auto* sub = app.add_subcommand(
      "proposal", "Render the proposal from the confirmed needs; refused until the gate is open");
  add_account_argument(sub, o->account);
  sub->add_option("--template", o->template_name,
                  "Template: a NAME (templates/NAME.mustache in the workspace, else a built-in "
                  "one; default proposal) or a FILE's path")
      ->type_name("NAME|FILE");
  sub->add_option("-o,--output", o->output, "Write to FILE (saved atomically) instead of stdout")
      ->type_name("FILE");
  sub->footer("Exit status: 0 written; 1 not ready (every blocker is listed, nothing is written); "
              "2 no such template name; 65 a template error (file:line: tag) or a bad file.\n"
              "The template's data model: docs/reports.md (installed with the docs; man cna).\n"
              "Examples:\n  cna proposal acme -o proposal.md\n"
              "  cna proposal acme --template one-page -o proposal.md   # "
              "templates/one-page.mustache\n"
              "  cna proposal acme --template examples/templates/proposal-short.mustache");
  runs(sub, g, o, run_proposal);
}

} // namespace cna::cli
