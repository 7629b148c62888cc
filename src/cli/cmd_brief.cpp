// `cna brief ACCOUNT [--with PEOPLE] [--full] [--format text|md|json] [--json]`: the sheet a rep
// reads before the meeting.
#include <fmt/format.h>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/brief.hpp"
#include "cna/readiness.hpp"
#include "cna/views.hpp"

namespace cna::cli {

namespace {

struct BriefOptions {
  std::string account;
  std::string format; // "": text
  bool json = false;  // --json, the same as --format json (as on every read command)
  std::vector<std::string> with;
  bool full = false; // every entry and the clarifying questions, not one screen
};

// The brief's screen: the terminal's width (80 through a pipe), one screen of 24 lines.
constexpr std::size_t kScreenColumns = 80;
constexpr std::size_t kScreenLines = 24;

int brief(const Globals& g, const BriefOptions& o) {
  const std::string format = json_format(o.json, o.format);
  const Account account = load_account(g, o.account);
  const Seconds t = now();
  const Readiness r = assess(account.checklist, account.assessment, t,
                             account.workspace.config().reconfirm_after_days);
  const Brief b = make_brief(account.checklist, account.assessment, r, t,
                             resolve_people(account.assessment, o.with));
  const std::size_t columns = terminal_columns();
  const BriefLayout layout{columns == 0 ? kScreenColumns : columns, o.full ? 0 : kScreenLines};
  fmt::print("{}", format == "json" ? brief_json(b)
                   : format == "md" ? brief_markdown(b)
                                    : brief_text(b, layout));
  return 0;
}

} // namespace

void add_brief(CLI::App& app, Globals& g) {
  auto o = std::make_shared<BriefOptions>();
  auto* sub = app.add_subcommand(
      "brief", "Before a meeting, on one screen: the meeting and next steps, what to ask and "
               "re-confirm with the people you meet, the power base's gaps, the blockers");
  sub->add_option("ACCOUNT", o->account, "Account (a slug such as acme-corp)")->required();
  sub->add_option("--format", o->format, "text (default), md or json")
      ->check(CLI::IsMember({"text", "md", "json"}));
  sub->add_option("--with", o->with,
                  "The people you will meet (ids or names, comma-separated; default: the next "
                  "meeting's attendees, else everyone)")
      ->delimiter(',');
  sub->add_flag("--full", o->full,
                "Every entry and the clarifying questions, not just what fits one screen");
  sub->add_flag("--json", o->json, "Print JSON: the same as --format json (docs/json.md)");
  sub->callback([o, &g] { g.action = [o, &g] { return brief(g, *o); }; });
}

} // namespace cna::cli
