#include "cli/app.hpp"

namespace cna::cli {

void add_who(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("who", "TODO");
  sub->callback([&g] { g.action = [] { return 0; }; });
}

}  // namespace cna::cli
