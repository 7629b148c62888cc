#include <chrono>
#include <doctest/doctest.h>
#include <limits>
#include <string>
#include <vector>

#include "cna/input.hpp"
#include "test_support.hpp"

using cna::Item;
using cna::ItemType;
using cna::Money;
using cna::Value;

namespace {

using Lines = std::vector<std::string>;

Item make_item(ItemType type) { return cna::test::item_of("question", type); }

cna::Option option(std::string value, std::string label = {}) {
  return {std::move(value), std::move(label), {}};
}

Item budget_status() {
  Item item = make_item(ItemType::choice);
  item.options = {option("approved", "Approved"), option("identified"), option("to-be-created")};
  return item;
}

const std::vector<cna::Stakeholder> kPeople = {
    {"dana-lee", "Dana Lee", "VP Operations", {"economic-buyer"}, {}, {}, {}, ""},
    {"sam-ortiz", "Sam Ortiz", "IT lead", {"technical-evaluator"}, {}, {}, {}, ""},
};

const cna::Seconds kToday = *cna::parse_timestamp("2026-11-23T10:04:00Z");

cna::InputContext context() {
  cna::InputContext ctx;
  ctx.stakeholders = &kPeople;
  ctx.today = kToday;
  return ctx;
}

cna::ParsedInput parse(const Item& item, const Lines& lines,
                       const cna::InputContext& ctx = context()) {
  return cna::parse_input(item, lines, ctx);
}

// Accepted input and the value it must give.
struct Accepted {
  Lines input;
  Value expected;
};

// Refused input and a part of the message it must give.
struct Refused {
  Lines input;
  std::string message;
};

void check_accepted(const Item& item, const std::vector<Accepted>& cases,
                    const cna::InputContext& ctx = context()) {
  for (const Accepted& c : cases) {
    CAPTURE(c.input.empty() ? std::string() : c.input.front());
    const auto parsed = parse(item, c.input, ctx);
    CHECK(parsed.error.reason == "");
    CHECK(parsed.value == c.expected);
  }
}

void check_refused(const Item& item, const std::vector<Refused>& cases,
                   const cna::InputContext& ctx = context()) {
  for (const Refused& c : cases) {
    CAPTURE(c.input.empty() ? std::string() : c.input.front());
    const auto parsed = parse(item, c.input, ctx);
    REQUIRE_FALSE(parsed.ok());
    CAPTURE(parsed.error.reason);
    CHECK(parsed.error.reason.find(c.message) != std::string::npos);
    CHECK_FALSE(cna::has_value(parsed.value));
  }
}

std::vector<std::string> strings(std::initializer_list<const char*> texts) {
  return {texts.begin(), texts.end()};
}

const std::string kRequired = "an answer is required";

} // namespace

TEST_SUITE_BEGIN("core::input");

TEST_CASE("every answer: present, bounded, valid UTF-8") {
  const Item text = make_item(ItemType::text);
  const Item longtext = make_item(ItemType::longtext);

  SUBCASE("empty") {
    for (const Lines& input : {Lines{}, Lines{""}, Lines{"   "}, Lines{"", " \t", ""}}) {
      for (const auto type : {ItemType::text, ItemType::longtext, ItemType::choice, ItemType::multi,
                              ItemType::yesno, ItemType::number, ItemType::money, ItemType::date,
                              ItemType::scale, ItemType::list, ItemType::person}) {
        Item item = make_item(type);
        CHECK(parse(item, input).error ==
              cna::Refusal(kRequired, {cna::Instead::skip, cna::Instead::unknown}));
        item.na = true;
        CHECK(parse(item, input).error.instead ==
              std::vector{cna::Instead::skip, cna::Instead::unknown, cna::Instead::na});
      }
    }
  }
  SUBCASE("64 KiB is the limit, counting the newlines between lines") {
    CHECK(parse(longtext, {std::string(cna::kMaxAnswerBytes, 'a')}).ok());
    const auto over = parse(longtext, {std::string(cna::kMaxAnswerBytes + 1, 'a')});
    CHECK(over.error.reason == "the answer is too long (65537 bytes; the limit is 65536 bytes)");
    const std::string half(cna::kMaxAnswerBytes / 2, 'a');
    CHECK_FALSE(parse(longtext, {half, half}).ok());
    CHECK(parse(longtext, {half, half.substr(1)}).ok());
    // Trailing whitespace counts: the limit is on what was typed.
    CHECK_FALSE(parse(text, {"a" + std::string(cna::kMaxAnswerBytes, ' ')}).ok());
  }
  SUBCASE("invalid UTF-8 and NUL are refused") {
    const std::vector<std::string> bad_inputs = {"\xff",
                                                 "\xc0\xaf",
                                                 "caf\xe9",
                                                 "\xe2\x82",
                                                 "\xed\xa0\x80",
                                                 "\xf4\x90\x80\x80",
                                                 std::string("a\0b", 3)};
    for (const std::string& bad : bad_inputs) {
      CAPTURE(bad);
      for (const Item& item : {text, longtext, budget_status(), make_item(ItemType::list)}) {
        CHECK_FALSE(parse(item, {"fine", bad}).ok());
        CHECK_FALSE(parse(item, {bad}).ok());
      }
    }
    CHECK(parse(text, {"\xff"}).error.reason.find("UTF-8") != std::string::npos);
    CHECK(parse(text, {std::string("a\0b", 3)}).error.reason.find("NUL") != std::string::npos);
  }
  SUBCASE("control characters are kept, to be made visible at display") {
    const auto parsed = parse(text, {"\x1b[31mred\x07"});
    CHECK(parsed.ok());
    CHECK(parsed.value == Value(std::string("\x1b[31mred\x07")));
  }
  SUBCASE("surrounding whitespace is trimmed per line") {
    CHECK(parse(text, {"  \tGrow revenue \r"}).value == Value(std::string("Grow revenue")));
    CHECK(parse(longtext, {"  one ", "\ttwo"}).value == Value(std::string("one\ntwo")));
  }
}

TEST_CASE("placeholders") {
  SUBCASE("the table, with case and surrounding punctuation ignored") {
    for (const char* text :
         {"tbd", "TBD", "tbd.", "(tbd)", "Tba", "n/a", "N/A", "n.a.", "na", "NA", "none?", "None ?",
          "?", "??", "?!", "-", "--", "...", "\u2026", "x", "X", "xx", "todo", "TODO:", "unknown",
          "idk", "dunno", "pending", "later", "not sure", "Not  sure?", "don't know",
          "Don\u2019t know", "to be decided", "To be determined.", "  tbd  ", "\u201ctbd\u201d",
          "\u00bfnothing?", "no idea",
          // the longest, its words spread by runs of blanks, marks around
          "\u2026 To \t  be \n\n   Determined ?!\u201d"}) {
      CAPTURE(text);
      CHECK(cna::is_placeholder(text));
    }
  }
  SUBCASE("real answers are not placeholders") {
    for (const char* text : {"",
                             "   ",
                             "none",
                             "None.",
                             "nothing",
                             "Tbilisi",
                             "xyz",
                             "NASA",
                             "n/an",
                             "later this year",
                             "not sure yet about Q3",
                             "todo app",
                             "1",
                             "0",
                             "x-ray",
                             "Pending approval by the board",
                             "yes",
                             "no",
                             "to be determinedx",
                             "xto be determined",
                             "to be determined ok"}) {
      CAPTURE(text);
      CHECK_FALSE(cna::is_placeholder(text));
    }
  }
  SUBCASE("refused for every type, offering unknown, and n/a where allowed") {
    const std::string reason = "'tbd' is a placeholder, not an answer";
    for (const auto type : {ItemType::text, ItemType::longtext, ItemType::choice, ItemType::multi,
                            ItemType::yesno, ItemType::number, ItemType::money, ItemType::date,
                            ItemType::scale, ItemType::list, ItemType::person}) {
      Item item = make_item(type);
      item.options = {option("a"), option("b")};
      CHECK(parse(item, {"tbd"}).error == cna::Refusal(reason, {cna::Instead::unknown}));
      item.na = true;
      CHECK(parse(item, {"tbd"}).error ==
            cna::Refusal(reason, {cna::Instead::unknown, cna::Instead::na}));
    }
    CHECK(parse(make_item(ItemType::yesno), {"?"}).error.reason.find("'?' is a placeholder") == 0);
    CHECK(parse(make_item(ItemType::number), {"n/a"}).error.reason.find("placeholder") !=
          std::string::npos);
  }
  SUBCASE("list entries and other: texts") {
    Item list = make_item(ItemType::list);
    CHECK(parse(list, {"ERP", "tbd"}).error.reason.find("entry 2: 'tbd' is a placeholder") == 0);
    Item multi = budget_status();
    multi.type = ItemType::multi;
    multi.other = true;
    CHECK(parse(multi, {"1, idk"}).error.reason.find("'idk' is a placeholder") == 0);
    CHECK(parse(multi, {"1, other: ?"}).error.reason.find("'?' is a placeholder") == 0);
    Item choice = budget_status();
    choice.other = true;
    CHECK(parse(choice, {"other: tbd"}).error.reason.find("'tbd' is a placeholder") == 0);
  }
}

TEST_CASE("text") {
  Item item = make_item(ItemType::text);
  check_accepted(item, {{{"Grow revenue"}, std::string("Grow revenue")},
                        {{"", "one line", ""}, std::string("one line")},
                        {{"none"}, std::string("none")}});
  check_refused(item, {{{"one", "two"}, "expected one line (got 2)"},
                       {{"one\ntwo"}, "expected one line (got 2)"},
                       {{"one", "", "two"}, "expected one line (got 3)"}});

  SUBCASE("min_length counts characters, not bytes") {
    item.min_length = 5;
    check_accepted(item, {{{"h\u00e9llo"}, std::string("h\u00e9llo")}});
    check_refused(item, {{{"h\u00e9ll"}, "expected at least 5 characters (got 4)"}});
  }
  SUBCASE("pattern must match the whole answer") {
    item.pattern = R"([A-Z]{3}-\d+)";
    check_accepted(item, {{{"ABC-12"}, std::string("ABC-12")}});
    check_refused(item,
                  {{{"xABC-12"}, "'xABC-12' does not match the expected format [A-Z]{3}-\\d+"},
                   {{"ABC-12x"}, "does not match"},
                   {{"abc-12"}, "does not match"}});
  }
  SUBCASE("hostile patterns answer in linear time") {
    // A backtracking matcher took minutes on each of these (issue 15); RE2 takes microseconds.
    const std::string hostile = std::string(60, 'a') + "!";
    for (const char* pattern : {R"(^(a|a?)+$)", R"(^(a|aa)+$)", R"(^a*a*a*a*a*a*a*a*a*a*$)",
                                R"(^\d+\d+\d+\d+\d+\d+x$)", R"(^(a?){25}a{25}$)", "(a+)+"}) {
      CAPTURE(pattern);
      item.pattern = pattern;
      const auto start = std::chrono::steady_clock::now();
      check_refused(item, {{{hostile}, "does not match the expected format"}});
      check_refused(item, {{{std::string(50000, '1') + "!"}, "does not match"}});
      CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500));
    }
    item.pattern = "(a|b)*";
    check_accepted(item, {{{std::string(50000, 'a')}, std::string(50000, 'a')}});
  }
  SUBCASE("a broken pattern is the checklist's fault") {
    item.pattern = "([a-z";
    check_refused(item, {{{"abc"},
                          "this item's pattern cannot be used (not a valid regular "
                          "expression: missing ]: [a-z); fix the checklist"}});
  }
}

TEST_CASE("longtext") {
  Item item = make_item(ItemType::longtext);
  check_accepted(item, {{{"Cut costs", "Grow in Spain"}, std::string("Cut costs\nGrow in Spain")},
                        {{"one", "", "two", "", ""}, std::string("one\n\ntwo")},
                        {{"", "  one  "}, std::string("one")},
                        {{"one\r\ntwo"}, std::string("one\ntwo")}});
  item.min_length = 10;
  check_refused(item, {{{"short"}, "expected at least 10 characters (got 5)"}});
  check_accepted(item, {{{"short", "story"}, std::string("short\nstory")}});
}

TEST_CASE("choice") {
  Item item = budget_status();
  item.options[2].label = "To be created";
  check_accepted(item, {{{"1"}, std::string("approved")},
                        {{"3"}, std::string("to-be-created")},
                        {{"APPROVED"}, std::string("approved")},
                        {{"Identified"}, std::string("identified")},
                        {{"to be created"}, std::string("to-be-created")},
                        {{" 2 "}, std::string("identified")}});
  const std::string choose = "choose 1-3 or one of: approved, identified, to-be-created";
  check_refused(item, {{{"foo"}, "'foo' is not an option; " + choose},
                       {{"0"}, "'0' is not an option"},
                       {{"4"}, "'4' is not an option"},
                       {{"1,2"}, "'1,2' is not an option"},
                       {{"other: cloud"}, "is not an option"},
                       {{"1", "2"}, "expected one line (got 2)"}});
  CHECK(parse(item, {"foo"}).error.reason == "'foo' is not an option; " + choose);

  SUBCASE("other: text when allowed") {
    item.other = true;
    check_accepted(item, {{{"other: cloud vendor"}, std::string("other: cloud vendor")},
                          {{"Other:   in-house "}, std::string("other: in-house")}});
    // Plain text is the other option's text, unless it is a number or a near miss of an option.
    check_accepted(item, {{{"cloud vendor"}, std::string("other: cloud vendor")}});
    check_refused(item, {{{"other:"}, "add the text after 'other:'"},
                         {{"aproved"}, "'aproved' is not an option (did you mean approved?)"},
                         {{"7"}, choose + ", or other: TEXT"}});
  }
  SUBCASE("values win over numbers, so stored values read back") {
    Item numbers = make_item(ItemType::choice);
    numbers.options = {option("3"), option("2"), option("1")};
    check_accepted(numbers, {{{"1"}, std::string("1")}, {{"3"}, std::string("3")}});
  }
  SUBCASE("option text from the checklist is shown safely") {
    Item odd = make_item(ItemType::choice);
    odd.options = {option("a\x1b[2J")};
    CHECK(parse(odd, {"b"}).error.reason == "'b' is not an option; choose 1 or one of: a\\x1b[2J");
  }
}

TEST_CASE("multi") {
  Item item = budget_status();
  item.type = ItemType::multi;
  using V = std::vector<std::string>;
  check_accepted(item, {{{"1,3"}, V{"approved", "to-be-created"}},
                        {{"3, 1"}, V{"to-be-created", "approved"}},
                        {{"approved, Identified"}, V{"approved", "identified"}},
                        {{"approved", "3"}, V{"approved", "to-be-created"}},
                        {{"1,1,approved", "1"}, V{"approved"}},
                        {{"2"}, V{"identified"}}});
  check_refused(item, {{{"1,,3"}, "'1,,3' has an empty entry"},
                       {{"1,"}, "has an empty entry"},
                       {{"1,4"}, "'4' is not an option; choose 1-3"},
                       {{"1", "nope"}, "'nope' is not an option"},
                       {{"other: x"}, "is not an option"}});

  SUBCASE("counts") {
    item.min = 2;
    item.max = 2;
    check_refused(item, {{{"1"}, "expected at least 2 options (got 1)"},
                         {{"1,2,3"}, "expected at most 2 options (got 3)"},
                         {{"1,1"}, "expected at least 2 options (got 1)"}});
    check_accepted(item, {{{"1,2"}, V{"approved", "identified"}}});
  }
  SUBCASE("other: text keeps its commas") {
    item.other = true;
    check_accepted(item, {{{"1, other: SAP, Oracle"}, V{"approved", "other: SAP, Oracle"}},
                          {{"other: SAP", "2"}, V{"other: SAP", "identified"}}});
  }
  SUBCASE("labels with commas match as a whole line") {
    Item labelled = make_item(ItemType::multi);
    labelled.options = {option("yes-approved", "Yes, approved"), option("no")};
    check_accepted(labelled,
                   {{{"Yes, approved"}, V{"yes-approved"}}, {{"no, 1"}, V{"no", "yes-approved"}}});
  }
}

TEST_CASE("yesno") {
  const Item item = make_item(ItemType::yesno);
  check_accepted(item, {{{"y"}, true},
                        {{"Yes"}, true},
                        {{"TRUE"}, true},
                        {{"n"}, false},
                        {{"NO"}, false},
                        {{" false "}, false}});
  check_refused(item, {{{"yep"}, "expected yes or no (y/n)"},
                       {{"1"}, "expected yes or no"},
                       {{"yes no"}, "expected yes or no"},
                       {{"yes", "no"}, "expected one line (got 2)"}});
}

TEST_CASE("number") {
  Item item = make_item(ItemType::number);
  check_accepted(item, {{{"12"}, 12.0},
                        {{"0"}, 0.0},
                        {{"-3"}, -3.0},
                        {{"+4"}, 4.0},
                        {{"0.5"}, 0.5},
                        {{".5"}, 0.5},
                        {{"1,500,000.25"}, 1500000.25},
                        {{"1.200.000"}, 1.2e6},
                        {{"1,5"}, 1.5},
                        {{"1.500,25"}, 1500.25},
                        {{"1_000_000"}, 1e6},
                        {{"2.5k"}, 2500.0},
                        {{"2.5 K"}, 2500.0},
                        {{"1.1k"}, 1100.0},
                        {{"1.5m"}, 1.5e6},
                        {{"12M"}, 12e6},
                        {{"1e3"}, 1000.0},
                        {{"1.5e-3"}, 0.0015},
                        {{"1e+15"}, 1e15},
                        // a leading 0 is no thousands group: one reading only (found by fuzzing)
                        {{"0.021"}, 0.021},
                        {{",021"}, 0.021}});
  // ... and its input form reads back in either convention: 1,0210 is 1.021, written 1.0210.
  CHECK(value_to_input(item, Value(1.021)) == std::vector<std::string>{"1.0210"});
  check_refused(item,
                {{{"abc"}, "'abc' is not a number; e.g. 12, 1,500 or 2.5k (a dot for decimals)"},
                 {{"12,34,567"}, "is not a number"},
                 {{"1,0000.5"}, "is not a number"},
                 {{"1,500"},
                  "'1,500' reads two ways: 1500 with a decimal dot, or 1.5 with a "
                  "decimal comma"},
                 {{"650.000"}, "'650.000' reads two ways: 650 with a decimal dot, or 650000"},
                 {{"1."}, "is not a number"},
                 {{"1..2"}, "is not a number"},
                 {{"1.2.3"}, "is not a number"},
                 {{"k"}, "is not a number"},
                 {{"--5"}, "is not a number"},
                 {{"1e"}, "is not a number"},
                 {{"1e400"}, "is not a number"},
                 {{"1e12345"}, "is not a number"},
                 {{"12 users"}, "is not a number"},
                 {{"12km"}, "is not a number"},
                 {{"nan"}, "is not a number"},
                 {{"inf"}, "is not a number"},
                 {{"0x10"}, "is not a number"}});

  SUBCASE("unit") {
    item.unit = "users";
    check_accepted(
        item,
        {{{"12 users"}, 12.0}, {{"12users"}, 12.0}, {{"1.5k Users"}, 1500.0}, {{"12"}, 12.0}});
    check_refused(item,
                  {{{"12 seats"}, "'12 seats' is not a number; e.g. 12, 1,500 or 2.5k users"}});
  }
  SUBCASE("the workspace's decimal mark decides") {
    auto ctx = context();
    ctx.conventions.decimal = cna::DecimalMark::comma;
    check_accepted(item, {{{"650.000"}, 650000.0}, {{"1,500"}, 1.5}, {{"2,5k"}, 2500.0}}, ctx);
    check_refused(item, {{{"1,500.25"}, "is not a number; e.g. 12, 1.500 or 2,5k (a comma"}}, ctx);
    ctx.conventions.decimal = cna::DecimalMark::dot;
    check_accepted(item, {{{"650.000"}, 650.0}, {{"1,500"}, 1500.0}}, ctx);
    check_refused(item, {{{"1,5"}, "is not a number"}}, ctx);
  }
  SUBCASE("a reading the item cannot hold does not count") {
    item.integer = true;
    check_accepted(item, {{{"1,500"}, 1500.0}});
    check_refused(item, {{{"650.000"}, "reads two ways"}});
  }
  SUBCASE("range and integer") {
    item.min = 1;
    item.max = 5;
    check_refused(item, {{{"0"}, "expected a number between 1 and 5"},
                         {{"5.5"}, "expected a number between 1 and 5"}});
    check_accepted(item, {{{"4.5"}, 4.5}});
    item.integer = true;
    check_refused(item, {{{"4.5"}, "expected a whole number between 1 and 5"}});
    item.max.reset();
    check_refused(item, {{{"0"}, "expected a whole number of at least 1"}});
    check_accepted(item, {{{"1.5k"}, 1500.0}});
    item.min.reset();
    item.max = 10;
    check_refused(item, {{{"11"}, "expected a whole number of at most 10"}});
  }
}

TEST_CASE("money") {
  const Item item = make_item(ItemType::money);
  check_accepted(item, {{{"250000 EUR"}, Money{250000, "EUR"}},
                        {{"250k EUR"}, Money{250000, "EUR"}},
                        {{"1.5m usd"}, Money{1.5e6, "USD"}},
                        {{"EUR 250000"}, Money{250000, "EUR"}},
                        {{"eur 1,500.50"}, Money{1500.5, "EUR"}},
                        {{"250000EUR"}, Money{250000, "EUR"}},
                        {{"\u20ac250k"}, Money{250000, "EUR"}},
                        {{"250k \u20ac"}, Money{250000, "EUR"}},
                        {{"$1,500.00"}, Money{1500, "USD"}},
                        {{"1.200.000 EUR"}, Money{1.2e6, "EUR"}},
                        {{"1,5 EUR"}, Money{1.5, "EUR"}},
                        {{"\u00a3 3"}, Money{3, "GBP"}},
                        {{"0 CHF"}, Money{0, "CHF"}}});
  check_refused(item, {{{"250000"}, "add the currency, e.g. 250000 EUR"},
                       {{"-5 EUR"}, "expected an amount of 0 or more"},
                       {{"250000 EURO"}, "'250000 EURO' is not an amount"},
                       {{"EUR"}, "'EUR' is not an amount"},
                       {{"250kEUR"}, "is not an amount"},
                       {{"lots"}, "is not an amount"},
                       {{"650.000 EUR"}, "'650.000' reads two ways: 650 with a decimal dot"},
                       {{"1,5,0 EUR"}, "is not an amount"},
                       {{"12 FOO"}, "'FOO' is not an ISO 4217 currency code"},
                       {{"ERU 12"}, "'ERU' is not an ISO 4217 currency code"}});
  CHECK(cna::is_currency_code("EUR"));
  CHECK(cna::is_currency_code("AED")); // the first
  CHECK(cna::is_currency_code("ZWL")); // the last
  CHECK_FALSE(cna::is_currency_code("eur"));
  CHECK_FALSE(cna::is_currency_code("EURO"));

  SUBCASE("default currency") {
    auto ctx = context();
    ctx.default_currency = "eur";
    check_accepted(item, {{{"250k"}, Money{250000, "EUR"}}, {{"5 USD"}, Money{5, "USD"}}}, ctx);
    ctx.default_currency = "euro";
    check_refused(item, {{{"250k"}, "'EURO' is not an ISO 4217 currency code, e.g. EUR, USD, GBP"}},
                  ctx);
  }
}

TEST_CASE("date") {
  const Item item = make_item(ItemType::date);
  check_accepted(item, {{{"2026-12-01"}, std::string("2026-12-01")},
                        {{"2024-02-29"}, std::string("2024-02-29")},
                        {{"today"}, std::string("2026-11-23")},
                        {{"TODAY"}, std::string("2026-11-23")},
                        {{"tomorrow"}, std::string("2026-11-24")},
                        {{"yesterday"}, std::string("2026-11-22")},
                        {{"+14d"}, std::string("2026-12-07")},
                        {{"+2w"}, std::string("2026-12-07")},
                        {{"+2W"}, std::string("2026-12-07")},
                        {{"-3d"}, std::string("2026-11-20")},
                        {{"+0d"}, std::string("2026-11-23")},
                        {{"+40d"}, std::string("2027-01-02")}});
  check_refused(item,
                {{{"2026-02-30"}, "'2026-02-30' is not a calendar date (YYYY-MM-DD)"},
                 {{"2026-13-01"}, "not a calendar date"},
                 {{"next week"},
                  "'next week' is not a date; use YYYY-MM-DD, today, tomorrow, +14d, +2w or -3d"},
                 {{"26-11-23"}, "is not a date"},
                 {{"2026-11-23T10:00"}, "is not a date"},
                 {{"+d"}, "is not a date"},
                 {{"+1x"}, "is not a date"},
                 {{"+-3d"}, "is not a date"},
                 {{"14d"}, "is not a date"},
                 {{"+999999d"}, "is not a date"}});

  SUBCASE("day and month in either order: taken when only one is a date, else refused") {
    check_accepted(item, {{{"31.03.2027"}, std::string("2027-03-31")},
                          {{"13/01/2027"}, std::string("2027-01-13")},
                          {{"01/13/2027"}, std::string("2027-01-13")},
                          {{"4.4.2027"}, std::string("2027-04-04")}});
    check_refused(item, {{{"03/04/2027"},
                          "'03/04/2027' reads two ways: 2027-04-03 (day first) "
                          "or 2027-03-04 (month first)"},
                         {{"31/31/2027"}, "'31/31/2027' is not a real date"},
                         {{"3.4.27"}, "is not a date"}});
  }
  SUBCASE("the workspace's date order decides") {
    auto ctx = context();
    ctx.conventions.dates = cna::DateOrder::day_month_year;
    check_accepted(item, {{{"03/04/2027"}, std::string("2027-04-03")}}, ctx);
    check_refused(item, {{{"01/13/2027"}, "is not a real date (day.month.year"}}, ctx);
    ctx.conventions.dates = cna::DateOrder::month_day_year;
    check_accepted(item, {{{"03/04/2027"}, std::string("2027-03-04")}}, ctx);
  }
  SUBCASE("relative to the context's day, not the clock") {
    auto ctx = context();
    ctx.today = *cna::parse_timestamp("2026-12-31T23:59:59Z");
    check_accepted(item, {{{"tomorrow"}, std::string("2027-01-01")}}, ctx);
  }
}

TEST_CASE("scale") {
  Item item = make_item(ItemType::scale);
  check_accepted(item, {{{"1"}, 1.0}, {{"5"}, 5.0}, {{"3"}, 3.0}});
  check_refused(item, {{{"0"}, "expected a number between 1 and 5"},
                       {{"6"}, "expected a number between 1 and 5"},
                       {{"2.5"}, "expected a number between 1 and 5"},
                       {{"high"}, "expected a number between 1 and 5"}});
  CHECK(parse(item, {"6"}).error.reason == "expected a number between 1 and 5");

  SUBCASE("labels, labels[0] being min") {
    item.min = 0;
    item.max = 2;
    item.labels = {"low", "medium", "high"};
    check_accepted(item, {{{"Medium"}, 1.0}, {{"low"}, 0.0}, {{"2"}, 2.0}});
    check_refused(item,
                  {{{"huge"}, "expected a number between 0 and 2 or one of: low, medium, high"}});
  }
  SUBCASE("labels that look like numbers or punctuation") {
    item.labels = {"--", "-", "0", "+", "++"};
    check_accepted(item, {{{"--"}, 1.0}, {{"0"}, 3.0}, {{"+"}, 4.0}, {{"5"}, 5.0}});
  }
}

TEST_CASE("list") {
  Item item = make_item(ItemType::list);
  using V = std::vector<std::string>;
  check_accepted(item, {{{"SAP", " Salesforce ", ""}, V{"SAP", "Salesforce"}},
                        {{"a, b"}, V{"a, b"}},
                        {{"one\ntwo"}, V{"one", "two"}},
                        {{"same", "same"}, V{"same", "same"}}});
  check_refused(item, {{{"SAP", "", "Oracle"}, "entry 2 is empty"}});
  item.min = 3;
  item.max = 4;
  check_refused(item, {{{"a", "b"}, "expected at least 3 entries (got 2)"},
                       {{"a", "b", "c", "d", "e"}, "expected at most 4 entries (got 5)"}});
  check_accepted(item, {{{"a", "b", "c"}, V{"a", "b", "c"}}});
}

TEST_CASE("person") {
  const Item item = make_item(ItemType::person);
  check_accepted(item, {{{"dana-lee"}, std::string("dana-lee")},
                        {{"DANA-LEE"}, std::string("dana-lee")},
                        {{"2"}, std::string("sam-ortiz")},
                        {{"sam ortiz"}, std::string("sam-ortiz")}});
  check_refused(item,
                {{{"bob"}, "'bob' is not a stakeholder; choose 1-2 or one of: dana-lee, sam-ortiz"},
                 {{"3"}, "'3' is not a stakeholder"},
                 {{"Dana"}, "is not a stakeholder"}});

  SUBCASE("no stakeholders yet") {
    auto ctx = context();
    const std::vector<cna::Stakeholder> nobody;
    ctx.stakeholders = &nobody;
    check_refused(item, {{{"dana-lee"}, "the account has no stakeholders yet"}}, ctx);
    CHECK(parse(item, {"dana-lee"}, ctx).error.instead ==
          std::vector{cna::Instead::add_stakeholder});
    ctx.stakeholders = nullptr;
    check_refused(item, {{{"1"}, "no stakeholders yet"}}, ctx);
  }
}

TEST_CASE("check_value") {
  Item number = make_item(ItemType::number);
  number.min = 0;
  number.max = 100;
  Item multi = budget_status();
  multi.type = ItemType::multi;
  Item text = make_item(ItemType::text);
  text.pattern = "[a-z]+";
  Item list = make_item(ItemType::list);
  Item choice = budget_status();
  choice.other = true;

  struct Case {
    Item item;
    Value value;
    std::string reason; // empty: valid
  };
  const std::vector<Case> cases = {
      {text, std::string("abc"), ""},
      {text, std::monostate{}, "expected text, found no value"},
      {text, 12.0, "expected text, found a number"},
      {text, std::string("ABC"), "'ABC' does not match"},
      {text, std::string(""), kRequired},
      {text, std::string("tbd"), "'tbd' is a placeholder"},
      {text, std::string("a\nb"), "expected one line (got 2)"},
      {text, std::string("\xc0\xaf"), "not valid UTF-8"},
      {text, std::string("a\0b", 3), "NUL"},
      {make_item(ItemType::longtext), std::string(cna::kMaxAnswerBytes + 1, 'a'), "too long"},
      {make_item(ItemType::longtext), std::string("a\n\nb"), ""},
      {choice, std::string("approved"), ""},
      {choice, std::string("Approved"), "'Approved' is not an option"},
      {choice, std::string("other: cloud"), ""},
      {choice, std::string("other:cloud"), "is not an option"},
      {choice, std::string("other: "), "add the text after 'other:'"},
      {choice, std::string("other: n/a"), "placeholder"},
      {budget_status(), std::string("other: cloud"), "is not an option"},
      {multi, strings({"approved", "identified"}), ""},
      {multi, strings({"approved", "approved"}), "'approved' is chosen twice"},
      {multi, strings({}), "expected at least 1 option (got 0)"},
      {multi, strings({"nope"}), "'nope' is not an option"},
      {multi, std::string("approved"), "expected a list, found text"},
      {list, strings({"a", ""}), "entry 2 is empty"},
      {list, strings({"a", "b\nc"}), "entry 2: expected one line"},
      {list, strings({"a", "\xff"}), "UTF-8"},
      {make_item(ItemType::yesno), true, ""},
      {make_item(ItemType::yesno), std::string("yes"), "expected yes or no, found text"},
      {number, 50.0, ""},
      {number, 101.0, "expected a number between 0 and 100"},
      {number, std::numeric_limits<double>::quiet_NaN(), "expected a number between 0 and 100"},
      {number, true, "expected a number, found yes or no"},
      {make_item(ItemType::scale), 5.0, ""},
      {make_item(ItemType::scale), 2.5, "expected a number between 1 and 5"},
      {make_item(ItemType::money), Money{5, "EUR"}, ""},
      {make_item(ItemType::money), Money{5, "eur"}, "'eur' is not an ISO 4217 currency code"},
      {make_item(ItemType::money), Money{-5, "EUR"}, "expected an amount of 0 or more"},
      {make_item(ItemType::money), 5.0, "expected an amount with currency, found a number"},
      {make_item(ItemType::date), std::string("2026-11-23"), ""},
      {make_item(ItemType::date), std::string("2026-02-30"), "not a calendar date"},
      {make_item(ItemType::date), std::string("today"), "not a calendar date"},
      {make_item(ItemType::person), std::string("dana-lee"), ""},
      {make_item(ItemType::person), std::string("Dana Lee"), "'Dana Lee' is not a stakeholder"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.reason);
    const std::string reason = cna::check_value(c.item, c.value, kPeople).reason;
    if (c.reason.empty()) {
      CHECK(reason == "");
    } else {
      CAPTURE(reason);
      CHECK(reason.find(c.reason) != std::string::npos);
    }
  }
}

TEST_CASE("value_to_input reads back to the same value, for every type") {
  Item choice = budget_status();
  choice.other = true;
  Item numbered = make_item(ItemType::choice);
  numbered.options = {option("3"), option("2"), option("1")};
  Item multi = budget_status();
  multi.type = ItemType::multi;
  multi.other = true;
  multi.options.push_back(option("yes-approved", "Yes, approved"));
  Item scale = make_item(ItemType::scale);
  scale.labels = {"--", "-", "0", "+", "++"};
  Item units = make_item(ItemType::number);
  units.unit = "users";
  std::vector<cna::Stakeholder> people = kPeople;
  people.push_back({"1", "2", "", {}, {}, {}, {}, ""}); // an id that is also a number
  auto ctx = context();
  ctx.stakeholders = &people;

  struct Case {
    Item item;
    Lines input;
  };
  const std::vector<Case> cases = {
      {make_item(ItemType::text), {"Grow revenue, fast"}},
      {make_item(ItemType::text), {"\x1b[31m red"}},
      {make_item(ItemType::longtext), {"one", "", "  two", ""}},
      {choice, {"2"}},
      {choice, {"other: cloud, on-prem"}},
      {numbered, {"1"}},
      {multi, {"1,3", "other: SAP, Oracle", "4"}},
      {make_item(ItemType::yesno), {"y"}},
      {make_item(ItemType::yesno), {"no"}},
      {make_item(ItemType::number), {"1,500,000.25"}},
      {make_item(ItemType::number), {"0.1"}},
      {make_item(ItemType::number), {"-1.5e-7"}},
      {make_item(ItemType::number), {"1e15"}},
      {make_item(ItemType::number), {"123456789012345678"}},
      {units, {"12 users"}},
      {make_item(ItemType::money), {"1.5m usd"}},
      {make_item(ItemType::money), {"\u20ac0.1"}},
      {make_item(ItemType::money), {"1e20 EUR"}},
      {make_item(ItemType::date), {"+2w"}},
      {scale, {"0"}},
      {scale, {"--"}},
      {make_item(ItemType::list), {"SAP", "Salesforce, Inc."}},
      {make_item(ItemType::person), {"Sam Ortiz"}},
      {make_item(ItemType::person), {"1"}},
      {make_item(ItemType::person), {"3"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input.front());
    const auto first = cna::parse_input(c.item, c.input, ctx);
    REQUIRE(first.ok());
    const Lines typed = cna::value_to_input(c.item, first.value);
    const auto again = cna::parse_input(c.item, typed, ctx);
    CHECK(again.error.reason == "");
    CHECK(again.value == first.value);
    CHECK(cna::check_value(c.item, first.value, people).empty());
  }
  CHECK(cna::value_to_input(make_item(ItemType::text), Value{}).empty());
  CHECK(cna::value_to_input(make_item(ItemType::money), Money{250000, "EUR"}) ==
        Lines{"250000 EUR"});
  CHECK(cna::value_to_input(make_item(ItemType::yesno), true) == Lines{"yes"});
}

TEST_CASE("phrase: a refusal in each front end's syntax") {
  using cna::Instead;
  const cna::InsteadSyntax walk{":skip", ":unknown OWNER DUE", ":na REASON", ":who"};
  const cna::InsteadSyntax options{"", "--unknown --owner WHO --due DATE", "--na REASON", ""};
  const cna::Refusal required("an answer is required",
                              {Instead::skip, Instead::unknown, Instead::na});
  CHECK(cna::phrase(required, walk) ==
        "an answer is required; use :skip to come back to it later, :unknown OWNER DUE if "
        "someone will find out, or :na REASON if it does not apply");
  // A choice the front end does not spell is left out.
  CHECK(cna::phrase(required, options) ==
        "an answer is required; use --unknown --owner WHO --due DATE if someone will find out, "
        "or --na REASON if it does not apply");
  CHECK(cna::phrase({"'x' is a placeholder", {Instead::unknown}}, walk) ==
        "'x' is a placeholder; use :unknown OWNER DUE if someone will find out");
  CHECK(cna::phrase({"no stakeholders yet", {Instead::add_stakeholder}}, options) ==
        "no stakeholders yet");
  CHECK(cna::phrase({"expected yes or no"}, walk) == "expected yes or no");
  // No front end's syntax is in the core's reasons.
  for (const auto& [type, input] : std::vector<std::pair<ItemType, Lines>>{
           {ItemType::text, {"tbd"}}, {ItemType::text, {""}}, {ItemType::person, {"bob"}}}) {
    Item item = make_item(type);
    item.na = true;
    const std::string reason = parse(item, input).error.reason;
    CAPTURE(reason);
    CHECK(reason.find(" :") == std::string::npos); // no walk command (" :who", " :na")
  }
}

TEST_SUITE_END();

TEST_CASE("read_marks: TEXT [@WHO] [due DATE] read from the end, in either order") {
  const auto marks = [](std::string_view line) {
    const cna::Marked m = cna::read_marks(line);
    return std::vector<std::string>{m.text, m.who, m.due};
  };
  CHECK(marks("Send the plan") == std::vector<std::string>{"Send the plan", "", ""});
  CHECK(marks("Send  the plan @sam due +7d ") ==
        std::vector<std::string>{"Send the plan", "sam", "+7d"});
  CHECK(marks("Send the plan due 2026-12-01 @\"Dana Lee\"") ==
        std::vector<std::string>{"Send the plan", "Dana Lee", "2026-12-01"});
  // Inside the text, "due" and "@" are words of it.
  CHECK(marks("Ask @raj what is due, now @sam") ==
        std::vector<std::string>{"Ask @raj what is due, now", "sam", ""});
  CHECK(marks("@raj due today") == std::vector<std::string>{"", "raj", "today"});
  CHECK(marks("a lone @ stays") == std::vector<std::string>{"a lone @ stays", "", ""});
}
