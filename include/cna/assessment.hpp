// An account's assessment (docs/assessment.md): stakeholders, answers and their history.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cna/value.hpp"

namespace cna {

enum class State { missing, answered, unknown, na, conflict };

// The answer states, one row each (docs/assessment.md): code asks this table, never an index.
struct StateInfo {
  State state;
  std::string_view name;  // as stored: "na"
  std::string_view word;  // as a person reads it in a report: "n/a"
  std::string_view tally; // in a count of items: "open" for a missing answer
};
inline constexpr std::array<StateInfo, 5> kStates{{
    {State::missing, "missing", "missing", "open"},
    {State::answered, "answered", "answered", "answered"},
    {State::unknown, "unknown", "unknown", "unknown"},
    {State::na, "na", "n/a", "n/a"},
    {State::conflict, "conflict", "conflict", "conflict"},
}};
static_assert(static_cast<std::size_t>(State::conflict) + 1 == kStates.size(), "one row per State");

[[nodiscard]] const StateInfo& state_info(State state);
[[nodiscard]] std::string_view to_string(State state); // the stored name
[[nodiscard]] std::optional<State> parse_state(std::string_view name);

// A count per member of an enum, indexed by the member (counts[State::na]), never by position.
template <class Enum, std::size_t N> class Counts {
public:
  std::size_t& operator[](Enum e) { return m_counts.at(static_cast<std::size_t>(e)); }
  std::size_t operator[](Enum e) const { return m_counts.at(static_cast<std::size_t>(e)); }

private:
  std::array<std::size_t, N> m_counts{};
};
using StateCounts = Counts<State, kStates.size()>;

struct Answer {
  State state = State::missing;
  Value value;        // answered
  std::string reason; // n/a
  std::string owner;  // unknown: who will find out
  std::string due;    // unknown: by when (YYYY-MM-DD)
  std::string source; // stakeholder id
  std::string note;
  std::string answered_at;
  std::string answered_by;
  std::string item_sha256;
  std::string confirmed_at;
  std::string confirmed_by;
  std::string confirmed_with;
  std::string meeting;      // the meeting it was answered in (a Meeting id), "" when none
  std::string confirmed_in; // the meeting it was read back in, "" when none
  // conflict: {ours, theirs}, the two answers a merge could not choose between (stored as
  // "ours" and "theirs"); empty otherwise. Answering the item again replaces them.
  std::vector<Answer> sides;
  std::string extra; // unknown fields, kept verbatim as a JSON object text ("" when none)

  bool operator==(const Answer&) const = default;
};

struct Assessment;

// Whether we have met a stakeholder ourselves (docs/assessment.md): recorded with `cna who ACCOUNT
// edit ID --met yes|no`; unrecorded means "met" once they attended a meeting held (not planned).
enum class Met { unrecorded, yes, no };
// Where a stakeholder stands on what we propose (internal: never shown to the customer).
enum class Stance { unknown, supporter, neutral, sceptic };

struct StanceInfo {
  Stance stance;
  std::string_view name; // as stored and typed: "sceptic"
};
inline constexpr std::array<StanceInfo, 4> kStances{{
    {Stance::unknown, "unknown"},
    {Stance::supporter, "supporter"},
    {Stance::neutral, "neutral"},
    {Stance::sceptic, "sceptic"},
}};
static_assert(static_cast<std::size_t>(Stance::sceptic) + 1 == kStances.size(),
              "one row per Stance");
[[nodiscard]] std::string_view to_string(Stance stance);
[[nodiscard]] std::optional<Stance> parse_stance(std::string_view name);

struct Stakeholder {
  std::string id; // slug
  std::string name;
  std::string title;
  std::vector<std::string> roles;
  Met met = Met::unrecorded;
  Stance stance = Stance::unknown;
  // Whom we reach this person through (stakeholder ids): they control our access to them.
  std::vector<std::string> access_via;
  std::string extra;

  bool operator==(const Stakeholder&) const = default;
};

// The roles of the power base, one row each (docs/assessment.md). A unique role is held by one
// stakeholder at most: a second holder is a contradiction the gate reports.
struct RoleInfo {
  std::string_view name;
  bool unique;
};
inline constexpr std::array<RoleInfo, 9> kRoles{{
    {"economic-buyer", true},
    {"champion", false},
    {"coach", false},
    {"technical-evaluator", false},
    {"user", false},
    {"procurement", false},
    {"legal-security", false},
    {"influencer", false},
    {"blocker", false},
}};
// The role's row; null when `name` is not a role.
[[nodiscard]] const RoleInfo* find_role(std::string_view name);
// Roles of the power base, by name (kRoles in order).
[[nodiscard]] const std::vector<std::string>& stakeholder_roles();
// Why a stakeholder cannot be saved (id not a slug, no name, a name or title that is not one
// line of UTF-8, an unknown role); empty when fine. `who add/edit` and `import` share it.
[[nodiscard]] std::string check_stakeholder(const Stakeholder& stakeholder);
// Why `stakeholder` cannot be saved in `assessment`: check_stakeholder's reasons, or an access
// through someone who is not a stakeholder of the account, or through themselves.
[[nodiscard]] std::string check_stakeholder(const Assessment& assessment,
                                            const Stakeholder& stakeholder);
// Whether we have met them: as recorded, else whether they attended a meeting dated on or before
// `today` (YYYY-MM-DD, the rep's day): a planned meeting meets nobody yet.
[[nodiscard]] bool met(const Assessment& assessment, const Stakeholder& stakeholder,
                       std::string_view today);

struct HistoryEntry {
  std::string at;
  std::string by;
  std::string item;   // item or stakeholder id
  std::string action; // answered, unknown, na, note, confirmed, stakeholder-added, ...
  Value value;
  std::string source;
  std::string meeting; // the meeting the change was made in, "" when none
  std::string extra;

  bool operator==(const HistoryEntry&) const = default;
};

// A meeting with the customer (docs/assessment.md): when, who was there, why, what came of it.
// The id is made once (new_meeting_id) and never changes, so two reps' meetings merge by id.
struct Meeting {
  std::string id;
  std::string date; // YYYY-MM-DD
  std::string purpose;
  std::vector<std::string> attendees; // stakeholder ids
  std::vector<std::string> ours;      // our own people, by name
  std::string outcome;
  std::string notes;
  std::string created_at;
  std::string created_by;
  std::string extra;

  bool operator==(const Meeting&) const = default;
};

// A next step agreed with the customer (docs/assessment.md): what, who owns it, by when, and the
// day it was done. Its id is made once (new_next_step_id) and never changes, like a meeting's.
struct NextStep {
  std::string id;
  std::string what;
  std::string owner;   // a stakeholder id, or one of our own people by name
  std::string due;     // YYYY-MM-DD, "" when none was set
  std::string done;    // YYYY-MM-DD it was done, "" while open
  std::string meeting; // the meeting it was agreed in, "" when none
  std::string created_at;
  std::string created_by;
  std::string extra;

  bool operator==(const NextStep&) const = default;
};

// Open and due before `today` (YYYY-MM-DD): what status, the brief and the reports flag.
[[nodiscard]] bool overdue(const NextStep& step, std::string_view today);

struct PinnedChecklist {
  std::string id;
  std::string version;
  std::string sha256;

  bool operator==(const PinnedChecklist&) const = default;
};

struct Assessment {
  int cna = 1;
  std::string account;
  std::string name;
  PinnedChecklist checklist;
  std::vector<Stakeholder> stakeholders;
  std::vector<Meeting> meetings;                       // by date, then id (order_meetings)
  std::vector<NextStep> next_steps;                    // in the order they were agreed
  std::vector<std::pair<std::string, Answer>> answers; // item id -> answer
  std::vector<std::pair<std::string, Answer>> retired; // answers of items the checklist dropped
  std::vector<HistoryEntry> history;
  std::string extra; // unknown top-level fields, a JSON object text

  [[nodiscard]] const Answer* find_answer(std::string_view item) const;
  Answer& answer(std::string_view item); // inserts a missing one
  [[nodiscard]] const Stakeholder* find_stakeholder(std::string_view id) const;
  [[nodiscard]] const Meeting* find_meeting(std::string_view id) const;
  [[nodiscard]] const NextStep* find_next_step(std::string_view id) const;
  // The stakeholder's name, or the id itself when nobody has it (any more) or it is empty.
  [[nodiscard]] std::string name_of(std::string_view id) const;

  bool operator==(const Assessment&) const = default;
};

// What the clock does to an account's next steps at `now`: how many are overdue, and the first
// moment after `now` at which another one becomes overdue (the maximum when none will), so that
// a cached status holds until then.
struct NextStepsDue {
  std::size_t overdue = 0;
  std::int64_t holds_until = std::numeric_limits<std::int64_t>::max();
};
[[nodiscard]] NextStepsDue next_steps_due(const Assessment& assessment, std::int64_t now);

// The next steps still open, by due date (those without one last), else in the order agreed.
[[nodiscard]] std::vector<const NextStep*> open_next_steps(const Assessment& assessment);

// Whom `who` names among `people`: an id exactly, else a name (case and surrounding spaces
// ignored), so that an id is never shadowed by someone else's name. A name that several people
// share matches none of them: `candidates` lists their ids. Nobody matched: both empty.
struct StakeholderMatch {
  std::string id;
  std::vector<std::string> candidates;
};
[[nodiscard]] StakeholderMatch match_stakeholder(const std::vector<Stakeholder>& people,
                                                 std::string_view who);

// Who is typing: git's user.name, else $USER, else "unknown". Looked up once per process.
[[nodiscard]] const std::string& current_user();

} // namespace cna
