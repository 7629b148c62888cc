#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <cstdlib>
#include <doctest/doctest.h>

namespace {
// The tests' days are UTC days (a test that needs a zone names it, as test_clock.cpp does): the
// same results on a machine in any zone. Set before main, so before cna reads the zone.
[[maybe_unused]] const bool kUtc = (::setenv("TZ", "UTC", 1), true);
} // namespace
