#include <doctest/doctest.h>

#include <map>
#include <string>

#include "cna/condition.hpp"
#include "test_support.hpp"

using namespace cna;

namespace {

std::shared_ptr<const Condition> parse_ok(std::string_view text) {
  const ConditionParse parsed = parse_condition(text);
  INFO("condition: ", std::string(text));
  INFO("error: ", parsed.error ? parsed.error->message : std::string());
  REQUIRE(parsed.condition);
  REQUIRE_FALSE(parsed.error);
  return parsed.condition;
}

using Answers = std::map<std::string, Value, std::less<>>;

bool eval(std::string_view text, const Answers& answers) {
  const auto condition = parse_ok(text);
  return evaluate(*condition, [&](std::string_view id) -> std::optional<Value> {
    const auto found = answers.find(id);
    if (found == answers.end()) return std::nullopt;
    return found->second;
  });
}

Item make_item(std::string id, ItemType type, std::vector<std::string> options = {},
               bool other = false) {
  Item item = test::item_of(std::move(id), type);
  for (auto& value : options)
    item.options.push_back({value, value, ""});
  item.other = other;
  return item;
}

// One item of every type, then the guarded item last.
Checklist make_checklist() {
  Checklist checklist;
  checklist.items = {
      make_item("t", ItemType::text),
      make_item("lt", ItemType::longtext),
      make_item("ch", ItemType::choice, {"approved", "identified"}),
      make_item("cho", ItemType::choice, {"a"}, true),
      make_item("mu", ItemType::multi, {"crm", "erp"}),
      make_item("muo", ItemType::multi, {"crm"}, true),
      make_item("yn", ItemType::yesno),
      make_item("num", ItemType::number),
      make_item("mon", ItemType::money),
      make_item("dt", ItemType::date),
      make_item("sc", ItemType::scale),
      make_item("li", ItemType::list),
      make_item("pe", ItemType::person),
      make_item("self", ItemType::text),
      make_item("later", ItemType::text),
  };
  return checklist;
}
constexpr std::size_t kSelf = 13;

std::vector<std::string> check(std::string_view text) {
  const auto condition = parse_ok(text);
  return check_condition(*condition, make_checklist(), kSelf);
}

} // namespace

TEST_SUITE_BEGIN("core::condition");

TEST_CASE("parse accepts every form of the grammar") {
  for (const char* text : {
           "a == 'x'",         "a == \"x\"",
           "a != 'x'",         "a < 1",
           "a <= -1.5",        "a > 0.25",
           "a >= 10",          "a == true",
           "a == false",       "a in ['x', \"y\", 3, true]",
           "a in [1]",         "a contains 'crm'",
           "answered(a)",      "answered ( a )",
           "not a == 1",       "not not answered(a)",
           "(a == 1)",         "((a == 1) or (b == 2)) and not (c == 3)",
           "  a==1and b==2  ", "a_1 == 'it\\'s' or b == \"say \\\"hi\\\"\" or c == 'back\\\\slash'",
           "x\t==\n1\r",
       }) {
    CAPTURE(std::string(text));
    const ConditionParse parsed = parse_condition(text);
    CHECK(parsed.condition);
    CHECK_FALSE(parsed.error);
  }
}

TEST_CASE("parse reports errors with their byte offset") {
  struct Case {
    const char* text;
    std::size_t offset;
    const char* message; // a part of the message
  };
  const Case cases[] = {
      {"", 0, "empty condition"},
      {"   \t ", 0, "empty condition"},
      {"budget_status 'x'", 14, "expected a comparison operator after 'budget_status'"},
      {"budget_status", 13, "expected a comparison operator after 'budget_status'"},
      {"a == 'open", 5, "unterminated string"},
      {"a == \"open\\\"", 5, "unterminated string"},
      {"a == 'x\\n'", 7, "unknown escape"},
      {")", 0, "unexpected ')'"},
      {"a == 1)", 6, "unexpected ')'"},
      {"a == 1 b == 2", 7, "expected 'and', 'or' or the end, found 'b'"},
      {"(a == 1", 7, "expected ')' to close the '(' at offset 0, found the end"},
      {"a == 1 and", 10, "unexpected end of condition"},
      {"a == 1 or or b == 1", 10, "found 'or'"},
      {"not", 3, "unexpected end of condition"},
      {"a ==", 4, "expected a value after '=='"},
      {"a == b", 5, "found 'b' (quote text: 'b')"},
      {"a = 1", 2, "unexpected '=' (did you mean '=='?)"},
      {"!a", 0, "unexpected '!'"},
      {"a == 1 & b", 7, "unexpected character '&'"},
      {"a == 1 \x01", 7, "unexpected byte 0x01"},
      {"a == 1.", 7, "expected a digit after '.'"},
      {"Budget == 1", 0, "'Budget' is not a valid item id"},
      {"_a == 1", 0, "'_a' is not a valid item id"},
      {"a == 1 AND b == 2", 7, "'AND' is not a keyword (keywords are lower case: 'and')"},
      {"'x' == a", 0, "expected an item id, 'not', 'answered' or '(', found ''x''"},
      {"a in 'x'", 5, "expected '[' after 'in'"},
      {"a in []", 6, "empty list after 'in'"},
      {"a in ['x' 'y']", 10, "expected ',' or ']' in the list, found ''y''"},
      {"a in ['x',]", 10, "expected a value in the list"},
      {"a contains 1", 11, "expected a quoted text after 'contains'"},
      {"answered a", 9, "expected '(' after 'answered'"},
      {"answered(1)", 9, "expected an item id in 'answered(...)'"},
      {"answered(a", 10, "expected ')' to close 'answered(' at offset 0"},
      {"a == 1 and b == 2 $", 18, "unexpected character '$'"},
      {"a == 1e5", 6, "expected 'and', 'or' or the end, found 'e5'"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.text));
    const ConditionParse parsed = parse_condition(c.text);
    CHECK_FALSE(parsed.condition);
    REQUIRE(parsed.error);
    CHECK(parsed.error->offset == c.offset);
    CHECK_MESSAGE(parsed.error->message.find(c.message) != std::string::npos,
                  parsed.error->message);
  }
}

TEST_CASE("a syntax error before a lexical error is reported first") {
  const ConditionParse parsed = parse_condition(") == 'open");
  REQUIRE(parsed.error);
  CHECK(parsed.error->offset == 0);
  CHECK(parsed.error->message == "unexpected ')'");
}

TEST_CASE("parse limits length and nesting") {
  SUBCASE("nesting within the limit parses") {
    std::string text = std::string(60, '(') + "a == 1" + std::string(60, ')');
    CHECK(parse_condition(text).condition);
    CHECK(parse_condition(std::string(60 * 4, ' ') + "answered(a)").condition);
  }
  SUBCASE("deep parentheses are refused, not recursed") {
    const ConditionParse parsed = parse_condition(std::string(3000, '(') + "a == 1");
    REQUIRE(parsed.error);
    CHECK(parsed.error->message.find("nests deeper than 64") != std::string::npos);
    CHECK(parsed.error->offset == 64); // the 65th '('
  }
  SUBCASE("deep 'not' chains are refused") {
    std::string text;
    for (int i = 0; i < 63; ++i)
      text += "not ";
    CHECK(parse_condition(text + "answered(a)").condition); // 64 levels with the leaf
    const ConditionParse parsed = parse_condition(text + "not answered(a)");
    REQUIRE(parsed.error);
    CHECK(parsed.error->message == "condition nests deeper than 64 levels");
    CHECK(parsed.error->offset == 256);
  }
  SUBCASE("long chains of 'and' stay flat") {
    std::string text = "a == 1";
    for (int i = 0; i < 300; ++i)
      text += " and a == 1";
    const auto condition = parse_ok(text);
    CHECK(evaluate(*condition, [](std::string_view) { return Value{1.0}; }));
  }
  SUBCASE("over-long text is refused") {
    const ConditionParse parsed = parse_condition("a == '" + std::string(5000, 'x') + "'");
    REQUIRE(parsed.error);
    CHECK(parsed.error->offset == 4096);
    CHECK(parsed.error->message == "condition is longer than 4096 bytes");
  }
  SUBCASE("hostile bytes never crash") {
    for (const char* text :
         {"\"",       "'",        "\\",        "a == '\\",   "(((",     ")))",      "[",
          "a in [",   "a in [1,", "answered(", "answered",   "not not", "-",        "a == -",
          "a == --1", "a <",      "a >=",      "a contains", "a in",    "\xff\xfe", ","}) {
      CAPTURE(std::string(text));
      const ConditionParse parsed = parse_condition(text);
      CHECK_FALSE(parsed.condition);
      CHECK(parsed.error);
    }
  }
}

TEST_CASE("referenced_ids lists ids in order, without duplicates") {
  const auto condition =
      parse_ok("b == 1 or (a in [1] and not answered(b)) or c contains 'x' or a > 2");
  CHECK(referenced_ids(*condition) == std::vector<std::string>{"b", "a", "c"});
  CHECK(referenced_ids(*parse_ok("answered(z)")) == std::vector<std::string>{"z"});
}

TEST_CASE("evaluate: precedence is not > and > or") {
  const Answers answers{{"a", 1.0}, {"b", 2.0}, {"c", 3.0}};
  // and binds tighter than or
  CHECK(eval("a == 1 or b == 0 and c == 0", answers));
  CHECK_FALSE(eval("(a == 1 or b == 0) and c == 0", answers));
  CHECK(eval("b == 0 and c == 0 or a == 1", answers));
  // not binds tighter than and
  CHECK_FALSE(eval("not a == 1 and b == 2", answers));
  CHECK(eval("not (a == 1 and b == 0)", answers));
  CHECK(eval("not a == 0 and b == 2", answers));
  CHECK(eval("not not a == 1", answers));
  CHECK(eval("a == 0 or b == 0 or c == 3", answers));
  CHECK_FALSE(eval("a == 1 and b == 2 and c == 0", answers));
}

TEST_CASE("evaluate: every operator on numbers, money, dates, text and yes/no") {
  struct Case {
    const char* text;
    bool expected;
  };
  const Answers answers{{"n", 10.0},
                        {"m", Money{250000, "EUR"}},
                        {"d", std::string("2024-06-15")},
                        {"s", std::string("approved")},
                        {"y", true},
                        {"mu", std::vector<std::string>{"crm", "erp"}}};
  const Case cases[] = {
      {"n == 10", true},
      {"n == 10.0", true},
      {"n != 10", false},
      {"n != 9", true},
      {"n < 10", false},
      {"n < 10.5", true},
      {"n <= 10", true},
      {"n <= 9.99", false},
      {"n > 9", true},
      {"n > 10", false},
      {"n >= 10", true},
      {"n >= 11", false},
      {"n > -1", true},
      {"m >= 250000", true},
      {"m > 250000", false},
      {"m == 250000", true},
      {"m < 1000000", true},
      {"d < '2024-07-01'", true},
      {"d > '2024-06-15'", false},
      {"d >= '2024-06-15'", true},
      {"d == '2024-06-15'", true},
      {"d <= '2023-12-31'", false},
      {"s == 'approved'", true},
      {"s == 'Approved'", false},
      {"s != 'approved'", false},
      {"s != 'other'", true},
      {"y == true", true},
      {"y == false", false},
      {"y != false", true},
      {"s in ['x', 'approved']", true},
      {"s in ['x', 'y']", false},
      {"n in [1, 10]", true},
      {"y in [false]", false},
      {"mu contains 'crm'", true},
      {"mu contains 'CRM'", false},
      {"mu contains 'hr'", false},
      {"answered(n)", true},
      {"answered(missing)", false},
      // a mismatched literal never equals; `!=` stays the negation of `==`
      {"s == 1", false},
      {"s != 1", true},
      {"s < 1", false},
      {"n == '10'", false},
      {"s contains 'approved'", false},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.text));
    CHECK(eval(c.text, answers) == c.expected);
  }
}

TEST_CASE("evaluate: an unanswered item makes every comparison false, not negates it") {
  const Answers none;
  for (const char* text :
       {"x == 1", "x != 1", "x < 1", "x <= 1", "x > 1", "x >= 1", "x == 'a'", "x != 'a'",
        "x == true", "x in [1, 'a']", "x contains 'a'", "answered(x)"}) {
    CAPTURE(std::string(text));
    CHECK_FALSE(eval(text, none));
    CHECK(eval(std::string("not ") + text, none));
  }
  SUBCASE("a monostate counts as unanswered") {
    CHECK_FALSE(eval("answered(x)", Answers{{"x", Value{}}}));
    CHECK_FALSE(eval("x != 1", Answers{{"x", Value{}}}));
  }
  SUBCASE("or/and combine with unanswered items") {
    const Answers some{{"a", 1.0}};
    CHECK(eval("x == 1 or a == 1", some));
    CHECK_FALSE(eval("x == 1 and a == 1", some));
    CHECK(eval("not answered(x) and a == 1", some));
  }
}

TEST_CASE("evaluate short-circuits and and or") {
  int calls = 0;
  const auto lookup = [&](std::string_view) -> std::optional<Value> {
    ++calls;
    return Value{1.0};
  };
  CHECK(evaluate(*parse_ok("a == 1 or b == 1 or c == 1"), lookup));
  CHECK(calls == 1);
  calls = 0;
  CHECK_FALSE(evaluate(*parse_ok("a == 2 and b == 1"), lookup));
  CHECK(calls == 1);
}

TEST_CASE("escapes in strings unescape") {
  CHECK(eval("s == 'it\\'s'", Answers{{"s", std::string("it's")}}));
  CHECK(eval("s == \"a\\\\b\"", Answers{{"s", std::string("a\\b")}}));
  CHECK(eval("s == \"it's\"", Answers{{"s", std::string("it's")}}));
  CHECK(eval("s == 'say \"hi\"'", Answers{{"s", std::string("say \"hi\"")}}));
}

TEST_CASE("check_condition: references") {
  SUBCASE("unknown item") {
    CHECK(check("nope == 'x'") == std::vector<std::string>{"unknown item 'nope'"});
  }
  SUBCASE("the item itself and later items") {
    CHECK(check("self == 'x'") == std::vector<std::string>{"'self' is not an earlier item"});
    CHECK(check("answered(later)") == std::vector<std::string>{"'later' is not an earlier item"});
  }
  SUBCASE("each problem once, in order") {
    CHECK(check("nope == 'x' or answered(later) or nope == 'y'") ==
          std::vector<std::string>{"unknown item 'nope'", "'later' is not an earlier item"});
  }
  SUBCASE("answered() on any earlier item is fine") {
    for (const char* id : {"t", "mu", "yn", "dt", "mon", "li"}) {
      CAPTURE(id);
      CHECK(check(std::string("answered(") + id + ")").empty());
    }
  }
}

TEST_CASE("check_condition: types") {
  struct Case {
    const char* text;
    std::string problem; // empty: accepted
  };
  const auto ordering = [](const char* id, const char* type) {
    return std::string("'<', '<=', '>' and '>=' apply only to number, money, date, scale and "
                       "percent items; '") +
           id + "' is a " + type + " item";
  };
  const Case cases[] = {
      // ordering operators
      {"num < 5", ""},
      {"sc >= 3", ""},
      {"mon > 1000", ""},
      {"dt <= '2024-01-31'", ""},
      {"t < 'b'", ordering("t", "text")},
      {"ch > 'approved'", ordering("ch", "choice")},
      {"yn < true", ordering("yn", "yesno")},
      {"mu <= 1", ordering("mu", "multi")},
      // numbers and scales only with numbers
      {"num == 1", ""},
      {"num == '1'", "'num' is a number item: compare it with a number"},
      {"sc != true", "'sc' is a scale item: compare it with a number"},
      {"mon == 'EUR'", "'mon' is a money item: compare it with a number"},
      // yes/no only with true/false
      {"yn == true", ""},
      {"yn != false", ""},
      {"yn == 'yes'", "'yn' is a yesno item: compare it with true or false"},
      {"yn == 1", "'yn' is a yesno item: compare it with true or false"},
      // dates with 'YYYY-MM-DD'
      {"dt == '2024-02-29'", ""},
      {"dt > 'soon'", "'dt' is a date item: compare it with a 'YYYY-MM-DD' date"},
      {"dt > '2024-13-01'", "'dt' is a date item: compare it with a 'YYYY-MM-DD' date"},
      {"dt > 20240101", "'dt' is a date item: compare it with a 'YYYY-MM-DD' date"},
      // text-like items with strings
      {"t == 'x'", ""},
      {"lt != 'x'", ""},
      {"pe == 'Ana'", ""},
      {"t == 1", "'t' is a text item: compare it with a quoted text"},
      {"pe == false", "'pe' is a person item: compare it with a quoted text"},
      // choice with one of its options
      {"ch == 'approved'", ""},
      {"ch != 'identified'", ""},
      {"ch == 'foo'", "'ch' has no option 'foo'"},
      {"ch == 'Approved'", "'ch' has no option 'Approved'"},
      {"ch == 1", "'ch' is a choice item: compare it with a quoted text"},
      {"cho == 'anything'", ""},
      // in: literals typed like ==
      {"ch in ['approved', 'identified']", ""},
      {"ch in ['approved', 'foo']", "'ch' has no option 'foo'"},
      {"num in [1, 2]", ""},
      {"num in [1, 'two']", "'num' is a number item: compare it with a number"},
      {"yn in [true]", ""},
      {"mu in ['crm']", "'mu' is a multi item: use 'contains'"},
      // contains only on multi/list; multi with its options unless other is allowed
      {"mu contains 'crm'", ""},
      {"mu contains 'hr'", "'mu' has no option 'hr'"},
      {"muo contains 'hr'", ""},
      {"li contains 'anything'", ""},
      {"li == 'x'", "'li' is a list item: use 'contains'"},
      {"t contains 'x'", "'contains' applies only to multi and list items; 't' is a text item"},
      {"ch contains 'approved'",
       "'contains' applies only to multi and list items; 'ch' is a choice item"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.text));
    const auto problems = check(c.text);
    if (c.problem.empty()) {
      CHECK(problems.empty());
    } else {
      CHECK(problems == std::vector<std::string>{c.problem});
    }
  }
}

TEST_CASE("check_condition: a date literal must be a calendar date") {
  CHECK(check("dt == '2026-02-28'").empty());
  CHECK(check("dt < '2028-02-29'").empty()); // a leap year
  for (const char* text :
       {"dt == '2026-02-31'", "dt == '2026-04-31'", "dt > '2027-02-29'", "dt == '2026-13-01'"}) {
    INFO(text);
    CHECK(check(text) ==
          std::vector<std::string>{"'dt' is a date item: compare it with a 'YYYY-MM-DD' date"});
  }
}

TEST_CASE("check_condition reports every problem of a compound condition") {
  CHECK(check("t < 'a' or (yn == 1 and ch == 'foo') or num >= 2") ==
        std::vector<std::string>{"'<', '<=', '>' and '>=' apply only to number, money, date, scale "
                                 "and percent items; 't' is a "
                                 "text item",
                                 "'yn' is a yesno item: compare it with true or false",
                                 "'ch' has no option 'foo'"});
}

TEST_SUITE_END();
