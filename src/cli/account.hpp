// Opening an account for a command: workspace, checklist, store and the assessment, in one place.
#pragma once

#include <map>
#include <string>
#include <utility>

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

// An existing account, migrated in memory to its checklist as it is now (cna/migrate.hpp); save()
// persists that with the next change. Error(usage) when the slug is bad or the account does not
// exist.
[[nodiscard]] Account load_account(const Globals& g, const std::string& slug);

// An existing account, or a new one pinned to `checklist_id` (the workspace default when empty).
// A new one is written by the first save(), so a refused answer or option leaves no empty account
// behind (the walk saves it once its options are checked). Error(usage) when --checklist disagrees
// with the pin.
[[nodiscard]] Account open_or_create(const Globals& g, const std::string& slug,
                                     const std::string& checklist_id, const std::string& name);

// Applies a change under the store's lock with SIGINT/SIGTERM/SIGHUP held back until the save is
// complete, and refreshes account.assessment from the file as saved.
void save(Account& account, const std::function<void(Assessment&)>& change);

// The accounts of one run (`status`, `report --all`): each checklist is loaded (and validated)
// once, however many accounts use it; each assessment is migrated in memory, never written.
class Portfolio {
public:
  explicit Portfolio(const Globals& g) : m_globals(g), m_workspace(open_workspace(g)) {}

  [[nodiscard]] const Workspace& workspace() const { return m_workspace; }

  // Error(usage) like load_account when the slug is bad or the account does not exist.
  std::pair<Assessment, const Checklist*> load(const std::string& slug);

private:
  const Globals& m_globals;
  Workspace m_workspace;
  std::map<std::string, Checklist> m_checklists;
};

// The stakeholder id `who` (an id, or a name matched case-insensitively); Error(usage) when none.
[[nodiscard]] std::string resolve_stakeholder(const Assessment& assessment, const std::string& who);

} // namespace cna::cli
