// The workspace (docs/workspace.md): where cna.json is, its settings, its checklists.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cna/checklist.hpp"
#include "cna/input.hpp"

namespace cna {

struct Config {
  std::string default_checklist = "discovery";
  int reconfirm_after_days = 30;
  std::string default_currency; // for money answers typed without one
  Conventions conventions;      // "decimal_mark" and "date_order": how numbers and dates are typed
};

class Workspace {
public:
  // -C DIR (given), else CNA_WORKSPACE, else cna.json found walking up from the current folder,
  // else the user's default workspace ${XDG_DATA_HOME:-~/.local/share}/cna (created on first
  // write).
  static Workspace locate(const std::optional<std::filesystem::path>& dir);

  [[nodiscard]] const std::filesystem::path& root() const { return m_root; }
  [[nodiscard]] const Config& config() const { return m_config; }
  [[nodiscard]] std::filesystem::path assessments_dir() const { return m_root / "assessments"; }
  [[nodiscard]] std::filesystem::path assessment_path(const std::string& account) const;
  // Where an archived account's file is kept (assessments/archive/<account>.json): out of
  // accounts(), so out of `status` and `report --all`, and still in git.
  [[nodiscard]] std::filesystem::path archive_path(const std::string& account) const;
  // Sorted slugs of the assessment files; none when there is no assessments/ yet. Error(io) when
  // it cannot be listed (no permission, not a folder, a symlink loop).
  [[nodiscard]] std::vector<std::string> accounts() const;

  // The checklist by id: the workspace's checklists/<id>.json overrides a built-in one.
  // Throws Error(data) with every problem when it does not validate, Error(usage) when unknown.
  [[nodiscard]] Checklist checklist(const std::string& id) const;
  struct ChecklistEntry {
    std::string id;
    std::string origin; // "built-in" or the path
    std::filesystem::path path;
  };
  [[nodiscard]] std::vector<ChecklistEntry> checklists() const;

  // Creates cna.json and the folders when the workspace is the implicit default one.
  void ensure_exists() const;

private:
  std::filesystem::path m_root;
  Config m_config;
  bool m_exists = false;
};

// Throws Error(usage) naming the slug rule and a suggested slug.
void require_slug(const std::string& account);

} // namespace cna
