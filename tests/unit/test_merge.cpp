#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "cna/checklist.hpp"
#include "cna/merge.hpp"
#include "cna/readiness.hpp"
#include "cna/record.hpp"
#include "cna/store.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;
using cna::test::thrown_by;

namespace {

using cna::test::kNow;

Answer said(const std::string& value, const std::string& at = "2026-11-20T10:00:00Z",
            const std::string& confirmed = "") {
  Answer a;
  a.state = State::answered;
  a.value = value;
  a.source = "dana";
  a.answered_at = at;
  a.answered_by = "sam";
  a.confirmed_at = confirmed;
  return a;
}

Assessment with_answer(const std::optional<Answer>& answer) {
  Assessment a;
  a.account = "acme";
  a.name = "Acme";
  a.checklist = {"deal", "1.0.0", "abc"};
  if (answer) a.answers.emplace_back("goal", *answer);
  return a;
}

HistoryEntry entry(const std::string& at, const std::string& item, const std::string& by = "sam") {
  return {at, by, item, "answered", Value(std::string("v")), "", "", ""};
}

const HistoryEntry* kept_ours_entry(const Assessment& a) {
  for (const HistoryEntry& h : a.history) {
    if (h.action == "merge-kept-ours") return &h;
  }
  return nullptr;
}

} // namespace

TEST_SUITE_BEGIN("core::merge");

TEST_CASE("merge: one answer, table-driven") {
  const Answer one = said("one");
  const Answer two = said("two", "2026-11-21T10:00:00Z");
  const Answer two_later = said("two", "2026-11-22T09:00:00Z", "2026-11-22T09:30:00Z");
  const Answer three = said("three", "2026-11-21T11:00:00Z");
  const Answer one_confirmed = said("one", "2026-11-20T10:00:00Z", "2026-11-21T09:00:00Z");
  struct Case {
    const char* name;
    std::optional<Answer> base, ours, theirs;
    std::optional<Answer> expected; // ignored for a conflict
    bool conflict = false;
  };
  const Case cases[] = {
      {"unchanged", one, one, one, one},
      {"only ours changed", one, two, one, two},
      {"only theirs changed", one, one, two, two},
      {"the same change on both sides", one, two, two, two},
      {"the same answer stamped differently keeps the later confirmation", one, two, two_later,
       two_later},
      {"...whichever side has it", one, two_later, two, two_later},
      {"different changes conflict", one, two, three, {}, true},
      {"a read-back on one side yields to an edit on the other (which needs its own)", one,
       one_confirmed, two, two},
      {"...whichever side read it back", one, two, one_confirmed, two},
      {"added on one side", {}, {}, two, two},
      {"added on both sides alike", {}, two, two, two},
      {"added on both sides differently", {}, two, three, {}, true},
      {"removed on one side, unchanged on the other", one, {}, one, {}},
      {"removed on one side, edited on the other: the edit stays", one, {}, two, two},
      {"edited on one side, removed on the other: the edit stays", one, three, {}, three},
      {"removed on both sides", one, {}, {}, {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const MergeResult r =
        merge(with_answer(c.base), with_answer(c.ours), with_answer(c.theirs), kNow);
    const Answer* got = r.merged.find_answer("goal");
    if (c.conflict) {
      CHECK(r.conflicts == std::vector<std::string>{"goal"});
      REQUIRE(got != nullptr);
      CHECK(got->state == State::conflict);
      REQUIRE(got->sides.size() == 2);
      CHECK(got->sides[0] == *c.ours);
      CHECK(got->sides[1] == *c.theirs);
      CHECK(!has_value(got->value));
    } else {
      CHECK(r.conflicts.empty());
      CHECK(r.notes.empty());
      REQUIRE((got != nullptr) == c.expected.has_value());
      if (got != nullptr) CHECK(*got == *c.expected);
    }
  }
}

TEST_CASE("merge: edits of different items merge cleanly, in checklist order") {
  Assessment base = with_answer(said("one"));
  base.answers.emplace_back("budget", said("10k"));
  Assessment ours = base;
  ours.answers[0].second = said("ours");
  ours.answers.emplace_back("timeline", said("soon")); // new after budget
  Assessment theirs = base;
  theirs.answers[1].second = said("20k");
  theirs.answers.insert(theirs.answers.begin() + 1, {"scope", said("pilot")}); // after goal
  const MergeResult r = merge(base, ours, theirs, kNow);
  CHECK(r.conflicts.empty());
  std::vector<std::string> ids;
  for (const auto& [id, answer] : r.merged.answers)
    ids.push_back(id);
  CHECK(ids == std::vector<std::string>{"goal", "scope", "budget", "timeline"});
  CHECK(r.merged.find_answer("goal")->value == Value(std::string("ours")));
  CHECK(r.merged.find_answer("budget")->value == Value(std::string("20k")));
}

TEST_CASE("merge: retired answers merge like answers; their conflicts do not fail the merge") {
  Assessment base = with_answer({});
  base.retired.emplace_back("legacy", said("one"));
  Assessment ours = base, theirs = base;
  ours.retired[0].second = said("two");
  theirs.retired[0].second = said("three");
  const MergeResult r = merge(base, ours, theirs, kNow);
  CHECK(r.conflicts.empty());
  REQUIRE(r.notes.size() == 1);
  CHECK(contains(r.notes[0], "retired answer legacy"));
  CHECK(r.merged.retired[0].second.state == State::conflict);
  CHECK(r.merged.retired[0].second.sides.size() == 2);
}

TEST_CASE("merge: stakeholders by id") {
  const Stakeholder dana{"dana", "Dana Lee", "VP", {"champion"}, {}, {}, {}, ""};
  const Stakeholder lee{"lee", "Lee", "", {}, {}, {}, {}, ""};
  Assessment base = with_answer({});
  base.stakeholders = {dana};
  Assessment ours = base, theirs = base;

  SUBCASE("one-sided add and edit are taken") {
    theirs.stakeholders.push_back(lee);
    ours.stakeholders[0].title = "COO";
    const MergeResult r = merge(base, ours, theirs, kNow);
    REQUIRE(r.merged.stakeholders.size() == 2);
    CHECK(r.merged.stakeholders[0].title == "COO");
    CHECK(r.merged.stakeholders[1] == lee);
    CHECK(r.notes.empty());
  }
  SUBCASE("one-sided removal is taken") {
    theirs.stakeholders.clear();
    CHECK(merge(base, ours, theirs, kNow).merged.stakeholders.empty());
  }
  SUBCASE("the same person added on both sides is one") {
    ours.stakeholders.push_back(lee);
    theirs.stakeholders.push_back(lee);
    CHECK(merge(base, ours, theirs, kNow).merged.stakeholders.size() == 2);
  }
  SUBCASE("two different edits keep ours; theirs is noted in the history; no conflict") {
    ours.stakeholders[0].title = "COO";
    theirs.stakeholders[0].title = "CFO";
    const MergeResult r = merge(base, ours, theirs, kNow);
    CHECK(r.conflicts.empty());
    CHECK(r.merged.stakeholders[0].title == "COO");
    REQUIRE(r.notes.size() == 1);
    CHECK(contains(r.notes[0], "stakeholder dana"));
    REQUIRE(kept_ours_entry(r.merged) != nullptr);
    CHECK(kept_ours_entry(r.merged)->value == Value(std::string("stakeholder dana title: CFO")));
    CHECK(kept_ours_entry(r.merged)->at == "2026-11-23T10:00:00Z");
  }
  SUBCASE("edits of different fields of one stakeholder are both kept, field by field") {
    ours.stakeholders[0].stance = Stance::sceptic;
    ours.stakeholders[0].access_via = {"lee"};
    theirs.stakeholders[0].met = Met::yes;
    theirs.stakeholders[0].title = "CFO";
    const MergeResult r = merge(base, ours, theirs, kNow);
    CHECK(r.notes.empty());
    const Stakeholder& merged = r.merged.stakeholders.at(0);
    CHECK(merged.stance == Stance::sceptic);
    CHECK(merged.access_via == std::vector<std::string>{"lee"});
    CHECK(merged.met == Met::yes);
    CHECK(merged.title == "CFO");
    CHECK(merged.roles == dana.roles);
  }
  SUBCASE("the same field changed differently keeps ours and notes theirs") {
    ours.stakeholders[0].stance = Stance::sceptic;
    theirs.stakeholders[0].stance = Stance::supporter;
    theirs.stakeholders[0].met = Met::no;
    const MergeResult r = merge(base, ours, theirs, kNow);
    CHECK(r.merged.stakeholders.at(0).stance == Stance::sceptic);
    CHECK(r.merged.stakeholders.at(0).met == Met::no);
    REQUIRE(r.notes.size() == 1);
    CHECK(contains(r.notes[0], "stakeholder dana stance"));
    CHECK(contains(r.notes[0], "supporter"));
  }
}

TEST_CASE("merge: the history is the union, identical entries once, ordered by time") {
  Assessment base = with_answer({});
  base.history = {entry("2026-11-20T10:00:00Z", "a")};
  Assessment ours = base, theirs = base;
  ours.history.push_back(entry("2026-11-22T10:00:00Z", "ours"));
  ours.history.push_back(entry("2026-11-23T10:00:00Z", "both"));
  theirs.history.push_back(entry("2026-11-21T10:00:00Z", "theirs"));
  theirs.history.push_back(entry("2026-11-22T10:00:00Z", "theirs-same-second"));
  theirs.history.push_back(entry("2026-11-23T10:00:00Z", "both"));
  const MergeResult r = merge(base, ours, theirs, kNow);
  std::vector<std::string> items;
  for (const HistoryEntry& h : r.merged.history)
    items.push_back(h.item);
  CHECK(items == std::vector<std::string>{"a", "theirs", "ours", "theirs-same-second", "both"});
}

TEST_CASE("merge: the file's own fields") {
  Assessment base = with_answer({});
  base.extra = R"({"crm_id":"1","region":"north","old":true})";
  Assessment ours = base, theirs = base;

  SUBCASE("unknown fields key by key: one-sided changes, additions and removals") {
    ours.extra = R"({"crm_id":"1","region":"north","old":true,"tier":"gold"})";
    theirs.extra = R"({"crm_id":"2","region":"north"})";
    const MergeResult r = merge(base, ours, theirs, kNow);
    CHECK(r.merged.extra == R"({"crm_id":"2","region":"north","tier":"gold"})");
    CHECK(r.notes.empty());
  }
  SUBCASE("an unknown field changed differently keeps ours, theirs noted") {
    ours.extra = R"({"crm_id":"7","region":"north","old":true})";
    theirs.extra = R"({"crm_id":"8","region":"north","old":true})";
    const MergeResult r = merge(base, ours, theirs, kNow);
    CHECK(r.merged.extra == ours.extra);
    REQUIRE(kept_ours_entry(r.merged) != nullptr);
    CHECK(kept_ours_entry(r.merged)->value == Value(std::string(R"(field crm_id: "8")")));
  }
  SUBCASE("the name and the pin: a one-sided change is taken") {
    theirs.name = "Acme Corp";
    ours.checklist.version = "1.1.0";
    const MergeResult r = merge(base, ours, theirs, kNow);
    CHECK(r.merged.name == "Acme Corp");
    CHECK(r.merged.checklist.version == "1.1.0");
    CHECK(r.notes.empty());
  }
  SUBCASE("two different names keep ours, theirs noted") {
    ours.name = "Acme Inc";
    theirs.name = "Acme Corp";
    const MergeResult r = merge(base, ours, theirs, kNow);
    CHECK(r.merged.name == "Acme Inc");
    CHECK(kept_ours_entry(r.merged)->value == Value(std::string("name: Acme Corp")));
  }
}

TEST_CASE("merge: a conflict is stored, read back, blocks the gate and is resolved by answering") {
  const Checklist checklist = test::checklist_from(R"({"cna": 1, "id": "deal", "version": "1.0.0",
    "title": "Deal", "sections": [{"id": "one", "title": "One", "items": [
      {"id": "goal", "type": "text", "prompt": "Goal?", "help": "h", "source": false}]}]})");
  const MergeResult r =
      merge(with_answer(said("one")), with_answer(said("two")), with_answer(said("three")), kNow);
  const std::string text = serialize_assessment(r.merged);
  CHECK(contains(text, R"("goal": {
      "state": "conflict",
      "ours": {
        "state": "answered",
        "value": "two",)"));
  CHECK(contains(text, R"("theirs": {
        "state": "answered",
        "value": "three",)"));
  Assessment back = parse_assessment(text, "acme.json");
  CHECK(back == r.merged);
  CHECK(assess(checklist, back, kNow, 30).find("goal")->blocker == Reason::conflict);

  Answer kept_as_conflict = *back.find_answer("goal");
  CHECK(thrown_by([&] { record_answer(back, checklist, "goal", kept_as_conflict, kNow); }).code ==
        Exit::usage);

  REQUIRE(record_answer(back, checklist, "goal", said("two"), kNow));
  const Answer& resolved = *back.find_answer("goal");
  CHECK(resolved.state == State::answered);
  CHECK(resolved.sides.empty());
  CHECK(assess(checklist, back, kNow, 30).find("goal")->blocker == Reason::unconfirmed);
  CHECK_FALSE(contains(serialize_assessment(back), "theirs"));

  // A hand-edited conflict with one side keeps both places; the other reads as missing.
  const Assessment one_side = parse_assessment(
      R"({"cna": 1, "answers": {"goal": {"state": "conflict", "theirs": {"state": "answered",
      "value": "x"}}}})",
      "acme.json");
  const Answer& half = *one_side.find_answer("goal");
  REQUIRE(half.sides.size() == 2);
  CHECK(half.sides[0].state == State::missing);
  CHECK(half.sides[1].value == Value(std::string("x")));
}

TEST_CASE("merge: the driver's inputs") {
  CHECK(parse_merge_input("", "base", true) == Assessment{});
  CHECK(parse_merge_input(" \n", "base", true) == Assessment{});
  CHECK(thrown_by([] { (void)parse_merge_input("", "ours.json", false); }).code == Exit::data);
  const auto bad = thrown_by([] { (void)parse_merge_input("{\"cna\": 1,", "theirs.json", false); });
  CHECK(bad.code == Exit::data);
  CHECK(contains(bad.message, "theirs.json"));
  const Assessment a = with_answer(said("one"));
  CHECK(parse_merge_input(serialize_assessment(a), "base", true) == a);
}

TEST_SUITE_END();
