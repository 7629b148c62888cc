// `cna brief ACCOUNT [--format text|md|json] [--json]`: the sheet a rep reads before the meeting.
#include <fmt/format.h>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cna/brief.hpp"
#include "cna/readiness.hpp"
#include "cna/views.hpp"

namespace cna::cli {

namespace {

struct BriefOptions {
  std::string account;
  std::string format; // "": text
  bool json = false;  // --json, the same as --format json (as on every read command)
};

int brief(const Globals& g, const BriefOptions& o) {
  const std::string format = json_format(o.json, o.format);
  const Account account = load_account(g, o.account);
  const Seconds t = now();
  const Readiness r = assess(account.checklist, account.assessment, t,
                             account.workspace.config().reconfirm_after_days);
  const Brief b = make_brief(account.checklist, account.assessment, r, t);
  fmt::print("{}", format == "json" ? brief_json(b)
                   : format == "md" ? brief_markdown(b)
                                    : brief_text(b));
  return 0;
}

} // namespace

void add_brief(CLI::App& app, Globals& g) {
  auto o = std::make_shared<BriefOptions>();
  auto* sub = app.add_subcommand(
      "brief", "Before a meeting: what is open, what to re-confirm, who said what, what to ask");
  sub->add_option("ACCOUNT", o->account, "Account (a slug such as acme-corp)")->required();
  sub->add_option("--format", o->format, "text (default), md or json")
      ->check(CLI::IsMember({"text", "md", "json"}));
  sub->add_flag("--json", o->json, "Print JSON: the same as --format json (docs/json.md)");
  sub->callback([o, &g] { g.action = [o, &g] { return brief(g, *o); }; });
}

} // namespace cna::cli
