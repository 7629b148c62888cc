// The stable JSON shapes of the read commands (`status`, `check`, `brief`, `log`, `who`,
// `checklist list|show` with --json), documented in the README. Each document names its shape and
// version in its first key.
#pragma once

#include <string>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/brief.hpp"
#include "cna/checklist.hpp"
#include "cna/json.hpp"
#include "cna/readiness.hpp"

namespace cna {

// `cna status --json`, written one account at a time so a large portfolio never sits in memory:
//   {"cna_status": 1, "accounts": [
//   {"account", "name", "checklist": {"id", "version"}, "ready", "items" (applicable), "answered",
//    "confirmed", "blockers": [{"item", "reason", "detail"}],
//    "retired": [{"item", "state", "value" | "reason" | "owner" and "due"}] (answers of items
//    the checklist dropped, kept),
//    "sections": [{"id", "title", "items", "answered", "confirmed", "blocked"}]},
//   ...
//   ], "errors": [{"account", "error"}]}   (accounts whose file could not be read)
// One account per line; add() an object() for each, then finish() once.
class StatusJson {
public:
  // One account's object, on one line.
  [[nodiscard]] static std::string object(const Assessment& assessment, const Checklist& checklist,
                                          const Readiness& readiness);
  // The document so far, with `object` added (the head before the first).
  [[nodiscard]] std::string add(std::string_view object);
  // An account that could not be read: listed under "errors" ({"account", "error"}), so that a
  // script reading only stdout knows the list is incomplete.
  void failed(const std::string& account, const std::string& error);
  [[nodiscard]] std::string finish() const;

private:
  bool m_started = false;
  Json m_errors = Json::array();
};

// `cna check ACCOUNT --json`: {"cna_check": 1, "account", "ready", "blockers": [{"item",
// "reason", "detail"}]}
[[nodiscard]] std::string check_json(const Assessment& assessment, const Readiness& readiness);

// `cna brief ACCOUNT --format json`: {"cna_brief": 1, "account", "name", "checklist": {"id",
// "version"}, "date", "ready", "items", "answered", "confirmed",
// "blockers": [{"reason", "items": [{"item", "prompt", "detail"}]}],
// "unknowns": [{"item", "prompt", "owner", "due", "overdue"}],
// "reconfirm": [{"item", "prompt", "why" (stale | changed | soon), "detail", "stale_on"}],
// "power_base": [{"id", "name", "title", "roles", "said": [{"item", "state", "answer"}]}],
// "gaps": ["no champion", ...], "questions": [{"item", "prompt", "clarify": [...]}]}
// ("answer" is the text `describe_answer` gives; "stale_on" is "" when not known)
[[nodiscard]] std::string brief_json(const Brief& brief);

// `cna log ACCOUNT --json`: {"cna_log": 1, "account", "entries": [{"at", "by", "item", "action",
// "value" (as stored, or null), "source"}]}, the entries given (oldest first).
[[nodiscard]] std::string log_json(const Assessment& assessment,
                                   const std::vector<const HistoryEntry*>& entries);

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
