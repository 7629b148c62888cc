#include "cli/app.hpp"

namespace cna::cli {

void add_checklist(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("checklist", "TODO");
  sub->callback([&g] { g.action = [] { return 0; }; });
}

}  // namespace cna::cli
