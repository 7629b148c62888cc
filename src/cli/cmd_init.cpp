// `cna init [DIR]`: a new workspace (docs/workspace.md), never over an existing file.
#include <filesystem>
#include <fmt/format.h>
#include <memory>

#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/git.hpp"
#include "cna/init.hpp"

namespace fs = std::filesystem;

namespace cna::cli {

namespace {

struct InitOptions {
  std::optional<fs::path> dir;
};

int init(const Globals& g, const InitOptions& o) {
  const fs::path root = o.dir ? *o.dir : g.dir.value_or(fs::path("."));
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
              "nothing (exit 1 when a file exists)");
  sub->add_option("dir", o->dir, "Folder of the new workspace (created when missing)")
      ->type_name("DIR");
  sub->footer("Examples:\n  cna init                      # a workspace in the current folder\n"
              "  cna init team-workspace       # in a new folder\n"
              "  cna -C ~/deals init           # in the folder -C names");
  sub->callback([o, &g] { g.action = [o, &g] { return init(g, *o); }; });
}

} // namespace cna::cli
