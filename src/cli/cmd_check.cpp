// `cna check ACCOUNT [--json]`: the gate alone. Exit 0 when ready, 1 when blocked.
#include <fmt/format.h>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/gate.hpp"
#include "cli/output.hpp"
#include "cna/error.hpp"
#include "cna/readiness.hpp"
#include "cna/views.hpp"

namespace cna::cli {

namespace {

struct CheckOptions {
  std::string account;
  bool json = false;
};

int check(const Globals& g, const CheckOptions& o) {
  const Account account = load_account(g, o.account);
  const Readiness r = assess(account.checklist, account.assessment, now(),
                             account.workspace.config().reconfirm_after_days);
  if (o.json) {
    fmt::print("{}", check_json(account.assessment, r));
  } else if (!quiet()) {
    fmt::print("{} ({})\n", paint(show(account.assessment.name), Tone::bold), account.slug);
    print_gate(r);
  }
  return static_cast<int>(r.ready() ? Exit::ok : Exit::no);
}

} // namespace

void add_check(CLI::App& app, Globals& g) {
  auto o = std::make_shared<CheckOptions>();
  auto* sub = app.add_subcommand("check", "The gate alone: exit 0 when ready, 1 when blocked");
  sub->add_option("ACCOUNT", o->account, "Account (a slug such as acme-corp)")->required();
  sub->add_flag("--json", o->json, "Print JSON (shape documented in the README)");
  sub->footer("Lists every blocker (item, reason, detail). With -q prints nothing: the exit "
              "status is the answer.\n"
              "Examples:\n  cna check acme\n  cna check acme --json\n"
              "  cna check acme -q && cna proposal acme -o proposal.md");
  sub->callback([o, &g] { g.action = [o, &g] { return check(g, *o); }; });
}

} // namespace cna::cli
