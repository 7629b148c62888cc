// The command line: parse, dispatch, and the one place that turns errors into exit statuses.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace cna::cli {

// Options every command shares, and the command chosen by parsing.
struct Globals {
  std::optional<std::filesystem::path> dir; // -C DIR
  std::string color = "auto";               // --color auto|always|never
  bool quiet = false;                       // -q
  std::function<int()> action;              // set by the chosen subcommand
};

// The account argument a per-account command takes first (`cna who ACCOUNT ...`).
inline CLI::Option* add_account_argument(CLI::App* cmd, std::string& account) {
  return cmd->add_option("ACCOUNT", account, "Account (a slug such as acme-corp)")->required();
}

// When `cmd` is chosen, the command line runs `run` with the options parsed into `o`.
template <class Options>
void runs(CLI::App* cmd, Globals& g, const std::shared_ptr<Options>& o,
          int (*run)(const Globals&, const Options&)) {
  cmd->callback([o, &g, run] { g.action = [o, &g, run] { return run(g, *o); }; });
}

// A command of verbs (`cna next ACCOUNT [list | add ... | done ID]`): at most one verb, and
// `fallback` (the listing) when none is given. Its callback runs after the chosen verb's.
template <class Options>
void verbs_or(CLI::App* cmd, Globals& g, const std::shared_ptr<Options>& o,
              int (*fallback)(const Globals&, const Options&)) {
  cmd->require_subcommand(0, 1);
  cmd->callback([o, &g, cmd, fallback] {
    if (cmd->get_subcommands().empty()) g.action = [o, &g, fallback] { return fallback(g, *o); };
  });
}

// One per command file (cmd_<name>.cpp): adds the subcommand, whose callback sets g.action.
void add_init(CLI::App& app, Globals& g);
void add_start(CLI::App& app, Globals& g);
void add_answer(CLI::App& app, Globals& g);
void add_import(CLI::App& app, Globals& g);
void add_who(CLI::App& app, Globals& g);
void add_account_command(CLI::App& app, Globals& g);
void add_status(CLI::App& app, Globals& g);
void add_checklist(CLI::App& app, Globals& g);
void add_report(CLI::App& app, Globals& g);
void add_proposal(CLI::App& app, Globals& g);
void add_confirm(CLI::App& app, Globals& g);
void add_check(CLI::App& app, Globals& g);
void add_brief(CLI::App& app, Globals& g);
void add_log(CLI::App& app, Globals& g);
void add_meeting(CLI::App& app, Globals& g);
void add_next(CLI::App& app, Globals& g);
void add_question_command(CLI::App& app, Globals& g);
void add_merge_driver(CLI::App& app, Globals& g);
void add_sync(CLI::App& app, Globals& g);
void add_completion(CLI::App& app, Globals& g); // last: it reads the whole tree

int run(int argc, char** argv);

} // namespace cna::cli
