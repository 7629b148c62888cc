// `cna confirm ACCOUNT [ITEM...] [--with STAKEHOLDER] [--yes]`: the read-back.
#include <fmt/format.h>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/confirm.hpp"
#include "cli/terminal.hpp"

namespace cna::cli {

namespace {

struct ConfirmOptions {
  std::string account;
  ConfirmRequest request;
};

int confirm(const Globals& g, const ConfirmOptions& o) {
  Account account = load_account(g, o.account);
  if (o.request.yes) return run_confirm(account, nullptr, o.request);
  LineReader in;
  return run_confirm(account, &in, o.request);
}

} // namespace

void add_confirm(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ConfirmOptions>();
  auto* sub = app.add_subcommand(
      "confirm", "Read answers back to the customer: confirm, edit or skip each (the read-back)");
  add_account_argument(sub, o->account);
  sub->add_option("ITEM", o->request.items,
                  "Only these items (default: every answer that is unconfirmed, stale or "
                  "changed)");
  sub->add_option("--with", o->request.with,
                  "The stakeholder confirming (default: each answer's own source)");
  sub->add_option("--meeting", o->request.meeting,
                  "The meeting they are read back in (its id, its start, or last)");
  sub->add_flag("--internal", o->request.internal,
                "Verify the internal answers yourself instead (never read to the customer)");
  sub->add_flag("--yes", o->request.yes,
                "Confirm them all without asking (you read them back already)");
  sub->footer(
      "At each answer: y (still right), e (type the new answer), s (skip), q (stop).\n"
      "Exits 0 when done, 3 when input ends first; every confirmation is saved at once.\n"
      "Examples:\n  cna confirm acme --with dana-lee                # read back with Dana Lee\n"
      "  cna confirm acme business_goal budget_amount   # just these items\n"
      "  cna confirm acme --yes                         # you read them all back");
  runs(sub, g, o, confirm);
}

} // namespace cna::cli
