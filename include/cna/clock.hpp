// The clock: real time, or CNA_NOW (an ISO timestamp) so tests can age confirmations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cna {

// Seconds since the epoch, UTC.
using Seconds = std::int64_t;

[[nodiscard]] Seconds now(); // CNA_NOW when set (throws Error(usage) when malformed)
[[nodiscard]] std::string format_timestamp(Seconds t); // "2026-11-23T10:04:00Z"
[[nodiscard]] std::string format_date(Seconds t);      // "2026-11-23"
// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS][Z|+hh:mm]". nullopt when malformed or impossible.
[[nodiscard]] std::optional<Seconds> parse_timestamp(std::string_view text);
[[nodiscard]] bool is_iso_date(std::string_view text); // a real calendar date YYYY-MM-DD
[[nodiscard]] Seconds days(int count);
// A date as a person places it from `today`: "Wed, in 6 weeks", "Mon, tomorrow", "Fri, 3 days
// ago". Empty when `date` is not a real YYYY-MM-DD date.
[[nodiscard]] std::string relative_day(std::string_view date, Seconds today);

} // namespace cna
