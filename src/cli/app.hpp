// The command line: parse, dispatch, and the one place that turns errors into exit statuses.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
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

// One per command file (cmd_<name>.cpp): adds the subcommand, whose callback sets g.action.
void add_init(CLI::App& app, Globals& g);
void add_start(CLI::App& app, Globals& g);
void add_answer(CLI::App& app, Globals& g);
void add_import(CLI::App& app, Globals& g);
void add_who(CLI::App& app, Globals& g);
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
