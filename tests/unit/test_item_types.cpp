// The item-type table: one row per type, asked by the loader, the grammar, conditions, the walk's
// hint and the reports. `percent` is the type added through it alone.
#include <doctest/doctest.h>

#include <fmt/format.h>
#include <set>
#include <string>
#include <vector>

#include "cna/checklist.hpp"
#include "cna/condition.hpp"
#include "cna/input.hpp"
#include "cna/item_types.hpp"
#include "cna/json.hpp"
#include "test_support.hpp"

using namespace cna;

namespace {

using test::item_of;

ParsedInput parse(const Item& item, const std::vector<std::string>& lines) {
  return parse_input(item, lines, InputContext{});
}

} // namespace

TEST_SUITE_BEGIN("core::item_types");

TEST_CASE("one row per type, in the order of the enum, names spelled once") {
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < item_types().size(); ++i) {
    const ItemTypeInfo& row = item_types()[i];
    CHECK(static_cast<std::size_t>(row.type) == i);
    CHECK(names.insert(row.name).second);
    CHECK(to_string(row.type) == row.name);
    CHECK(parse_item_type(row.name) == row.type);
    CHECK(&item_type(row.type) == &row);
  }
  CHECK(item_types().size() == static_cast<std::size_t>(ItemType::questions) + 1);
  CHECK(item_type_names().find("percent") != std::string::npos);
  CHECK_FALSE(parse_item_type("rating"));
  // An out-of-range value is refused, not read past the table's end.
  CHECK_THROWS_AS((void)item_type(static_cast<ItemType>(99)), Error);
}

TEST_CASE("which answers take several lines: the walk's lines and the lists") {
  CHECK(takes_lines(ItemType::longtext));
  CHECK(takes_lines(ItemType::list));
  CHECK(takes_lines(ItemType::multi));
  CHECK_FALSE(takes_lines(ItemType::text));
  CHECK_FALSE(takes_lines(ItemType::percent));
  CHECK(item_type(ItemType::longtext).multiline);
  CHECK_FALSE(item_type(ItemType::multi).multiline); // "1,3" on one line
}

TEST_CASE("type-specific fields apply where the table says") {
  CHECK(field_applies(ItemType::choice, "options"));
  CHECK_FALSE(field_applies(ItemType::yesno, "options"));
  CHECK(field_applies(ItemType::number, "unit"));
  CHECK_FALSE(field_applies(ItemType::percent, "unit"));
  CHECK(field_applies(ItemType::percent, "help")); // not type-specific
}

TEST_CASE("percent: typed with or without %, 0 to 100") {
  const Item share = item_of("share", ItemType::percent);
  for (const auto& [typed, expected] : std::vector<std::pair<std::string, double>>{
           {"45", 45}, {"45%", 45}, {"35 %", 35}, {"12.5 %", 12.5}, {"0", 0}, {"100%", 100}}) {
    INFO(typed);
    const ParsedInput parsed = parse(share, {typed});
    REQUIRE(parsed.ok());
    CHECK(std::get<double>(parsed.value) == expected);
  }
  CHECK(parse(share, {"101"}).error.reason == "expected a percentage between 0 and 100");
  CHECK(parse(share, {"-1%"}).error.reason == "expected a percentage between 0 and 100");
  CHECK(parse(share, {"-1"}).error.reason == "expected a percentage between 0 and 100");
  CHECK(parse(share, {"100.5 %"}).error.reason == "expected a percentage between 0 and 100");
  CHECK(parse(share, {"45%%"}).error.reason.find("is not a percentage") != std::string::npos);
  CHECK(parse(share, {"half"}).error.reason.find("is not a percentage") != std::string::npos);
  CHECK(parse(share, {"tbd"}).error.reason.find("placeholder") != std::string::npos);
  CHECK(parse(share, {"45", "50"}).error.reason == "expected one line (got 2)");
  CHECK(check_value(share, Value(45.0), {}).empty());
  CHECK(check_value(share, Value(150.0), {}).reason == "expected a percentage between 0 and 100");
  CHECK(
      check_value(share, Value(std::string("45")), {}).reason ==
      R"('45' is not an answer to a percent item (expected a number, found text); answer it again)");
  CHECK(value_to_input(share, Value(45.0)) == std::vector<std::string>{"45"});
}

TEST_CASE("percent: shown with %, hinted, compared with numbers in conditions") {
  const Item share = item_of("share", ItemType::percent);
  CHECK(item_type(ItemType::percent).show(share, Value(45.0), {}) == "45%");
  CHECK(item_type(ItemType::percent).show(share, Value(12.5), {}) == "12.5%");
  CHECK(item_type(ItemType::percent).hint(share, {}) == "0 to 100, e.g. 45%");

  Checklist c;
  c.items = {share, item_of("next", ItemType::text)};
  const auto problems = [&](std::string_view text) {
    const ConditionParse parsed = parse_condition(text);
    REQUIRE(parsed.condition);
    return check_condition(*parsed.condition, c, 1);
  };
  CHECK(problems("share > 50").empty());
  CHECK(problems("share == 45").empty());
  CHECK(problems("share == 'high'") ==
        std::vector<std::string>{"'share' is a percent item: compare it with a number"});
  const auto condition = parse_condition("share >= 50").condition;
  CHECK(evaluate(*condition, [](std::string_view) { return std::optional<Value>(60.0); }));
  CHECK_FALSE(evaluate(*condition, [](std::string_view) { return std::optional<Value>(40.0); }));
}

TEST_CASE("the ordered types are named from the table in the condition's message") {
  Checklist c;
  c.items = {item_of("t", ItemType::text), item_of("next", ItemType::text)};
  const auto parsed = parse_condition("t < 'b'");
  REQUIRE(parsed.condition);
  CHECK(check_condition(*parsed.condition, c, 1) ==
        std::vector<std::string>{"'<', '<=', '>' and '>=' apply only to number, money, date, "
                                 "scale and percent items; 't' is a text item"});
}

TEST_CASE("a percent item in a checklist: no type-specific field applies") {
  const auto load = [](std::string_view item) {
    return load_checklist(
        fmt::format(R"({{"cna": 1, "id": "p", "version": "1.0.0", "title": "P", "sections":
          [{{"id": "s", "title": "S", "items": [{}]}}]}})",
                    item),
        "p.json");
  };
  const ChecklistLoad ok = load(R"({"id": "share", "type": "percent", "prompt": "Share?",
                                    "help": "0 to 100"})");
  CHECK(ok.problems.empty());
  REQUIRE(ok.checklist);
  CHECK(ok.checklist->items[0].type == ItemType::percent);
  const ChecklistLoad bad = load(R"({"id": "share", "type": "percent", "prompt": "Share?",
                                     "help": "h", "unit": "%"})");
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].message == "\"unit\" does not apply to a percent item");
}

TEST_CASE("describe_answer: one wording, on one line or several, labels or values") {
  Item stock = item_of("stock", ItemType::choice);
  stock.options = {{"lager", "From stock", ""}, {"order", "To order", ""}};
  Item story = item_of("story", ItemType::longtext);
  Item tools = item_of("tools", ItemType::multi);
  tools.options = {{"crm", "CRM", ""}, {"erp", "ERP", ""}};
  const Item owner = item_of("owner", ItemType::person);
  const std::vector<Stakeholder> people{{"dana-lee", "Dana Lee", "", {}, {}, {}, {}, {}}};
  const auto answered = [](Value value) {
    Answer a;
    a.state = State::answered;
    a.value = std::move(value);
    return a;
  };
  const Wording one{.one_line = true}, values{.labels = false}, bare{.state = false};

  // The label the rep chose, not the value stored; names for people.
  CHECK(describe_answer(answered(std::string("lager")), &stock, people) == "From stock");
  CHECK(describe_answer(answered(std::string("lager")), &stock, people, values) == "lager");
  CHECK(describe_answer(answered(std::string("dana-lee")), &owner, people) == "Dana Lee");
  // A retired answer (no item) as stored.
  CHECK(describe_answer(answered(std::string("lager")), nullptr, people) == "lager");

  // A longtext: every line, or the first with "…" (never its lines joined).
  const Answer lines = answered(std::string("First goal\nSecond goal"));
  CHECK(describe_answer(lines, &story, people) == "First goal\nSecond goal");
  CHECK(describe_answer(lines, &story, people, one) == "First goal…");
  CHECK(describe_answer(answered(std::string("Only")), &story, people, one) == "Only");
  // A list: one entry per line, or joined on one line.
  const Answer picked = answered(std::vector<std::string>{"crm", "erp"});
  CHECK(describe_answer(picked, &tools, people) == "CRM\nERP");
  CHECK(describe_answer(picked, &tools, people, one) == "CRM, ERP");
  CHECK(describe_answer(picked, &tools, people, Wording{.one_line = true, .labels = false}) ==
        "crm, erp");

  // One wording of each state; without the state where it has a place of its own.
  Answer unknown;
  unknown.state = State::unknown;
  unknown.owner = "sam";
  unknown.due = "2026-12-01";
  CHECK(describe_answer(unknown, &stock, people) == "unknown: sam to find out by 2026-12-01");
  CHECK(describe_answer(unknown, &stock, people, bare) == "sam to find out by 2026-12-01");
  Answer na;
  na.state = State::na;
  na.reason = "direct";
  CHECK(describe_answer(na, &stock, people) == "n/a: direct");
  CHECK(describe_answer(na, &stock, people, bare) == "direct");
  CHECK(describe_answer(Answer{}, &stock, people) == "missing");
  CHECK(describe_answer(Answer{}, &stock, people, bare).empty());
  Answer conflict;
  conflict.state = State::conflict;
  CHECK(describe_answer(conflict, &stock, people) == "conflict: two edits disagree");
  conflict.sides = {answered(std::string("lager")), na};
  CHECK(describe_answer(conflict, &stock, people) ==
        "conflict: ours: From stock\ntheirs: n/a: direct");
  CHECK(describe_answer(conflict, &stock, people, one) ==
        "conflict: ours: From stock · theirs: n/a: direct");
  CHECK(describe_answer(conflict, &stock, people, bare) == "ours: From stock\ntheirs: n/a: direct");
}

TEST_CASE("questions: one entry a line, who by @, due in the date grammar, the answer after =>") {
  const Item asked = item_of("open_questions", ItemType::questions);
  const std::vector<Stakeholder> people{
      {"katrin-vogel", "Katrin Vogel", "CFO", {}, {}, {}, {}, {}}};
  InputContext context;
  context.stakeholders = &people;
  context.today = 1795392000; // 2026-11-23
  const ParsedInput parsed = parse_input(asked,
                                         {"Works council agreement needed? @katrin-vogel due +7d",
                                          "Due to what? => The audit", "Is the @ sign fine here?"},
                                         context);
  REQUIRE(parsed.ok());
  const Questions want{{"Works council agreement needed?", "katrin-vogel", "2026-11-30", "", ""},
                       {"Due to what?", "", "", "The audit", ""},
                       {"Is the @ sign fine here?", "", "", "", ""}};
  CHECK(std::get<Questions>(parsed.value) == want);
  // The input form reads back to the same value (the walk's edit, cna answer).
  CHECK(parse_input(asked, value_to_input(asked, parsed.value), context).value == parsed.value);
  CHECK(item_type(ItemType::questions).show(asked, parsed.value, people) ==
        "Works council agreement needed? (open, ask Katrin Vogel, due 2026-11-30)\n"
        "Due to what? → The audit\nIs the @ sign fine here? (open)");
  CHECK(parse_input(asked, {"Who? @nobody"}, context).error.reason.find("is not a stakeholder") !=
        std::string::npos);
  CHECK(parse_input(asked, {"When? due 2026-13-45"}, context)
            .error.reason.find("not a calendar date") != std::string::npos);
  CHECK(parse_input(asked, {"When? due someday"}, context).error.reason.find("due: ") == 0);
  CHECK(
      parse_input(asked, {"Why? =>"}, context).error.reason.find("the answer after => is empty") !=
      std::string::npos);
  CHECK(parse_input(asked, {"tbd"}, context).error.reason.find("tbd") != std::string::npos);
  CHECK(check_value(asked, Value(std::vector<std::string>{"Free text"}), people)
            .reason.find("expected questions, found a list") != std::string::npos);
}

TEST_CASE(
    "questions: @\"Name With Spaces\" names a stakeholder by their name, before or after due") {
  const Item asked = item_of("open_questions", ItemType::questions);
  const std::vector<Stakeholder> people{
      {"joerg", "Jörg Schäfer", "", {}, {}, {}, {}, {}},
      {"katrin-vogel", "Katrin Vogel", "CFO", {}, {}, {}, {}, {}}};
  InputContext context;
  context.stakeholders = &people;
  context.today = 1795392000; // 2026-11-23
  const ParsedInput parsed =
      parse_input(asked,
                  {"Works council?  @\"Jörg Schäfer\" due 2026-12-01",
                   "Budget signed? due +7d @\"katrin vogel\" => Yes", "Say \"hi\" to @joerg"},
                  context);
  REQUIRE(parsed.ok());
  const Questions want{{"Works council?", "joerg", "2026-12-01", "", ""},
                       {"Budget signed?", "katrin-vogel", "2026-11-30", "Yes", ""},
                       {"Say \"hi\" to", "joerg", "", "", ""}};
  CHECK(std::get<Questions>(parsed.value) == want);
  CHECK(parse_input(asked, {"Who? @\"Nobody Here\""}, context)
            .error.reason.find("is not a stakeholder") != std::string::npos);
  // An @ inside a word is part of the question, quoted or not.
  const ParsedInput inside = parse_input(asked, {"Mail ask@\"Jörg Schäfer\""}, context);
  REQUIRE(inside.ok());
  CHECK(std::get<Questions>(inside.value) ==
        Questions{{"Mail ask@\"Jörg Schäfer\"", "", "", "", ""}});
}

TEST_CASE("questions: a field of an entry this version does not know is kept through a save") {
  const Json stored = Json::parse(
      R"([{"text": "Works council?", "who": "joerg", "state": "open", "priority": "high",
           "tags": ["hr"]}])");
  const std::optional<Value> value = value_from_json(stored);
  REQUIRE(value.has_value());
  const auto& questions = std::get<Questions>(*value);
  REQUIRE(questions.size() == 1);
  CHECK(questions[0].text == "Works council?");
  CHECK(value_to_json(*value) == stored);
}

TEST_SUITE_END();
