// The portfolio views' fast reader against the strict one (include/cna/fast_read.hpp): whatever the
// fast reader accepts, the strict reader reads to the same model (history aside, which the fast one
// checks but does not keep unless asked); whatever the strict reader refuses, the fast one hands
// over. Over the fuzz corpora, the fixtures, a generated portfolio and thousands of mutations of
// it.
#include <doctest/doctest.h>
#include <filesystem>
#include <random>

#include "cna/error.hpp"
#include "cna/fast_read.hpp"
#include "cna/store.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace cna;

namespace {

struct Tally {
  std::size_t fast = 0, handed_over = 0, refused = 0;
};

// The answers of a fast read given back when done with, as a portfolio view gives them back: the
// next read on this thread reads into their memory (an earlier text's answers, reused).
struct Recycled {
  std::optional<Assessment> a;
  ~Recycled() {
    if (a) recycle_answers(std::move(a->answers));
  }
};

// One text through both readers. Returns whether the fast reader took it.
bool same_result(std::string_view text, Tally& tally) {
  std::string padded(text);
  const std::size_t size = padded.size();
  padded.resize(size + 64, '\0');
  const std::string_view view(padded.data(), size);
  const Recycled fast_read{read_assessment_fast(view, padded.size(), true)};
  const Recycled light_read{read_assessment_fast(view, padded.size(), false)};
  const auto& fast = fast_read.a;
  const auto& light = light_read.a;
  CHECK(fast.has_value() == light.has_value());
  std::optional<Assessment> strict;
  try {
    strict = parse_assessment(text, "f.json");
  } catch (const Error&) {
    ++tally.refused;
    CHECK_MESSAGE(!fast, "the fast reader accepted what the strict one refuses: " << text);
    return false;
  }
  if (!fast) {
    ++tally.handed_over;
    return false;
  }
  ++tally.fast;
  CHECK_MESSAGE(*fast == *strict, "the readers disagree on: " << text);
  Assessment without = *strict;
  without.history.clear();
  CHECK(*light == without);
  return true;
}

// A portfolio's worth of assessments with every kind of value, state and field cna writes.
std::vector<std::string> generated_portfolio() {
  std::vector<std::string> out;
  std::mt19937 random(13);
  const std::vector<Value> values = {
      Value(std::string("Grow in the north")),
      Value(std::string("two\nlines \"quoted\" \\ tab\t \u00e9\u4e2d \U0001F600 \u202e")),
      Value(std::vector<std::string>{"a", "b, c"}),
      Value(std::vector<std::string>{}),
      Value(true),
      Value(false),
      Value(42.0),
      Value(-0.5),
      Value(1e300),
      Value(123456789012.25),
      Value(Money{250000.5, "EUR"}),
      Value(Money{0, "USD"}),
  };
  for (int n = 0; n < 60; ++n) {
    Assessment a;
    a.account = "account-" + std::to_string(n);
    a.name = n % 7 == 0 ? "" : "Account \"" + std::to_string(n) + "\"";
    a.checklist = {"discovery", "1.0." + std::to_string(n % 3), "ab12cd"};
    for (int s = 0; s < n % 4; ++s) {
      Stakeholder who{"person-" + std::to_string(s),
                      "Person " + std::to_string(s),
                      s % 2 == 0 ? "VP" : "",
                      {},
                      static_cast<Met>((n + s) % 3),
                      kStances.at(static_cast<std::size_t>(n + s) % kStances.size()).stance,
                      {},
                      {}};
      if (s % 3 == 1) who.roles = {"champion", "coach"};
      if (s > 0 && n % 2 == 0) who.access_via = {"person-0"};
      a.stakeholders.push_back(who);
    }
    for (int i = 0; i < 1 + n % 9; ++i) {
      Answer answer;
      answer.state = static_cast<State>(random() % 4); // missing .. na
      if (answer.state == State::answered) answer.value = values[random() % values.size()];
      if (answer.state == State::na) answer.reason = "not for us";
      if (answer.state == State::unknown) answer.owner = "sam", answer.due = "2026-12-01";
      if (random() % 2 == 0) answer.source = "person-0";
      if (random() % 3 == 0) answer.note = "a note";
      answer.answered_at = "2026-11-23T10:04:00Z";
      answer.answered_by = "sam";
      answer.item_sha256 = "cd34";
      if (random() % 2 == 0) {
        answer.confirmed_at = "2026-11-24T10:00:00Z";
        answer.confirmed_by = "sam";
        answer.confirmed_with = "person-0";
      }
      a.answers.emplace_back("item_" + std::to_string(i), answer);
      if (n % 3 == 1) answer.meeting = "2026-11-23-scope-ab12";
      if (n % 3 == 1 && !answer.confirmed_at.empty()) answer.confirmed_in = "2026-11-24-read-cd34";
      a.answers.back().second = answer;
      HistoryEntry h{"2026-11-23T10:04:00Z",
                     "sam",
                     "item_" + std::to_string(i),
                     "answered",
                     answer.value,
                     answer.source,
                     answer.meeting,
                     {}};
      a.history.push_back(h);
    }
    for (int m = 0; m < n % 3; ++m) {
      Meeting meeting;
      meeting.id = "2026-11-2" + std::to_string(3 + m) + "-scope-ab1" + std::to_string(m);
      meeting.date = "2026-11-2" + std::to_string(3 + m);
      meeting.purpose = m == 0 ? "Scope \"the\" pilot" : "";
      if (m == 0) meeting.attendees = {"person-0", "person-1"};
      meeting.ours = {"sam"};
      meeting.outcome = "agreed";
      meeting.notes = m == 1 ? "two\nlines" : "";
      meeting.created_at = "2026-11-23T10:00:00Z";
      meeting.created_by = "sam";
      a.meetings.push_back(meeting);
    }
    if (n % 5 == 0) {
      Answer kept;
      kept.state = State::answered;
      kept.value = std::string("kept");
      a.retired.emplace_back("old", kept);
    }
    out.push_back(serialize_assessment(a));
  }
  return out;
}

// Edits that make a file odd in the ways the strict reader cares about, at varying places.
std::vector<std::string> mutations(const std::string& text, std::mt19937& random) {
  std::vector<std::string> out;
  const auto at = [&] { return text.empty() ? 0 : random() % text.size(); };
  const auto replace_first = [&](std::string_view from, std::string_view to) {
    std::string t = text;
    const std::size_t p = t.find(from);
    if (p != std::string::npos) t.replace(p, from.size(), to);
    out.push_back(t);
  };
  out.push_back(text.substr(0, at()));                        // cut short
  out.push_back(text + " x");                                 // trailing content
  out.push_back(text + "{}");                                 // a second document
  out.push_back("\xEF\xBB\xBF" + text);                       // a BOM
  out.push_back(std::string(text).erase(at(), 1));            // a byte gone
  out.push_back(std::string(text).insert(at(), 1, '"'));      // a quote too many
  out.push_back(std::string(text).insert(at(), 1, '\x01'));   // a raw control character
  out.push_back(std::string(text).insert(at(), "\xC3\x28"));  // invalid UTF-8
  replace_first("\"sam\"", "\"s\\u0000m\"");                  // NUL
  replace_first("\"sam\"", "\"\\ud800\"");                    // lone high surrogate
  replace_first("\"sam\"", "\"\\udc00\"");                    // lone low surrogate
  replace_first("\"sam\"", "\"\\ud83d\\ude00 s\\u00e9\"");    // escapes, valid
  replace_first("\"state\"", "\"state\": \"na\", \"state\""); // duplicate key
  replace_first("\"account\"", "\"x-crm\": 1, \"account\"");  // unknown field
  replace_first("\"cna\": 1", "\"cna\": 1.0");
  replace_first("\"cna\": 1", "\"cna\": 2");
  replace_first("\"cna\": 1", "\"cna\": \"1\"");
  replace_first("\"cna\": 1,", "");
  replace_first("\"name\": ", "\"name\": null, \"x\": ");
  replace_first("\"name\": \"", "\"name\": 5, \"n\": \"");
  replace_first("\"answered\"", "\"done\"");
  replace_first("\"state\": \"answered\"", "\"state\": null");
  replace_first("\"answers\": {", "\"answers\": [], \"x\": {");
  replace_first("\"value\": ", "\"value\": null, \"v\": ");
  replace_first("\"value\": ",
                "\"value\": {\"amount\": 1, \"currency\": \"EUR\", \"x\": 1}, \"v\": ");
  replace_first("\"value\": ", "\"value\": {\"amount\": 1, \"amount\": 2}, \"v\": ");
  replace_first("\"value\": ", "\"value\": [1], \"v\": ");
  replace_first("\"value\": ", "\"value\": {\"currency\": \"EUR\", \"amount\": 1e-400}, \"v\": ");
  for (const char* number : {"-0",
                             "1E2",
                             "1e400",
                             "-1e400",
                             "1e-400",
                             "4.9e-324",
                             "2.5e-310",
                             "12345678901234567890",
                             "123456789012345678901234567890",
                             "0.1",
                             "-9223372036854775808",
                             "9223372036854775807",
                             "01",
                             "1.",
                             ".5",
                             "+1",
                             "NaN",
                             "1e",
                             "-",
                             "3.0"}) {
    replace_first("\"value\": ", std::string("\"value\": ") + number + ", \"v\": ");
    replace_first("\"value\": ",
                  std::string("\"value\": ") + number + ", \"x\": 0}, \"z\": {\"value\": ");
  }
  std::string swapped = text; // every "value" a number
  for (std::size_t p = 0; (p = swapped.find("\"value\": \"", p)) != std::string::npos; ++p) {
    swapped.replace(p, 10, "\"value\": 17, \"note\": \"");
  }
  out.push_back(swapped);
  replace_first("\"roles\": [", "\"roles\": [3, ");
  replace_first("\"meetings\": [", "\"meetings\": [{\"date\": \"2026-11-23\"}, ");
  replace_first("\"meetings\": [", "\"meetings\": [{\"id\": \"2026-11-23-scope-ab10\"}, ");
  replace_first("\"meetings\": [", "\"meetings\": [{\"id\": \"m\", \"ours\": [1]}, ");
  replace_first("\"meetings\": [", "\"meetings\": [{\"id\": \"m\", \"x-crm\": 1}, ");
  replace_first("\"meetings\": [", "\"meetings\": {}, \"m\": [");
  replace_first("\"stakeholders\": [", "\"stakeholders\": [null, ");
  replace_first("\"history\": [", "\"history\": [{\"at\": 5}, ");
  replace_first("\"history\": [", "\"history\": [{\"at\": \"t\", \"at\": \"t\"}, ");
  replace_first("\"history\": [", "\"history\": [{\"at\": \"t\", \"value\": {}}, ");
  replace_first("\"history\": [", "\"history\": null, \"h\": [");
  replace_first("\"retired\": {",
                "\"retired\": {\"item_0\": {\"state\": \"unknown\"}, \"item_0\": ");
  replace_first("\"answers\": {", "\"answers\": {\"item_0\": {\"state\": \"na\"}, ");
  replace_first("\"answers\": {", "\"answers\": {\"c\": {\"state\": \"conflict\"}, ");
  replace_first("\"answers\": {",
                "\"answers\": {\"c\": {\"state\": \"conflict\", \"ours\": {\"state\": \"na\"}}, ");
  replace_first("\"checklist\": {", "\"checklist\": {\"x\": 1, ");
  replace_first("\"checklist\": {", "\"checklist\": null, \"c\": {");
  replace_first("\"id\": \"discovery\"", "\"id\": \"\"");
  replace_first("\"\\u202e", "\"\\u202E");
  return out;
}

} // namespace

TEST_SUITE_BEGIN("fast_read");

TEST_CASE("the fast reader agrees with the strict one on every corpus and fixture file") {
  Tally tally;
  std::size_t files = 0;
  for (const char* folder : {"tests/fuzz/corpus", "tests/fixtures", "examples"}) {
    const fs::path root = fs::path(CNA_SOURCE_DIR) / folder;
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file()) continue;
      CAPTURE(entry.path().string());
      same_result(test::read_text(entry.path()), tally);
      ++files;
    }
  }
  CHECK(files > 100);
  CHECK(tally.refused > 0); // the corpora hold bad files, and they were handed over
}

TEST_CASE("the fast reader takes every file cna writes, and agrees on thousands of edits of them") {
  Tally tally;
  std::mt19937 random(2026);
  const std::vector<std::string> portfolio = generated_portfolio();
  for (const std::string& text : portfolio) {
    CHECK(same_result(text, tally)); // canonical files are the fast reader's
    for (int round = 0; round < 2; ++round) {
      for (const std::string& edited : mutations(text, random))
        same_result(edited, tally);
    }
  }
  MESSAGE("fast " << tally.fast << ", handed over " << tally.handed_over << ", refused "
                  << tally.refused);
  CHECK(tally.fast > portfolio.size()); // some edits stay valid and fast
  CHECK(tally.handed_over > 0);
  CHECK(tally.refused > 0);
}

TEST_CASE("load_for_view reads the file or hands it over, with the strict reader's error") {
  test::TempDir dir;
  const std::vector<std::string> portfolio = generated_portfolio();
  test::write_text(dir / "good.json", portfolio[3]);
  const AssessmentStore good(dir / "good.json", dir.path());
  Assessment expected = good.load();
  expected.history.clear();
  CHECK(load_for_view(good, true) == expected);
  CHECK(load_for_view(good, false) == expected);
  {
    const test::ScopedEnv strict("CNA_STRICT_READ", "1");
    CHECK(load_for_view(good, true) == expected);
  }
  test::write_text(dir / "bad.json", portfolio[3].substr(0, 40));
  const AssessmentStore bad(dir / "bad.json", dir.path());
  const auto strict_error = test::thrown_by([&] { (void)bad.load(); });
  const auto view_error = test::thrown_by([&] { (void)load_for_view(bad, true); });
  CHECK(strict_error.thrown);
  CHECK(view_error.message == strict_error.message);
  CHECK(view_error.code == strict_error.code);
  fs::create_symlink(dir / "good.json", dir / "link.json");
  const AssessmentStore link(dir / "link.json", dir.path());
  CHECK(load_for_view(link, true) == expected); // a symlink: the strict path, its checks
}

TEST_SUITE_END();
