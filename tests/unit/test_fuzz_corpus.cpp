// Replays the committed fuzz corpus (tests/fuzz/corpus/<target>/) through the harnesses' own
// bodies, so every input the fuzzers found interesting stays fixed in the ordinary test run.
#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>

#include "entries.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

TEST_SUITE_BEGIN("fuzz::corpus");

TEST_CASE("every corpus file goes through its target without a crash or a broken invariant") {
  const fs::path corpus = fs::path(CNA_SOURCE_DIR) / "tests" / "fuzz" / "corpus";
  for (const cna::fuzz::Target& target : cna::fuzz::targets()) {
    CAPTURE(target.name);
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(corpus / target.name)) {
      const std::string data = cna::test::read_text(entry.path());
      try {
        target.run(data);
      } catch (const std::exception& e) {
        FAIL_CHECK(entry.path().string() << ": " << e.what());
      }
      ++files;
    }
    CHECK(files > 0);
  }
}

TEST_CASE("every corpus folder belongs to a target") {
  const auto& targets = cna::fuzz::targets();
  for (const auto& entry : fs::directory_iterator(fs::path(CNA_SOURCE_DIR) / "tests/fuzz/corpus")) {
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    CHECK(std::any_of(targets.begin(), targets.end(),
                      [&](const cna::fuzz::Target& t) { return name == t.name; }));
  }
}

TEST_SUITE_END();
