#include "cna/clock.hpp"

#include <array>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fmt/format.h>

#include "cna/error.hpp"
#include "cna/text.hpp"

namespace cna {

namespace {

constexpr Seconds kSecondsPerDay = 86400;

struct CivilDate {
  std::int64_t year = 1970;
  int month = 1;
  int day = 1;
};

// Howard Hinnant's days_from_civil (proleptic Gregorian): UTC arithmetic without timegm or the
// locale, so results never depend on the machine's time zone.
std::int64_t days_from_civil(CivilDate date) {
  const std::int64_t y = date.month <= 2 ? date.year - 1 : date.year;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t shifted_month = date.month > 2 ? date.month - 3 : date.month + 9;
  const std::int64_t doy = (153 * shifted_month + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const auto day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

bool is_leap(std::int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int days_in_month(std::int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Floor division, so times before 1970 land on the right day.
std::int64_t day_of(Seconds t) { return t / kSecondsPerDay - (t % kSecondsPerDay < 0 ? 1 : 0); }

// The local time of `t` (localtime_r: TZ, else /etc/localtime); false when out of its range.
bool local_parts(Seconds t, std::tm& parts) {
  // localtime_r reads TZ once per process unless tzset() asks it to (the unit tests change TZ).
  static const bool zone_read = (::tzset(), true);
  (void)zone_read;
  const auto secs = static_cast<std::time_t>(t);
  return ::localtime_r(&secs, &parts) != nullptr;
}

// The rep's day of `t`: the civil day of the local time.
std::int64_t local_day(Seconds t) {
  std::tm parts{};
  return day_of(local_parts(t, parts) ? t + parts.tm_gmtoff : t);
}

std::string civil_text(std::int64_t day) {
  const CivilDate date = civil_from_days(day);
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

// Reads the fixed-width fields of an ISO timestamp; every field is checked for range.
class Scanner {
public:
  explicit Scanner(std::string_view text) : m_text(text) {}

  [[nodiscard]] bool done() const { return m_pos == m_text.size(); }
  [[nodiscard]] bool peek(char c) const { return m_pos < m_text.size() && m_text[m_pos] == c; }

  bool skip(char c) {
    if (!peek(c)) return false;
    ++m_pos;
    return true;
  }

  // Exactly `width` digits, within [low, high].
  std::optional<int> number(std::size_t width, int low, int high) {
    if (m_text.size() - m_pos < width) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < width; ++i) {
      const char c = m_text[m_pos + i];
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    if (value < low || value > high) return std::nullopt;
    m_pos += width;
    return value;
  }

private:
  std::string_view m_text;
  std::size_t m_pos = 0;
};

std::optional<std::int64_t> scan_date(Scanner& in) {
  const auto year = in.number(4, 0, 9999);
  if (!year || !in.skip('-')) return std::nullopt;
  const auto month = in.number(2, 1, 12);
  if (!month || !in.skip('-')) return std::nullopt;
  const auto day = in.number(2, 1, days_in_month(*year, *month));
  if (!day) return std::nullopt;
  return days_from_civil({*year, *month, *day});
}

// "Z", "+hh:mm" or "-hh:mm" as seconds east of UTC; nothing means UTC.
std::optional<Seconds> scan_offset(Scanner& in) {
  if (in.done() || in.skip('Z')) return 0;
  const bool east = in.peek('+');
  if (!in.skip('+') && !in.skip('-')) return std::nullopt;
  const auto hours = in.number(2, 0, 23);
  if (!hours || !in.skip(':')) return std::nullopt;
  const auto minutes = in.number(2, 0, 59);
  if (!minutes) return std::nullopt;
  const Seconds offset = *hours * 3600 + *minutes * 60;
  return east ? offset : -offset;
}

} // namespace

Seconds days(int count) { return static_cast<Seconds>(count) * kSecondsPerDay; }

Seconds now() {
  // An empty CNA_NOW counts as unset, as scripts often export it blank.
  if (const char* fixed = std::getenv("CNA_NOW"); fixed != nullptr && *fixed != '\0') {
    if (const auto t = parse_timestamp(fixed)) return *t;
    throw Error(Exit::usage, fmt::format("CNA_NOW: '{}' is not an ISO timestamp (expected "
                                         "YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|+hh:mm])",
                                         visible(fixed)));
  }
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count();
}

std::string format_timestamp(Seconds t) {
  const std::int64_t day = day_of(t);
  const CivilDate date = civil_from_days(day);
  const Seconds rest = t - day * kSecondsPerDay;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", date.year, date.month, date.day,
                     rest / 3600, rest % 3600 / 60, rest % 60);
}

std::string format_date(Seconds t, int later) { return civil_text(local_day(t) + later); }

std::string format_time(Seconds t) {
  std::tm parts{};
  if (!local_parts(t, parts)) return format_timestamp(t);
  std::array<char, 64> text{};
  const std::size_t size = std::strftime(text.data(), text.size(), "%Y-%m-%d %H:%M %Z", &parts);
  return size == 0 ? format_timestamp(t) : std::string(text.data(), size);
}

std::string local_date_of(std::string_view timestamp) {
  const auto t = parse_timestamp(timestamp);
  return t ? format_date(*t) : std::string(timestamp);
}

std::string local_time_of(std::string_view timestamp) {
  const auto t = parse_timestamp(timestamp);
  return t ? format_time(*t) : std::string(timestamp);
}

std::optional<Seconds> start_of_day(std::string_view date, int later) {
  Scanner in(date);
  const auto day = scan_date(in);
  if (!day || !in.done()) return std::nullopt;
  const std::int64_t wanted = *day + later;
  // The first second whose local day is `wanted`: local days only move forward, and a day
  // begins within a day of its UTC midnight (offsets stay within ±26 hours; a day may begin at
  // 01:00 where a clock change skips midnight).
  Seconds low = wanted * kSecondsPerDay - 2 * kSecondsPerDay;
  Seconds high = wanted * kSecondsPerDay + 2 * kSecondsPerDay;
  while (low < high) {
    const Seconds mid = low + (high - low) / 2;
    if (local_day(mid) < wanted) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

std::string zone_id() {
  std::tm parts{};
  (void)local_parts(0, parts); // reads the zone
  const char* tz = std::getenv("TZ");
  return fmt::format("{} {} {}", tz != nullptr ? tz : "", ::tzname[0], ::tzname[1]);
}

std::optional<Seconds> parse_timestamp(std::string_view text) {
  Scanner in(text);
  const auto day = scan_date(in);
  if (!day) return std::nullopt;
  if (in.done()) return *day * kSecondsPerDay;
  if (!in.skip('T')) return std::nullopt;
  const auto hours = in.number(2, 0, 23);
  if (!hours || !in.skip(':')) return std::nullopt;
  const auto minutes = in.number(2, 0, 59);
  if (!minutes) return std::nullopt;
  int seconds = 0;
  if (in.skip(':')) {
    const auto s = in.number(2, 0, 59);
    if (!s) return std::nullopt;
    seconds = *s;
  }
  const auto offset = scan_offset(in);
  if (!offset || !in.done()) return std::nullopt;
  return *day * kSecondsPerDay + *hours * 3600 + *minutes * 60 + seconds - *offset;
}

bool is_iso_date(std::string_view text) {
  Scanner in(text);
  return scan_date(in).has_value() && in.done();
}

std::string relative_day(std::string_view date, Seconds today) {
  Scanner in(date);
  const auto day = scan_date(in);
  if (!day || !in.done()) return {};
  static constexpr std::string_view kWeekdays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  const std::string_view weekday = kWeekdays[((*day % 7) + 7) % 7]; // 1970-01-01 was a Thursday
  const std::int64_t ahead = *day - local_day(today);
  const std::int64_t size = ahead < 0 ? -ahead : ahead;
  std::string when;
  if (ahead == 0) {
    when = "today";
  } else if (size == 1) {
    when = ahead > 0 ? "tomorrow" : "yesterday";
  } else {
    const bool weeks = size % 7 == 0;
    const std::string span = fmt::format("{} {}", weeks ? size / 7 : size,
                                         weeks ? (size == 7 ? "week" : "weeks") : "days");
    when = ahead > 0 ? "in " + span : span + " ago";
  }
  return fmt::format("{}, {}", weekday, when);
}

} // namespace cna
