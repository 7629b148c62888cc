// The clock: real time, or CNA_NOW (an ISO timestamp) so tests can age confirmations. Stored
// timestamps are UTC; days are the rep's: a date ("today", +7d, overdue, a meeting's day) turns at
// local midnight in the zone of TZ, else the system's (docs/workspace.md, "Dates and time zones").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cna {

// Seconds since the epoch, UTC.
using Seconds = std::int64_t;

[[nodiscard]] Seconds now(); // CNA_NOW when set (throws Error(usage) when malformed)
[[nodiscard]] std::string format_timestamp(Seconds t); // "2026-11-23T10:04:00Z", UTC
// The local day of `t`, `later` days on: "2026-11-24" at 2026-11-23T12:30Z in Auckland.
[[nodiscard]] std::string format_date(Seconds t, int later = 0);
// A time of day as a person reads it, local with its zone: "2026-11-24 01:30 NZDT".
[[nodiscard]] std::string format_time(Seconds t);
// A stored timestamp as the rep's day ("2026-11-24") or time (format_time); the text itself when
// it is no timestamp.
[[nodiscard]] std::string local_date_of(std::string_view timestamp);
[[nodiscard]] std::string local_time_of(std::string_view timestamp);
// The instant local day `date` (YYYY-MM-DD) begins, `later` days on; nullopt when not a date.
[[nodiscard]] std::optional<Seconds> start_of_day(std::string_view date, int later = 0);
// Names the local zone's rules ("Pacific/Auckland NZST NZDT"): what a day means here.
[[nodiscard]] std::string zone_id();
// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS][Z|+hh:mm]". nullopt when malformed or impossible.
[[nodiscard]] std::optional<Seconds> parse_timestamp(std::string_view text);
[[nodiscard]] bool is_iso_date(std::string_view text); // a real calendar date YYYY-MM-DD
[[nodiscard]] Seconds days(int count);
// A date as a person places it from `today` (an instant, placed on its local day): "Wed, in 6
// weeks", "Mon, tomorrow", "Fri, 3 days ago". Empty when `date` is not a real YYYY-MM-DD date.
[[nodiscard]] std::string relative_day(std::string_view date, Seconds today);

} // namespace cna
