#include "cli/app.hpp"

namespace cna::cli {

void add_answer(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("answer", "TODO");
  sub->callback([&g] { g.action = [] { return 0; }; });
}

}  // namespace cna::cli
