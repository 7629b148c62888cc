// Readiness, computed once in the core (docs/assessment.md): which items apply, their states,
// and the blockers of the gate. status, check, brief, report and proposal all use it.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/clock.hpp"

namespace cna {

enum class Reason {
  missing,
  unknown,
  no_source,
  unconfirmed,
  stale,
  changed,
  invalid,
  conflict,
  wrong_confirmer, // confirmed with someone the item's confirm_with rule does not accept
  open_question,   // a question or assumption (a `questions` item's entry) is still open
  role_conflict    // a person item establishes a unique role someone else holds (power_base.hpp)
};

[[nodiscard]] std::string_view to_string(Reason reason); // "no-source", ...

struct ItemStatus {
  const Item* item = nullptr;
  const Answer* answer = nullptr; // null when missing
  bool applicable = true;
  State state = State::missing;
  std::optional<Reason> blocker;   // set when the item holds the gate closed
  std::string detail;              // why (invalid value, age, ...)
  std::optional<Seconds> stale_at; // when its confirmation is (or was) no longer fresh
};

struct SectionProgress {
  std::size_t applicable = 0;
  std::size_t done = 0; // answered or n/a, and valid for the item
  std::size_t confirmed = 0;
  std::size_t blocked = 0;
};

struct Readiness {
  std::vector<ItemStatus> items; // one per checklist item, in order
  std::vector<SectionProgress> sections;
  std::size_t applicable = 0;
  std::size_t answered = 0; // answered or n/a, and valid for the item
  std::size_t confirmed = 0;
  std::size_t blockers = 0;
  // The first moment after `now` at which the clock alone changes this result (a confirmation
  // turning stale, or a stale one's age in days); the maximum when none will. A cached summary
  // holds from `now` until then (cna status's cache).
  Seconds holds_until = std::numeric_limits<Seconds>::max();
  [[nodiscard]] bool ready() const { return blockers == 0; }
  [[nodiscard]] const ItemStatus* find(std::string_view id) const;
};

// `workspace_reconfirm_days` is the last fallback after the item's and the checklist's setting.
[[nodiscard]] Readiness assess(const Checklist& checklist, const Assessment& assessment,
                               Seconds now, int workspace_reconfirm_days);

// Confirmations that expire within this many days go stale soon (stale_soon).
inline constexpr int kStaleSoonDays = 7;

// An applicable item that holds nothing now but whose confirmation expires within kStaleSoonDays
// of `now`: the brief lists it to re-confirm, status and the portfolio index count it.
[[nodiscard]] bool stale_soon(const ItemStatus& status, Seconds now);

// The blockers a read-back with the customer clears (`cna confirm`): unconfirmed, stale, changed,
// wrong-confirmer (when read back with the right person).
[[nodiscard]] bool cleared_by_confirmation(Reason reason);

// The open entries of an answered `questions` item, in order; empty for any other answer.
[[nodiscard]] std::vector<const Question*> open_questions(const Answer& answer);

// Why a stored answer does not hold for its item (a value the item's rules refuse, n/a where the
// item does not allow it); empty when it holds. The `invalid` blocker, and what confirm refuses.
[[nodiscard]] std::string invalid_answer(const Item& item, const Answer& answer,
                                         const std::vector<Stakeholder>& stakeholders);

// Why the answer's confirmation does not meet the item's confirm_with rule (docs/assessment.md:
// the source, any stakeholder, or one with a role): "confirmed with Jörg Schäfer, not with Katrin
// Vogel who said it". Empty when it does, or when the answer is not confirmed.
[[nodiscard]] std::string wrong_confirmer(const Checklist& checklist, const Item& item,
                                          const Answer& answer, const Assessment& assessment);

// Who of `present` (stakeholder ids, in the order given) may confirm `answer` to `item` by its
// confirm_with rule: the one who said it when present, else the first the rule accepts. Empty
// when nobody present may: the read-back leaves it for later (docs/walk.md, "The read-back").
[[nodiscard]] std::string confirmer_among(const Checklist& checklist, const Item& item,
                                          const Answer& answer, const Assessment& assessment,
                                          const std::vector<std::string>& present);

// Applicability only (conditions evaluated in order on applicable answers), for the walk.
[[nodiscard]] std::vector<bool> applicable_items(const Checklist& checklist,
                                                 const Assessment& assessment);

} // namespace cna
