#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cna/checklist.hpp"
#include "cna/migrate.hpp"
#include "cna/readiness.hpp"
#include "cna/record.hpp"
#include "test_support.hpp"

using namespace cna;

namespace {

using cna::test::kNow;

Checklist load(const std::string& version, const std::string& items) {
  return test::checklist_from(R"({"cna": 1, "id": "deal", "version": ")" + version +
                              R"(", "title": "Deal", "sections": [
    {"id": "one", "title": "One", "items": [)" +
                              items + "]}]}");
}

// Version 1, and version 2 with every kind of change: goal renamed to objective, users retyped
// from text to number, wording reworded, legacy removed, timeline added.
const Checklist& v1() {
  static const Checklist c = load("1.0.0", R"(
      {"id": "goal", "type": "text", "prompt": "Goal?", "help": "h", "source": false},
      {"id": "users", "type": "text", "prompt": "Users?", "help": "h", "source": false},
      {"id": "wording", "type": "text", "prompt": "Old wording?", "help": "h", "source": false},
      {"id": "legacy", "type": "text", "prompt": "Legacy?", "help": "h", "source": false},
      {"id": "budget", "type": "text", "prompt": "Budget?", "help": "h", "source": false})");
  return c;
}

const Checklist& v2() {
  static const Checklist c = load("2.0.0", R"(
      {"id": "objective", "type": "text", "prompt": "Goal?", "help": "h", "source": false,
       "renamed_from": ["goal"]},
      {"id": "users", "type": "number", "prompt": "Users?", "help": "h", "source": false},
      {"id": "wording", "type": "text", "prompt": "New wording?", "help": "h", "source": false},
      {"id": "budget", "type": "text", "prompt": "Budget?", "help": "h", "source": false},
      {"id": "timeline", "type": "date", "prompt": "When?", "help": "h", "source": false})");
  return c;
}

// Every item of v1 answered ("<id> answer") and confirmed.
Assessment answered_v1() {
  Assessment a = new_assessment("acme", "Acme", v1());
  for (const Item& item : v1().items) {
    Answer answer;
    answer.state = State::answered;
    answer.value = item.id + " answer";
    record_answer(a, v1(), item.id, answer, kNow - days(2));
    Answer& slot = a.answer(item.id);
    slot.confirmed_at = format_timestamp(kNow - days(1));
    slot.confirmed_by = "sam";
  }
  return a;
}

std::vector<std::string> ids(const std::vector<std::pair<std::string, Answer>>& list) {
  std::vector<std::string> out;
  for (const auto& [id, answer] : list)
    out.push_back(id);
  return out;
}

const HistoryEntry* logged(const Assessment& a, const std::string& item,
                           const std::string& action) {
  for (const HistoryEntry& h : a.history) {
    if (h.item == item && h.action == action) return &h;
  }
  return nullptr;
}

std::optional<Reason> blocker(const Assessment& a, const Checklist& c, const std::string& id) {
  return assess(c, a, kNow, 30).find(id)->blocker;
}

} // namespace

TEST_SUITE_BEGIN("core::migrate");

TEST_CASE("migrate: an assessment already on its checklist is left alone") {
  Assessment a = answered_v1();
  const Assessment before = a;
  CHECK_FALSE(migrate(a, v1(), kNow));
  CHECK(a == before);
}

TEST_CASE("migrate: every kind of checklist change, and nothing is dropped") {
  Assessment a = answered_v1();
  const Answer goal = *a.find_answer("goal");
  const Answer legacy = *a.find_answer("legacy");
  REQUIRE(migrate(a, v2(), kNow));

  SUBCASE("the pin follows the checklist, with a history entry") {
    CHECK(a.checklist == PinnedChecklist{"deal", "2.0.0", v2().sha256});
    REQUIRE(logged(a, "", "checklist-updated") != nullptr);
    CHECK(logged(a, "", "checklist-updated")->value == Value(std::string("2.0.0")));
    CHECK(logged(a, "", "checklist-updated")->at == "2026-11-23T10:00:00Z");
  }
  SUBCASE("renamed: the answer moves with its stamps and confirmation, history kept") {
    CHECK(a.find_answer("goal") == nullptr);
    REQUIRE(a.find_answer("objective") != nullptr);
    CHECK(*a.find_answer("objective") == goal);
    REQUIRE(logged(a, "objective", "renamed") != nullptr);
    CHECK(logged(a, "objective", "renamed")->value == Value(std::string("goal")));
    CHECK(logged(a, "goal", "answered") != nullptr);
    // Same meaning under a new id: still confirmed, not a blocker.
    CHECK_FALSE(blocker(a, v2(), "objective"));
  }
  SUBCASE("removed: the answer is retired whole, with a history entry") {
    CHECK(a.find_answer("legacy") == nullptr);
    REQUIRE(a.retired.size() == 1);
    CHECK(a.retired[0].first == "legacy");
    CHECK(a.retired[0].second == legacy);
    CHECK(logged(a, "legacy", "retired")->value == Value(std::string("legacy answer")));
  }
  SUBCASE("added: simply missing") {
    CHECK(a.find_answer("timeline") == nullptr);
    CHECK(blocker(a, v2(), "timeline") == Reason::missing);
  }
  SUBCASE("retyped: the old text is kept and is invalid for a number") {
    CHECK(a.find_answer("users")->value == Value(std::string("users answer")));
    CHECK(blocker(a, v2(), "users") == Reason::invalid);
  }
  SUBCASE("reworded: kept, needs re-confirmation") {
    CHECK(a.find_answer("wording")->confirmed_at == format_timestamp(kNow - days(1)));
    CHECK(blocker(a, v2(), "wording") == Reason::changed);
  }
  SUBCASE("answers stay in checklist order; a second run changes nothing") {
    CHECK(ids(a.answers) == std::vector<std::string>{"objective", "users", "wording", "budget"});
    const Assessment once = a;
    CHECK_FALSE(migrate(a, v2(), kNow + 60));
    CHECK(a == once);
  }
  SUBCASE("back to version 1: the retired answer returns; the renamed one retires") {
    REQUIRE(migrate(a, v1(), kNow + 60));
    CHECK(*a.find_answer("legacy") == legacy);
    CHECK(logged(a, "legacy", "restored") != nullptr);
    CHECK(ids(a.retired) == std::vector<std::string>{"objective"});
    CHECK(a.find_answer("goal") == nullptr); // v1 does not know objective was goal
    CHECK(a.answers.size() + a.retired.size() == 5);
  }
}

TEST_CASE("migrate: renames, table-driven") {
  const Checklist renamed = load("2.0.0", R"(
      {"id": "objective", "type": "text", "prompt": "Goal?", "help": "h", "source": false,
       "renamed_from": ["aim", "goal"]})");
  struct Case {
    const char* name;
    std::vector<std::string> answers; // "id" answered "id answer", "id=value" answered "value"
    std::vector<std::string> retired;
    std::vector<std::string> objective; // its value afterwards; two: a conflict's sides
    std::vector<std::string> retired_after;
  };
  const Case cases[] = {
      {"an old id's answer moves", {"goal"}, {}, {"goal answer"}, {}},
      {"an old id's retired answer moves too", {}, {"goal"}, {"goal answer"}, {}},
      {"two old ids answered: both kept as a conflict",
       {"goal", "aim"},
       {},
       {"aim answer", "goal answer"},
       {}},
      {"the new id answered differently: both kept as a conflict",
       {"objective", "goal"},
       {},
       {"objective answer", "goal answer"},
       {}},
      {"the new id answered alike: one answer", {"objective=same", "goal=same"}, {}, {"same"}, {}},
      {"a retired answer of the id itself comes back, and meets the old id's",
       {"goal"},
       {"objective"},
       {"objective answer", "goal answer"},
       {}},
      {"an old id's retired answer stays retired when the item has one",
       {"objective"},
       {"goal"},
       {"objective answer"},
       {"goal"}},
  };
  const auto entry = [](const std::string& spec) {
    const auto eq = spec.find('=');
    Answer x;
    x.state = State::answered;
    x.value = eq == std::string::npos ? spec + " answer" : spec.substr(eq + 1);
    return std::pair<std::string, Answer>(spec.substr(0, eq), x);
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Assessment a = new_assessment("acme", "Acme", v1());
    for (const std::string& spec : c.answers)
      a.answers.push_back(entry(spec));
    for (const std::string& spec : c.retired)
      a.retired.push_back(entry(spec));
    CHECK(migrate(a, renamed, kNow));
    REQUIRE(a.find_answer("objective") != nullptr);
    const Answer& objective = *a.find_answer("objective");
    std::vector<std::string> values;
    for (const Answer& side :
         objective.sides.empty() ? std::vector<Answer>{objective} : objective.sides) {
      values.push_back(std::get<std::string>(side.value));
    }
    CHECK(values == c.objective);
    CHECK((objective.state == State::conflict) == (c.objective.size() == 2));
    CHECK(ids(a.answers) == std::vector<std::string>{"objective"});
    CHECK(ids(a.retired) == c.retired_after);
  }
}

TEST_CASE("migrate: an answer retired under an id already retired keeps both as a conflict") {
  Assessment a = new_assessment("acme", "Acme", v1());
  Answer older;
  older.state = State::answered;
  older.value = std::string("older");
  Answer newer = older;
  newer.value = std::string("newer");
  a.retired.emplace_back("gone", older);
  a.answers.emplace_back("gone", newer);
  CHECK(migrate(a, v1(), kNow));
  REQUIRE(a.retired.size() == 1);
  const Answer& kept = a.retired[0].second;
  CHECK(kept.state == State::conflict);
  REQUIRE(kept.sides.size() == 2);
  CHECK(kept.sides[0] == newer);
  CHECK(kept.sides[1] == older);
}

TEST_CASE("migrate: answers out of checklist order are sorted (a hand-edited file)") {
  Assessment a = answered_v1();
  std::swap(a.answers[0], a.answers[1]);
  CHECK(migrate(a, v1(), kNow));
  CHECK(ids(a.answers) == std::vector<std::string>{"goal", "users", "wording", "legacy", "budget"});
  CHECK(logged(a, "", "checklist-updated") == nullptr);
  CHECK_FALSE(migrate(a, v1(), kNow));
}

TEST_SUITE_END();
