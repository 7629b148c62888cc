#include "cli/app.hpp"

#include <csignal>
#include <cstdio>
#include <fmt/format.h>
#include <unistd.h>

#include "cli/output.hpp"
#include "cna/error.hpp"
#include "cna/text.hpp"

namespace cna::cli {

namespace {

constexpr const char* kVersion = "0.1.0";
#ifdef CNA_FAULT_INJECTION
// Test builds say so: tests/e2e/test_faults.sh skips on a binary without CNA_FAULT points.
constexpr const char* kBuild = " (test build: CNA_FAULT injection)";
#else
constexpr const char* kBuild = "";
#endif

// CLI11 2.1 exits 100+ on parse errors; every one of them is a usage error here.
int usage_error(const CLI::App& app, const CLI::ParseError& e) {
  if (e.get_exit_code() == 0) return app.exit(e); // --help, --version
  const auto extra = app.remaining();
  if (app.get_subcommands().empty() && !extra.empty()) {
    fmt::print(stderr, "cna: error: unknown command \"{}\"\nRun 'cna --help' for the commands.\n",
               visible(extra.front()));
    return static_cast<int>(Exit::usage);
  }
  fmt::print(stderr, "cna: error: {}\nRun 'cna --help' for usage.\n", visible(e.what()));
  return static_cast<int>(Exit::usage);
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
  app.set_version_flag("--version", std::string(kVersion) + kBuild);
  app.add_option("-C", g.dir, "Use the workspace in DIR")->type_name("DIR");
  app.add_option("--color", g.color, "Colours: auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", g.quiet, "Print less");
  app.require_subcommand(1);
  // Global options also after the command (`cna check acme -q`): subcommands, which inherit this,
  // hand what they do not know to their parent; what no one knows is still a usage error.
  app.fallthrough();
  app.footer("Exit status: 0 ok, 1 no (blocked, invalid, conflict), 2 usage, 3 input ended, "
             "65 bad data file, 70 internal, 74 I/O, 75 busy, 129/130/143 interrupted.\n"
             "Documentation: README.md and docs/ in the project; man cna.");
  add_init(app, g);
  add_start(app, g);
  add_answer(app, g);
  add_import(app, g);
  add_who(app, g);
  add_status(app, g);
  add_checklist(app, g);
  add_report(app, g);
  add_proposal(app, g);
  add_confirm(app, g);
  add_check(app, g);
  add_brief(app, g);
  add_log(app, g);
  add_merge_driver(app, g);
  add_completion(app, g);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return finish(usage_error(app, e));
  }
  try {
    // Results in large blocks when they go to a file or a pipe (a portfolio's JSON is megabytes).
    if (::isatty(STDOUT_FILENO) == 0) std::setvbuf(stdout, nullptr, _IOFBF, 1U << 16U);
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
