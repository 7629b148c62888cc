#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/import.hpp"
#include "cna/readiness.hpp"
#include "cna/record.hpp"
#include "cna/text.hpp"
#include "cna/views.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;

namespace {

const char* const kChecklist = R"({
  "cna": 1, "id": "deal", "version": "1.2.0", "title": "Deal",
  "sections": [
    {"id": "one", "title": "One", "items": [
      {"id": "goal", "type": "text", "prompt": "Goal?", "help": "h"},
      {"id": "budget", "type": "money", "prompt": "Budget?", "help": "h"},
      {"id": "seats", "type": "number", "prompt": "Seats?", "help": "h", "min": 1, "integer": true},
      {"id": "owner", "type": "person", "prompt": "Owner?", "help": "h"},
      {"id": "pilot", "type": "yesno", "prompt": "Pilot?", "help": "h"},
      {"id": "pilot_size", "type": "number", "prompt": "Pilot size?", "help": "h", "when": "pilot == true"}
    ]},
    {"id": "two", "title": "Two", "items": [
      {"id": "partner", "type": "text", "prompt": "Partner?", "help": "h", "na": true},
      {"id": "criteria", "type": "list", "prompt": "Criteria?", "help": "h"}
    ]}
  ]
})";

const Checklist& deal() {
  static const Checklist checklist = test::checklist_from(kChecklist);
  return checklist;
}

const Seconds kNow = *parse_timestamp("2026-11-23T10:00:00Z");

InputContext context() { return {nullptr, "EUR", kNow, {}}; }

Assessment account() {
  Assessment a = new_assessment("acme", "Acme", deal());
  a.stakeholders.push_back({"dana-lee", "Dana Lee", "", {}, {}, {}, {}, {}});
  return a;
}

ImportPlan plan_of(const std::string& text, const Assessment& a = account()) {
  return read_import(text, "in.json", deal(), a, context());
}

std::vector<std::string> messages(const ImportPlan& plan) {
  std::vector<std::string> out;
  for (const Problem& p : plan.problems)
    out.push_back(format_problem(p));
  return out;
}

} // namespace

TEST_SUITE_BEGIN("core::import");

TEST_CASE("strings use the input grammar; other values must be the stored form") {
  const ImportPlan plan = plan_of(R"({"answers": {
    "goal": "Grow", "budget": "250k", "seats": 12, "pilot": "yes",
    "criteria": ["Price", "Support"], "owner": "Dana Lee"}})");
  REQUIRE(plan.problems.empty());
  REQUIRE(plan.answers.size() == 6);
  CHECK(plan.answers[0].answer.value == Value(std::string("Grow")));
  CHECK(plan.answers[1].answer.value == Value(Money{250000, "EUR"}));
  CHECK(plan.answers[2].answer.value == Value(12.0));
  CHECK(plan.answers[3].answer.value == Value(true));
  CHECK(plan.answers[4].answer.value == Value(std::vector<std::string>{"Price", "Support"}));
  CHECK(plan.answers[5].answer.value == Value(std::string("dana-lee")));
}

TEST_CASE("entry objects: value with source and note, unknown, n/a, note only") {
  const ImportPlan plan = plan_of(R"({"answers": {
    "goal": {"value": "Grow", "source": "dana-lee", "note": "her words"},
    "budget": {"unknown": {"owner": "sam", "due": "+7d"}},
    "partner": {"na": "direct deal"},
    "criteria": {"note": "ask procurement"}}})");
  REQUIRE(plan.problems.empty());
  REQUIRE(plan.answers.size() == 4);
  CHECK(plan.answers[0].answer.source == "dana-lee");
  CHECK(plan.answers[0].answer.note == "her words");
  CHECK(plan.answers[1].answer.state == State::unknown);
  CHECK(plan.answers[1].answer.due == "2026-11-30");
  CHECK(plan.answers[2].answer.state == State::na);
  CHECK(plan.answers[2].answer.reason == "direct deal");
  CHECK(plan.answers[3].answer.state == State::missing);
  CHECK(plan.answers[3].answer.note == "ask procurement");
}

TEST_CASE("every problem is reported, in file order, with its position and path") {
  const std::string text = R"({"answers": {
  "gaol": "Grow",
  "seats": 0,
  "goal": {"value": "Grow", "source": "nobody"},
  "partner": {"value": "x", "na": "y"},
  "criteria": [1],
  "goal": "again"
}, "other": 1})";
  const ImportPlan plan = plan_of(text);
  const auto found = messages(plan);
  REQUIRE(found.size() == 7);
  CHECK(found[0] == "in.json:" + test::line_col(text, "\"Grow\"") +
                        ": answers.gaol: error: no item \"gaol\" in checklist deal (did you mean "
                        "goal?)");
  CHECK(contains(found[1], "answers.seats: error: expected a whole number of at least 1"));
  CHECK(contains(found[2], "answers.goal.source: error: no stakeholder \"nobody\""));
  CHECK(contains(found[3], "answers.partner: error: give one of"));
  CHECK(contains(found[4], "answers.criteria: error: expected the answer as"));
  CHECK(found[5] == "in.json:" + test::line_col(text, "\"goal\"", 2) +
                        ": answers.goal: error: duplicate key (each item may appear once)");
  CHECK(contains(found[6], "other: error: unknown field \"other\""));
}

TEST_CASE("a syntax error is one problem") {
  const ImportPlan plan = plan_of("{\"answers\": {\"goal\": }");
  REQUIRE(plan.problems.size() == 1);
  CHECK(contains(format_problem(plan.problems[0]), "in.json:1:22: error:"));
}

TEST_CASE("n/a only where allowed; unknown needs an owner and a date") {
  const auto found = messages(plan_of(R"({"answers": {
    "goal": {"na": "x"}, "budget": {"unknown": {"owner": "", "due": "today"}},
    "seats": {"unknown": {"owner": "sam", "due": "2026-02-30"}}}})"));
  REQUIRE(found.size() == 3);
  CHECK(contains(found[0], "this item cannot be marked n/a"));
  CHECK(contains(found[1], "give the owner"));
  CHECK(contains(found[2], "not a calendar date"));
}

TEST_CASE("stakeholders of the file merge with the account's and may be named as sources") {
  const ImportPlan plan = plan_of(R"({
    "stakeholders": [{"id": "dana-lee", "title": "COO"}, {"id": "ben", "name": "Ben", "roles": ["champion"]}],
    "answers": {"goal": {"value": "Grow", "source": "ben"}, "owner": "ben"}})");
  REQUIRE(plan.problems.empty());
  REQUIRE(plan.stakeholders.size() == 2);
  CHECK(plan.stakeholders[0].name == "Dana Lee");
  CHECK(plan.stakeholders[0].title == "COO");
  const auto bad = messages(plan_of(R"({"stakeholders": [{"id": "Ben X", "name": "Ben"},
    {"id": "cy", "name": "Cy", "roles": ["boss"]}, {"id": "dd"}]})"));
  REQUIRE(bad.size() == 3);
  CHECK(contains(bad[0], "(try \"ben-x\")"));
  CHECK(contains(bad[1], "unknown role \"boss\""));
  CHECK(contains(bad[2], "a stakeholder needs a name"));
}

TEST_CASE("an answer made inapplicable by the other answers is a warning, not an error") {
  const ImportPlan plan = plan_of(R"({"answers": {"pilot": false, "pilot_size": 5}})");
  REQUIRE(plan.problems.size() == 1);
  CHECK(plan.problems[0].severity == Severity::warning);
  CHECK(contains(plan.problems[0].message, "pilot == true"));
}

TEST_CASE("apply_import records every change with its history") {
  Assessment a = account();
  const ImportPlan plan = plan_of(R"({"stakeholders": [{"id": "ben", "name": "Ben"}],
    "answers": {"goal": {"value": "Grow", "source": "dana-lee"}, "criteria": {"note": "n"}}})",
                                  a);
  REQUIRE(plan.problems.empty());
  CHECK(apply_import(a, deal(), plan, kNow) == 3);
  CHECK(a.find_answer("goal")->source == "dana-lee");
  CHECK(a.find_answer("criteria")->note == "n");
  CHECK(a.history.size() == 3);
  CHECK(apply_import(a, deal(), plan, kNow) == 0);
}

TEST_SUITE_END();

TEST_SUITE_BEGIN("core::input answers that are not values");

TEST_CASE("parse_unknown and parse_na") {
  const auto unknown = parse_unknown("  sam ", "+2w", context());
  REQUIRE(unknown.ok());
  CHECK(unknown.answer.owner == "sam");
  CHECK(unknown.answer.due == "2026-12-07");
  CHECK_FALSE(parse_unknown("tbd", "today", context()).ok());
  CHECK_FALSE(parse_unknown("sam\nben", "today", context()).ok());
  CHECK_FALSE(parse_unknown("sam", "someday", context()).ok());
  const Item& partner = *deal().find("partner");
  CHECK(parse_na(partner, " direct ").answer.reason == "direct");
  CHECK(parse_na(partner, "n/a").error.reason == "give the reason it does not apply");
  CHECK(parse_na(*deal().find("goal"), "direct").error.reason == "this item cannot be marked n/a");
}

TEST_CASE("closest suggests a near id, also from a typo in the first letters, else nothing") {
  const std::vector<std::string> ids = {"budget_status", "budget_amount", "decision_date"};
  CHECK(closest("budget_amout", ids) == "budget_amount");
  CHECK(closest("budgt", ids) == "budget_status");
  CHECK(closest("DECISION_DATE", ids) == "decision_date");
  CHECK(closest("decision_dtae", ids) == "decision_date");
  CHECK(closest("zzzz", ids).empty());
  CHECK(closest("", ids).empty());
  // A tie on the first letters goes to the nearer whole word, whatever the order.
  CHECK(closest("chek", {"checklist", "check"}) == "check");
  CHECK(closest("stauts", {"start", "status"}) == "status");
}

TEST_SUITE_END();

TEST_SUITE_BEGIN("core::views");

TEST_CASE("status JSON: one account per line, keys in the documented order") {
  Assessment a = account();
  Answer goal;
  goal.state = State::answered;
  goal.value = std::string("Grow");
  record_answer(a, deal(), "goal", goal, kNow);
  const Readiness r = assess(deal(), a, kNow, 30);
  StatusJson json;
  std::string text = json.add(StatusJson::object(a, deal(), r, quality_of(a, r, kNow)));
  text += json.add(StatusJson::object(a, deal(), r, quality_of(a, r, kNow)));
  text += json.finish();
  CHECK(text.rfind("{\"cna_status\": 2, \"accounts\": [\n{\"account\":\"acme\",\"name\":\"Acme\","
                   "\"checklist\":{\"id\":\"deal\",\"version\":\"1.2.0\"},\"ready\":false,",
                   0) == 0);
  CHECK(contains(text, "{\"item\":\"goal\",\"reason\":\"no-source\",\"detail\":\"no stakeholder "
                       "named as the source\"}"));
  CHECK(contains(text, "},\n{\"account\""));
  CHECK(text.ends_with("}]}\n], \"errors\": []}\n"));
  CHECK(StatusJson().finish() == "{\"cna_status\": 2, \"accounts\": [\n], \"errors\": []}\n");
  StatusJson failing;
  failing.failed("beta", "assessments/beta.json:1:3: unexpected end");
  CHECK(failing.finish() == "{\"cna_status\": 2, \"accounts\": [\n], \"errors\": "
                            "[{\"account\":\"beta\",\"error\":\"assessments/beta.json:1:3: "
                            "unexpected end\"}]}\n");
}

TEST_SUITE_END();
