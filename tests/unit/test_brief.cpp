// The pre-meeting sheet: its model (blockers by reason, unknowns overdue first, what to
// re-confirm, the power base and its gaps, the clarifying questions) and its text and Markdown.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cna/brief.hpp"
#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/readiness.hpp"
#include "cna/record.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;

namespace {

using cna::test::kNow;

const Checklist& checklist() {
  static const Checklist c = [] {
    ChecklistLoad load = load_checklist(R"({
  "cna": 1, "id": "deal", "version": "1.0.0", "title": "Deal", "reconfirm_after_days": 30,
  "sections": [{"id": "one", "title": "One", "items": [
    {"id": "goal", "type": "text", "prompt": "Goal?", "help": "h", "clarify": ["Measured how?"]},
    {"id": "timeline", "type": "text", "prompt": "Timeline?", "help": "h"},
    {"id": "pains", "type": "list", "prompt": "Pains?", "help": "h",
     "clarify": ["Which costs most?", "Since when?"]},
    {"id": "budget", "type": "text", "prompt": "Budget?", "help": "h"},
    {"id": "decide", "type": "text", "prompt": "Decision?", "help": "h"},
    {"id": "scope", "type": "text", "prompt": "Scope?", "help": "h"},
    {"id": "partner", "type": "text", "prompt": "Partner?", "help": "h", "na": true},
    {"id": "plan", "type": "text", "prompt": "Our plan?", "help": "h", "source": false},
    {"id": "extra", "type": "text", "prompt": "Else?", "help": "h", "required": false}
  ]}]})",
                                        "deal.json");
    REQUIRE(load.checklist);
    return std::move(*load.checklist);
  }();
  return c;
}

Answer confirmed(const std::string& item, Value value, const std::string& source, int age_days) {
  Answer a;
  a.state = State::answered;
  a.value = std::move(value);
  a.source = source;
  a.item_sha256 = checklist().find(item)->sha256;
  a.answered_at = a.confirmed_at = format_timestamp(kNow - days(age_days));
  a.confirmed_with = source;
  return a;
}

Answer unknown(const std::string& owner, const std::string& due) {
  Answer a;
  a.state = State::unknown;
  a.owner = owner;
  a.due = due;
  return a;
}

const std::string kHostile = "Grow [x](javascript:alert(1)) \x1b]0;pwned\x07 a|b <b>";

Assessment account() {
  Assessment a = new_assessment("acme", "Acme Corp", checklist());
  a.stakeholders.push_back({"dana", "Dana Lee", "VP Operations", {"economic-buyer"}, ""});
  a.stakeholders.push_back({"lee", "Lee Chan", "", {}, ""});
  a.answer("goal") = confirmed("goal", kHostile, "dana", 40);              // stale
  a.answer("timeline") = unknown("sam", "2026-12-01");                     // not yet due
  a.answer("budget") = unknown("sam", "2026-11-20");                       // overdue
  a.answer("decide") = unknown("lee", "2026-11-10");                       // overdue, earlier
  a.answer("scope") = confirmed("scope", std::string("pilot"), "dana", 1); // changed below
  a.answer("scope").item_sha256 = "old";
  Answer na = confirmed("partner", {}, "dana", 25); // goes stale in 5 days
  na.state = State::na;
  na.reason = "direct deal";
  a.answer("partner") = na;
  a.answer("plan") = confirmed("plan", std::string("demo"), "", 0);
  a.answer("plan").confirmed_at.clear(); // unconfirmed
  return a;
}

std::vector<std::string> ids(const std::vector<BriefItem>& items) {
  std::vector<std::string> out;
  for (const BriefItem& i : items)
    out.push_back(i.item->id);
  return out;
}

std::vector<std::string> gaps_of(const Assessment& a) {
  const Readiness r = assess(checklist(), a, kNow, 30);
  return make_brief(checklist(), a, r, kNow).gaps;
}

} // namespace

TEST_SUITE_BEGIN("core::brief");

TEST_CASE("brief: the model") {
  const Assessment a = account();
  const Readiness r = assess(checklist(), a, kNow, 30);
  const Brief b = make_brief(checklist(), a, r, kNow);
  CHECK(b.date == "2026-11-23");
  CHECK(b.readiness == &r);

  SUBCASE("blockers grouped by reason, in the gate's order") {
    REQUIRE(b.groups.size() == 5);
    CHECK(b.groups[0].reason == Reason::missing);
    CHECK(ids(b.groups[0].items) == std::vector<std::string>{"pains"});
    CHECK(b.groups[1].reason == Reason::unknown);
    CHECK(ids(b.groups[1].items) == std::vector<std::string>{"timeline", "budget", "decide"});
    CHECK(b.groups[2].reason == Reason::unconfirmed);
    CHECK(ids(b.groups[2].items) == std::vector<std::string>{"plan"});
    CHECK(b.groups[3].reason == Reason::stale);
    CHECK(b.groups[4].reason == Reason::changed);
    CHECK(ids(b.groups[4].items) == std::vector<std::string>{"scope"});
  }
  SUBCASE("unknowns: overdue first, then by due date") {
    REQUIRE(b.unknowns.size() == 3);
    CHECK(b.unknowns[0].item->id == "decide");
    CHECK(b.unknowns[0].overdue);
    CHECK(b.unknowns[0].owner == "lee");
    CHECK(b.unknowns[1].item->id == "budget");
    CHECK(b.unknowns[1].overdue);
    CHECK(b.unknowns[2].item->id == "timeline");
    CHECK_FALSE(b.unknowns[2].overdue);
    CHECK(b.unknowns[2].due == "2026-12-01");
  }
  SUBCASE("to re-confirm: stale, changed, then what goes stale within 7 days") {
    REQUIRE(b.reconfirm.size() == 3);
    CHECK(b.reconfirm[0].item->id == "goal");
    CHECK(b.reconfirm[0].why == "stale");
    CHECK(b.reconfirm[0].stale_on == "2026-11-13");
    CHECK(b.reconfirm[1].item->id == "scope");
    CHECK(b.reconfirm[1].why == "changed");
    CHECK(b.reconfirm[2].item->id == "partner");
    CHECK(b.reconfirm[2].why == "soon");
    CHECK(b.reconfirm[2].stale_on == "2026-11-28");
    CHECK(b.reconfirm[2].detail == "goes stale on 2026-11-28");
  }
  SUBCASE("the power base: who said what, and what it lacks") {
    REQUIRE(b.power_base.size() == 2);
    CHECK(b.power_base[0].stakeholder->id == "dana");
    CHECK(ids(b.power_base[0].said) == std::vector<std::string>{"goal", "scope", "partner"});
    CHECK(b.power_base[1].said.empty());
    CHECK(b.gaps == std::vector<std::string>{"no champion",
                                             "a single source for everything: Dana Lee (dana)"});
  }
  SUBCASE("clarifying questions of the open items") {
    REQUIRE(b.questions.size() == 4);
    CHECK(b.questions[0].item->id == "timeline");
    CHECK(b.questions[1].item->id == "pains");
    CHECK(b.questions[1].clarify == std::vector<std::string>{"Which costs most?", "Since when?"});
    CHECK(b.questions[3].item->id == "decide");
  }
}

TEST_CASE("brief: the power base's gaps") {
  Assessment a = account();
  SUBCASE("no stakeholders at all") {
    a.stakeholders.clear();
    CHECK(gaps_of(a) == std::vector<std::string>{"no stakeholders yet"});
  }
  SUBCASE("a champion and a second voice close the gaps") {
    a.stakeholders[1].roles = {"champion"};
    a.answer("scope").source = "lee";
    CHECK(gaps_of(a).empty());
  }
  SUBCASE("no economic buyer") {
    a.stakeholders[0].roles = {"champion"};
    CHECK(gaps_of(a).front() == "no economic buyer");
  }
}

TEST_CASE("brief: a ready account has nothing open") {
  Assessment a = account();
  a.answers.clear();
  for (const Item& item : checklist().items) {
    if (item.required) a.answer(item.id) = confirmed(item.id, std::string("settled"), "dana", 1);
  }
  a.answer("pains") = confirmed("pains", std::vector<std::string>{"slow"}, "lee", 1);
  const Readiness r = assess(checklist(), a, kNow, 30);
  const Brief b = make_brief(checklist(), a, r, kNow);
  CHECK(b.readiness->ready());
  CHECK(b.groups.empty());
  CHECK(b.unknowns.empty());
  CHECK(b.reconfirm.empty());
  CHECK(b.questions.empty());
  CHECK(contains(brief_text(b), "READY"));
  CHECK_FALSE(contains(brief_text(b), "Blockers"));
}

TEST_CASE("brief: text and Markdown escape what they carry") {
  const Assessment a = account();
  const Readiness r = assess(checklist(), a, kNow, 30);
  const Brief b = make_brief(checklist(), a, r, kNow);
  const std::string text = brief_text(b);
  CHECK(contains(text, "Brief · Acme Corp (acme) · 2026-11-23"));
  CHECK(contains(text, "BLOCKED: 7 of 9 applicable items hold the gate"));
  CHECK(contains(text, "decide    lee  due 2026-11-10  OVERDUE"));
  CHECK(contains(text, "partner   soon     goes stale on 2026-11-28"));
  CHECK(contains(text, "Dana Lee (dana) · VP Operations · economic-buyer"));
  CHECK(contains(text, "Missing: no champion"));
  CHECK(contains(text, "    - Which costs most?"));
  CHECK(contains(text, "\\x1b]0;pwned\\x07"));
  CHECK_FALSE(contains(text, "\x1b"));
  CHECK(text.find("decide    lee  due") < text.find("timeline  sam  due"));

  const std::string md = brief_markdown(b);
  CHECK(contains(md, "# Brief: Acme Corp (acme)"));
  CHECK(contains(md, "| unknown | decide | lee to find out by 2026-11-10 |"));
  CHECK(contains(md, "| decide | lee | 2026-11-10 | **overdue** |"));
  CHECK(contains(md, "\\[x\\]\\(javascript\\:alert\\(1\\)\\)"));
  CHECK(contains(md, "a\\|b \\<b\\>"));
  CHECK_FALSE(contains(md, "](javascript"));
  CHECK_FALSE(contains(md, "<b>"));
  CHECK_FALSE(contains(md, "\x1b"));
}

TEST_CASE("brief: describe_answer") {
  CHECK(describe_answer(confirmed("goal", std::string("grow"), "dana", 0)) == "grow");
  CHECK(describe_answer(unknown("sam", "2026-12-01")) == "unknown: sam to find out by 2026-12-01");
  Answer na;
  na.state = State::na;
  na.reason = "direct";
  CHECK(describe_answer(na) == "n/a: direct");
  Answer conflict;
  conflict.state = State::conflict;
  CHECK(contains(describe_answer(conflict), "conflict"));
  CHECK(describe_answer(Answer{}) == "missing");
}

TEST_SUITE_END();
