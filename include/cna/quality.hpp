// What the method values in an account (docs/reports.md, "Portfolio quality"): the share of its
// applicable items answered, sourced and confirmed; the stakeholders we met and how many voices
// the answers come from; how long since we last met; what is overdue or goes stale within a week;
// and the rep who recorded its answers. Computed once per account from its readiness, for `cna
// status` over the portfolio and the HTML portfolio index.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/readiness.hpp"

namespace cna {

// The single-threaded risk: at least two answers, all from one person (not to be confused with
// the brief's "one gatekeeper", everyone else reached through one person; docs/reports.md).
[[nodiscard]] constexpr bool one_voice(std::size_t voices, std::size_t said) {
  return voices == 1 && said > 1;
}

struct Quality {
  std::size_t applicable = 0, answered = 0, confirmed = 0, blockers = 0; // as in the readiness
  // Applicable items whose answer names a stakeholder as its source (the power base's "said").
  std::size_t sourced = 0;
  std::size_t stakeholders = 0;
  std::size_t met = 0;        // stakeholders we met (met(): recorded, else attended a meeting)
  std::size_t voices = 0;     // stakeholders named as the source of at least one applicable answer
  std::string last_meeting;   // the date of the latest meeting on or before today; "" when none
  std::size_t overdue = 0;    // next steps open past their due date (next_steps_due)
  std::size_t stale_soon = 0; // items holding nothing now whose confirmation expires within
                              // kStaleSoonDays (stale_soon)
  // Who recorded most of the applicable answers (their answered_by; ties: the latest to answer);
  // "" when nobody answered anything yet.
  std::string rep;
  // The first moment after `now` at which the clock alone changes any of the above.
  Seconds holds_until = std::numeric_limits<Seconds>::max();

  // Everything heard from one person (single_source): one view of the account.
  [[nodiscard]] bool single_threaded() const { return one_voice(voices, sourced); }
};

[[nodiscard]] Quality quality_of(const Assessment& assessment, const Readiness& readiness,
                                 Seconds now);

// The one stakeholder every sourced applicable answer names, when there are at least two such
// answers; null otherwise (single-threaded: the brief's "single-threaded: every answer from").
[[nodiscard]] const Stakeholder* single_source(const Assessment& assessment,
                                               const Readiness& readiness);

// `part` of `whole` in whole percent, rounded down (0 of nothing): every view's shares.
[[nodiscard]] constexpr std::size_t percent(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0 : part * 100 / whole;
}

// Days from `date` (YYYY-MM-DD) to the day of `now`; nullopt when `date` is not a date.
[[nodiscard]] std::optional<long> days_since(std::string_view date, Seconds now);

} // namespace cna
