// `cna init [DIR]`: a new workspace (docs/workspace.md), never over an existing file; in an
// existing one inside git, the merge driver registered for this clone.
#include <filesystem>
#include <fmt/format.h>
#include <memory>

#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/error.hpp"
#include "cna/git.hpp"
#include "cna/init.hpp"

namespace fs = std::filesystem;

namespace cna::cli {

namespace {

struct InitOptions {
  std::optional<fs::path> dir;
};

// The driver's command as cna init registers it: merge_driver_config's value for the key.
std::string driver_command(const std::string& cna) {
  for (const auto& [key, value] : merge_driver_config(cna)) {
    if (key == "merge.cna.driver") return value;
  }
  throw Error(Exit::internal, "merge_driver_config has no merge.cna.driver");
}

// `cna init` in an existing workspace of a git work tree (a clone of the team's: git does not
// clone its config): registers the merge driver when it is missing, and says which it found.
int register_in_clone(const fs::path& root, const fs::path& repository) {
  const std::string cna = cna_command();
  const std::optional<std::string> registered = registered_merge_driver(root);
  if (!registered) register_merge_driver(root, cna);
  if (!quiet()) {
    fmt::print("{} is a cna workspace already; nothing was written.\n", show(root.string()));
    fmt::print("{} the merge driver for assessments in {} (git config merge.cna.driver '{}').\n",
               registered ? "Found" : "Registered", show(repository.string()),
               show(registered.value_or(driver_command(cna))));
  }
  return 0;
}

int init(const Globals& g, const InitOptions& o) {
  const fs::path root = o.dir ? *o.dir : g.dir.value_or(fs::path("."));
  std::error_code ec;
  if (fs::is_regular_file(root / "cna.json", ec)) {
    if (const auto repository = git_work_tree(root)) return register_in_clone(root, *repository);
  }
  std::vector<NewFile> files = workspace_skeleton();
  for (NewFile& f : files)
    f.path = root / f.path;
  create_new_files(files);
  if (!quiet()) {
    fmt::print("Created a cna workspace in {}:\n", show(root.string()));
    for (const NewFile& f : files)
      fmt::print("  {}\n", show(f.path.lexically_relative(root).string()));
  }
  // In a git work tree the driver goes into that repository's config at once; elsewhere the rep
  // runs the commands in each clone.
  if (const auto repository = git_work_tree(root)) {
    const std::string cna = cna_command();
    register_merge_driver(root, cna);
    if (!quiet()) {
      fmt::print("Registered the merge driver for assessments in {} (git config merge.cna.driver "
                 "'{} merge-driver %O %A %B'); each other clone registers it once:\n",
                 show(repository->string()), show(cna));
    }
  } else if (!quiet()) {
    fmt::print("Register the merge driver for assessments once per clone:\n");
  }
  for (const std::string& line : merge_driver_setup())
    fmt::print("{}{}\n", quiet() ? "" : "  ", line);
  return 0;
}

} // namespace

void add_init(CLI::App& app, Globals& g) {
  auto o = std::make_shared<InitOptions>();
  auto* sub = app.add_subcommand(
      "init", "Create a workspace in DIR (default: -C DIR or the current folder); overwrites "
              "nothing (exit 1 when a file exists); in an existing workspace in git, registers "
              "the merge driver for this clone");
  sub->add_option("dir", o->dir, "Folder of the new workspace (created when missing)")
      ->type_name("DIR");
  sub->footer("Examples:\n  cna init                      # a workspace in the current folder\n"
              "  cna init team-workspace       # in a new folder\n"
              "  cna -C ~/deals init           # in the folder -C names\n"
              "  git clone URL ws && cna -C ws init   # a clone of the team's: the merge driver");
  sub->callback([o, &g] { g.action = [o, &g] { return init(g, *o); }; });
}

} // namespace cna::cli
