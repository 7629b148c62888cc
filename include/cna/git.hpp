// Running git, for `cna init` in a git work tree (docs/workspace.md, "Git") and `cna sync`: no
// shell, the output captured and returned, nothing printed.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cna {

struct GitRun {
  int status = 0;     // git's exit status; 127 when git could not be started
  std::string output; // what it wrote to stdout and stderr, in order
};

// `git -C dir args...`.
[[nodiscard]] GitRun run_git(const std::filesystem::path& dir,
                             const std::vector<std::string>& args);

// The top of the git work tree `dir` is in; nullopt when it is in none or git is not installed.
[[nodiscard]] std::optional<std::filesystem::path> git_work_tree(const std::filesystem::path& dir);

// The merge driver command registered in the config of the repository `dir` is in (any scope git
// reads: the clone's own, the user's, the system's); nullopt when none is.
[[nodiscard]] std::optional<std::string> registered_merge_driver(const std::filesystem::path& dir);

// Registers the merge driver .gitattributes names in the config of the repository `dir` is in
// (git keeps drivers out of the repository, so each clone does it once), running `cna` as the
// driver: merge_driver_config(cna) from init.hpp. Error(io) with git's message when git refuses.
void register_merge_driver(const std::filesystem::path& dir, const std::string& cna);

} // namespace cna
