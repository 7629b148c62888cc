#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cna/assessment_file.hpp"
#include "cna/checklist.hpp"
#include "cna/power_base.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;

namespace {

Checklist power_checklist() {
  return test::checklist_from(R"({
  "cna": 1, "id": "deal", "version": "1.0.0", "title": "Deal",
  "sections": [{"id": "one", "title": "One", "items": [
    {"id": "buyer", "type": "person", "prompt": "Buyer?", "help": "h", "establishes": "economic-buyer"},
    {"id": "signer", "type": "person", "prompt": "Signer?", "help": "h", "establishes": "economic-buyer"},
    {"id": "champ", "type": "person", "prompt": "Champion?", "help": "h", "establishes": "champion"},
    {"id": "owner", "type": "person", "prompt": "Owner?", "help": "h"}
  ]}]})");
}

Stakeholder person(const std::string& id, std::vector<std::string> roles = {}) {
  Stakeholder s;
  s.id = id;
  s.name = id + " Name";
  s.roles = std::move(roles);
  return s;
}

void name(Assessment& a, const std::string& item, const std::string& who) {
  Answer& answer = a.answer(item);
  answer.state = State::answered;
  answer.value = who;
}

} // namespace

TEST_SUITE_BEGIN("core::power_base");

TEST_CASE("held_roles: set with cna who first, then those answers establish") {
  const Checklist c = power_checklist();
  Assessment a;
  a.stakeholders = {person("dana", {"coach"}), person("lee")};
  name(a, "champ", "dana");
  name(a, "owner", "lee"); // establishes nothing
  CHECK(held_roles(a, c, "dana") == std::vector<HeldRole>{{"coach", ""}, {"champion", "champ"}});
  CHECK(held_roles(a, c, "lee").empty());
  CHECK(holds_role(a, c, "dana", "champion"));
  CHECK(role_holders(a, c, "champion") == std::vector<std::string>{"dana"});
  SUBCASE("a role both set and established is listed once, as set") {
    a.stakeholders[0].roles = {"champion"};
    CHECK(held_roles(a, c, "dana") == std::vector<HeldRole>{{"champion", ""}});
  }
  SUBCASE("an unanswered, n/a or dangling answer establishes nothing") {
    a.answer("champ").state = State::na;
    CHECK(held_roles(a, c, "dana") == std::vector<HeldRole>{{"coach", ""}});
    name(a, "champ", "nobody");
    CHECK(established_holder(a, *c.find("champ")).empty());
  }
}

TEST_CASE("role_contradiction: a unique role held by someone else") {
  const Checklist c = power_checklist();
  Assessment a;
  a.stakeholders = {person("dana", {"economic-buyer"}), person("lee")};
  name(a, "buyer", "lee");
  const std::string why = role_contradiction(a, c, *c.find("buyer"));
  CHECK(contains(why, "dana Name is the economic-buyer too (set with cna who dana)"));
  SUBCASE("the same person: no contradiction") {
    name(a, "buyer", "dana");
    CHECK(role_contradiction(a, c, *c.find("buyer")).empty());
  }
  SUBCASE("two items naming two people contradict each other") {
    a.stakeholders[0].roles.clear();
    name(a, "signer", "dana");
    CHECK(contains(role_contradiction(a, c, *c.find("buyer")), "(the answer to signer)"));
    CHECK(contains(role_contradiction(a, c, *c.find("signer")), "(the answer to buyer)"));
  }
  SUBCASE("a role many may hold never contradicts") {
    a.stakeholders[0].roles = {"champion"};
    name(a, "champ", "lee");
    CHECK(role_contradiction(a, c, *c.find("champ")).empty());
  }
}

TEST_CASE("met, stance and access: stored, read back by both readers, checked") {
  Assessment a;
  a.cna = 1;
  a.account = "acme";
  a.name = "Acme";
  a.stakeholders = {person("raj"), person("dana")};
  a.stakeholders[1].met = Met::no;
  a.stakeholders[1].stance = Stance::sceptic;
  a.stakeholders[1].access_via = {"raj"};
  const std::string text = serialize_assessment(a);
  CHECK(contains(text, R"("met": false)"));
  CHECK(contains(text, R"("stance": "sceptic")"));
  CHECK(parse_assessment(text, "acme.json").stakeholders == a.stakeholders);
  CHECK(gives_access_to(a, "raj") == std::vector<std::string>{"dana"});
  CHECK(check_stakeholder(a, a.stakeholders[1]).empty());
  Stakeholder self = a.stakeholders[1];
  self.access_via = {"dana"};
  CHECK(contains(check_stakeholder(a, self), "cannot be reached through themselves"));
  self.access_via = {"ghost"};
  CHECK(contains(check_stakeholder(a, self), "no stakeholder \"ghost\""));
  // Unrecorded: met once they attended a meeting held by today; a planned one meets nobody yet.
  CHECK_FALSE(met(a, a.stakeholders[0], "2026-11-23"));
  a.meetings.push_back({"m1", "2026-11-30", "Pilot", {"raj"}, {}, "", "", "", "", ""});
  CHECK_FALSE(met(a, a.stakeholders[0], "2026-11-23"));
  Assessment planned = a; // a planned meeting and no recorded met: nobody met is recorded yet
  planned.stakeholders[1].met = Met::unrecorded;
  CHECK_FALSE(met_recorded(planned, "2026-11-23"));
  CHECK(met_recorded(planned, "2026-11-30"));
  CHECK(met(a, a.stakeholders[0], "2026-11-30")); // on its day it is held
  a.meetings.insert(a.meetings.begin(),
                    {"m0", "2026-11-20", "Call", {"raj"}, {}, "", "", "", "", ""});
  CHECK(met(a, a.stakeholders[0], "2026-11-23"));
  CHECK_FALSE(met(a, a.stakeholders[1], "2026-11-23")); // recorded "no" wins
}

TEST_SUITE_END();
