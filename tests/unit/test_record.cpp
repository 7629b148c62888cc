#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/record.hpp"
#include "cna/text.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;
using cna::test::thrown_by;

namespace {

const char* const kChecklist = R"({
  "cna": 1, "id": "deal", "version": "1.2.0", "title": "Deal",
  "sections": [
    {"id": "one", "title": "One", "items": [
      {"id": "goal", "type": "text", "prompt": "Goal?", "help": "h"},
      {"id": "budget", "type": "choice", "prompt": "Budget?", "help": "h", "options": ["approved", "none"]},
      {"id": "owner", "type": "person", "prompt": "Owner?", "help": "h"}
    ]},
    {"id": "two", "title": "Two", "items": [
      {"id": "partner", "type": "text", "prompt": "Partner?", "help": "h", "na": true},
      {"id": "plan", "type": "text", "prompt": "Plan?", "help": "h", "source": false}
    ]}
  ]
})";

const Checklist& checklist() {
  static const Checklist c = test::checklist_from(kChecklist);
  return c;
}

Seconds at(const char* timestamp) {
  const auto t = parse_timestamp(timestamp);
  if (!t) throw std::invalid_argument(timestamp);
  return *t;
}

Answer text_answer(const std::string& value, const std::string& source = "dana") {
  Answer a;
  a.state = State::answered;
  a.value = value;
  a.source = source;
  return a;
}

std::vector<std::string> ids_of(const Assessment& a) {
  std::vector<std::string> out;
  for (const auto& [id, answer] : a.answers)
    out.push_back(id);
  return out;
}

Assessment fresh() {
  Assessment a = new_assessment("acme", "Acme Corp", checklist());
  a.stakeholders.push_back({"dana", "Dana Lee", "VP", {"champion"}, {}, {}, {}, ""});
  a.stakeholders.push_back({"lee", "Lee", "", {}, {}, {}, {}, ""});
  return a;
}

} // namespace

TEST_SUITE_BEGIN("core::record");

TEST_CASE("record: new_assessment pins the checklist") {
  const Assessment a = new_assessment("acme", "Acme Corp", checklist());
  CHECK(a.cna == 1);
  CHECK(a.account == "acme");
  CHECK(a.name == "Acme Corp");
  CHECK(a.checklist.id == "deal");
  CHECK(a.checklist.version == "1.2.0");
  CHECK(a.checklist.sha256 == checklist().sha256);
  CHECK(a.answers.empty());
  CHECK(a.history.empty());
  CHECK(new_assessment("acme", "", checklist()).name == "acme");
}

TEST_CASE("record: record_answer stamps who, when and the item's hash") {
  Assessment a = fresh();
  const Seconds now = at("2026-11-23T10:04:00Z");
  CHECK(record_answer(a, checklist(), "goal", text_answer("grow"), now));
  const Answer* goal = a.find_answer("goal");
  REQUIRE(goal);
  CHECK(goal->state == State::answered);
  CHECK(goal->value == Value(std::string("grow")));
  CHECK(goal->source == "dana");
  CHECK(goal->answered_at == "2026-11-23T10:04:00Z");
  CHECK(goal->answered_by == current_user());
  CHECK_FALSE(goal->answered_by.empty());
  CHECK(goal->item_sha256 == checklist().find("goal")->sha256);
  CHECK(goal->confirmed_at.empty());

  REQUIRE(a.history.size() == 1);
  const HistoryEntry& h = a.history.back();
  CHECK(h.at == "2026-11-23T10:04:00Z");
  CHECK(h.by == current_user());
  CHECK(h.item == "goal");
  CHECK(h.action == "answered");
  CHECK(h.value == Value(std::string("grow")));
  CHECK(h.source == "dana");
}

TEST_CASE("record: answers stay in checklist order") {
  Assessment a = fresh();
  const Seconds now = at("2026-11-23T10:04:00Z");
  record_answer(a, checklist(), "plan", text_answer("p", ""), now);
  record_answer(a, checklist(), "zzz_from_a_newer_checklist", text_answer("z"), now);
  record_answer(a, checklist(), "goal", text_answer("g"), now);
  record_answer(a, checklist(), "owner", text_answer("dana"), now);
  CHECK(ids_of(a) ==
        std::vector<std::string>{"goal", "owner", "plan", "zzz_from_a_newer_checklist"});
  CHECK(a.history.size() == 4);
}

TEST_CASE("record: n/a and unknown answers are logged with their reason, owner and due date") {
  Assessment a = fresh();
  const Seconds now = at("2026-11-23T10:04:00Z");
  Answer na;
  na.state = State::na;
  na.reason = "direct deal";
  CHECK(record_answer(a, checklist(), "partner", na, now));
  CHECK(a.history.back().action == "na");
  CHECK(a.history.back().value == Value(std::string("direct deal")));

  Answer unknown;
  unknown.state = State::unknown;
  unknown.owner = "sam";
  unknown.due = "2026-12-01";
  CHECK(record_answer(a, checklist(), "goal", unknown, now));
  CHECK(a.history.back().action == "unknown");
  CHECK(a.history.back().value == Value(std::vector<std::string>{"sam", "2026-12-01"}));
  CHECK(a.find_answer("goal")->owner == "sam");
}

TEST_CASE("record: the same answer again changes nothing") {
  Assessment a = fresh();
  record_answer(a, checklist(), "goal", text_answer("grow"), at("2026-11-23T10:04:00Z"));
  Answer& slot = a.answer("goal");
  slot.confirmed_at = "2026-11-23T11:00:00Z";
  slot.confirmed_by = "sam";
  slot.confirmed_with = "dana";
  CHECK_FALSE(
      record_answer(a, checklist(), "goal", text_answer("grow"), at("2026-11-24T09:00:00Z")));
  CHECK(a.history.size() == 1);
  CHECK(a.find_answer("goal")->answered_at == "2026-11-23T10:04:00Z");
  CHECK(a.find_answer("goal")->confirmed_at == "2026-11-23T11:00:00Z");
}

TEST_CASE("record: a changed answer clears the confirmation") {
  Assessment a = fresh();
  record_answer(a, checklist(), "goal", text_answer("grow"), at("2026-11-23T10:04:00Z"));
  const auto confirm = [&] {
    Answer& slot = a.answer("goal");
    slot.confirmed_at = "2026-11-23T11:00:00Z";
    slot.confirmed_by = "sam";
    slot.confirmed_with = "dana";
  };
  SUBCASE("a new value") {
    confirm();
    CHECK(record_answer(a, checklist(), "goal", text_answer("shrink"), at("2026-11-24T09:00:00Z")));
    const Answer* goal = a.find_answer("goal");
    CHECK(goal->value == Value(std::string("shrink")));
    CHECK(goal->answered_at == "2026-11-24T09:00:00Z");
    CHECK(goal->confirmed_at.empty());
    CHECK(goal->confirmed_by.empty());
    CHECK(goal->confirmed_with.empty());
    CHECK(a.history.size() == 2);
  }
  SUBCASE("a new state") {
    confirm();
    Answer unknown;
    unknown.state = State::unknown;
    unknown.owner = "sam";
    unknown.due = "2026-12-01";
    CHECK(record_answer(a, checklist(), "goal", unknown, at("2026-11-24T09:00:00Z")));
    CHECK(a.find_answer("goal")->confirmed_at.empty());
    CHECK_FALSE(has_value(a.find_answer("goal")->value));
  }
  SUBCASE("the same value after the item's definition changed is re-stamped") {
    confirm();
    a.answer("goal").item_sha256 = std::string(64, '0');
    CHECK(record_answer(a, checklist(), "goal", text_answer("grow"), at("2026-11-24T09:00:00Z")));
    CHECK(a.find_answer("goal")->item_sha256 == checklist().find("goal")->sha256);
    CHECK(a.find_answer("goal")->confirmed_at.empty());
  }
  SUBCASE("only a new note keeps the confirmation of the unchanged value") {
    confirm();
    Answer same = text_answer("grow");
    same.note = "she repeated it";
    CHECK(record_answer(a, checklist(), "goal", same, at("2026-11-24T09:00:00Z")));
    const Answer* goal = a.find_answer("goal");
    CHECK(goal->note == "she repeated it");
    CHECK(goal->confirmed_at == "2026-11-23T11:00:00Z");
    CHECK(goal->confirmed_with == "dana");
  }
}

TEST_CASE("record: notes and unknown fields survive a new answer") {
  Assessment a = fresh();
  Answer first = text_answer("grow");
  first.note = "from the kickoff";
  record_answer(a, checklist(), "goal", first, at("2026-11-23T10:04:00Z"));
  a.answer("goal").extra = R"({"x_crm_id":"42"})";
  CHECK(record_answer(a, checklist(), "goal", text_answer("shrink"), at("2026-11-24T09:00:00Z")));
  CHECK(a.find_answer("goal")->note == "from the kickoff");
  CHECK(a.find_answer("goal")->extra == R"({"x_crm_id":"42"})");
}

TEST_CASE("record: record_note") {
  Assessment a = fresh();
  record_answer(a, checklist(), "goal", text_answer("grow"), at("2026-11-23T10:04:00Z"));
  CHECK(record_note(a, checklist(), "goal", "call back", at("2026-11-23T10:05:00Z")));
  CHECK(a.find_answer("goal")->note == "call back");
  CHECK(a.find_answer("goal")->state == State::answered);
  CHECK(a.history.back().action == "note");
  CHECK(a.history.back().value == Value(std::string("call back")));
  CHECK_FALSE(record_note(a, checklist(), "goal", "call back", at("2026-11-23T10:06:00Z")));
  CHECK(a.history.size() == 2);
}

TEST_CASE("record: a note on an unanswered item keeps checklist order") {
  Assessment a = fresh();
  const Checklist& c = checklist();
  record_answer(a, c, c.items.back().id, text_answer("late"), at("2026-11-23T10:04:00Z"));
  CHECK(record_note(a, c, c.items.front().id, "ask again", at("2026-11-23T10:05:00Z")));
  REQUIRE(a.answers.size() == 2);
  CHECK(a.answers.front().first == c.items.front().id);
  CHECK(a.answers.front().second.state == State::missing);
}

TEST_CASE("record: stakeholders") {
  Assessment a = new_assessment("acme", "Acme", checklist());
  const Seconds now = at("2026-11-23T10:04:00Z");
  Stakeholder dana{"dana", "Dana Lee", "VP Operations", {"economic-buyer"}, {}, {}, {}, ""};

  SUBCASE("added, edited, unchanged") {
    CHECK(record_stakeholder(a, dana, now));
    REQUIRE(a.stakeholders.size() == 1);
    CHECK(a.history.back().action == "stakeholder-added");
    CHECK(a.history.back().item == "dana");
    CHECK_FALSE(record_stakeholder(a, dana, now));
    CHECK(a.history.size() == 1);

    a.stakeholders[0].extra = R"({"x_phone":"1"})";
    dana.title = "COO";
    CHECK(record_stakeholder(a, dana, now));
    REQUIRE(a.stakeholders.size() == 1);
    CHECK(a.stakeholders[0].title == "COO");
    CHECK(a.stakeholders[0].extra == R"({"x_phone":"1"})");
    CHECK(a.history.back().action == "stakeholder-edited");
    CHECK(a.find_stakeholder("dana") == &a.stakeholders[0]);
  }
  SUBCASE("removed only when no answer names them") {
    record_stakeholder(a, dana, now);
    record_stakeholder(a, {"lee", "Lee", "", {}, {}, {}, {}, ""}, now);
    CHECK(thrown_by([&] { remove_stakeholder(a, "nobody", now); }).code == Exit::usage);

    record_answer(a, checklist(), "goal", text_answer("grow", "dana"), now);
    auto t = thrown_by([&] { remove_stakeholder(a, "dana", now); });
    CHECK(t.code == Exit::usage);
    CHECK(contains(t.message, "goal"));

    record_answer(a, checklist(), "goal", text_answer("grow", "lee"), now);
    record_answer(a, checklist(), "owner", text_answer("dana", "lee"), now);
    t = thrown_by([&] { remove_stakeholder(a, "dana", now); });
    CHECK(t.code == Exit::usage);
    CHECK(contains(t.message, "owner"));

    record_answer(a, checklist(), "owner", text_answer("lee", "lee"), now);
    a.answer("goal").confirmed_with = "dana";
    CHECK(thrown_by([&] { remove_stakeholder(a, "dana", now); }).code == Exit::usage);

    a.answer("goal").confirmed_with = "lee";
    const std::size_t history = a.history.size();
    CHECK_FALSE(thrown_by([&] { remove_stakeholder(a, "dana", now); }).thrown);
    CHECK(a.find_stakeholder("dana") == nullptr);
    CHECK(a.stakeholders.size() == 1);
    CHECK(a.history.size() == history + 1);
    CHECK(a.history.back().action == "stakeholder-removed");
    CHECK(a.history.back().item == "dana");
  }
}

TEST_CASE("record: rename_stakeholder moves every reference to the new id, with history") {
  Assessment a = fresh();
  const Seconds now = at("2026-11-23T10:04:00Z");
  a.stakeholders.push_back({"raj", "Raj", "", {}, {}, {}, {"dana"}, ""});
  record_answer(a, checklist(), "goal", text_answer("dana", "dana"), now); // a text, not a person
  a.answer("goal").confirmed_with = "dana";
  record_answer(a, checklist(), "owner", text_answer("dana", "lee"), now);
  Answer unknown;
  unknown.state = State::unknown;
  unknown.owner = "dana";
  unknown.due = "2026-12-01";
  record_answer(a, checklist(), "partner", unknown, now);
  Answer conflict = text_answer("x", "lee");
  conflict.sides = {text_answer("a", "dana"), text_answer("b", "lee")};
  a.answer("budget") = conflict;
  a.retired.push_back({"old", text_answer("dana", "dana")});
  a.meetings.push_back({"m1", "2026-11-20", "Call", {"lee", "dana"}, {}, "", "", "", "", ""});
  a.next_steps.push_back({"n1", "Send", "dana", "", "", "", "", "", ""});
  a.next_steps.push_back({"n2", "Call", "sam", "", "", "", "", "", ""});
  const std::size_t history = a.history.size();

  rename_stakeholder(a, checklist(), "dana", "dana-lee", now);
  CHECK(a.find_stakeholder("dana") == nullptr);
  REQUIRE(a.find_stakeholder("dana-lee") != nullptr);
  CHECK(a.find_stakeholder("dana-lee")->name == "Dana Lee");
  CHECK(a.find_stakeholder("raj")->access_via == std::vector<std::string>{"dana-lee"});
  CHECK(a.answer("goal").source == "dana-lee");
  CHECK(a.answer("goal").confirmed_with == "dana-lee");
  CHECK(std::get<std::string>(a.answer("goal").value) == "dana"); // text keeps its words
  CHECK(std::get<std::string>(a.answer("owner").value) == "dana-lee");
  CHECK(a.answer("partner").owner == "dana-lee");
  CHECK(a.answer("budget").sides[0].source == "dana-lee");
  CHECK(a.retired[0].second.source == "dana-lee");
  CHECK(std::get<std::string>(a.retired[0].second.value) == "dana"); // its type is unknown
  CHECK(a.meetings[0].attendees == std::vector<std::string>{"lee", "dana-lee"});
  CHECK(a.next_steps[0].owner == "dana-lee");
  CHECK(a.next_steps[1].owner == "sam");
  REQUIRE(a.history.size() == history + 1);
  CHECK(a.history.back().action == "stakeholder-renamed");
  CHECK(a.history.back().item == "dana-lee");
  CHECK(a.history.back().value == Value(std::string("dana")));

  const Assessment before = a;
  CHECK(thrown_by([&] { rename_stakeholder(a, checklist(), "nobody", "x", now); }).code ==
        Exit::usage);
  CHECK(thrown_by([&] { rename_stakeholder(a, checklist(), "lee", "raj", now); }).code ==
        Exit::usage);
  CHECK(thrown_by([&] { rename_stakeholder(a, checklist(), "lee", "Lee Chan", now); }).code ==
        Exit::usage);
  CHECK(a == before);
}

TEST_SUITE_END();

TEST_CASE("record: new_stakeholder_id is a unique slug within the slug rule") {
  Assessment a;
  CHECK(new_stakeholder_id(a, "Dana Lee") == "dana-lee");
  CHECK(new_stakeholder_id(a, "!!!").empty());
  const std::string long_name(63, 'a');
  const std::string first = new_stakeholder_id(a, long_name);
  CHECK(first == long_name);
  a.stakeholders.push_back({first, long_name, "", {}, {}, {}, {}, ""});
  const std::string second = new_stakeholder_id(a, long_name);
  CHECK(second == std::string(61, 'a') + "-2"); // was 63 a's and "-2": 65 characters
  CHECK(second.size() == 63);
  CHECK(check_stakeholder(Stakeholder{second, long_name, "", {}, {}, {}, {}, ""}).empty());
  a.stakeholders.push_back({second, long_name, "", {}, {}, {}, {}, ""});
  CHECK(new_stakeholder_id(a, long_name) == std::string(61, 'a') + "-3");
  // A dash left at the cut is dropped, not doubled: "a…a-bb" cut after the dash reads "a…a-2".
  const std::string dashed = std::string(60, 'a') + " bb";
  CHECK(suggest_slug(dashed) == std::string(60, 'a') + "-bb");
  a.stakeholders.push_back({suggest_slug(dashed), dashed, "", {}, {}, {}, {}, ""});
  CHECK(new_stakeholder_id(a, dashed) == std::string(60, 'a') + "-2");
}
