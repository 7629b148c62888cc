#include <doctest/doctest.h>

#include <algorithm>
#include <fmt/format.h>
#include <string>
#include <vector>

#include "cna/builtins.hpp"
#include "cna/checklist.hpp"
#include "cna/condition.hpp"
#include "cna/json.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;
using cna::test::line_col;

namespace {

// A checklist with one section around `items` (one item per line, without the brackets).
std::string with_items(const std::string& items) {
  return "{\n"
         "  \"cna\": 1,\n"
         "  \"id\": \"mini\",\n"
         "  \"version\": \"1.0.0\",\n"
         "  \"title\": \"Mini\",\n"
         "  \"sections\": [\n"
         "    {\n"
         "      \"id\": \"one\",\n"
         "      \"title\": \"One\",\n"
         "      \"items\": [\n" +
         items +
         "\n"
         "      ]\n"
         "    }\n"
         "  ]\n"
         "}\n";
}

// A checklist around `sections` (without the brackets).
std::string with_sections(const std::string& sections) {
  return "{\n"
         "  \"cna\": 1,\n"
         "  \"id\": \"mini\",\n"
         "  \"version\": \"1.0.0\",\n"
         "  \"title\": \"Mini\",\n"
         "  \"sections\": [\n" +
         sections +
         "\n"
         "  ]\n"
         "}\n";
}

// A checklist whose top-level fields are `top` (without the braces).
std::string with_top(const std::string& top) { return "{\n" + top + "\n}\n"; }

const std::string kItem = R"({"id": "a", "type": "text", "prompt": "A?", "help": "h"})";

std::vector<Problem> errors_of(const ChecklistLoad& load) {
  std::vector<Problem> out;
  for (const Problem& p : load.problems) {
    if (p.severity == Severity::error) out.push_back(p);
  }
  return out;
}

std::string dump(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems)
    out += format_problem(p) + "\n";
  return out;
}

// True when a problem has exactly this where-string and a message containing `message`.
bool has_problem(const ChecklistLoad& load, const std::string& where, const std::string& message,
                 Severity severity = Severity::error) {
  return std::any_of(load.problems.begin(), load.problems.end(), [&](const Problem& p) {
    return p.where == where && contains(p.message, message) && p.severity == severity;
  });
}

// Where the value of the nth `"key": ` starts.
std::string value_of(const std::string& text, const std::string& key, int nth = 1) {
  const std::string needle = "\"" + key + "\": ";
  std::size_t at = std::string::npos;
  for (std::size_t from = 0; nth > 0; --nth) {
    at = text.find(needle, from);
    REQUIRE(at != std::string::npos);
    from = at + 1;
  }
  return line_col(text.substr(0, at + needle.size()) + "\x01", "\x01");
}

} // namespace

TEST_SUITE_BEGIN("core::checklist");

TEST_CASE("checklist: a valid minimal checklist loads") {
  const std::string text = with_items(
      R"(        {"id": "goal", "type": "longtext", "prompt": "Goal?", "help": "Why.", "clarify": ["How measured?"], "tags": ["SPIN:N"]},)"
      "\n"
      R"(        {"id": "budget", "type": "choice", "prompt": "Budget?", "help": "h", "options": [{"value": "approved", "label": "Approved", "help": "Signed."}, "none"], "other": true},)"
      "\n"
      R"(        {"id": "owner", "type": "person", "prompt": "Owner?", "help": "h", "when": "budget == 'approved'", "source": false, "required": false, "na": true, "reconfirm_after_days": 7},)"
      "\n"
      R"(        {"id": "size", "type": "scale", "prompt": "Size?", "help": "h", "min": 1, "max": 3, "labels": ["s", "m", "l"], "renamed_from": ["old_size"]})");
  const ChecklistLoad load = load_checklist(text, "x.json");
  INFO(dump(load.problems));
  CHECK(load.problems.empty());
  REQUIRE(load.checklist);
  const Checklist& c = *load.checklist;
  CHECK(c.cna == 1);
  CHECK(c.id == "mini");
  CHECK(c.version == "1.0.0");
  CHECK(c.title == "Mini");
  CHECK(c.origin == "x.json");
  CHECK(c.sha256.size() == 64);
  REQUIRE(c.sections.size() == 1);
  CHECK(c.sections[0].id == "one");
  CHECK(c.sections[0].items == std::vector<std::size_t>{0, 1, 2, 3});
  REQUIRE(c.items.size() == 4);
  CHECK(c.index_of("owner") == 2);
  CHECK(c.find("nope") == nullptr);

  const Item& goal = c.items[0];
  CHECK(goal.type == ItemType::longtext);
  CHECK(goal.clarify == std::vector<std::string>{"How measured?"});
  CHECK(goal.tags == std::vector<std::string>{"SPIN:N"});
  CHECK(goal.required);
  CHECK(goal.source);
  CHECK_FALSE(goal.na);
  CHECK_FALSE(goal.condition);
  CHECK(goal.sha256.size() == 64);

  const Item& budget = c.items[1];
  REQUIRE(budget.options.size() == 2);
  CHECK(budget.options[0].value == "approved");
  CHECK(budget.options[0].label == "Approved");
  CHECK(budget.options[0].help == "Signed.");
  CHECK(budget.options[1].value == "none");
  CHECK(budget.options[1].label == "none"); // defaults to the value
  CHECK(budget.other);
  CHECK(budget.find_option("none") == &budget.options[1]);

  const Item& owner = c.items[2];
  CHECK(owner.when == "budget == 'approved'");
  REQUIRE(owner.condition);
  CHECK(referenced_ids(*owner.condition) == std::vector<std::string>{"budget"});
  CHECK_FALSE(owner.source);
  CHECK_FALSE(owner.required);
  CHECK(owner.na);
  CHECK(owner.reconfirm_after_days == 7);

  const Item& size = c.items[3];
  CHECK(size.scale_min() == 1);
  CHECK(size.scale_max() == 3);
  CHECK(size.labels.size() == 3);
  CHECK(size.renamed_from == std::vector<std::string>{"old_size"});
}

TEST_CASE("checklist: item rules, each with file:line:col: path") {
  struct Case {
    const char* name;
    std::string items;
    std::string key;    // the problem points at the value of this key ...
    std::string needle; // ... or, when key is empty, at this text
    int nth;
    std::string path;
    std::string message;
  };
  const std::string a = R"({"id": "a", "type": "text", "prompt": "A?", "help": "h"},)"
                        "\n";
  const Case cases[] = {
      {"unknown type", R"({"id": "a", "type": "numbr", "prompt": "P?", "help": "h"})", "type", "",
       1, "sections[0].items[0].type",
       "unknown type \"numbr\" (expected one of text, longtext, choice, multi, yesno, number, "
       "money, date, scale, list, person, percent, questions)"},
      {"missing prompt", R"({"id": "a", "type": "text", "help": "h"})", "", "{\"id\": \"a\"", 1,
       "sections[0].items[0]", "missing required field \"prompt\""},
      {"missing type", R"({"id": "a", "prompt": "P?", "help": "h"})", "", "{\"id\": \"a\"", 1,
       "sections[0].items[0]", "missing required field \"type\""},
      {"missing id", R"({"type": "text", "prompt": "P?", "help": "h"})", "", "{\"type\"", 1,
       "sections[0].items[0]", "missing required field \"id\""},
      {"prompt not a string", R"({"id": "a", "type": "text", "prompt": 5, "help": "h"})", "prompt",
       "", 1, "sections[0].items[0].prompt", "expected a string"},
      {"empty prompt", R"({"id": "a", "type": "text", "prompt": "", "help": "h"})", "prompt", "", 1,
       "sections[0].items[0].prompt", "must not be empty"},
      {"type not a string", R"({"id": "a", "type": ["text"], "prompt": "P?", "help": "h"})", "type",
       "", 1, "sections[0].items[0].type", "expected a string"},
      {"help not a string", R"({"id": "a", "type": "text", "prompt": "P?", "help": {}})", "help",
       "", 1, "sections[0].items[0].help", "expected a string"},
      {"required not a boolean",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "required": "yes"})", "required",
       "", 1, "sections[0].items[0].required", "expected true or false"},
      {"na not a boolean", R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "na": 1})",
       "na", "", 1, "sections[0].items[0].na", "expected true or false"},
      {"clarify not an array",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "clarify": "Why?"})", "clarify",
       "", 1, "sections[0].items[0].clarify", "expected an array of strings"},
      {"clarify with an empty string",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "clarify": ["Why?", ""]})", "",
       "\"\"", 1, "sections[0].items[0].clarify[1]", "expected a non-empty string"},
      {"tags with a number",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "tags": ["x", 1]})", "", "1]", 1,
       "sections[0].items[0].tags[1]", "expected a non-empty string"},
      {"min not a number",
       R"({"id": "a", "type": "number", "prompt": "P?", "help": "h", "min": "1"})", "min", "", 1,
       "sections[0].items[0].min", "expected a number"},
      {"reconfirm_after_days zero",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "reconfirm_after_days": 0})",
       "reconfirm_after_days", "", 1, "sections[0].items[0].reconfirm_after_days",
       "expected a whole number of at least 1"},
      {"reconfirm_after_days fractional",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "reconfirm_after_days": 1.5})",
       "reconfirm_after_days", "", 1, "sections[0].items[0].reconfirm_after_days",
       "expected a whole number of at least 1"},
      {"min_length negative",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "min_length": -1})",
       "min_length", "", 1, "sections[0].items[0].min_length",
       "expected a whole number of at least 0"},
      {"unknown field",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "colour": "red"})", "colour", "",
       1, "sections[0].items[0].colour", "unknown field \"colour\""},
      {"unknown field with a slash in its name",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "a/b": 1})", "a/b", "", 1,
       "sections[0].items[0].a/b", "unknown field \"a/b\""},
      {"bad id", R"({"id": "Bad-Id", "type": "text", "prompt": "P?", "help": "h"})", "id", "", 3,
       "sections[0].items[0].id", "invalid id \"Bad-Id\" (expected ^[a-z][a-z0-9_]*$)"},
      {"id starting with a digit", R"({"id": "1a", "type": "text", "prompt": "P?", "help": "h"})",
       "id", "", 3, "sections[0].items[0].id", "invalid id \"1a\""},
      {"duplicate JSON key",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "prompt": "Q?"})", "",
       "\"prompt\"", 2, "sections[0].items[0].prompt", "duplicate key (the first one is used)"},
      {"choice without options", R"({"id": "a", "type": "choice", "prompt": "P?", "help": "h"})",
       "", "{\"id\": \"a\"", 1, "sections[0].items[0]", "a choice item needs \"options\""},
      {"multi without options", R"({"id": "a", "type": "multi", "prompt": "P?", "help": "h"})", "",
       "{\"id\": \"a\"", 1, "sections[0].items[0]", "a multi item needs \"options\""},
      {"empty options",
       R"({"id": "a", "type": "multi", "prompt": "P?", "help": "h", "options": []})", "options", "",
       1, "sections[0].items[0].options", "needs at least one option"},
      {"options not an array",
       R"({"id": "a", "type": "choice", "prompt": "P?", "help": "h", "options": "a,b"})", "options",
       "", 1, "sections[0].items[0].options", "expected an array of options"},
      {"duplicate option",
       R"({"id": "a", "type": "choice", "prompt": "P?", "help": "h", "options": ["x", "X"]})", "",
       "\"X\"", 1, "sections[0].items[0].options[1]", "duplicate option \"X\""},
      {"duplicate option as object",
       R"({"id": "a", "type": "multi", "prompt": "P?", "help": "h", "options": ["x", {"value": "x", "label": "Ex"}]})",
       "", "{\"value\"", 1, "sections[0].items[0].options[1]", "duplicate option \"x\""},
      {"option without a value",
       R"({"id": "a", "type": "choice", "prompt": "P?", "help": "h", "options": ["x", {"label": "L"}]})",
       "", "{\"label\"", 1, "sections[0].items[0].options[1]", "missing required field \"value\""},
      {"option with a comma",
       R"({"id": "a", "type": "multi", "prompt": "P?", "help": "h", "options": ["x", "a,b"]})", "",
       "\"a,b\"", 1, "sections[0].items[0].options[1]", "without commas"},
      {"option of the wrong type",
       R"({"id": "a", "type": "choice", "prompt": "P?", "help": "h", "options": ["x", 3]})", "",
       "3]", 1, "sections[0].items[0].options[1]", "expected a string or"},
      {"unknown option field",
       R"({"id": "a", "type": "choice", "prompt": "P?", "help": "h", "options": [{"value": "x", "colour": "red"}, "y"]})",
       "colour", "", 1, "sections[0].items[0].options[0].colour", "unknown field \"colour\""},
      {"options on a text item",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "options": ["x"]})", "options",
       "", 1, "sections[0].items[0].options", "\"options\" does not apply to a text item"},
      {"unit on a scale",
       R"({"id": "a", "type": "scale", "prompt": "P?", "help": "h", "unit": "h"})", "unit", "", 1,
       "sections[0].items[0].unit", "\"unit\" does not apply to a scale item"},
      {"max on a list", R"({"id": "a", "type": "list", "prompt": "P?", "help": "h", "max": 3})",
       "max", "", 1, "sections[0].items[0].max", "\"max\" does not apply to a list item"},
      {"pattern on longtext",
       R"({"id": "a", "type": "longtext", "prompt": "P?", "help": "h", "pattern": "x"})", "pattern",
       "", 1, "sections[0].items[0].pattern", "\"pattern\" does not apply to a longtext item"},
      {"integer on money",
       R"({"id": "a", "type": "money", "prompt": "P?", "help": "h", "integer": true})", "integer",
       "", 1, "sections[0].items[0].integer", "\"integer\" does not apply to a money item"},
      {"labels on a number",
       R"({"id": "a", "type": "number", "prompt": "P?", "help": "h", "labels": ["x"]})", "labels",
       "", 1, "sections[0].items[0].labels", "\"labels\" does not apply to a number item"},
      {"other on yesno",
       R"({"id": "a", "type": "yesno", "prompt": "P?", "help": "h", "other": true})", "other", "",
       1, "sections[0].items[0].other", "\"other\" does not apply to a yesno item"},
      {"min > max",
       R"({"id": "a", "type": "number", "prompt": "P?", "help": "h", "min": 10, "max": 1})", "min",
       "", 1, "sections[0].items[0].min", "min (10) is greater than max (1)"},
      {"fractional min on an integer number",
       R"({"id": "a", "type": "number", "prompt": "P?", "help": "h", "integer": true, "min": 0.5})",
       "min", "", 1, "sections[0].items[0].min", "expected a whole number"},
      {"multi min above the options",
       R"({"id": "a", "type": "multi", "prompt": "P?", "help": "h", "options": ["x", "y"], "min": 3})",
       "min", "", 1, "sections[0].items[0].min", "min is more than the number of options"},
      {"list min fractional",
       R"({"id": "a", "type": "list", "prompt": "P?", "help": "h", "min": 1.5})", "min", "", 1,
       "sections[0].items[0].min", "expected a whole number of at least 0"},
      {"scale labels count",
       R"({"id": "a", "type": "scale", "prompt": "P?", "help": "h", "min": 1, "max": 3, "labels": ["lo", "hi"]})",
       "labels", "", 1, "sections[0].items[0].labels", "2 labels for a scale of 3 steps"},
      {"scale labels count, default range",
       R"({"id": "a", "type": "scale", "prompt": "P?", "help": "h", "labels": ["lo", "mid", "hi"]})",
       "labels", "", 1, "sections[0].items[0].labels", "3 labels for a scale of 5 steps"},
      {"scale too wide",
       R"({"id": "a", "type": "scale", "prompt": "P?", "help": "h", "min": 0, "max": 200})", "max",
       "", 1, "sections[0].items[0].max", "a scale has at most 101 steps"},
      {"bad regex pattern",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "pattern": "(["})", "pattern",
       "", 1, "sections[0].items[0].pattern", "not a valid regular expression: missing ]"},
      {"duplicate item id", a + R"({"id": "a", "type": "text", "prompt": "P?", "help": "h"})", "id",
       "", 4, "sections[0].items[1].id", "duplicate item id \"a\" (first used at line 11)"},
      {"when syntax error",
       a + R"({"id": "b", "type": "text", "prompt": "P?", "help": "h", "when": "a =="})", "when",
       "", 1, "sections[0].items[1].when",
       "condition: expected a value after '==' ('text', a number, true or false), found the end "
       "(at character 5)"},
      {"when naming an unknown item",
       a + R"({"id": "b", "type": "text", "prompt": "P?", "help": "h", "when": "nope == 'x'"})",
       "when", "", 1, "sections[0].items[1].when", "condition: unknown item 'nope'"},
      {"when naming a later item",
       R"({"id": "b", "type": "text", "prompt": "P?", "help": "h", "when": "a == 'x'"},)"
       "\n" +
           a.substr(0, a.size() - 2),
       "when", "", 1, "sections[0].items[0].when", "condition: 'a' is not an earlier item"},
      {"when naming itself",
       R"j({"id": "b", "type": "text", "prompt": "P?", "help": "h", "when": "answered(b)"})j",
       "when", "", 1, "sections[0].items[0].when", "condition: 'b' is not an earlier item"},
      {"when with a type mismatch",
       a + R"({"id": "b", "type": "text", "prompt": "P?", "help": "h", "when": "a < 3"})", "when",
       "", 1, "sections[0].items[1].when",
       "condition: '<', '<=', '>' and '>=' apply only to number, money, date, scale and percent "
       "items; "
       "'a' is a text item"},
      {"when not a string",
       a + R"({"id": "b", "type": "text", "prompt": "P?", "help": "h", "when": true})", "when", "",
       1, "sections[0].items[1].when", "expected a string"},
      {"renamed_from naming a live id",
       a + R"({"id": "b", "type": "text", "prompt": "P?", "help": "h", "renamed_from": ["old", "a"]})",
       "renamed_from", "", 1, "sections[0].items[1].renamed_from",
       "\"a\" is still an item of this checklist"},
      {"two items renamed from one id",
       a + R"({"id": "b", "type": "text", "prompt": "P?", "help": "h", "renamed_from": ["old"]},)" +
           R"({"id": "c", "type": "text", "prompt": "P?", "help": "h", "renamed_from": ["old"]})",
       "renamed_from", "", 2, "sections[0].items[2].renamed_from",
       "\"old\" is already renamed to \"b\": one item takes its answers"},
      {"a pattern with a backreference",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "pattern": "^(a)\\1$"})",
       "pattern", "", 1, "sections[0].items[0].pattern",
       "a backreference (\\1) is not supported: patterns are matched in linear time (RE2), which "
       "rules it out"},
      {"a pattern with lookahead",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "pattern": "^(?=a)a$"})",
       "pattern", "", 1, "sections[0].items[0].pattern", "lookahead ((?=...)) is not supported"},
      {"a pattern with lookbehind",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "pattern": "(?<!x)a"})",
       "pattern", "", 1, "sections[0].items[0].pattern", "lookbehind ((?<=...)) is not supported"},
      {"renamed_from with a bad id",
       R"({"id": "a", "type": "text", "prompt": "P?", "help": "h", "renamed_from": ["Old"]})", "",
       "\"Old\"", 1, "sections[0].items[0].renamed_from[0]", "invalid id"},
      {"an item that is not an object", a + R"("b")", "", "\"b\"", 1, "sections[0].items[1]",
       "an item is an object"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.name));
    const std::string text = with_items(c.items);
    const ChecklistLoad load = load_checklist(text, "x.json");
    const std::string at =
        c.key.empty() ? line_col(text, c.needle, c.nth) : value_of(text, c.key, c.nth);
    const std::string where = "x.json:" + at + ": " + c.path;
    CAPTURE(where);
    CAPTURE(dump(load.problems));
    CHECK(has_problem(load, where, c.message));
    CHECK(errors_of(load).size() == 1); // exactly this one problem
    CHECK_FALSE(load.checklist);
  }
}

TEST_CASE("checklist: section and top-level rules") {
  struct Case {
    const char* name;
    std::string text;
    std::string key;
    std::string needle;
    int nth;
    std::string path; // "" for the root
    std::string message;
  };
  const std::string item = "        " + kItem;
  const std::string section =
      "    {\"id\": \"one\", \"title\": \"One\", \"items\": [" + kItem + "]}";
  const std::string sections = "  \"sections\": [" + section + "]";
  const Case cases[] = {
      {"duplicate section id",
       with_sections(section + ",\n    {\"id\": \"one\", \"title\": \"Two\", \"items\": [" +
                     R"({"id": "b", "type": "text", "prompt": "B?", "help": "h"}]})"),
       "id", "", 4, "sections[1].id", "duplicate section id \"one\""},
      {"duplicate item id across sections",
       with_sections(section + ",\n    {\"id\": \"two\", \"title\": \"Two\", \"items\": [" + kItem +
                     "]}"),
       "id", "", 5, "sections[1].items[0].id", "duplicate item id \"a\" (first used at line 7)"},
      {"empty section", with_sections(R"(    {"id": "one", "title": "One", "items": []})"), "items",
       "", 1, "sections[0].items", "a section needs a non-empty \"items\" array"},
      {"section without items", with_sections(R"(    {"id": "one", "title": "One"})"), "",
       "{\"id\": \"one\"", 1, "sections[0]", "a section needs a non-empty \"items\" array"},
      {"section without a title",
       with_sections("    {\"id\": \"one\", \"items\": [" + kItem + "]}"), "", "{\"id\": \"one\"",
       1, "sections[0]", "missing required field \"title\""},
      {"section with a bad id",
       with_sections("    {\"id\": \"One\", \"title\": \"One\", \"items\": [" + kItem + "]}"), "id",
       "", 2, "sections[0].id", "invalid id"},
      {"unknown section field",
       with_sections("    {\"id\": \"one\", \"title\": \"One\", \"when\": \"x\", \"items\": [" +
                     kItem + "]}"),
       "when", "", 1, "sections[0].when", "unknown field \"when\""},
      {"a section that is not an object", with_sections(section + ",\n    []"), "", "[]", 1,
       "sections[1]", "a section is an object"},
      {"bad semver",
       with_top(
           "  \"cna\": 1,\n  \"id\": \"mini\",\n  \"version\": \"1.0\",\n  \"title\": \"M\",\n" +
           sections),
       "version", "", 1, "version", "expected a semantic version such as \"1.0.0\""},
      {"semver with a leading zero",
       with_top(
           "  \"cna\": 1,\n  \"id\": \"mini\",\n  \"version\": \"1.01.0\",\n  \"title\": \"M\",\n" +
           sections),
       "version", "", 1, "version", "expected a semantic version"},
      {"semver with a v",
       with_top(
           "  \"cna\": 1,\n  \"id\": \"mini\",\n  \"version\": \"v1.0.0\",\n  \"title\": \"M\",\n" +
           sections),
       "version", "", 1, "version", "expected a semantic version"},
      {"cna 2",
       with_top("  \"cna\": 2,\n  \"id\": \"mini\",\n  \"version\": \"1.0.0\",\n  \"title\": "
                "\"M\",\n" +
                sections),
       "cna", "", 1, "cna", "unsupported format version (this cna reads version 1)"},
      {"cna as a string",
       with_top("  \"cna\": \"1\",\n  \"id\": \"mini\",\n  \"version\": \"1.0.0\",\n  \"title\": "
                "\"M\",\n" +
                sections),
       "cna", "", 1, "cna", "unsupported format version"},
      {"cna missing",
       with_top("  \"id\": \"mini\",\n  \"version\": \"1.0.0\",\n  \"title\": \"M\",\n" + sections),
       "", "{", 1, "", "missing required field \"cna\""},
      {"bad checklist id",
       with_top("  \"cna\": 1,\n  \"id\": \"Mini\",\n  \"version\": \"1.0.0\",\n  \"title\": "
                "\"M\",\n" +
                sections),
       "id", "", 1, "id", "invalid id"},
      {"title missing",
       with_top("  \"cna\": 1,\n  \"id\": \"mini\",\n  \"version\": \"1.0.0\",\n" + sections), "",
       "{", 1, "", "missing required field \"title\""},
      {"unknown top-level field",
       with_top("  \"cna\": 1,\n  \"id\": \"mini\",\n  \"version\": \"1.0.0\",\n  \"title\": "
                "\"M\",\n  \"author\": \"me\",\n" +
                sections),
       "author", "", 1, "author", "unknown field \"author\""},
      {"checklist reconfirm_after_days negative",
       with_top("  \"cna\": 1,\n  \"id\": \"mini\",\n  \"version\": \"1.0.0\",\n  \"title\": "
                "\"M\",\n  \"reconfirm_after_days\": -3,\n" +
                sections),
       "reconfirm_after_days", "", 1, "reconfirm_after_days", "expected a whole number"},
      {"no sections",
       with_top("  \"cna\": 1,\n  \"id\": \"mini\",\n  \"version\": \"1.0.0\",\n  \"title\": "
                "\"M\""),
       "", "{", 1, "", "missing required field \"sections\""},
      {"empty sections",
       with_top("  \"cna\": 1,\n  \"id\": \"mini\",\n  \"version\": \"1.0.0\",\n  \"title\": "
                "\"M\",\n  \"sections\": []"),
       "sections", "", 1, "sections", "expected a non-empty array of sections"},
      {"duplicate top-level key",
       with_top("  \"cna\": 1,\n  \"id\": \"mini\",\n  \"version\": \"1.0.0\",\n  \"title\": "
                "\"M\",\n  \"title\": \"N\",\n" +
                sections),
       "", "\"title\"", 2, "title", "duplicate key (the first one is used)"},
      {"not an object", "[\n  1\n]\n", "", "[", 1, "", "a checklist is a JSON object"},
  };
  (void)item;
  for (const Case& c : cases) {
    CAPTURE(std::string(c.name));
    const ChecklistLoad load = load_checklist(c.text, "x.json");
    const std::string at =
        c.key.empty() ? line_col(c.text, c.needle, c.nth) : value_of(c.text, c.key, c.nth);
    const std::string where = "x.json:" + at + (c.path.empty() ? "" : ": " + c.path);
    CAPTURE(c.text);
    CAPTURE(where);
    CAPTURE(dump(load.problems));
    CHECK(has_problem(load, where, c.message));
    CHECK(errors_of(load).size() == 1);
    CHECK_FALSE(load.checklist);
  }
}

TEST_CASE("checklist: a JSON syntax error is one problem at its line and column") {
  const std::string text = "{\n  \"cna\": 1,\n  \"id\": \"mini\"\n  \"version\": \"1.0.0\"\n}\n";
  const ChecklistLoad load = load_checklist(text, "checklists/x.json");
  REQUIRE(load.problems.size() == 1);
  CHECK(load.problems[0].where == "checklists/x.json:4:3");
  CHECK(load.problems[0].message == "expected ',' or '}'");
  CHECK(load.problems[0].severity == Severity::error);
  CHECK(format_problem(load.problems[0]) == "checklists/x.json:4:3: error: expected ',' or '}'");
  CHECK_FALSE(load.checklist);

  SUBCASE("also for invalid UTF-8, nesting and conflict markers") {
    const ChecklistLoad utf8 = load_checklist("{\"id\": \"\xff\"}", "x.json");
    REQUIRE(utf8.problems.size() == 1);
    CHECK(utf8.problems[0].where == "x.json:1:9");
    CHECK(utf8.problems[0].message == "invalid UTF-8 in a string");

    const ChecklistLoad deep = load_checklist(std::string(100000, '['), "x.json");
    REQUIRE(deep.problems.size() == 1);
    CHECK(deep.problems[0].where == "x.json:1:65");

    const ChecklistLoad conflict =
        load_checklist("{\n<<<<<<< HEAD\n\"cna\": 1\n=======\n\"cna\": 2\n>>>>>>> x\n}", "x.json");
    REQUIRE(conflict.problems.size() == 1);
    CHECK(conflict.problems[0].where == "x.json:2:1");
    CHECK(contains(conflict.problems[0].message, "merge conflict markers"));
  }
}

TEST_CASE("checklist: every problem is reported at once, in file order") {
  const std::string text = with_items(
      R"(        {"id": "a", "type": "numbr", "prompt": "A?", "help": "h"},)"
      "\n"
      R"(        {"id": "b", "type": "text", "prompt": "B?", "help": "h", "when": "zzz == 1"},)"
      "\n"
      R"(        {"id": "c", "type": "choice", "prompt": "C?", "help": "h"},)"
      "\n"
      R"(        {"id": "b", "type": "text", "prompt": "D?", "help": "h", "colour": 1},)"
      "\n"
      R"(        {"id": "e", "type": "text", "prompt": "E?", "help": "h", "help": "again"})");
  const ChecklistLoad load = load_checklist(text, "x.json");
  const auto errors = errors_of(load);
  CAPTURE(dump(load.problems));
  REQUIRE(errors.size() == 6);
  CHECK(errors[0].where == "x.json:" + value_of(text, "type", 1) + ": sections[0].items[0].type");
  CHECK(errors[1].where == "x.json:" + value_of(text, "when") + ": sections[0].items[1].when");
  CHECK(errors[2].where == "x.json:" + line_col(text, "{\"id\": \"c\"") + ": sections[0].items[2]");
  CHECK(errors[3].where == "x.json:" + value_of(text, "id", 6) + ": sections[0].items[3].id");
  CHECK(errors[4].where == "x.json:" + value_of(text, "colour") + ": sections[0].items[3].colour");
  CHECK(errors[5].where ==
        "x.json:" + line_col(text, "\"help\"", 6) + ": sections[0].items[4].help");
  CHECK_FALSE(load.checklist);
}

TEST_CASE("checklist: warnings do not fail") {
  const std::string text = with_items(
      R"(        {"id": "a", "type": "text", "prompt": "A?"},)"
      "\n"
      R"(        {"id": "b", "type": "choice", "prompt": "B?", "help": "h", "options": ["only"]})");
  const ChecklistLoad load = load_checklist(text, "x.json");
  CAPTURE(dump(load.problems));
  REQUIRE(load.problems.size() == 2);
  CHECK(has_problem(load, "x.json:" + line_col(text, "{\"id\": \"a\"") + ": sections[0].items[0]",
                    "item has no help", Severity::warning));
  CHECK(has_problem(load, "x.json:" + value_of(text, "options") + ": sections[0].items[1].options",
                    "a choice with one option is not a question", Severity::warning));
  CHECK_FALSE(has_errors(load.problems));
  REQUIRE(load.checklist);
  CHECK(load.checklist->items.size() == 2);
}

TEST_CASE("checklist: limits") {
  SUBCASE("at most 5000 items") {
    const auto generate = [](std::size_t count) {
      std::string items;
      for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) items += ",\n";
        items += R"(        {"id": "i)" + std::to_string(i) +
                 R"(", "type": "yesno", "prompt": "Q?", "help": "h"})";
      }
      return with_items(items);
    };
    const ChecklistLoad ok = load_checklist(generate(kMaxItems), "x.json");
    CHECK(ok.problems.empty());
    REQUIRE(ok.checklist);
    CHECK(ok.checklist->items.size() == kMaxItems);

    const std::string text = generate(kMaxItems + 1);
    const ChecklistLoad load = load_checklist(text, "x.json");
    CAPTURE(dump(load.problems).substr(0, 2000));
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].where == "x.json:" + value_of(text, "sections") + ": sections");
    CHECK(load.problems[0].message == "5001 items is more than the limit of 5000");
    CHECK_FALSE(load.checklist);
  }
  SUBCASE("at most 4 MiB") {
    std::string text = with_items("        " + kItem);
    text.insert(text.size() - 2, kMaxChecklistBytes - text.size(), ' ');
    CHECK(text.size() == kMaxChecklistBytes);
    const ChecklistLoad ok = load_checklist(text, "x.json");
    CHECK(ok.problems.empty());
    CHECK(ok.checklist);

    text.insert(text.size() - 2, " ");
    const ChecklistLoad load = load_checklist(text, "x.json");
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].where == "x.json");
    CHECK(load.problems[0].message == "checklist larger than 4 MiB");
    CHECK_FALSE(load.checklist);
  }
}

TEST_CASE("checklist: patterns are RE2's, judged by what RE2 compiles") {
  // The issue's patterns that made a backtracking matcher hang validate now (RE2 matches them in
  // linear time), and so does a safe one the old nested-repetition heuristic refused.
  for (const char* pattern :
       {R"(^(a|a?)+$)", R"(^(a|aa)+$)", R"(^a*a*a*a*a*a*a*a*a*a*$)", R"(^\d+\d+\d+\d+\d+\d+x$)",
        R"(^(a?){25}a{25}$)", R"(^[a-z]+(-[a-z]+)*$)", R"(^([A-Z]+-?)+$)"}) {
    CAPTURE(pattern);
    const std::string item =
        fmt::format(R"({{"id": "a", "type": "text", "prompt": "P?", "help": "h", "pattern": {}}})",
                    cna::Json(pattern).dump());
    const ChecklistLoad load = load_checklist(with_items("        " + item), "x.json");
    CAPTURE(dump(load.problems));
    CHECK(load.problems.empty());
  }
}

TEST_CASE("checklist: the item hash follows the meaning, not the guidance") {
  const auto hash_of = [](const std::string& item) {
    const ChecklistLoad load = load_checklist(with_items("        " + item), "x.json");
    CAPTURE(item);
    CAPTURE(dump(load.problems));
    REQUIRE(load.checklist);
    return load.checklist->items.at(0).sha256;
  };
  const std::string base = hash_of(
      R"({"id": "a", "type": "choice", "prompt": "Budget?", "help": "h", "options": ["x", {"value": "y", "label": "Why", "help": "oh"}]})");
  SUBCASE("changes with the meaning") {
    for (
        const char* item : {
            R"({"id": "a", "type": "choice", "prompt": "Budget status?", "help": "h", "options": ["x", {"value": "y", "label": "Why", "help": "oh"}]})",
            R"({"id": "a", "type": "multi", "prompt": "Budget?", "help": "h", "options": ["x", {"value": "y", "label": "Why", "help": "oh"}]})",
            R"({"id": "a", "type": "choice", "prompt": "Budget?", "help": "h", "options": ["x", {"value": "z", "label": "Why", "help": "oh"}]})",
            R"({"id": "a", "type": "choice", "prompt": "Budget?", "help": "h", "options": ["x", {"value": "y", "label": "Whence", "help": "oh"}]})",
            R"({"id": "a", "type": "choice", "prompt": "Budget?", "help": "h", "options": [{"value": "y", "label": "Why", "help": "oh"}, "x"]})",
            R"({"id": "a", "type": "choice", "prompt": "Budget?", "help": "h", "options": ["x", {"value": "y", "label": "Why", "help": "oh"}], "other": true})",
        }) {
      CHECK(hash_of(item) != base);
    }
  }
  SUBCASE("stays with guidance, the id and gate settings") {
    for (
        const char* item : {
            R"({"id": "a", "type": "choice", "prompt": "Budget?", "help": "other help", "options": ["x", {"value": "y", "label": "Why", "help": "oh"}]})",
            R"({"id": "a", "type": "choice", "prompt": "Budget?", "options": ["x", {"value": "y", "label": "Why", "help": "oh"}]})",
            R"({"id": "a", "type": "choice", "prompt": "Budget?", "help": "h", "clarify": ["Sure?"], "options": ["x", {"value": "y", "label": "Why", "help": "oh"}]})",
            R"({"id": "a", "type": "choice", "prompt": "Budget?", "help": "h", "tags": ["BANT:B"], "options": ["x", {"value": "y", "label": "Why", "help": "oh"}]})",
            R"({"id": "renamed", "type": "choice", "prompt": "Budget?", "help": "h", "renamed_from": ["a"], "options": ["x", {"value": "y", "label": "Why", "help": "oh"}]})",
            R"({"help": "h", "options": ["x", {"value": "y", "label": "Why", "help": "oh"}], "prompt": "Budget?", "type": "choice", "id": "a"})",
            R"({"id": "a", "type": "choice", "prompt": "Budget?", "help": "h", "options": ["x", {"value": "y", "label": "Why", "help": "changed option help"}]})",
            R"({"id": "a", "type": "choice", "prompt": "Budget?", "help": "h", "options": [{"value": "x"}, {"value": "y", "label": "Why"}]})",
            R"({"id": "a", "type": "choice", "prompt": "Budget?", "help": "h", "required": false, "na": true, "source": false, "reconfirm_after_days": 9, "options": ["x", {"value": "y", "label": "Why", "help": "oh"}]})",
        }) {
      CHECK(hash_of(item) == base);
    }
  }
}

TEST_CASE("checklist: the built-in checklists load cleanly") {
  std::size_t files = 0;
  for (const BuiltinFile& f : builtin_files()) {
    if (f.name.rfind("checklists/", 0) != 0) continue;
    ++files;
    CAPTURE(std::string(f.name));
    const ChecklistLoad load = load_checklist(f.content, f.name);
    CHECK(dump(load.problems) == "");
    REQUIRE(load.checklist);
    // Workspace::checklists() lists the built-ins by file name without parsing them.
    CHECK("checklists/" + load.checklist->id + ".json" == f.name);
  }
  CHECK(files >= 1);
  const auto& builtins = builtin_checklists();
  CHECK(builtins.size() == files);
  const auto discovery = std::find_if(builtins.begin(), builtins.end(),
                                      [](const Checklist& c) { return c.id == "discovery"; });
  REQUIRE(discovery != builtins.end());
  CHECK(discovery->origin == "built-in");
  CHECK(discovery->items.size() >= 30);
  CHECK(discovery->items.size() <= 45); // one conversation, not a questionnaire
  CHECK(discovery->sections.size() >= 5);
  for (const Item& item : discovery->items) {
    CAPTURE(item.id);
    CHECK_FALSE(item.help.empty());
    CHECK_FALSE(item.prompt.empty());
  }
}

TEST_CASE("checklist: item type names") {
  CHECK(item_type_names() ==
        "text, longtext, choice, multi, yesno, number, money, date, scale, list, person, percent, "
        "questions");
  for (const char* name : {"text", "longtext", "choice", "multi", "yesno", "number", "money",
                           "date", "scale", "list", "person"}) {
    const auto type = parse_item_type(name);
    REQUIRE(type);
    CHECK(to_string(*type) == name);
  }
  CHECK_FALSE(parse_item_type("Text"));
  CHECK_FALSE(parse_item_type(""));
}

TEST_SUITE_END();
