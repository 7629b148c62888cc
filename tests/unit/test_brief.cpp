// The sheet for the next meeting: its model (blockers by reason, unknowns overdue first, what to
// ask and re-confirm with whom in the room, the power base and its gaps) and its text (fitted to
// a screen) and Markdown.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cna/brief.hpp"
#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/readiness.hpp"
#include "cna/record.hpp"
#include "cna/text.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;

namespace {

using cna::test::kNow;

const Checklist& checklist() {
  static const Checklist c = test::checklist_from(R"({
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
  ]}]})");
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
  a.stakeholders.push_back(
      {"dana", "Dana Lee", "VP Operations", {"economic-buyer"}, {}, {}, {}, ""});
  a.stakeholders.push_back({"lee", "Lee Chan", "", {}, {}, {}, {}, ""});
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
  SUBCASE("to re-confirm: what a read-back clears, then what goes stale within 7 days") {
    REQUIRE(b.reconfirm.size() == 4);
    CHECK(b.reconfirm[0].item->id == "goal");
    CHECK(b.reconfirm[0].why == "stale");
    CHECK(b.reconfirm[0].stale_on == "2026-11-13");
    CHECK(b.reconfirm[1].item->id == "scope");
    CHECK(b.reconfirm[1].why == "changed");
    CHECK(b.reconfirm[2].item->id == "plan");
    CHECK(b.reconfirm[2].why == "unconfirmed");
    CHECK(b.reconfirm[2].with == nullptr); // ours: anyone may confirm it
    CHECK(b.reconfirm[3].item->id == "partner");
    CHECK(b.reconfirm[3].why == "soon");
    CHECK(b.reconfirm[3].stale_on == "2026-11-28");
    CHECK(b.reconfirm[3].detail == "goes stale on 2026-11-28");
  }
  SUBCASE("the power base: who said what, and what it lacks") {
    REQUIRE(b.power_base.size() == 2);
    CHECK(b.power_base[0].stakeholder->id == "dana");
    CHECK(ids(b.power_base[0].said) == std::vector<std::string>{"goal", "scope", "partner"});
    CHECK(b.power_base[1].said.empty());
    CHECK(b.gaps ==
          std::vector<std::string>{"no champion", "single-threaded: every answer from Dana Lee"});
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

TEST_CASE("brief: what to ask whom in the room") {
  const Assessment a = account();
  const Readiness r = assess(checklist(), a, kNow, 30);
  SUBCASE("everyone: the unknown Lee owns, the missing item of Dana's area; sam's are ours") {
    const Brief b = make_brief(checklist(), a, r, kNow);
    REQUIRE(b.with.size() == 2);
    REQUIRE(b.asks.size() == 2);
    CHECK(b.asks[0].item->id == "pains");
    CHECK(b.asks[0].who->id == "dana");
    CHECK(b.asks[0].reason == Reason::missing);
    CHECK(b.asks[1].item->id == "decide");
    CHECK(b.asks[1].who->id == "lee");
    CHECK(b.asks[1].overdue);
    CHECK(b.ours == std::vector<std::string>{"OVERDUE Budget? (sam, due 2026-11-20)",
                                             "Timeline? (sam, due 2026-12-01)"});
    CHECK(b.reconfirm[0].with->id == "dana");
  }
  SUBCASE("--with lee: Dana's questions wait for her meeting") {
    const Brief b = make_brief(checklist(), a, r, kNow, {"lee"});
    REQUIRE(b.asks.size() == 2);
    CHECK(b.asks[0].item->id == "decide");
    CHECK(b.asks[1].item->id == "pains"); // nobody's area in the room: ask anyone
    CHECK(b.asks[1].who == nullptr);
  }
  SUBCASE("without --with, the next meeting's attendees") {
    Assessment m = a;
    m.meetings.push_back({"x", "2026-11-20", "Kick-off", {"dana", "lee"}, {}, "", "", "", "", ""});
    m.meetings.push_back({"y", "2026-11-25", "Review", {"lee"}, {}, "", "", "", "", ""});
    const Readiness mr = assess(checklist(), m, kNow, 30);
    const Brief b = make_brief(checklist(), m, mr, kNow);
    REQUIRE(b.with.size() == 1);
    CHECK(b.with[0]->id == "lee");
    CHECK(b.meeting->id == "y");
    CHECK(b.last_meeting->id == "x");
  }
}

TEST_CASE("brief: text and Markdown escape what they carry") {
  const Assessment a = account();
  const Readiness r = assess(checklist(), a, kNow, 30);
  const Brief b = make_brief(checklist(), a, r, kNow);
  const std::string text = brief_text(b, {200, 0});
  CHECK(contains(text, "Brief · Acme Corp · 2026-11-23 · with Dana Lee, Lee Chan\n"));
  CHECK(contains(text, "BLOCKED: 7 of 9 items hold the gate · 4 answered · 1 confirmed\n"));
  CHECK(contains(text, "Ask Dana Lee\n  Pains?\n    - Which costs most?\n    - Since when?\n"));
  CHECK(contains(text, "Ask Lee Chan\n  Decision? (OVERDUE since 2026-11-10)\n"));
  CHECK(contains(text, "Ours to find out\n  OVERDUE Budget? (sam, due 2026-11-20)\n"));
  CHECK(contains(text, "  Partner?: n/a: direct deal (stale on 2026-11-28)\n"));
  CHECK(contains(text, "  Scope?: pilot (the question changed)\n"));
  CHECK(contains(text, "Re-confirm\n  Our plan?: demo (not read back yet)\n"));
  CHECK(contains(text, "Power base: no champion; single-threaded: every answer from Dana Lee\n"));
  CHECK(contains(text, "Blockers: 3 unknown · 1 missing · 1 unconfirmed · 1 stale · 1 changed\n"));
  CHECK(contains(text, "\\x1b]0;pwned\\x07"));
  CHECK_FALSE(contains(text, "\x1b"));
  CHECK_FALSE(contains(text, "(dana)"));

  const std::string md = brief_markdown(b);
  CHECK(contains(md, "# Brief: Acme Corp\n"));
  CHECK(contains(md, "## Ask Lee Chan\n\n- Decision? \\(OVERDUE since 2026-11-10\\)\n"));
  CHECK(contains(md, "\\[x\\]\\(javascript\\:alert\\(1\\)\\)"));
  CHECK(contains(md, "a\\|b \\<b\\>"));
  CHECK(contains(md, "- **Scope?**: pilot \\(the question changed\\)\n"));
  CHECK_FALSE(contains(md, "](javascript"));
  CHECK_FALSE(contains(md, "<b>"));
  CHECK_FALSE(contains(md, "\x1b"));
}

TEST_CASE("brief: a sheet longer than the screen keeps the first entries and says how many more") {
  Assessment a = account();
  for (int k = 0; k < 6; ++k) {
    a.next_steps.push_back({"s" + std::to_string(k), "Step " + std::to_string(k), "sam",
                            "2026-12-0" + std::to_string(k + 1), "", "", "", "", ""});
  }
  const Readiness r = assess(checklist(), a, kNow, 30);
  const Brief b = make_brief(checklist(), a, r, kNow);
  const std::string full = brief_text(b, {80, 0});
  const std::string screen = brief_text(b, {80, 20});
  const auto lines = [](const std::string& t) { return std::count(t.begin(), t.end(), '\n'); };
  CHECK(lines(full) > 20);
  CHECK(lines(screen) <= 20);
  CHECK(contains(screen, "  Step 0 · sam · due 2026-12-01\n"));
  CHECK(contains(screen, "  … and "));
  CHECK(contains(screen, "(all of it: cna brief acme --full)\n"));
  CHECK(contains(screen, "Blockers: ")); // one-line parts always stay
  const std::string narrow = brief_text(b, {40, 0});
  for (std::size_t at = 0, end = 0; at < narrow.size(); at = end + 1) {
    end = narrow.find('\n', at);
    CHECK(display_width(std::string_view(narrow).substr(at, end - at)) <= 40);
  }
}

TEST_SUITE_END();
