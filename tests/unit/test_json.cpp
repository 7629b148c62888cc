#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "cna/error.hpp"
#include "cna/json.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;
using cna::test::line_col;
using cna::test::thrown_by;

namespace {

// The message parse_json throws for `text` (Exit::data), or "" when it parses.
std::string parse_error(std::string_view text, bool positions = false) {
  const auto t = thrown_by([&] { (void)parse_json(text, "f.json", positions); });
  if (t.thrown) CHECK(t.code == Exit::data);
  return t.message;
}

std::string pos(const ParsedJson& parsed, const std::string& pointer) {
  const auto it = parsed.positions.find(pointer);
  if (it == parsed.positions.end()) return "none";
  return std::to_string(it->second.line) + ":" + std::to_string(it->second.column);
}

} // namespace

TEST_SUITE_BEGIN("core::json");

TEST_CASE("json: valid documents parse to the same values") {
  struct Case {
    const char* text;
    Json expected;
  };
  const Case cases[] = {
      {"{}", Json::object()},
      {"[]", Json::array()},
      {"null", Json(nullptr)},
      {"true", Json(true)},
      {" false ", Json(false)},
      {"\"\"", Json("")},
      {"0", Json(0)},
      {"-12", Json(-12)},
      {"[1, 2.5, \"x\", null, true, {\"a\": []}]",
       Json::parse(R"([1, 2.5, "x", null, true, {"a": []}])")},
      {"{\"b\": 1, \"a\": {\"c\": \"d\"}}", Json::parse(R"({"b": 1, "a": {"c": "d"}})")},
      {"\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", Json("esc \" \\ / \b \f \n \r \t")},
      {"\"\\u00e9\\u20AC\"", Json("\xc3\xa9\xe2\x82\xac")},
      {"\"h\xc3\xa9llo \xf0\x9f\x98\x80\"", Json("h\xc3\xa9llo \xf0\x9f\x98\x80")},
      {"\t\n\r [ ] \n", Json::array()},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.text));
    const ParsedJson parsed = parse_json(c.text, "f.json");
    CHECK(parsed.value == c.expected);
    CHECK(parsed.duplicates.empty());
  }
}

TEST_CASE("json: object keys keep the document's order") {
  const ParsedJson parsed = parse_json(R"({"zeta": 1, "alpha": 2, "mid": 3})", "f.json");
  std::vector<std::string> keys;
  for (const auto& [key, value] : parsed.value.items())
    keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"zeta", "alpha", "mid"});
}

TEST_CASE("json: positions of values by JSON pointer") {
  const std::string text = "{\n"
                           "  \"a\": 1,\n"
                           "  \"b\": [true, {\"c\": \"x\"}],\n"
                           "  \"d~/e\": {}\n"
                           "}\n";
  SUBCASE("recorded when asked") {
    const ParsedJson parsed = parse_json(text, "f.json", true);
    CHECK(pos(parsed, "") == "1:1");
    CHECK(pos(parsed, "/a") == line_col(text, "1"));
    CHECK(pos(parsed, "/b") == line_col(text, "["));
    CHECK(pos(parsed, "/b/0") == line_col(text, "true"));
    CHECK(pos(parsed, "/b/1") == line_col(text, "{\"c\""));
    CHECK(pos(parsed, "/b/1/c") == line_col(text, "\"x\""));
    CHECK(pos(parsed, "/d~0~1e") == line_col(text, "{}"));
    CHECK(parsed.positions.size() == 7);
  }
  SUBCASE("at() falls back to the nearest known ancestor") {
    const ParsedJson parsed = parse_json(text, "f.json", true);
    const Position missing = parsed.at("/b/1/nope/deeper");
    CHECK(std::to_string(missing.line) + ":" + std::to_string(missing.column) ==
          line_col(text, "{\"c\""));
    const Position root = parsed.at("/zzz");
    CHECK(root.line == 1);
    CHECK(root.column == 1);
  }
  SUBCASE("not recorded for bulk loads") {
    const ParsedJson parsed = parse_json(text, "f.json");
    CHECK(parsed.positions.empty());
  }
  SUBCASE("a BOM does not shift columns") {
    const std::string with_bom = "\xEF\xBB\xBF{\"a\": 1}";
    const ParsedJson parsed = parse_json(with_bom, "f.json", true);
    CHECK(pos(parsed, "") == "1:1");
    CHECK(pos(parsed, "/a") == "1:7");
  }
  SUBCASE("CRLF line ends count as one line each") {
    const std::string crlf = "{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}\r\n";
    const ParsedJson parsed = parse_json(crlf, "f.json", true);
    CHECK(pos(parsed, "/a") == "2:8");
    CHECK(pos(parsed, "/b") == "3:8");
    CHECK(parsed.value == Json::parse(R"({"a": 1, "b": 2})"));
  }
}

TEST_CASE("json: syntax errors name file:line:column and the reason") {
  struct Case {
    const char* text;
    const char* message; // the whole message
  };
  const Case cases[] = {
      {"", "f.json:1:1: unexpected end of file, expected a value"},
      {"   \n  ", "f.json:2:3: unexpected end of file, expected a value"},
      {"{", "f.json:1:2: unexpected end of file, expected a key"},
      {"[", "f.json:1:2: unexpected end of file, expected a value"},
      {"[1,", "f.json:1:4: unexpected end of file, expected a value"},
      {"{\"a\": 1", "f.json:1:8: unexpected end of file, expected ',' or '}'"},
      {"{\"a\": 1,}", "f.json:1:9: expected a key in double quotes"},
      {"{'a': 1}", "f.json:1:2: expected a key in double quotes"},
      {"{a: 1}", "f.json:1:2: expected a key in double quotes"},
      {"{\"a\" 1}", "f.json:1:6: expected ':' after the key"},
      {"[1 2]", "f.json:1:4: expected ',' or ']'"},
      {"[1,]", "f.json:1:4: unexpected character ']', expected a value"},
      {"{\n  \"a\": ,\n}", "f.json:2:8: unexpected character ',', expected a value"},
      {"[tru]", "f.json:1:2: unexpected word, expected a value"},
      {"[nul]", "f.json:1:2: unexpected word, expected a value"},
      {"[NaN]", "f.json:1:2: unexpected character 'N', expected a value"},
      {"[Infinity]", "f.json:1:2: unexpected character 'I', expected a value"},
      {"[+1]", "f.json:1:2: unexpected character '+', expected a value"},
      {"[.5]", "f.json:1:2: unexpected character '.', expected a value"},
      {"[-]", "f.json:1:3: invalid number"},
      {"[01]", "f.json:1:3: expected ',' or ']'"},
      {"[1.]", "f.json:1:4: invalid number: digits expected after '.'"},
      {"[1e]", "f.json:1:4: invalid number: digits expected in the exponent"},
      {"[1e+]", "f.json:1:5: invalid number: digits expected in the exponent"},
      {"\"abc", "f.json:1:1: unterminated string"},
      {"[\"a\nb\"]", "f.json:1:4: unterminated string (newline inside a string)"},
      {"[\"\\q\"]", "f.json:1:4: invalid escape in a string"},
      {"[\"\\", "f.json:1:4: invalid escape in a string"},
      {"[\"\\u12\"]", "f.json:1:7: invalid \\u escape: four hex digits expected"},
      {"[\"\\uzzzz\"]", "f.json:1:5: invalid \\u escape: four hex digits expected"},
      {"[\x01]", "f.json:1:2: unexpected character '\\x01', expected a value"},
      {"[\xff]", "f.json:1:2: unexpected character '\\xff', expected a value"},
      {"\xEF\xBB\xBF\xEF\xBB\xBF{}",
       "f.json:1:1: unexpected character '<U+FEFF>', expected a value"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.text));
    CHECK(parse_error(c.text) == c.message);
    CHECK(parse_error(c.text, true) == c.message); // positions do not change errors
  }
}

TEST_CASE("json: trailing text after the value is refused") {
  for (const char* text : {"{} x", "{}{}", "1 2", "[] ]", "\"a\" \"b\"", "null,"}) {
    CAPTURE(std::string(text));
    CHECK(contains(parse_error(text), "unexpected text after the JSON value"));
  }
  CHECK(parse_error("{}\n\n  x") == "f.json:3:3: unexpected text after the JSON value");
  CHECK(parse_error("{} \n\t\r\n").empty());
}

TEST_CASE("json: numbers") {
  SUBCASE("integers stay integers, everything else is a double") {
    struct Case {
      const char* text;
      bool integer;
      double value;
    };
    const Case cases[] = {
        {"0", true, 0},
        {"-0", true, 0},
        {"42", true, 42},
        {"-7", true, -7},
        {"9007199254740993", true, 9007199254740993.0},
        {"1.0", false, 1.0},
        {"2.5", false, 2.5},
        {"1e2", false, 100},
        {"1E+2", false, 100},
        {"-1.5e-3", false, -0.0015},
        {"12345678901234567890", false, 12345678901234567890.0}, // beyond int64
    };
    for (const Case& c : cases) {
      CAPTURE(std::string(c.text));
      const Json v = parse_json(c.text, "f.json").value;
      CHECK(v.is_number_integer() == c.integer);
      CHECK(v.is_number_float() == !c.integer);
      CHECK(v.get<double>() == doctest::Approx(c.value));
    }
    CHECK(parse_json("9007199254740993", "f.json").value.get<std::int64_t>() == 9007199254740993);
  }
  SUBCASE("out of the double range is refused at the number") {
    CHECK(parse_error("1e400") == "f.json:1:1: number out of range");
    CHECK(parse_error("[1, -1e400]") == "f.json:1:5: number out of range");
    CHECK(parse_error("{\n  \"a\": 1E999\n}") == "f.json:2:8: number out of range");
  }
  SUBCASE("below the double range is zero") {
    CHECK(parse_json("1e-400", "f.json").value.get<double>() == 0.0);
    CHECK(parse_json("-2.5E-999", "f.json").value.get<double>() == 0.0);
  }
}

TEST_CASE("json: duplicate keys are recorded with pointer and position; the first is kept") {
  const std::string text = "{\n"
                           "  \"a\": 1,\n"
                           "  \"b\": {\"c\": 1, \"c\": 2},\n"
                           "  \"a\": 3,\n"
                           "  \"h\": [{\"x\": 1}, {\"x\": 1, \"x\": 2}]\n"
                           "}\n";
  for (const bool positions : {false, true}) {
    CAPTURE(positions);
    const ParsedJson parsed = parse_json(text, "f.json", positions);
    REQUIRE(parsed.duplicates.size() == 3);
    CHECK(parsed.duplicates[0].pointer == "/b/c");
    CHECK(std::to_string(parsed.duplicates[0].position.line) + ":" +
              std::to_string(parsed.duplicates[0].position.column) ==
          line_col(text, "\"c\"", 2));
    CHECK(parsed.duplicates[1].pointer == "/a");
    CHECK(parsed.duplicates[1].position.line == 4);
    CHECK(parsed.duplicates[1].position.column == 3);
    CHECK(parsed.duplicates[2].pointer == "/h/1/x");
    CHECK(std::to_string(parsed.duplicates[2].position.line) + ":" +
              std::to_string(parsed.duplicates[2].position.column) ==
          line_col(text, "\"x\"", 3));
    CHECK(parsed.value["a"] == 1);
    CHECK(parsed.value["b"]["c"] == 1);
    CHECK(parsed.value["b"].size() == 1);
    CHECK(parsed.value["h"][1]["x"] == 1);
    if (positions) CHECK(pos(parsed, "/a") == "2:8"); // the first one's position
  }
  SUBCASE("a duplicate after a BOM, on an earlier line than its value's end") {
    const ParsedJson parsed = parse_json("\xEF\xBB\xBF{\"a\": 1, \"a\": {\n}}", "f.json");
    REQUIRE(parsed.duplicates.size() == 1);
    CHECK(parsed.duplicates[0].position.line == 1);
    CHECK(parsed.duplicates[0].position.column == 10);
  }
}

TEST_CASE("json: invalid UTF-8 is refused") {
  struct Case {
    const char* name;
    std::string bytes;
  };
  const Case cases[] = {
      {"0xff", "\xff"},
      {"0xfe", "\xfe"},
      {"lone continuation byte", "\x80"},
      {"overlong '/'", "\xc0\xaf"},
      {"overlong NUL", "\xc0\x80"},
      {"overlong 3 bytes", "\xe0\x80\xaf"},
      {"overlong 4 bytes", "\xf0\x80\x80\xaf"},
      {"UTF-8 encoded high surrogate", "\xed\xa0\x80"},
      {"UTF-8 encoded low surrogate", "\xed\xbf\xbf"},
      {"beyond U+10FFFF", "\xf4\x90\x80\x80"},
      {"5-byte form", "\xf8\x88\x80\x80\x80"},
      {"truncated 2-byte", "\xc3"},
      {"truncated 3-byte", "\xe2\x82"},
      {"truncated 4-byte", "\xf0\x9f\x98"},
      {"extra continuation", "\xc3\xa9\x80"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    SUBCASE("in a string value") {
      CHECK(parse_error("[\"ok" + c.bytes + "\"]") == "f.json:1:5: invalid UTF-8 in a string");
    }
    SUBCASE("in a key") {
      CHECK(parse_error("{\"" + c.bytes + "\": 1}") == "f.json:1:3: invalid UTF-8 in a string");
    }
    SUBCASE("at the end of the input") { CHECK(parse_error("\"" + c.bytes) != ""); }
    SUBCASE("outside strings") {
      CHECK(contains(parse_error("[" + c.bytes + "]"), "f.json:1:2: unexpected character"));
    }
  }
  SUBCASE("valid multi-byte text is kept byte for byte") {
    const std::string text = "\"\xc2\xa0 \xe2\x82\xac \xf0\x9f\x98\x80 \xed\x9f\xbf \xee\x80\x80\"";
    CHECK(parse_json(text, "f.json").value.get<std::string>() == text.substr(1, text.size() - 2));
  }
}

TEST_CASE("json: raw control characters in strings are refused") {
  for (int c = 0; c < 0x20; ++c) {
    CAPTURE(c);
    const std::string text = std::string("[\"a") + static_cast<char>(c) + "\"]";
    const std::string error = parse_error(text);
    if (c == '\n') {
      CHECK(error == "f.json:1:4: unterminated string (newline inside a string)");
    } else {
      CHECK(error == "f.json:1:4: control character inside a string (use an escape such as \\n)");
    }
  }
  // DEL is not a control character to JSON; display code makes it visible.
  CHECK(parse_json("\"a\x7f\"", "f.json").value == "a\x7f");
}

TEST_CASE("json: \\u escapes") {
  SUBCASE("NUL is refused") {
    CHECK(parse_error(R"(["a\u0000b"])") ==
          "f.json:1:10: NUL character (\\u0000) is not allowed in a string");
  }
  SUBCASE("other escaped controls are kept") {
    CHECK(parse_json(R"("\u0001\u001b")", "f.json").value == "\x01\x1b");
  }
  SUBCASE("surrogate pairs combine") {
    CHECK(parse_json(R"("\ud83d\ude00")", "f.json").value == "\xf0\x9f\x98\x80");
    CHECK(parse_json(R"("\uD83D\uDE00")", "f.json").value == "\xf0\x9f\x98\x80");
    CHECK(parse_json(R"("\udbff\udfff")", "f.json").value == "\xf4\x8f\xbf\xbf");
  }
  SUBCASE("lone surrogates are refused") {
    for (const char* text :
         {R"("\ud83d")", R"("\ud83dx")", R"("\ud83d\u0041")", R"("\ud83d\ud83d")", R"("\ude00")",
          R"("\udfff\ud83d")", R"("\ud83d\n")"}) {
      CAPTURE(std::string(text));
      CHECK(contains(parse_error(text), "unpaired surrogate in a \\u escape"));
    }
  }
}

TEST_CASE("json: a UTF-8 BOM is accepted at the start only") {
  CHECK(parse_json("\xEF\xBB\xBF{\"a\": 1}", "f.json").value == Json::parse(R"({"a": 1})"));
  CHECK(parse_json("\xEF\xBB\xBF[]", "f.json").value == Json::array());
  CHECK(contains(parse_error(" \xEF\xBB\xBF[]"), "unexpected character"));
}

TEST_CASE("json: CRLF line ends are accepted and errors count lines right") {
  CHECK(parse_json("{\r\n\"a\": [1,\r\n2]\r\n}\r\n", "f.json").value ==
        Json::parse(R"({"a": [1, 2]})"));
  CHECK(parse_error("{\r\n  \"a\": x\r\n}") ==
        "f.json:2:8: unexpected character 'x', expected a value");
}

TEST_CASE("json: nesting is limited to 64 levels") {
  const auto nested = [](int depth, const std::string& open, const std::string& close,
                         const std::string& inner = "") {
    std::string text;
    for (int i = 0; i < depth; ++i)
      text += open;
    text += inner;
    for (int i = 0; i < depth; ++i)
      text += close;
    return text;
  };
  SUBCASE("arrays") {
    CHECK(parse_error(nested(kMaxJsonDepth, "[", "]")).empty());
    CHECK(parse_error(nested(kMaxJsonDepth + 1, "[", "]")) ==
          "f.json:1:65: nesting deeper than 64 levels");
  }
  SUBCASE("objects") {
    CHECK(parse_error(nested(kMaxJsonDepth, "{\"a\":", "}", "1")).empty());
    CHECK(parse_error(nested(kMaxJsonDepth + 1, "{\"a\":", "}", "1")) ==
          "f.json:1:321: nesting deeper than 64 levels");
  }
  SUBCASE("mixed, with positions") {
    CHECK(parse_error(nested(32, "[{\"k\":", "}]", "1"), true).empty());
    CHECK(contains(parse_error(nested(33, "[{\"k\":", "}]", "1"), true), "nesting deeper"));
  }
  SUBCASE("100,000 '[' are refused fast, without a crash") {
    const auto start = std::chrono::steady_clock::now();
    CHECK(parse_error(std::string(100000, '[')) == "f.json:1:65: nesting deeper than 64 levels");
    CHECK(contains(parse_error(nested(100000, "[", "]"), true), "nesting deeper"));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  }
}

TEST_CASE("json: git merge-conflict markers are named as such") {
  const std::string text = "{\n"
                           "  \"cna\": 1,\n"
                           "<<<<<<< HEAD\n"
                           "  \"name\": \"Acme\"\n"
                           "=======\n"
                           "  \"name\": \"Acme Corp\"\n"
                           ">>>>>>> theirs\n"
                           "}\n";
  const std::string error = parse_error(text);
  CHECK(contains(error, "f.json:3:1: unresolved git merge conflict markers"));
  CHECK(contains(error, "resolve the conflict"));
  CHECK(contains(parse_error("<<<<<<< HEAD\n{}\n=======\n[]\n>>>>>>> b\n"), "f.json:1:1: "));
  // A string that merely holds the marker text is data, not a conflict.
  CHECK(parse_json("[\"<<<<<<< HEAD\"]", "f.json").value[0] == "<<<<<<< HEAD");
}

TEST_CASE("json: pointer_to_path") {
  struct Case {
    const char* pointer;
    const char* path;
  };
  const Case cases[] = {
      {"", ""},
      {"/cna", "cna"},
      {"/sections/1/items/3/type", "sections[1].items[3].type"},
      {"/0", "[0]"},
      {"/0/1", "[0][1]"},
      {"/answers/business_goal/value", "answers.business_goal.value"},
      {"/a~1b/c~0d", "a/b.c~d"},
      {"/a/~01", "a.~1"},
      {"/sections/10/items/0", "sections[10].items[0]"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.pointer));
    CHECK(pointer_to_path(c.pointer) == c.path);
  }
}

TEST_CASE("json: dump_canonical") {
  SUBCASE("document order, 2-space indent, final newline") {
    const Json v = parse_json(R"({"b": 1, "a": [1, 2.5], "c": {}, "d": "\u00e9"})", "f.json").value;
    CHECK(dump_canonical(v) == "{\n"
                               "  \"b\": 1,\n"
                               "  \"a\": [\n"
                               "    1,\n"
                               "    2.5\n"
                               "  ],\n"
                               "  \"c\": {},\n"
                               "  \"d\": \"\xc3\xa9\"\n"
                               "}\n");
  }
  SUBCASE("scalars and escapes") {
    CHECK(dump_canonical(Json::array()) == "[]\n");
    CHECK(dump_canonical(Json("a\"\\\n\x01")) == "\"a\\\"\\\\\\n\\u0001\"\n");
    CHECK(dump_canonical(Json(3)) == "3\n");
    // Bidirectional and C1 controls are escaped, so `cat` and `git diff` cannot be reordered.
    CHECK(dump_canonical(Json("a\xe2\x80\xae"
                              "b\xc2\x9b")) == "\"a\\u202eb\\u009b\"\n");
    CHECK(parse_json(dump_canonical(Json("a\xe2\x80\xae")), "f").value == "a\xe2\x80\xae");
  }
  SUBCASE("parse and dump are a fixed point") {
    const std::string text = "{\"z\": [true, null, {\"y\": -1.25e-7}], \"a\": \"x\\ty\"}";
    const std::string once = dump_canonical(parse_json(text, "f.json").value);
    CHECK(dump_canonical(parse_json(once, "f.json").value) == once);
  }
}

TEST_SUITE_END();

TEST_CASE("json: JsonLine writes the bytes dump_json writes for the same tree") {
  // Every kind of string the views print: quotes, backslashes, every control below U+0020, DEL,
  // multi-byte characters, the controls a terminal acts on (escaped by both), invalid UTF-8.
  std::vector<std::string> texts = {"",
                                    "plain",
                                    "\"quoted\" \\ back/slash",
                                    "\x7f del",
                                    "M\u00fcller \u6771\u4eac \U0001F600",
                                    "bidi \u202e and \u2028 and \u200b zero width",
                                    "\xff\xfe invalid",
                                    "cut \xe2\x82"};
  for (int c = 0; c < 0x20; ++c)
    texts.push_back(std::string("c") + static_cast<char>(c) + "c");
  for (const std::string& text : texts) {
    CAPTURE(text);
    Json tree = Json::object();
    tree["list"] = Json::array({text, 42, true, nullptr, Json::object({{"k", text}})});
    tree["n"] = 0;
    JsonLine line;
    line.open('{').key("list").open('[').string(text).number(42).boolean(true).null();
    line.open('{').key("k").string(text).close('}').close(']');
    line.key("n").number(0).close('}');
    CHECK(line.take() == dump_json(tree, -1));
  }
  SUBCASE("empty containers and a value dumped in place") {
    JsonLine line;
    line.open('[').open('{').close('}').open('[').close(']');
    line.json(Json::object({{"a", Json::array({1, 2})}})).close(']');
    CHECK(line.take() == R"([{},[],{"a":[1,2]}])");
  }
}
