// Opening an account for a command: workspace, checklist, store and the assessment, in one place.
#pragma once

#include <string>

#include "cli/app.hpp"
#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/store.hpp"
#include "cna/workspace.hpp"

namespace cna::cli {

struct Account {
  Workspace workspace;
  std::string slug;
  Checklist checklist;
  AssessmentStore store;
  Assessment assessment;
};

[[nodiscard]] Workspace open_workspace(const Globals& g);

// An existing account. Error(usage) when the slug is bad or the account does not exist.
[[nodiscard]] Account load_account(const Globals& g, const std::string& slug);

// An existing account, or a new one pinned to `checklist_id` (the workspace default when empty).
// A new one is written at once when `write_now` (the walk), else by the first save() that changes
// it, so a refused answer leaves no empty account behind. Error(usage) when --checklist disagrees
// with the pin.
[[nodiscard]] Account open_or_create(const Globals& g, const std::string& slug,
                                     const std::string& checklist_id, const std::string& name,
                                     bool write_now = false);

// Applies a change under the store's lock with SIGINT/SIGTERM/SIGHUP held back until the save is
// complete, and refreshes account.assessment from the file as saved.
void save(Account& account, const std::function<void(Assessment&)>& change);

// The stakeholder id `who` (an id, or a name matched case-insensitively); Error(usage) when none.
[[nodiscard]] std::string resolve_stakeholder(const Assessment& assessment, const std::string& who);

} // namespace cna::cli
