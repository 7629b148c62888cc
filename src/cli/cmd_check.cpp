// `cna check ACCOUNT... | --all [--json]`: the gate alone. Exit 0 when every account named is
// ready, 1 when any is blocked, the first read failure's status (65) when a file cannot be read
// (after the others).
#include <fmt/format.h>
#include <memory>
#include <string>
#include <vector>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/gate.hpp"
#include "cli/output.hpp"
#include "cna/error.hpp"
#include "cna/readiness.hpp"
#include "cna/views.hpp"

namespace cna::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> accounts;
  bool all = false;
  bool json = false;
};

int check(const Globals& g, const CheckOptions& o) {
  if (o.all == !o.accounts.empty()) throw Error(Exit::usage, "give one or more ACCOUNTs, or --all");
  Portfolio portfolio(g);
  const std::vector<std::string> slugs = o.all ? portfolio.workspace().accounts() : o.accounts;
  const Seconds t = now();
  // An empty workspace blocks nothing: exit 0, saying so rather than "0 of 0 accounts blocked".
  if (slugs.empty() && !o.json) {
    if (!quiet()) {
      fmt::print("no accounts in {} yet: nothing to check; cna start ACCOUNT begins one\n",
                 show(portfolio.workspace().root().string()));
    }
    return 0;
  }
  const bool several = o.all || slugs.size() > 1;
  CheckJson json;
  std::vector<std::string> blocked;
  const std::function<View(const std::string&)> work = [&](const std::string& slug) {
    return portfolio.read(slug, t);
  };
  const std::function<void(const std::string&, View&)> emit = [&](const std::string& slug,
                                                                  View& v) {
    if (!v.readiness.ready()) blocked.push_back(slug);
    if (o.json) {
      const std::string part = json.add(v.assessment, v.readiness);
      std::fwrite(part.data(), 1, part.size(), stdout); // a write error shows at exit (74)
    } else if (!quiet()) {
      fmt::print("{}{} ({})\n", several ? "\n" : "", paint(show(v.assessment.name), Tone::bold),
                 show(slug));
      print_gate(v.readiness);
    }
  };
  const int status =
      portfolio.for_each<View>(slugs, work, emit, [&](const std::string& slug, const Error& e) {
        json.failed(slug, e.what());
      });
  if (o.json) {
    fmt::print("{}", json.finish());
  } else if (several && !quiet()) {
    fmt::print("\n{} of {} accounts blocked{}{}\n", blocked.size(), slugs.size(),
               blocked.empty() ? "" : ": ", show(fmt::format("{}", fmt::join(blocked, ", "))));
  }
  if (status != 0) return status;
  return static_cast<int>(blocked.empty() ? Exit::ok : Exit::no);
}

} // namespace

void add_check(CLI::App& app, Globals& g) {
  auto o = std::make_shared<CheckOptions>();
  auto* sub = app.add_subcommand(
      "check", "The gate alone: exit 0 when every account named is ready, 1 when any is blocked");
  sub->add_option("ACCOUNT", o->accounts, "Accounts (slugs such as acme-corp)");
  sub->add_flag("--all", o->all, "Every account of the workspace");
  sub->add_flag("--json", o->json, kJsonHelp);
  sub->footer("Lists every blocker (item, reason, detail) of each account. With -q prints "
              "nothing: the exit status is the answer (65 when a file cannot be read, after "
              "checking the others); --all in a workspace without accounts says so, exit 0.\n"
              "Examples:\n  cna check acme\n  cna check acme initech --json\n"
              "  cna check --all -q || echo 'some account is blocked'\n"
              "  cna check acme -q && cna proposal acme -o proposal.md");
  sub->callback([o, &g] { g.action = [o, &g] { return check(g, *o); }; });
}

} // namespace cna::cli
