// New files that must not exist yet: the workspace skeleton of `cna init` (docs/workspace.md) and
// a starter checklist. Nothing is ever overwritten.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace cna {

struct NewFile {
  std::filesystem::path path;
  std::string content;
};

// The skeleton, relative to the workspace root: cna.json, checklists/, assessments/, templates/
// (each kept in git by a .gitkeep), .gitattributes naming the merge driver, .gitignore for temp
// and lock files.
[[nodiscard]] std::vector<NewFile> workspace_skeleton();

// The merge driver's settings, key and value, running `cna` (a command word for sh: "cna", or a
// quoted path) as the driver.
[[nodiscard]] std::vector<std::pair<std::string, std::string>>
merge_driver_config(const std::string& cna);

// The two `git config` commands that register the merge driver .gitattributes names (git keeps
// drivers out of the repository, so each clone runs them once; cna init and the conflict-marker
// error name them).
[[nodiscard]] std::vector<std::string> merge_driver_setup();

// Writes every file (folders created as needed), each with atomic_write. When any of them exists
// (a file, folder or symlink), writes nothing and throws Error(no) naming every one.
void create_new_files(const std::vector<NewFile>& files);

} // namespace cna
