// The gate (docs/assessment.md) through the record API: every reason, every way back to ready,
// the read-back's rules, and where the re-confirmation period comes from.
#include <doctest/doctest.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/readiness.hpp"
#include "cna/record.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;
using cna::test::thrown_by;

namespace {

using cna::test::kNow;

// `checklist_days` / `item_days`: the checklist's and the goal item's reconfirm_after_days.
std::string checklist_text(std::optional<int> checklist_days, std::optional<int> item_days,
                           const std::string& goal_prompt = "Goal?") {
  const auto days_of = [](std::optional<int> d) {
    return d ? ", \"reconfirm_after_days\": " + std::to_string(*d) : std::string();
  };
  return R"({"cna": 1, "id": "deal", "version": "1.0.0", "title": "Deal")" +
         days_of(checklist_days) + R"(, "sections": [{"id": "one", "title": "One", "items": [
    {"id": "goal", "type": "text", "prompt": ")" +
         goal_prompt + R"(", "help": "h")" + days_of(item_days) + R"(},
    {"id": "budget", "type": "choice", "prompt": "Budget?", "help": "h", "options": ["approved", "none"]},
    {"id": "partner", "type": "text", "prompt": "Partner?", "help": "h", "na": true}
  ]}]})";
}

Checklist load(const std::string& text) { return test::checklist_from(text); }

const Checklist& deal() {
  static const Checklist c = load(checklist_text(30, std::nullopt));
  return c;
}

Answer value_answer(std::string value, std::string source = "dana") {
  Answer a;
  a.state = State::answered;
  a.value = std::move(value);
  a.source = std::move(source);
  return a;
}

// Answers `item` and confirms it, as the walk and the read-back do.
void answer_and_confirm(Assessment& a, const Checklist& c, const std::string& item, Answer answer,
                        Seconds t) {
  record_answer(a, c, item, std::move(answer), t);
  record_confirmation(a, c, item, *a.find_answer(item), "", t);
}

Assessment ready_assessment() {
  Assessment a = new_assessment("acme", "Acme", deal());
  a.stakeholders.push_back({"dana", "Dana Lee", "VP", {"economic-buyer"}, {}, {}, {}, ""});
  a.stakeholders.push_back({"lee", "Lee Chan", "", {"champion"}, {}, {}, {}, ""});
  answer_and_confirm(a, deal(), "goal", value_answer("grow"), kNow);
  answer_and_confirm(a, deal(), "budget", value_answer("approved"), kNow);
  Answer na;
  na.state = State::na;
  na.reason = "direct deal";
  answer_and_confirm(a, deal(), "partner", na, kNow);
  return a;
}

std::string blockers(const Readiness& r) {
  std::string out;
  for (const ItemStatus& s : r.items) {
    if (!s.blocker) continue;
    out += (out.empty() ? "" : " ") + s.item->id + ":" + std::string(to_string(*s.blocker));
  }
  return out;
}

} // namespace

TEST_SUITE_BEGIN("core::gate");

TEST_CASE("gate: every reason, and the way back to ready") {
  static const Checklist reworded = load(checklist_text(30, std::nullopt, "What is the goal?"));
  struct Way {
    const char* name;
    const char* blocked; // the blocker after `block`
    std::function<void(Assessment&)> block;
    std::function<void(Assessment&)> fix;
    const Checklist* checklist = &deal(); // the checklist both are measured against
    Seconds when = kNow;
  };
  const Seconds later = kNow + days(31);
  const std::vector<Way> ways = {
      {"missing -> answer and confirm", "goal:missing",
       [](Assessment& a) { a.answers.erase(a.answers.begin()); },
       [](Assessment& a) { answer_and_confirm(a, deal(), "goal", value_answer("grow"), kNow); }},
      {"unconfirmed -> confirm", "goal:unconfirmed",
       [](Assessment& a) { record_answer(a, deal(), "goal", value_answer("shrink"), kNow); },
       [](Assessment& a) {
         record_confirmation(a, deal(), "goal", *a.find_answer("goal"), "", kNow);
       }},
      {"wrong-confirmer -> confirm with the one who said it", "goal:wrong-confirmer",
       [](Assessment& a) {
         record_confirmation(a, deal(), "goal", *a.find_answer("goal"), "lee", kNow);
       },
       [](Assessment& a) {
         record_confirmation(a, deal(), "goal", *a.find_answer("goal"), "dana", kNow);
       }},
      {"stale -> re-confirm", "goal:stale budget:stale partner:stale", [](Assessment&) {},
       [&](Assessment& a) {
         for (const char* item : {"goal", "budget", "partner"})
           record_confirmation(a, deal(), item, *a.find_answer(item), "", later);
       },
       &deal(), later},
      {"changed -> re-confirm against the new wording", "goal:changed", [](Assessment&) {},
       [](Assessment& a) {
         record_confirmation(a, reworded, "goal", *a.find_answer("goal"), "", kNow);
       },
       &reworded},
      {"unknown -> answer and confirm", "goal:unknown",
       [](Assessment& a) {
         Answer unknown;
         unknown.state = State::unknown;
         unknown.owner = "sam";
         unknown.due = "2026-12-01";
         record_answer(a, deal(), "goal", unknown, kNow);
       },
       [](Assessment& a) { answer_and_confirm(a, deal(), "goal", value_answer("grow"), kNow); }},
      {"no-source -> the same answer with its source keeps the confirmation", "goal:no-source",
       [](Assessment& a) { record_answer(a, deal(), "goal", value_answer("grow", ""), kNow); },
       [](Assessment& a) { record_answer(a, deal(), "goal", value_answer("grow"), kNow); }},
      {"no-source: a source that is no stakeholder -> answer with one", "goal:no-source",
       [](Assessment& a) { record_answer(a, deal(), "goal", value_answer("grow", "ghost"), kNow); },
       [](Assessment& a) { record_answer(a, deal(), "goal", value_answer("grow", "dana"), kNow); }},
      {"invalid -> answer again and confirm", "budget:invalid",
       [](Assessment& a) { a.answer("budget").value = std::string("maybe"); },
       [](Assessment& a) { answer_and_confirm(a, deal(), "budget", value_answer("none"), kNow); }},
      {"conflict -> answer again and confirm", "partner:conflict",
       [](Assessment& a) { a.answer("partner").state = State::conflict; },
       [](Assessment& a) {
         answer_and_confirm(a, deal(), "partner", value_answer("Initech"), kNow);
       }},
  };
  for (const Way& way : ways) {
    CAPTURE(way.name);
    Assessment a = ready_assessment();
    REQUIRE(assess(deal(), a, kNow, 60).ready());
    way.block(a);
    CHECK(blockers(assess(*way.checklist, a, way.when, 60)) == way.blocked);
    way.fix(a);
    CHECK(blockers(assess(*way.checklist, a, way.when, 60)) == "");
  }
}

TEST_CASE("gate: who may confirm: the source by default, any stakeholder, or one with a role") {
  const Checklist rules = load(R"({"cna": 1, "id": "deal", "version": "1.0.0", "title": "Deal",
    "confirm_with": "any", "sections": [{"id": "one", "title": "One", "items": [
    {"id": "goal", "type": "text", "prompt": "Goal?", "help": "h", "confirm_with": "source"},
    {"id": "budget", "type": "text", "prompt": "Budget?", "help": "h",
     "confirm_with": "economic-buyer"},
    {"id": "partner", "type": "text", "prompt": "Partner?", "help": "h"}]}]})");
  struct Case {
    const char* item;
    const char* with;
    const char* blocked;
  };
  // Lee Chan (the champion) said everything.
  for (const Case& c : std::vector<Case>{{"goal", "dana", "goal:wrong-confirmer"},
                                         {"goal", "", ""},
                                         {"budget", "lee", "budget:wrong-confirmer"},
                                         {"budget", "dana", ""},
                                         {"partner", "dana", ""}}) {
    CAPTURE(c.item);
    CAPTURE(c.with);
    Assessment a = new_assessment("acme", "Acme", rules);
    a.stakeholders.push_back({"dana", "Dana Lee", "CFO", {"economic-buyer"}, {}, {}, {}, ""});
    a.stakeholders.push_back({"lee", "Lee Chan", "", {"champion"}, {}, {}, {}, ""});
    record_answer(a, rules, c.item, value_answer("Grow", "lee"), kNow);
    record_confirmation(a, rules, c.item, *a.find_answer(c.item), c.with, kNow);
    const Readiness r = assess(rules, a, kNow, 30);
    const ItemStatus& s = *r.find(c.item);
    CHECK((s.blocker ? c.item + std::string(":") + std::string(to_string(*s.blocker)) : "") ==
          c.blocked);
    if (*c.blocked != '\0') {
      CHECK(contains(r.find(c.item)->detail, "confirmed with "));
    }
  }
  CHECK(
      contains(load_checklist(
                   R"({"cna": 1, "id": "d", "version": "1.0.0", "title": "D", "confirm_with": "cfo",
        "sections": [{"id": "s", "title": "S", "items": [{"id": "g", "type": "text", "prompt": "G?",
        "help": "h"}]}]})",
                   "d.json")
                   .problems.at(0)
                   .message,
               "unknown confirmation rule \"cfo\""));
}

TEST_CASE("gate: the period comes from the item, then the checklist, then the workspace") {
  struct Case {
    std::optional<int> item, checklist;
    int workspace;
    int age; // days since the confirmation
    bool stale;
  };
  const std::vector<Case> cases = {
      {7, 30, 60, 8, true},                       // the item's period wins
      {7, 30, 60, 7, true},                       // exactly the period is stale (younger than)
      {7, 30, 60, 6, false},                      //
      {std::nullopt, 30, 10, 30, true},           // the same boundary for the checklist's
      {std::nullopt, std::nullopt, 10, 10, true}, // and the workspace's period
      {90, 30, 10, 60, false},                    // a longer item period wins too
      {std::nullopt, 30, 10, 20, false},          // the checklist's over the workspace's
      {std::nullopt, 30, 10, 31, true},           //
      {std::nullopt, std::nullopt, 10, 11, true}, // the workspace's when no other is set
      {std::nullopt, std::nullopt, 10, 9, false}, //
      {std::nullopt, std::nullopt, 30, 40, true}, // the default of 30
  };
  for (const Case& k : cases) {
    CAPTURE(k.item.value_or(0));
    CAPTURE(k.checklist.value_or(0));
    CAPTURE(k.workspace);
    CAPTURE(k.age);
    const Checklist c = load(checklist_text(k.checklist, k.item));
    Assessment a = new_assessment("acme", "Acme", c);
    a.stakeholders.push_back({"dana", "Dana Lee", "", {}, {}, {}, {}, ""});
    answer_and_confirm(a, c, "goal", value_answer("grow"), kNow);
    const Readiness r = assess(c, a, kNow + days(k.age), k.workspace);
    const ItemStatus& goal = *r.find("goal");
    CHECK((goal.blocker == Reason::stale) == k.stale);
    const int period = k.item.value_or(k.checklist.value_or(k.workspace));
    REQUIRE(goal.stale_at);
    CHECK(*goal.stale_at == kNow + days(period));
    if (k.stale) CHECK(contains(goal.detail, "every " + std::to_string(period) + " days"));
  }
}

TEST_CASE("gate: the read-back blockers") {
  CHECK(cleared_by_confirmation(Reason::unconfirmed));
  CHECK(cleared_by_confirmation(Reason::stale));
  CHECK(cleared_by_confirmation(Reason::changed));
  for (const Reason r :
       {Reason::missing, Reason::unknown, Reason::no_source, Reason::invalid, Reason::conflict}) {
    CHECK_FALSE(cleared_by_confirmation(r));
  }
}

TEST_CASE("record_confirmation: what it records") {
  Assessment a = ready_assessment();
  record_answer(a, deal(), "goal", value_answer("shrink"), kNow);
  const Answer& goal = *a.find_answer("goal");
  CHECK(goal.confirmed_at.empty()); // a new value needs a new read-back
  const std::size_t history = a.history.size();
  SUBCASE("with the answer's own source by default") {
    record_confirmation(a, deal(), "goal", goal, "", kNow + 60);
    CHECK(goal.confirmed_at == "2026-11-23T10:01:00Z");
    CHECK(goal.confirmed_by == current_user());
    CHECK(goal.confirmed_with == "dana");
    REQUIRE(a.history.size() == history + 1);
    CHECK(a.history.back().action == "confirmed");
    CHECK(a.history.back().item == "goal");
    CHECK(a.history.back().source == "dana");
    CHECK(a.history.back().at == "2026-11-23T10:01:00Z");
    CHECK_FALSE(has_value(a.history.back().value));
  }
  SUBCASE("with the stakeholder named") {
    record_confirmation(a, deal(), "goal", goal, "lee", kNow);
    CHECK(goal.confirmed_with == "lee");
    CHECK(goal.source == "dana"); // who said it does not change
    CHECK(a.history.back().source == "lee");
  }
  SUBCASE("the item's hash becomes the current definition's") {
    const Checklist reworded = load(checklist_text(30, std::nullopt, "What is the goal?"));
    CHECK(goal.item_sha256 == deal().find("goal")->sha256);
    record_confirmation(a, reworded, "goal", goal, "", kNow);
    CHECK(goal.item_sha256 == reworded.find("goal")->sha256);
    CHECK(goal.item_sha256 != deal().find("goal")->sha256);
  }
  SUBCASE("re-confirming refreshes the date, and a note or a source change keeps it") {
    record_confirmation(a, deal(), "goal", goal, "", kNow);
    record_confirmation(a, deal(), "goal", goal, "", kNow + days(20));
    CHECK(goal.confirmed_at == format_timestamp(kNow + days(20)));
    record_answer(a, deal(), "goal", value_answer("shrink", "lee"), kNow + days(21));
    CHECK(goal.confirmed_at == format_timestamp(kNow + days(20)));
  }
}

TEST_CASE("record_confirmation: refusals leave the assessment as it was") {
  Assessment a = ready_assessment();
  Answer unknown;
  unknown.state = State::unknown;
  unknown.owner = "sam";
  unknown.due = "2026-12-01";
  record_answer(a, deal(), "budget", unknown, kNow);
  a.answer("partner").state = State::conflict;
  struct Refusal {
    std::string item;
    std::string with;
    const char* message;
  };
  const std::vector<Refusal> refusals = {
      {"nope", "", "no item \"nope\""},
      {"budget", "", "budget is unknown"},
      {"partner", "", "two answers that disagree"},
      {"goal", "ghost", "no stakeholder \"ghost\""},
  };
  for (const Refusal& r : refusals) {
    CAPTURE(r.item);
    const Assessment before = a;
    const Answer read_back = a.find_answer(r.item) ? *a.find_answer(r.item) : Answer{};
    const auto t =
        thrown_by([&] { record_confirmation(a, deal(), r.item, read_back, r.with, kNow); });
    CHECK(t.thrown);
    CHECK(t.code == Exit::usage);
    CHECK(contains(t.message, r.message));
    CHECK(check_confirmation(a, deal(), r.item).empty() == !r.with.empty());
    CHECK(a.history.size() == before.history.size());
  }
  SUBCASE("missing") {
    a.answers.erase(a.answers.begin());
    CHECK(contains(check_confirmation(a, deal(), "goal"), "no answer to read back"));
  }
  SUBCASE("invalid") {
    a.answer("goal").state = State::na; // the item does not allow n/a
    a.answer("goal").reason = "none";
    CHECK(contains(check_confirmation(a, deal(), "goal"), "cannot be marked n/a"));
  }
  SUBCASE("an answer changed by someone else since it was read back") {
    const Answer read_back = *a.find_answer("goal");
    record_answer(a, deal(), "goal", value_answer("shrink"), kNow);
    const auto t = thrown_by([&] { record_confirmation(a, deal(), "goal", read_back, "", kNow); });
    CHECK(contains(t.message, "changed by someone else"));
    CHECK(a.find_answer("goal")->confirmed_at.empty());
  }
}

TEST_SUITE_END();
