#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/readiness.hpp"
#include "cna/record.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;
using cna::test::ScopedEnv;

namespace {

// `reconfirm` is the checklist's setting line (may be empty: the workspace's then applies).
std::string checklist_text(const std::string& reconfirm) {
  return R"({
  "cna": 1, "id": "deal", "version": "1.0.0", "title": "Deal",)" +
         reconfirm + R"j(
  "sections": [
    {"id": "one", "title": "One", "items": [
      {"id": "goal", "type": "text", "prompt": "Goal?", "help": "h"},
      {"id": "budget", "type": "choice", "prompt": "Budget?", "help": "h", "options": ["approved", "none"]},
      {"id": "owner", "type": "person", "prompt": "Owner?", "help": "h", "when": "budget == 'approved'"},
      {"id": "owner_title", "type": "text", "prompt": "Owner's title?", "help": "h", "when": "answered(owner)"}
    ]},
    {"id": "two", "title": "Two", "items": [
      {"id": "partner", "type": "text", "prompt": "Partner?", "help": "h", "na": true},
      {"id": "extra", "type": "text", "prompt": "Anything else?", "help": "h", "required": false},
      {"id": "plan", "type": "text", "prompt": "Our plan?", "help": "h", "source": false, "reconfirm_after_days": 7}
    ]}
  ]
})j";
}

Checklist load(const std::string& reconfirm) {
  return test::checklist_from(checklist_text(reconfirm));
}

const Checklist& checklist() {
  static const Checklist c = load("\n  \"reconfirm_after_days\": 30,");
  return c;
}

using cna::test::kNow;

// A confirmed answer, current for `item` of `c`.
Answer done(const Checklist& c, const std::string& item, Value value,
            const std::string& source = "dana", Seconds confirmed = kNow - days(1)) {
  Answer a;
  a.state = State::answered;
  a.value = std::move(value);
  a.source = source;
  a.answered_at = format_timestamp(confirmed);
  a.answered_by = "sam";
  a.item_sha256 = c.find(item)->sha256;
  a.confirmed_at = format_timestamp(confirmed);
  a.confirmed_by = "sam";
  a.confirmed_with = "dana";
  return a;
}

// Every required applicable item answered and confirmed: the gate is open.
Assessment ready_assessment(const Checklist& c = checklist()) {
  Assessment a = new_assessment("acme", "Acme", c);
  a.stakeholders.push_back({"dana", "Dana Lee", "VP", {}, {}, {}, {}, ""});
  a.answer("goal") = done(c, "goal", std::string("grow"));
  a.answer("budget") = done(c, "budget", std::string("none"));
  Answer na = done(c, "partner", {});
  na.state = State::na;
  na.reason = "direct deal";
  a.answer("partner") = na;
  a.answer("plan") = done(c, "plan", std::string("demo first"), "");
  return a;
}

// "goal:missing budget:stale": every blocker, in checklist order.
std::string blockers(const Readiness& r) {
  std::string out;
  for (const ItemStatus& s : r.items) {
    if (!s.blocker) continue;
    if (!out.empty()) out += ' ';
    out += s.item->id + ":" + std::string(to_string(*s.blocker));
  }
  return out;
}

} // namespace

TEST_SUITE_BEGIN("core::readiness");

TEST_CASE("readiness: reason names") {
  CHECK(format_timestamp(kNow) == "2026-11-23T10:00:00Z");
  CHECK(to_string(Reason::missing) == "missing");
  CHECK(to_string(Reason::unknown) == "unknown");
  CHECK(to_string(Reason::no_source) == "no-source");
  CHECK(to_string(Reason::unconfirmed) == "unconfirmed");
  CHECK(to_string(Reason::stale) == "stale");
  CHECK(to_string(Reason::changed) == "changed");
  CHECK(to_string(Reason::invalid) == "invalid");
  CHECK(to_string(Reason::conflict) == "conflict");
}

TEST_CASE("readiness: a fresh assessment is blocked by every applicable required item") {
  const Assessment a = new_assessment("acme", "Acme", checklist());
  const Readiness r = assess(checklist(), a, kNow, 30);
  CHECK_FALSE(r.ready());
  CHECK(blockers(r) == "goal:missing budget:missing partner:missing plan:missing");
  CHECK(r.items.size() == checklist().items.size());
  CHECK(r.applicable == 5); // owner and owner_title wait for their conditions
  CHECK(r.answered == 0);
  CHECK(r.confirmed == 0);
  CHECK(r.blockers == 4);
  REQUIRE(r.find("owner"));
  CHECK_FALSE(r.find("owner")->applicable);
  CHECK_FALSE(r.find("owner")->blocker);
  CHECK(r.find("extra")->applicable);
  CHECK_FALSE(r.find("extra")->blocker);
  CHECK(r.find("nope") == nullptr);
  REQUIRE(r.sections.size() == 2);
  CHECK(r.sections[0].applicable == 2);
  CHECK(r.sections[0].blocked == 2);
  CHECK(r.sections[1].applicable == 3);
  CHECK(r.sections[1].blocked == 2);
}

TEST_CASE("readiness: ready when every applicable required item is done") {
  const Assessment a = ready_assessment();
  const Readiness r = assess(checklist(), a, kNow, 30);
  CHECK(blockers(r) == "");
  CHECK(r.ready());
  CHECK(r.applicable == 5);
  CHECK(r.answered == 4);
  CHECK(r.confirmed == 4);
  CHECK(r.sections[0].applicable == 2);
  CHECK(r.sections[0].done == 2);
  CHECK(r.sections[0].confirmed == 2);
  CHECK(r.sections[0].blocked == 0);
  CHECK(r.sections[1].applicable == 3);
  CHECK(r.sections[1].done == 2);
  CHECK(r.sections[1].confirmed == 2);
  CHECK(r.find("partner")->state == State::na);
  CHECK(r.find("goal")->answer == a.find_answer("goal"));
}

TEST_CASE("readiness: conditions decide which items apply") {
  Assessment a = ready_assessment();
  SUBCASE("a condition that turns true adds a blocker") {
    a.answer("budget") = done(checklist(), "budget", std::string("approved"));
    const Readiness r = assess(checklist(), a, kNow, 30);
    CHECK(r.find("owner")->applicable);
    CHECK(blockers(r) == "owner:missing");
    CHECK(r.applicable == 6);
    CHECK(applicable_items(checklist(), a) ==
          std::vector<bool>{true, true, true, false, true, true, true});
  }
  SUBCASE("answers of items that stop applying are kept but not counted") {
    a.answer("owner") = done(checklist(), "owner", std::string("dana"));
    a.answer("owner_title") = done(checklist(), "owner_title", std::string("VP"));
    const Readiness r = assess(checklist(), a, kNow, 30);
    CHECK(r.ready());
    CHECK(r.applicable == 5);
    CHECK(r.answered == 4);
    const ItemStatus* owner = r.find("owner");
    CHECK_FALSE(owner->applicable);
    CHECK(owner->answer == a.find_answer("owner")); // kept, still visible
    CHECK(owner->state == State::answered);
    // owner_title depends on owner, which does not apply: it does not apply either.
    CHECK_FALSE(r.find("owner_title")->applicable);
    CHECK(a.find_answer("owner_title") != nullptr);
    CHECK(applicable_items(checklist(), a) ==
          std::vector<bool>{true, true, false, false, true, true, true});
  }
  SUBCASE("the whole chain applies once its conditions hold") {
    a.answer("budget") = done(checklist(), "budget", std::string("approved"));
    a.answer("owner") = done(checklist(), "owner", std::string("dana"));
    const Readiness r = assess(checklist(), a, kNow, 30);
    CHECK(blockers(r) == "owner_title:missing");
  }
}

TEST_CASE("readiness: every blocker reason") {
  const Checklist& c = checklist();
  Assessment a = ready_assessment();
  SUBCASE("missing") {
    a.answers.erase(a.answers.begin());
    CHECK(blockers(assess(c, a, kNow, 30)) == "goal:missing");
  }
  SUBCASE("unknown") {
    Answer& goal = a.answer("goal");
    goal.state = State::unknown;
    goal.value = {};
    goal.owner = "sam";
    goal.due = "2026-12-01";
    const Readiness r = assess(c, a, kNow, 30);
    CHECK(blockers(r) == "goal:unknown");
    CHECK(contains(r.find("goal")->detail, "sam"));
    CHECK(contains(r.find("goal")->detail, "2026-12-01"));
    CHECK(r.answered == 3);
  }
  SUBCASE("no-source: none named") {
    a.answer("goal").source.clear();
    CHECK(blockers(assess(c, a, kNow, 30)) == "goal:no-source");
  }
  SUBCASE("no-source: not a stakeholder of the account") {
    a.answer("goal").source = "ghost";
    const Readiness r = assess(c, a, kNow, 30);
    CHECK(blockers(r) == "goal:no-source");
    CHECK(contains(r.find("goal")->detail, "ghost"));
  }
  SUBCASE("no source needed where the item says so") {
    a.answer("plan").source.clear();
    CHECK(assess(c, a, kNow, 30).ready());
  }
  SUBCASE("unconfirmed") {
    a.answer("goal").confirmed_at.clear();
    const Readiness r = assess(c, a, kNow, 30);
    CHECK(blockers(r) == "goal:unconfirmed");
    CHECK(r.answered == 4);
    CHECK(r.confirmed == 3);
  }
  SUBCASE("unconfirmed: a confirmation that is not a timestamp") {
    a.answer("goal").confirmed_at = "yesterday";
    CHECK(blockers(assess(c, a, kNow, 30)) == "goal:unconfirmed");
  }
  SUBCASE("stale: older than the checklist's period") {
    a.answer("goal") = done(c, "goal", std::string("grow"), "dana", kNow - days(31));
    const Readiness r = assess(c, a, kNow, 30);
    CHECK(blockers(r) == "goal:stale");
    CHECK(contains(r.find("goal")->detail, "31 days"));
    // Fresh means younger than the period: exactly 30 days old is stale, a second less is not.
    a.answer("goal") = done(c, "goal", std::string("grow"), "dana", kNow - days(30));
    CHECK(blockers(assess(c, a, kNow, 30)) == "goal:stale");
    a.answer("goal") = done(c, "goal", std::string("grow"), "dana", kNow - days(30) + 1);
    CHECK(assess(c, a, kNow, 30).ready());
  }
  SUBCASE("stale: a confirmation in the future (clock skew) is fresh") {
    a.answer("goal") = done(c, "goal", std::string("grow"), "dana", kNow + days(2));
    CHECK(assess(c, a, kNow, 30).ready());
  }
  SUBCASE("stale: the item's own period wins") {
    a.answer("plan") = done(c, "plan", std::string("demo first"), "", kNow - days(8));
    CHECK(blockers(assess(c, a, kNow, 30)) == "plan:stale");
    a.answer("plan") = done(c, "plan", std::string("demo first"), "", kNow - days(6));
    CHECK(assess(c, a, kNow, 30).ready());
  }
  SUBCASE("stale: the checklist's period wins over the workspace's") {
    a.answer("goal") = done(c, "goal", std::string("grow"), "dana", kNow - days(15));
    CHECK(assess(c, a, kNow, 10).ready());
  }
  SUBCASE("stale: the workspace's period when the checklist sets none") {
    const Checklist plain = load("");
    Assessment b = ready_assessment(plain);
    b.answer("goal") = done(plain, "goal", std::string("grow"), "dana", kNow - days(15));
    CHECK(blockers(assess(plain, b, kNow, 10)) == "goal:stale");
    CHECK(assess(plain, b, kNow, 20).ready());
  }
  SUBCASE("stale: measured against the given now, not the clock") {
    ScopedEnv clock("CNA_NOW", "2099-01-01T00:00:00Z");
    CHECK(assess(c, a, kNow, 30).ready());
    CHECK(blockers(assess(c, a, kNow + days(40), 30)) ==
          "goal:stale budget:stale partner:stale plan:stale");
  }
  SUBCASE("changed: the item's definition changed since the answer") {
    a.answer("goal").item_sha256 = std::string(64, '0');
    CHECK(blockers(assess(c, a, kNow, 30)) == "goal:changed");
  }
  SUBCASE("changed: the checklist's wording changed") {
    std::string text = checklist_text("\n  \"reconfirm_after_days\": 30,");
    text.replace(text.find("Goal?"), 5, "What is the goal?");
    ChecklistLoad reworded = load_checklist(text, "deal.json");
    REQUIRE(reworded.checklist);
    CHECK(blockers(assess(*reworded.checklist, a, kNow, 30)) == "goal:changed");
  }
  SUBCASE("invalid: not an option") {
    const Readiness valid = assess(c, a, kNow, 30);
    a.answer("budget").value = std::string("maybe");
    const Readiness r = assess(c, a, kNow, 30);
    CHECK(blockers(r) == "budget:invalid");
    CHECK_FALSE(r.find("budget")->detail.empty());
    // To be answered again: not progress, neither done nor confirmed.
    const std::size_t section = r.find("budget")->item->section;
    CHECK(r.answered == valid.answered - 1);
    CHECK(r.sections[section].done == valid.sections[section].done - 1);
    CHECK(r.confirmed == valid.confirmed - 1);
  }
  SUBCASE("invalid: the wrong type of value") {
    a.answer("goal").value = 42.0;
    CHECK(blockers(assess(c, a, kNow, 30)) == "goal:invalid");
  }
  SUBCASE("invalid: n/a where the item does not allow it") {
    Answer& goal = a.answer("goal");
    goal.state = State::na;
    goal.value = {};
    goal.reason = "none";
    const Readiness r = assess(c, a, kNow, 30);
    CHECK(blockers(r) == "goal:invalid");
    CHECK(contains(r.find("goal")->detail, "n/a"));
  }
  SUBCASE("conflict") {
    a.answer("goal").state = State::conflict;
    CHECK(blockers(assess(c, a, kNow, 30)) == "goal:conflict");
  }
}

TEST_CASE("readiness: optional items never block") {
  const Checklist& c = checklist();
  Assessment a = ready_assessment();
  SUBCASE("missing") { CHECK(assess(c, a, kNow, 30).ready()); }
  SUBCASE("unknown") {
    a.answer("extra").state = State::unknown;
    CHECK(assess(c, a, kNow, 30).ready());
  }
  SUBCASE("answered without a source, unconfirmed") {
    Answer extra;
    extra.state = State::answered;
    extra.value = std::string("more");
    extra.item_sha256 = c.find("extra")->sha256;
    a.answer("extra") = extra;
    const Readiness r = assess(c, a, kNow, 30);
    CHECK(r.ready());
    CHECK(r.answered == 5);
    CHECK(r.confirmed == 4);
  }
  SUBCASE("stale, changed or invalid") {
    a.answer("extra") = done(c, "extra", 3.0, "dana", kNow - days(90));
    a.answer("extra").item_sha256 = "old";
    CHECK(assess(c, a, kNow, 30).ready());
  }
  SUBCASE("in conflict: the one exception, someone must choose between two answers") {
    a.answer("extra").state = State::conflict;
    const Readiness r = assess(c, a, kNow, 30);
    CHECK_FALSE(r.ready());
    CHECK(r.find("extra")->blocker == Reason::conflict);
  }
}

TEST_CASE("readiness: counts per section") {
  Assessment a = ready_assessment();
  a.answer("goal").confirmed_at.clear();  // section one: done, not confirmed
  a.answers.erase(a.answers.begin() + 1); // budget missing
  a.answer("extra") = done(checklist(), "extra", std::string("more")); // optional, done
  const Readiness r = assess(checklist(), a, kNow, 30);
  CHECK(blockers(r) == "goal:unconfirmed budget:missing");
  CHECK(r.sections[0].applicable == 2);
  CHECK(r.sections[0].done == 1);
  CHECK(r.sections[0].confirmed == 0);
  CHECK(r.sections[0].blocked == 2);
  CHECK(r.sections[1].applicable == 3);
  CHECK(r.sections[1].done == 3);
  CHECK(r.sections[1].confirmed == 3);
  CHECK(r.sections[1].blocked == 0);
  CHECK(r.applicable == 5);
  CHECK(r.answered == 4);
  CHECK(r.confirmed == 3);
  CHECK(r.blockers == 2);
}

TEST_SUITE_END();

TEST_CASE(
    "readiness: answers in any order, the first of a duplicated id counting, as find_answer") {
  // Files are written in id order, and the items found by binary search; a hand-edited file out
  // of order, not yet migrated, must read the same.
  Assessment sorted = ready_assessment();
  sorted.answer("owner") = done(checklist(), "owner", std::string("dana"));
  sorted.answer("budget") = done(checklist(), "budget", std::string("approved"));
  Assessment reversed = sorted;
  std::reverse(reversed.answers.begin(), reversed.answers.end());
  REQUIRE(reversed.answers.front().first != sorted.answers.front().first);
  const Readiness expected = assess(checklist(), sorted, kNow, 30);
  const Readiness r = assess(checklist(), reversed, kNow, 30);
  CHECK(blockers(r) == blockers(expected));
  CHECK(r.applicable == expected.applicable); // owner applies: budget is approved
  CHECK(r.applicable == 7);                   // and owner_title: owner is answered
  CHECK(r.answered == expected.answered);
  CHECK(r.confirmed == expected.confirmed);
  for (std::size_t i = 0; i < r.items.size(); ++i)
    CHECK(r.items[i].answer == reversed.find_answer(r.items[i].item->id));
  // A duplicated id: the first in the file is the answer, wherever the other sits.
  Assessment twice = reversed;
  Answer other = done(checklist(), "goal", std::string("shrink"));
  other.state = State::unknown;
  twice.answers.emplace_back("goal", other);
  twice.answers.insert(twice.answers.begin(), {"goal", other});
  const Readiness d = assess(checklist(), twice, kNow, 30);
  REQUIRE(d.find("goal"));
  CHECK(d.find("goal")->answer == twice.find_answer("goal"));
  CHECK(d.find("goal")->state == State::unknown);
}
