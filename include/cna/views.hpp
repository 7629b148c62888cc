// The stable JSON shapes of the read commands (`status`, `who`, `checklist list|show` with
// --json), documented in the README. Each document names its shape and version in its first key.
#pragma once

#include <string>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/readiness.hpp"

namespace cna {

// `cna status --json`, written one account at a time so a large portfolio never sits in memory:
//   {"cna_status": 1, "accounts": [
//   {"account", "name", "checklist": {"id", "version"}, "ready", "items" (applicable), "answered",
//    "confirmed", "blockers": [{"item", "reason", "detail"}],
//    "sections": [{"id", "title", "items", "answered", "confirmed", "blocked"}]},
//   ...
//   ]}
// One account per line; call account() for each, then finish() once.
class StatusJson {
public:
  [[nodiscard]] std::string account(const Assessment& assessment, const Checklist& checklist,
                                    const Readiness& readiness);
  [[nodiscard]] std::string finish() const;

private:
  bool m_started = false;
};

// `cna who ACCOUNT --json`: {"cna_who": 1, "account", "name", "stakeholders": [{"id", "name",
// "title", "roles", "said": [{"item", "state", "value" | "reason" | "owner" and "due"}]}]}
[[nodiscard]] std::string who_json(const Assessment& assessment);

// `cna checklist list --json`: {"cna_checklists": 1, "checklists": [{"id", "version", "title",
// "items", "origin"}]}
[[nodiscard]] std::string checklists_json(const std::vector<Checklist>& checklists);

// `cna checklist show ID --json`: {"cna_checklist_outline": 1, "id", "version", "title", "origin",
// "sections": [{"id", "title", "items": [{"id", "type", "prompt", "when", "options", "required",
// "source", "na"}]}]} ("when" and "options" only where the item has them)
[[nodiscard]] std::string checklist_json(const Checklist& checklist);

} // namespace cna
