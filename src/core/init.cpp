#include "cna/init.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "cna/error.hpp"
#include "cna/store.hpp"

namespace fs = std::filesystem;

namespace cna {

std::vector<NewFile> workspace_skeleton() {
  return {
      {"cna.json", "{\n  \"cna\": 1,\n  \"default_checklist\": \"discovery\",\n  "
                   "\"reconfirm_after_days\": 30\n}\n"},
      {"checklists/.gitkeep", ""},
      {"assessments/.gitkeep", ""},
      {"templates/.gitkeep", ""},
      // Two reps' edits of one assessment merge item by item (cna merge-driver).
      {".gitattributes", "assessments/*.json merge=cna\n"},
      // What an interrupted save or a lock leaves behind (".acme.json.tmp.123", ".acme.json.lock").
      {".gitignore", ".*.tmp.*\n.*.lock\n"},
  };
}

std::vector<std::pair<std::string, std::string>> merge_driver_config(const std::string& cna) {
  return {{"merge.cna.name", "cna assessment merge"},
          {"merge.cna.driver", cna + " merge-driver %O %A %B"}};
}

std::vector<std::string> merge_driver_setup() {
  std::vector<std::string> lines;
  for (const auto& [key, value] : merge_driver_config("cna"))
    lines.push_back(fmt::format("git config {} '{}'", key, value));
  return lines;
}

namespace {

// What stands where `path` would go: itself (a dangling symlink too), or the nearest existing
// folder above it being a file. Empty when the path is free.
std::string in_the_way(const fs::path& path) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec))) return path.string();
  for (fs::path p = path.parent_path(); !p.empty(); p = p.parent_path()) {
    if (fs::exists(p, ec)) return fs::is_directory(p, ec) ? "" : p.string() + " (not a folder)";
    if (p == p.parent_path()) break;
  }
  return "";
}

} // namespace

void create_new_files(const std::vector<NewFile>& files) {
  std::vector<std::string> existing;
  for (const NewFile& f : files) {
    std::string what = in_the_way(f.path);
    if (!what.empty() && std::find(existing.begin(), existing.end(), what) == existing.end()) {
      existing.push_back(std::move(what));
    }
  }
  if (!existing.empty()) {
    throw Error(Exit::no, fmt::format("{} already exist{}; nothing was written",
                                      fmt::join(existing, ", "), existing.size() == 1 ? "s" : ""));
  }
  // All or nothing: a failure (a full disk) removes what was written and the folders made for
  // it, so that `cna init` can simply be run again.
  std::vector<fs::path> made; // files and folders, in the order they were made
  try {
    for (const NewFile& f : files) {
      std::vector<fs::path> folders;
      std::error_code ec;
      for (fs::path p = f.path.parent_path(); !p.empty() && !fs::exists(p, ec);
           p = p.parent_path()) {
        folders.push_back(p);
      }
      if (f.path.has_parent_path()) fs::create_directories(f.path.parent_path(), ec);
      made.insert(made.end(), folders.rbegin(), folders.rend());
      if (ec) {
        throw Error(Exit::io, fmt::format("cannot create the folder {}: {}",
                                          f.path.parent_path().string(), ec.message()));
      }
      atomic_write(f.path, f.content);
      made.push_back(f.path);
    }
  } catch (const Error& e) {
    std::error_code ec;
    for (auto it = made.rbegin(); it != made.rend(); ++it)
      fs::remove(*it, ec); // a folder only when empty
    throw Error(e.code(), fmt::format("{}; nothing of the workspace was left behind", e.what()));
  }
}

} // namespace cna
