#include "cli/app.hpp"

#include <array>
#include <csignal>
#include <cstdio>
#include <fmt/format.h>
#include <memory>
#include <string_view>
#include <unistd.h>
#include <vector>

#include "cli/output.hpp"
#include "cna/error.hpp"
#include "cna/text.hpp"
#include "cna_version.hpp" // generated: CMake's project version and git describe

namespace cna::cli {

namespace {

#ifdef CNA_FAULT_INJECTION
// Test builds say so: tests/e2e/test_faults.sh skips on a binary without CNA_FAULT points.
constexpr const char* kBuild = " (test build: CNA_FAULT injection)";
#else
constexpr const char* kBuild = "";
#endif

// The command path of `command` as typed: "cna checklist validate".
std::string path_of(const CLI::App& command) {
  const CLI::App* parent = command.get_parent();
  return parent == nullptr ? "cna" : path_of(*parent) + " " + command.get_name();
}

// The subcommand of `parent` named `name`, or null.
const CLI::App* subcommand_named(const CLI::App& parent, std::string_view name) {
  for (const CLI::App* sub : parent.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_name() == name) return sub;
  }
  return nullptr;
}

// `word` is no subcommand of `parent`: says so, with the nearest name (core's closest(), the same
// suggestion as for item ids) or, when none is close, the names there are.
Error unknown_command(const CLI::App& parent, std::string_view word) {
  std::vector<std::string> names;
  // Hidden commands (an empty group: `complete-words`, which the completion scripts run) are
  // never suggested.
  for (const CLI::App* sub :
       parent.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); }))
    names.push_back(sub->get_name());
  const std::string guess = closest(word, names);
  const std::string where = parent.get_parent() == nullptr ? "" : parent.get_name() + " ";
  return Error(Exit::usage,
               fmt::format("unknown {}command \"{}\"{}\nRun '{} --help' for the commands.", where,
                           visible(word),
                           guess.empty() ? fmt::format(" (one of: {})", fmt::join(names, ", "))
                                         : fmt::format("; did you mean {}?", guess),
                           path_of(parent)));
}

// CLI11 2.1 exits 100+ on parse errors; every one of them is a usage error here.
int usage_error(const CLI::App& app, const CLI::ParseError& e) {
  if (e.get_exit_code() == 0) return app.exit(e); // --help, --version
  // The deepest command parsed; a word left over where it takes a subcommand is a mistyped one.
  const CLI::App* deepest = &app;
  while (!deepest->get_subcommands().empty())
    deepest = deepest->get_subcommands().front();
  std::vector<std::string> extra = app.remaining(true);
  const bool takes_subcommands =
      !deepest->get_subcommands([](const CLI::App*) { return true; }).empty();
  if (takes_subcommands && !extra.empty() && !extra.front().empty() && extra.front()[0] != '-') {
    fmt::print(stderr, "cna: error: {}\n", unknown_command(*deepest, extra.front()).what());
    return static_cast<int>(Exit::usage);
  }
  fmt::print(stderr, "cna: error: {}\nRun '{} --help' for usage.\n", visible(e.what()),
             path_of(*deepest));
  return static_cast<int>(Exit::usage);
}

// `cna help [COMMAND...]`: the text `cna COMMAND... --help` prints, on stdout, exit 0.
void add_help(CLI::App& app, Globals& g) {
  auto words = std::make_shared<std::vector<std::string>>();
  auto* sub = app.add_subcommand("help", "Help on a command: cna help CMD is cna CMD --help");
  sub->add_option("command", *words, "The command (and subcommand), e.g. checklist validate")
      ->type_name("COMMAND");
  sub->footer("Examples:\n  cna help\n  cna help status\n  cna help checklist validate");
  sub->callback([words, &app, &g] {
    g.action = [words, &app] {
      const CLI::App* command = &app;
      for (const std::string& word : *words) {
        const CLI::App* next = subcommand_named(*command, word);
        if (next == nullptr) throw unknown_command(*command, word);
        command = next;
      }
      fmt::print("{}", command->get_formatter()->make_help(command, path_of(*command),
                                                           CLI::AppFormatMode::Normal));
      return 0;
    };
  });
}

// The commands, in the order `cna --help` lists them: each row adds its subcommand(s).
struct Command {
  std::string_view name;
  void (*add)(CLI::App& app, Globals& g);
};
constexpr std::array kCommands{
    Command{"init", add_init},
    Command{"start", add_start},
    Command{"answer", add_answer},
    Command{"import", add_import},
    Command{"who", add_who},
    Command{"account", add_account_command},
    Command{"status", add_status},
    Command{"checklist", add_checklist},
    Command{"report", add_report},
    Command{"proposal", add_proposal},
    Command{"confirm", add_confirm},
    Command{"check", add_check},
    Command{"brief", add_brief},
    Command{"log", add_log},
    Command{"meeting", add_meeting},
    Command{"next", add_next},
    Command{"sync", add_sync},
    Command{"question", add_question_command},
    Command{"merge-driver", add_merge_driver},
};

// The command row that `argv` runs, when it is plainly one (its name the first word after only
// global options): then only that command is built, not the dozens of others and their options
// (start-up time, docs/performance.md). Null when in doubt (help, completion, a mistyped or
// missing command, an option cna does not know): every command is built, as parsing needs.
const Command* only_command(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "-q" || word == "--quiet" || word.starts_with("--color=") ||
        (word.starts_with("-C") && word.size() > 2)) {
      continue;
    }
    if (word == "-C" || word == "--color") {
      ++i; // its value
      continue;
    }
    for (const Command& c : kCommands) {
      if (c.name == word) return &c;
    }
    return nullptr;
  }
  return nullptr;
}

// Results that never reached stdout (a full disk, /dev/full) are an I/O error, not success.
int finish(int status) {
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || std::fclose(stdout) != 0) {
    std::fputs("cna: error: cannot write the output\n", stderr);
    return static_cast<int>(Exit::io);
  }
  return status;
}

} // namespace

int run(int argc, char** argv) {
  // A file-size limit (ulimit -f) must be an I/O error, not a silent kill.
  std::signal(SIGXFSZ, SIG_IGN);
  Globals g;
  CLI::App app{"cna — customer needs assessment: walk the questions, keep every answer, confirm "
               "every need before a proposal.",
               "cna"};
  app.set_version_flag("--version", std::string("cna " CNA_VERSION_FULL) + kBuild);
  app.add_option("-C", g.dir, "Use the workspace in DIR")->type_name("DIR");
  app.add_option("--color", g.color,
                 "Colours: auto, always or never (NO_COLOR, CLICOLOR_FORCE and FORCE_COLOR are "
                 "honoured in that order)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", g.quiet,
               "Print only the document asked for (--json, a report, a brief) and errors");
  app.require_subcommand(1);
  // Global options also after the command (`cna check acme -q`): subcommands, which inherit this,
  // hand what they do not know to their parent; what no one knows is still a usage error.
  app.fallthrough();
  app.footer("Exit status: 0 ok, 1 no (blocked, invalid, conflict), 2 usage, 3 input ended, "
             "65 bad data file, 70 internal, 74 I/O, 75 busy, 129/130/143 interrupted.\n"
             "Documentation: man cna, and the docs installed with it (docs/ in the project).");
  if (const Command* only = only_command(argc, argv)) {
    only->add(app, g);
  } else {
    for (const Command& c : kCommands)
      c.add(app, g);
    add_help(app, g);
    add_completion(app, g);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return finish(usage_error(app, e));
  }
  try {
    // Results in large blocks when they go to a file or a pipe (a portfolio's JSON is megabytes).
    // glibc ignores the size without a buffer of ours; static: stdio flushes it at exit.
    static char output[1U << 16U];
    if (::isatty(STDOUT_FILENO) == 0) std::setvbuf(stdout, output, _IOFBF, sizeof output);
    set_output_options(g);
    return finish(g.action ? g.action() : 0);
  } catch (const Error& e) {
    std::fflush(stdout);
    fmt::print(stderr, "cna: error: {}\n", visible(e.what(), true));
    return finish(static_cast<int>(e.code()));
  } catch (const std::exception& e) {
    // fmt::print throws when stdout cannot take the output: that is finish()'s I/O error.
    if (std::ferror(stdout) != 0) return finish(static_cast<int>(Exit::io));
    std::fflush(stdout);
    fmt::print(stderr, "cna: error: internal error: {}\n", visible(e.what()));
    return finish(static_cast<int>(Exit::internal));
  }
}

} // namespace cna::cli
