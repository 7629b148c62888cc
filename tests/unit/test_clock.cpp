#include <chrono>
#include <cstdlib>
#include <ctime>
#include <doctest/doctest.h>
#include <optional>
#include <string>

#include "cna/clock.hpp"
#include "cna/error.hpp"
#include "test_support.hpp"

using cna::Seconds;

namespace {

using Now = cna::test::ScopedEnv;

// The rep's time zone for the scope: TZ set, and read again by the C library (it reads TZ once).
class Zone {
public:
  explicit Zone(const char* zone) {
    if (const char* old = std::getenv("TZ")) m_old = old;
    ::setenv("TZ", zone, 1);
    ::tzset();
  }
  Zone(const Zone&) = delete;
  Zone& operator=(const Zone&) = delete;
  ~Zone() {
    if (m_old) {
      ::setenv("TZ", m_old->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }

private:
  std::optional<std::string> m_old;
};

Seconds at(const char* timestamp) {
  const auto t = cna::parse_timestamp(timestamp);
  REQUIRE(t.has_value());
  return *t;
}

// Values from `date -u -d ... +%s`.
constexpr Seconds kMeeting = 1795428240;  // 2026-11-23T10:04:00Z
constexpr Seconds kMidnight = 1795392000; // 2026-11-23

} // namespace

TEST_SUITE_BEGIN("core::clock");

TEST_CASE("parse_timestamp accepts the ISO forms") {
  struct Case {
    const char* text;
    Seconds expected;
  };
  const Case cases[] = {
      {"2026-11-23", kMidnight},
      {"2026-11-23T10:04", kMeeting},
      {"2026-11-23T10:04:00", kMeeting},
      {"2026-11-23T10:04:00Z", kMeeting},
      {"2026-11-23T10:04Z", kMeeting},
      {"2026-11-23T12:04:00+02:00", kMeeting},
      {"2026-11-23T04:34:00-05:30", kMeeting},
      {"2026-11-23T10:04:00+00:00", kMeeting},
      {"2024-02-29T23:59:59Z", 1709251199},
      {"1970-01-01T00:00:00Z", 0},
      {"1969-12-31T23:59:59Z", -1},
      {"2000-02-29", 951782400},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto t = cna::parse_timestamp(c.text);
    REQUIRE(t.has_value());
    CHECK(*t == c.expected);
  }
}

TEST_CASE("parse_timestamp refuses malformed and impossible timestamps") {
  const char* const cases[] = {
      "",
      "2026-02-30",
      "2026-02-29",
      "1900-02-29",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-11-00",
      "2026-1-1",
      "26-11-23",
      "20261123",
      "2026/11/23",
      " 2026-11-23",
      "2026-11-23 ",
      "2026-11-23x",
      "2026-11-23T",
      "2026-11-23T10",
      "2026-11-23T24:00",
      "2026-11-23T10:60",
      "2026-11-23T10:04:60",
      "2026-11-23T10:04:5",
      "2026-11-23 10:04",
      "2026-11-23t10:04",
      "2026-11-23Z",
      "2026-11-23T10:04:00ZZ",
      "2026-11-23T10:04:00Z junk",
      "2026-11-23T10:04+0200",
      "2026-11-23T10:04+02",
      "2026-11-23T10:04+24:00",
      "2026-11-23T10:04+02:60",
      "2026-11-23T10:04:00.5Z",
      "abcd-ef-gh",
      "tomorrow",
  };
  for (const char* text : cases) {
    CAPTURE(text);
    CHECK_FALSE(cna::parse_timestamp(text).has_value());
  }
}

TEST_CASE("is_iso_date is the date form with a real calendar date") {
  CHECK(cna::is_iso_date("2026-11-23"));
  CHECK(cna::is_iso_date("2024-02-29"));
  CHECK(cna::is_iso_date("2000-02-29"));
  CHECK(cna::is_iso_date("0001-01-01"));
  CHECK(cna::is_iso_date("9999-12-31"));
  CHECK_FALSE(cna::is_iso_date("2026-02-30"));
  CHECK_FALSE(cna::is_iso_date("2100-02-29"));
  CHECK_FALSE(cna::is_iso_date("2026-11-23T10:04"));
  CHECK_FALSE(cna::is_iso_date("2026-11-23Z"));
  CHECK_FALSE(cna::is_iso_date("2026-11-3"));
  CHECK_FALSE(cna::is_iso_date(""));
}

TEST_CASE("format_timestamp is UTC; format_date is the local day (UTC in these tests)") {
  CHECK(cna::format_timestamp(0) == "1970-01-01T00:00:00Z");
  CHECK(cna::format_timestamp(kMeeting) == "2026-11-23T10:04:00Z");
  CHECK(cna::format_timestamp(-1) == "1969-12-31T23:59:59Z");
  CHECK(cna::format_timestamp(1709251199) == "2024-02-29T23:59:59Z");
  CHECK(cna::format_date(kMeeting) == "2026-11-23");
  CHECK(cna::format_date(kMidnight - 1) == "2026-11-22");
  CHECK(cna::format_date(-1) == "1969-12-31");
  CHECK(cna::format_date(-cna::days(1)) == "1969-12-31");
  CHECK(cna::days(0) == 0);
  CHECK(cna::days(3) == 259200);
  CHECK(cna::days(-2) == -172800);
}

TEST_CASE("civil-date arithmetic agrees with timegm from 1751 to 2189") {
  // timegm is only the oracle here; the clock itself does not use it.
  for (Seconds t = cna::days(-80000); t < cna::days(80000); t += cna::days(3) + 3671) {
    const auto secs = static_cast<std::time_t>(t);
    std::tm parts{};
    REQUIRE(gmtime_r(&secs, &parts) != nullptr);
    const std::string text = cna::format_timestamp(t);
    CAPTURE(text);
    CHECK(timegm(&parts) == secs);
    const auto back = cna::parse_timestamp(text);
    REQUIRE(back.has_value());
    CHECK(*back == t);
    CHECK(parts.tm_year + 1900 == std::stoi(text.substr(0, 4)));
    CHECK(parts.tm_mon + 1 == std::stoi(text.substr(5, 2)));
    CHECK(parts.tm_mday == std::stoi(text.substr(8, 2)));
  }
}

TEST_CASE("now reads CNA_NOW") {
  SUBCASE("a timestamp") {
    const Now fixed("CNA_NOW", "2026-11-23T10:04:00Z");
    CHECK(cna::now() == kMeeting);
  }
  SUBCASE("a date is its midnight") {
    const Now fixed("CNA_NOW", "2026-11-23");
    CHECK(cna::now() == kMidnight);
  }
  SUBCASE("an offset") {
    const Now fixed("CNA_NOW", "2026-11-23T11:04:00+01:00");
    CHECK(cna::now() == kMeeting);
  }
  SUBCASE("malformed is a usage error naming the variable") {
    for (const char* bad : {"yesterday", "2026-02-30", "2026-11-23T10:04:00Z junk", "\x1b[2J"}) {
      CAPTURE(bad);
      const Now fixed("CNA_NOW", bad);
      const auto error = cna::test::thrown_by([] { (void)cna::now(); });
      CHECK(error.thrown);
      CHECK(error.code == cna::Exit::usage);
      CHECK(error.message.rfind("CNA_NOW: ", 0) == 0);
      CHECK_FALSE(cna::test::contains(error.message, "\x1b[2J")); // shown, not executed
    }
  }
  SUBCASE("unset or empty is the system clock") {
    for (const auto& value : {std::optional<std::string>(), std::optional<std::string>("")}) {
      const Now fixed("CNA_NOW", value);
      // The same clock as now(): time() reads a coarse clock that can lag it by a tick.
      const auto seconds = [] {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      };
      const Seconds before = seconds();
      const Seconds t = cna::now();
      const Seconds after = seconds();
      CHECK(t >= before);
      CHECK(t <= after);
    }
  }
}

TEST_CASE("relative_day places a date from today, with its weekday") {
  const Seconds today = *cna::parse_timestamp("2026-12-02T10:00:00Z"); // a Wednesday
  CHECK(cna::relative_day("2026-12-02", today) == "Wed, today");
  CHECK(cna::relative_day("2026-12-03", today) == "Thu, tomorrow");
  CHECK(cna::relative_day("2026-12-01", today) == "Tue, yesterday");
  CHECK(cna::relative_day("2027-01-13", today) == "Wed, in 6 weeks");
  CHECK(cna::relative_day("2026-12-09", today) == "Wed, in 1 week");
  CHECK(cna::relative_day("2026-12-12", today) == "Sat, in 10 days");
  CHECK(cna::relative_day("2026-11-29", today) == "Sun, 3 days ago");
  CHECK(cna::relative_day("1969-12-31", today).rfind("Wed, ", 0) == 0);
  CHECK(cna::relative_day("2026-02-30", today).empty());
  CHECK(cna::relative_day("soon", today).empty());
}

TEST_CASE("days are the rep's local days, in the zone of TZ") {
  SUBCASE("Auckland: 12:30 UTC is already tomorrow") {
    const Zone zone("Pacific/Auckland"); // NZDT, UTC+13 in November
    const Seconds t = at("2026-11-23T12:30:00Z");
    CHECK(cna::format_date(t) == "2026-11-24");
    CHECK(cna::format_date(t, 1) == "2026-11-25"); // +1d counts from the local day
    CHECK(cna::format_date(t, -1) == "2026-11-23");
    CHECK(cna::format_date(at("2026-11-23T10:59:59Z")) == "2026-11-23");
    CHECK(cna::format_time(t) == "2026-11-24 01:30 NZDT");
    CHECK(cna::local_date_of("2026-11-23T12:30:00Z") == "2026-11-24");
    CHECK(cna::local_time_of("2026-11-23T12:30:00Z") == "2026-11-24 01:30 NZDT");
    CHECK(cna::start_of_day("2026-11-24") == at("2026-11-23T11:00:00Z"));
    CHECK(cna::start_of_day("2026-11-23", 1) == at("2026-11-23T11:00:00Z"));
    CHECK(cna::relative_day("2026-11-24", t) == "Tue, today");
    CHECK(cna::relative_day("2026-11-23", t) == "Mon, yesterday");
    CHECK(cna::format_time(at("2026-06-01T00:00:00Z")) == "2026-06-01 12:00 NZST"); // winter
  }
  SUBCASE("Los Angeles: 03:00 UTC is still yesterday evening") {
    const Zone zone("America/Los_Angeles"); // PST, UTC-8 in November
    const Seconds t = at("2026-11-24T03:00:00Z");
    CHECK(cna::format_date(t) == "2026-11-23");
    CHECK(cna::format_date(t, 1) == "2026-11-24");
    CHECK(cna::format_time(t) == "2026-11-23 19:00 PST");
    CHECK(cna::start_of_day("2026-11-24") == at("2026-11-24T08:00:00Z"));
    CHECK(cna::relative_day("2026-11-24", t) == "Tue, tomorrow");
    // Across the spring change (2026-03-08, 02:00 -> 03:00): a day of 23 hours.
    CHECK(cna::start_of_day("2026-03-08") == at("2026-03-08T08:00:00Z"));
    CHECK(cna::start_of_day("2026-03-09") == at("2026-03-09T07:00:00Z"));
    CHECK(cna::format_date(at("2026-03-08T07:30:00Z"), 1) == "2026-03-08"); // 23:30 on the 7th
    CHECK(cna::format_time(at("2026-03-09T07:00:00Z")) == "2026-03-09 00:00 PDT");
  }
  SUBCASE("Beirut: a day that begins at 01:00 (the clock skips midnight)") {
    const Zone zone("Asia/Beirut");
    CHECK(cna::start_of_day("2026-03-29") == at("2026-03-28T22:00:00Z"));
    CHECK(cna::format_date(at("2026-03-28T21:59:59Z")) == "2026-03-28");
    CHECK(cna::format_date(at("2026-03-28T22:00:00Z")) == "2026-03-29");
  }
  SUBCASE("UTC, and what is no date") {
    const Zone zone("UTC");
    CHECK(cna::format_time(kMeeting) == "2026-11-23 10:04 UTC");
    CHECK(cna::start_of_day("2026-11-23") == kMidnight);
    CHECK(cna::start_of_day("2026-11-23", 2) == kMidnight + cna::days(2));
    CHECK_FALSE(cna::start_of_day("2026-02-30").has_value());
    CHECK_FALSE(cna::start_of_day("2026-11-23T10:04").has_value());
    CHECK(cna::local_date_of("not a time") == "not a time");
    CHECK(cna::local_time_of("") == "");
  }
  SUBCASE("the zone's name says what a day means (the status cache keys on it)") {
    std::string auckland, utc;
    {
      const Zone zone("Pacific/Auckland");
      auckland = cna::zone_id();
    }
    {
      const Zone zone("UTC");
      utc = cna::zone_id();
    }
    CHECK(auckland != utc);
    CHECK(cna::test::contains(auckland, "Pacific/Auckland"));
  }
}

TEST_SUITE_END();
