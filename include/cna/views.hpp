// The stable JSON shapes of the read commands (`status`, `check`, `brief`, `log`, `who`,
// `checklist list|show` with --json). Each document names its shape and version in its first key
// ("cna_status": 2); docs/json.md describes every shape and docs/schemas/ holds a JSON Schema for
// each. One meaning per key across all of them: "items" is always a list, counts are
// "applicable", "answered", "confirmed", "blocked"; "blockers" is always a list of {"item",
// "reason", "detail"}; "said" and "retired" hold SAID objects (said_json below).
#pragma once

#include <string>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/brief.hpp"
#include "cna/checklist.hpp"
#include "cna/json.hpp"
#include "cna/quality.hpp"
#include "cna/readiness.hpp"

namespace cna {

// SAID: what an answer says, wherever one appears: {"item", "state", "value" (as stored; null
// unless answered), "answer" (as a person reads it: describe_answer without the state, every
// line)}.
[[nodiscard]] Json said_json(std::string_view item, State state, const Value& value,
                             std::string_view answer);

// A document that lists accounts, written one account at a time so a large portfolio never sits
// in memory: {"<shape>": <version>, "accounts": [
//   <one object per line>,
//   ...
//   ], "errors": [{"account", "error"}]<more>}   (errors: accounts whose file could not be read)
// add() each account's object, failed() each account that could not be read, then finish() once.
class AccountsJson {
public:
  AccountsJson(std::string_view shape, int version);
  // The document so far, with `object` added (the head before the first).
  [[nodiscard]] std::string add(std::string_view object);
  // An account that could not be read: listed under "errors", so that a script reading only
  // stdout knows the list is incomplete.
  void failed(const std::string& account, const std::string& error);
  // The rest of the document; `more` (such as `, "ready": true`) goes after "errors".
  [[nodiscard]] std::string finish(std::string_view more = "") const;
  [[nodiscard]] bool any_failed() const { return !m_errors.empty(); }

private:
  std::string m_head;
  bool m_started = false;
  Json m_errors = Json::array();
};

// `cna status --json`: {"cna_status": 2, "accounts": [
//   {"account", "name", "checklist": {"id", "version"}, "ready", "applicable", "answered",
//    "confirmed", "blockers": [{"item", "reason", "detail"}], "overdue_next_steps" (a count),
//    "sourced", "stakeholders", "met", "voices" (counts), "single_threaded", "stale_soon" (a
//    count), "last_meeting" (YYYY-MM-DD or null), "rep" ("" when nobody answered): see Quality,
//    "retired": [SAID] (answers of items the checklist dropped, kept),
//    "sections": [{"id", "title", "applicable", "answered", "confirmed", "blocked"}]},
//   ...], "errors": [{"account", "error"}]}
class StatusJson : public AccountsJson {
public:
  StatusJson() : AccountsJson("cna_status", 2) {}
  // One account's object, on one line; `quality` is quality_of the same readiness.
  [[nodiscard]] static std::string object(const Assessment& assessment, const Checklist& checklist,
                                          const Readiness& readiness, const Quality& quality);
};

// `cna check ACCOUNT... --json` and `cna check --all --json`: {"cna_check": 2, "accounts": [
//   {"account", "name", "ready", "blockers": [{"item", "reason", "detail"}]}, ...],
//   "errors": [{"account", "error"}], "ready"} ("ready": every account named is ready and read)
class CheckJson : public AccountsJson {
public:
  CheckJson() : AccountsJson("cna_check", 2) {}
  // The document so far, with this account added.
  [[nodiscard]] std::string add(const Assessment& assessment, const Readiness& readiness);
  [[nodiscard]] std::string finish() const;

private:
  bool m_blocked = false;
};

// `cna brief ACCOUNT --json`: {"cna_brief": 2, "account", "name", "checklist": {"id",
// "version"}, "date", "ready", "applicable", "answered", "confirmed",
// "with": [{"id", "name"}] (the people in the room), "meeting" and "last_meeting": {"id",
// "date", "purpose", "outcome"} or null, "next_steps": [NEXT_STEP] (the open ones, by due date;
// see next_steps_json), "asks": [{"item", "prompt", "who", "who_name", "reason", "due",
// "overdue"}] (what to ask whom in the room; "who" "" for anyone), "ours": [...] (unknowns our
// own people owe),
// "blockers": [{"item", "prompt", "reason", "detail"}] (in reason order),
// "unknowns": [{"item", "prompt", "owner", "due", "overdue"}],
// "reconfirm": [{"item", "prompt", "why" (stale | changed | soon), "detail", "stale_on", "with",
// "with_name"}],
// "power_base": [{"id", "name", "title", "roles", "said": [SAID]}],
// "gaps": ["no champion", ...], "questions": [{"item", "prompt", "clarify": [...]}]}
// ("stale_on" is "" when not known)
[[nodiscard]] std::string brief_json(const Brief& brief);

// `cna log ACCOUNT --json`: {"cna_log": 1, "account", "entries": [{"at", "by", "item", "action",
// "value" (as stored, or null), "source", "meeting"}]}, the entries given (oldest first).
[[nodiscard]] std::string log_json(const Assessment& assessment,
                                   const std::vector<const HistoryEntry*>& entries);

// `cna meeting ACCOUNT --json`: {"cna_meetings": 1, "account", "name", "meetings": [MEETING]},
// by date; `cna meeting ACCOUNT show ID --json`: {"cna_meeting": 1, "account", "name",
// "meeting": MEETING}. MEETING: {"id", "date", "purpose", "attendees": [{"id", "name"}],
// "ours": [name, ...], "outcome", "notes", "created_at", "created_by",
// "answers": [SAID] (answered in it), "confirmations": [SAID] (read back in it)}
[[nodiscard]] std::string meetings_json(const Assessment& assessment, const Checklist& checklist);
[[nodiscard]] std::string meeting_json(const Assessment& assessment, const Checklist& checklist,
                                       const Meeting& meeting);

// `cna next ACCOUNT --json`: {"cna_next_steps": 1, "account", "name", "date" (today),
// "next_steps": [NEXT_STEP]}, the open ones by due date (with `all`, then those done);
// NEXT_STEP: {"id", "what", "owner", "owner_name", "due", "done", "overdue", "meeting"}
[[nodiscard]] Json next_step_json(const Assessment& assessment, const NextStep& step,
                                  std::string_view today);
[[nodiscard]] std::string next_steps_json(const Assessment& assessment, std::string_view today,
                                          bool all);

// `cna who ACCOUNT --json`: {"cna_who": 2, "account", "name", "stakeholders": [{"id", "name",
// "title", "roles", "established_roles": [{"role", "item"}], "met", "stance", "access_via",
// "gives_access_to", "said": [SAID]}]}; met as of `today` (YYYY-MM-DD).
[[nodiscard]] std::string who_json(const Assessment& assessment, const Checklist& checklist,
                                   std::string_view today);

// `cna checklist list --json`: {"cna_checklists": 2, "checklists": [{"id", "version", "title",
// "item_count", "origin"}]}
[[nodiscard]] std::string checklists_json(const std::vector<Checklist>& checklists);

// `cna checklist show ID --json`: {"cna_checklist_outline": 1, "id", "version", "title", "origin",
// "sections": [{"id", "title", "items": [{"id", "type", "prompt", "when", "options", "required",
// "source", "na"}]}]} ("when" and "options" only where the item has them)
[[nodiscard]] std::string checklist_json(const Checklist& checklist);

} // namespace cna
