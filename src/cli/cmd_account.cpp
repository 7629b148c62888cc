// cna account rename OLD NEW | archive NAME | unarchive NAME: the account's file moved under the
// store's locks (docs/commands.md). Archived accounts live in assessments/archive/, out of
// `status` and `report --all`, still in git.
#include <fmt/format.h>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/output.hpp"
#include "cna/record.hpp"
#include "cna/workspace.hpp"

namespace cna::cli {

namespace {

struct AccountOptions {
  std::string account;
  std::string new_name; // rename's NEW
};

// A history entry for the move, and the display name follows the slug when it was the slug.
std::function<void(Assessment&)> moved(const std::string& slug, const std::string& action,
                                       const std::string& from) {
  return [slug, action, from](Assessment& a) {
    if (a.name == a.account) a.name = slug;
    a.account = slug;
    add_history(a, now(), slug, action, Value(from));
  };
}

int rename(const Globals& g, const AccountOptions& o) {
  require_slug(o.new_name);
  Account account = load_account(g, o.account);
  if (o.new_name == o.account) throw Error(Exit::usage, "the new name is the name it has");
  const Workspace& ws = account.workspace;
  if (std::error_code ec; std::filesystem::exists(ws.archive_path(o.new_name), ec)) {
    throw Error(Exit::usage, fmt::format("an archived account is called \"{}\" already (cna "
                                         "account unarchive {} brings it back)",
                                         o.new_name, o.new_name));
  }
  if (std::error_code ec; std::filesystem::exists(ws.assessment_path(o.new_name), ec)) {
    throw Error(Exit::usage,
                fmt::format("account \"{}\" exists already; nothing was renamed", o.new_name));
  }
  move_account(account.store, ws.assessment_path(o.new_name),
               moved(o.new_name, "account-renamed", o.account));
  if (!quiet()) fmt::print("renamed {} to {}\n", o.account, o.new_name);
  return 0;
}

int archive(const Globals& g, const AccountOptions& o) {
  Account account = load_account(g, o.account);
  move_account(account.store, account.workspace.archive_path(o.account),
               moved(o.account, "account-archived", o.account));
  if (!quiet()) {
    fmt::print("archived {} (kept in {}; cna account unarchive {} brings it back)\n", o.account,
               std::filesystem::relative(account.workspace.archive_path(o.account),
                                         account.workspace.root())
                   .string(),
               o.account);
  }
  return 0;
}

int unarchive(const Globals& g, const AccountOptions& o) {
  require_slug(o.account);
  const Workspace ws = open_workspace(g);
  AssessmentStore store(ws.archive_path(o.account), ws.root());
  if (!store.exists()) {
    throw Error(Exit::usage,
                fmt::format("no archived account \"{}\" in {}", o.account, ws.root().string()));
  }
  if (std::error_code ec; std::filesystem::exists(ws.assessment_path(o.account), ec)) {
    throw Error(Exit::usage, fmt::format("account \"{}\" exists already; rename it first (cna "
                                         "account rename {} NEW)",
                                         o.account, o.account));
  }
  move_account(store, ws.assessment_path(o.account),
               moved(o.account, "account-unarchived", o.account));
  if (!quiet()) fmt::print("unarchived {}\n", o.account);
  return 0;
}

} // namespace

void add_account_command(CLI::App& app, Globals& g) {
  auto o = std::make_shared<AccountOptions>();
  auto* sub = app.add_subcommand("account", "Rename, archive or unarchive an account");
  sub->require_subcommand(1);
  sub->footer("Usage: cna account rename ACCOUNT NEW | archive ACCOUNT | unarchive ACCOUNT\n"
              "Archived accounts move to assessments/archive/: out of status and report --all, "
              "still in git.\n"
              "Example: cna account rename nordbhan nordbahn");

  auto* rename_cmd = sub->add_subcommand(
      "rename", "Give an account a new name (its file and its slug; the history says so)");
  add_account_argument(rename_cmd, o->account);
  rename_cmd->add_option("NEW", o->new_name, "The new name, a slug such as acme-corp")->required();
  runs(rename_cmd, g, o, rename);

  auto* archive_cmd = sub->add_subcommand(
      "archive", "Move an account out of status and report --all (kept in assessments/archive/)");
  add_account_argument(archive_cmd, o->account);
  runs(archive_cmd, g, o, archive);

  auto* unarchive_cmd = sub->add_subcommand("unarchive", "Bring an archived account back");
  unarchive_cmd->add_option("NAME", o->account, "An archived account's name")->required();
  runs(unarchive_cmd, g, o, unarchive);
}

} // namespace cna::cli
