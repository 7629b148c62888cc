#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "cna/text.hpp"

using namespace cna;

namespace {

// What visible() promises for any input: valid UTF-8 out, no C0 control except a kept newline,
// no DEL, no C1 control, no bidirectional control. Returns the first breach, "" when none.
std::string display_breach(const std::string& input, bool keep_newlines) {
  const std::string out = visible(input, keep_newlines);
  if (!valid_utf8(out)) return "invalid UTF-8 in " + out;
  for (std::size_t i = 0; i < out.size();) {
    const auto b0 = static_cast<unsigned char>(out[i]);
    char32_t cp = b0;
    std::size_t len = 1;
    if (b0 >= 0xF0) {
      cp = b0 & 0x07U, len = 4;
    } else if (b0 >= 0xE0) {
      cp = b0 & 0x0FU, len = 3;
    } else if (b0 >= 0xC0) {
      cp = b0 & 0x1FU, len = 2;
    }
    for (std::size_t k = 1; k < len; ++k) {
      cp = (cp << 6U) | (static_cast<unsigned char>(out[i + k]) & 0x3FU);
    }
    const bool control =
        (cp < 0x20 && !(cp == '\n' && keep_newlines)) || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
    const bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
                      cp == 0x200E || cp == 0x200F || cp == 0x061C;
    if (control || bidi) {
      return "U+" + std::to_string(static_cast<unsigned>(cp)) + " at byte " + std::to_string(i) +
             " of " + out;
    }
    i += len;
  }
  return {};
}

} // namespace

TEST_SUITE_BEGIN("core::text");

TEST_CASE("text: valid_utf8") {
  struct Case {
    const char* name;
    std::string bytes;
    bool valid;
  };
  const Case cases[] = {
      {"empty", "", true},
      {"ASCII", "hello, world", true},
      {"NUL is valid UTF-8", std::string("a\0b", 3), true},
      {"2-byte", "\xc3\xa9", true},
      {"3-byte", "\xe2\x82\xac", true},
      {"4-byte", "\xf0\x9f\x98\x80", true},
      {"U+D7FF, below the surrogates", "\xed\x9f\xbf", true},
      {"U+E000, above the surrogates", "\xee\x80\x80", true},
      {"U+10FFFF", "\xf4\x8f\xbf\xbf", true},
      {"U+0080", "\xc2\x80", true},
      {"lone continuation", "\x80", false},
      {"0xff", "\xff", false},
      {"0xfe", "\xfe", false},
      {"overlong '/'", "\xc0\xaf", false},
      {"overlong NUL", "\xc0\x80", false},
      {"overlong 0xc1", "\xc1\xbf", false},
      {"overlong 3-byte", "\xe0\x80\xaf", false},
      {"overlong 4-byte", "\xf0\x80\x80\xaf", false},
      {"high surrogate", "\xed\xa0\x80", false},
      {"low surrogate", "\xed\xbf\xbf", false},
      {"beyond U+10FFFF", "\xf4\x90\x80\x80", false},
      {"0xf5 lead", "\xf5\x80\x80\x80", false},
      {"5-byte form", "\xf8\x88\x80\x80\x80", false},
      {"truncated 2-byte", "\xc3", false},
      {"truncated 3-byte", "a\xe2\x82", false},
      {"truncated 4-byte", "\xf0\x9f\x98", false},
      {"bad continuation", "\xe2\x28\xa1", false},
      {"valid then invalid", "\xc3\xa9\xff", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(valid_utf8(c.bytes) == c.valid);
  }
}

TEST_CASE("text: visible makes controls visible") {
  struct Case {
    const char* name;
    std::string in;
    std::string out;
  };
  const Case cases[] = {
      {"plain", "Acme Corp", "Acme Corp"},
      {"UTF-8 kept", "M\xc3\xbcller \xf0\x9f\x98\x80", "M\xc3\xbcller \xf0\x9f\x98\x80"},
      {"ESC and a CSI sequence", "\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"},
      {"OSC title change", "\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"},
      {"BEL", "ding\a", "ding\\x07"},
      {"backspace", "ab\b", "ab\\x08"},
      {"CR", "a\rb", "a\\x0db"},
      {"NUL", std::string("a\0b", 3), "a\\x00b"},
      {"DEL", "a\x7f", "a\\x7f"},
      {"newline by default", "a\nb", "a\\x0ab"},
      {"tab becomes spaces", "a\tb", "a    b"},
      {"C1 CSI U+009B",
       "\xc2\x9b"
       "31m",
       "\\x9b31m"},
      {"C1 NEL U+0085", "\xc2\x85", "\\x85"},
      {"C1 U+0080", "\xc2\x80", "\\x80"},
      {"C1 U+009F", "\xc2\x9f", "\\x9f"},
      {"U+00A0 is not a control", "\xc2\xa0", "\xc2\xa0"},
      {"RLO U+202E",
       "abc\xe2\x80\xae"
       "fdp.exe",
       "abc<U+202E>fdp.exe"},
      {"LRE U+202A", "\xe2\x80\xaa", "<U+202A>"},
      {"LRI U+2066", "\xe2\x81\xa6", "<U+2066>"},
      {"RLI U+2067", "\xe2\x81\xa7", "<U+2067>"},
      {"FSI U+2068", "\xe2\x81\xa8", "<U+2068>"},
      {"PDI U+2069", "\xe2\x81\xa9", "<U+2069>"},
      {"zero-width space U+200B",
       "a\xe2\x80\x8b"
       "b",
       "a<U+200B>b"},
      {"byte order mark U+FEFF", "\xef\xbb\xbf", "<U+FEFF>"},
      {"soft hyphen U+00AD", "\xc2\xad", "<U+00AD>"},
      {"word joiner U+2060", "\xe2\x81\xa0", "<U+2060>"},
      {"tag LATIN CAPITAL A U+E0041", "\xf3\xa0\x81\x81", "<U+E0041>"},
      {"ZWJ U+200D stays (emoji, scripts)", "\xe2\x80\x8d", "\xe2\x80\x8d"},
      {"LRM U+200E", "\xe2\x80\x8e", "<U+200E>"},
      {"RLM U+200F", "\xe2\x80\x8f", "<U+200F>"},
      {"ALM U+061C", "\xd8\x9c", "<U+061C>"},
      {"line separator U+2028", "\xe2\x80\xa8", "<U+2028>"},
      {"invalid byte", "a\xff", "a\\xff"},
      {"overlong", "\xc0\xaf", "\\xc0\\xaf"},
      {"encoded surrogate", "\xed\xa0\x80", "\\xed\\xa0\\x80"},
      {"truncated then ASCII", "\xe2\x82z", "\\xe2\\x82z"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(visible(c.in) == c.out);
  }
  CHECK(visible("a\nb\n", true) == "a\nb\n");
  CHECK(visible("a\r\nb", true) == "a\\x0d\nb");
}

TEST_CASE("text: visible never outputs a raw control, for every single byte") {
  for (int b = 0; b < 256; ++b) {
    CAPTURE(b);
    const std::string one(1, static_cast<char>(b));
    CHECK(display_breach(one, false) == "");
    CHECK(display_breach(one, true) == "");
    if (b >= 0x80) CHECK(visible(one).size() == 4); // "\xNN": a lone byte >= 0x80 is invalid
  }
}

TEST_CASE("text: visible never outputs a raw control, for random strings") {
  const std::vector<std::string> pieces = {
      "a",
      "\xc3\xa9",
      "\x1b[2J",
      "\xc2\x9b",
      "\xe2\x80\xae",
      "\xe2\x81\xa6",
      "\xe2\x80\x8f",
      "\xd8\x9c",
      "\xf0\x9f\x98\x80",
      "\n",
      "\r",
      "\t",
      "\x7f",
      "\xc2\x85",
      "\xed\xa0\x80",
      "\xc0",
      "\x80",
      "\xe2\x80",
  };
  std::mt19937 random(20261123);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 24);
  std::uniform_int_distribution<int> coin(0, 1);
  for (int n = 0; n < 2000; ++n) {
    std::string input;
    for (int k = length(random); k > 0; --k) {
      if (coin(random) == 0) {
        input += static_cast<char>(byte(random));
      } else {
        input += pieces[piece(random)];
      }
    }
    CAPTURE(input);
    CHECK(display_breach(input, coin(random) == 1) == "");
  }
}

TEST_CASE("text: is_slug") {
  struct Case {
    std::string text;
    bool ok;
  };
  const Case cases[] = {
      {"acme", true},
      {"a", true},
      {"0", true},
      {"acme-corp", true},
      {"acme-", true},
      {"3m", true},
      {std::string(63, 'a'), true},
      {"a" + std::string(62, '-'), true},
      {std::string(64, 'a'), false},
      {std::string(200, 'a'), false},
      {"", false},
      {"-acme", false},
      {"Acme", false},
      {"acme corp", false},
      {"acme_corp", false},
      {"acme.json", false},
      {"../x", false},
      {"a/b", false},
      {"a\\b", false},
      {".", false},
      {"..", false},
      {".acme", false},
      {"CON", false},
      {"nul.txt", false},
      {"\xef\xbd\x81\xef\xbd\x83\xef\xbd\x8d\xef\xbd\x85", false}, // full-width "acme"
      {"acme\n", false},
      {"ac\nme", false},
      {std::string("acme\0", 5), false},
      {"acm\xc3\xa9", false},
      // Windows device names: a file named so cannot be checked out there.
      {"con", false},
      {"prn", false},
      {"aux", false},
      {"nul", false},
      {"com1", false},
      {"com9", false},
      {"lpt1", false},
      {"lpt9", false},
      {"com0", false},
      {"lpt0", false},
      {"con-x", true},
      {"console", true},
      {"com10", true},
      {"com", true},
      {"lpt", true},
      {"nul1", true},
      {"auxiliary", true},
      {"xcon", true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(is_slug(c.text) == c.ok);
  }
}

TEST_CASE("text: suggest_slug") {
  struct Case {
    std::string text;
    std::string slug;
  };
  const Case cases[] = {
      {"Acme Corp", "acme-corp"},
      {"  ACME!!", "acme"},
      {"acme", "acme"},
      {"M\xc3\xbcller GmbH", "muller-gmbh"},
      {"Cr\xc3\xa8me Br\xc3\xbbl\xc3\xa9\x65", "creme-brulee"},
      {"Stra\xc3\x9f\x65", "strasse"},
      {"\xc3\x98resund \xc3\x86gir", "oresund-aegir"},
      {"\xc3\x87\x61 Va", "ca-va"},
      {"\xc5\x81\xc3\xb3\x64\xc5\xba S.A.", "lodz-s-a"},
      {"\xc5\x92uvre", "oeuvre"},
      {"AT&T", "at-t"},
      {"a  --  b", "a-b"},
      {"-lead and trail-", "lead-and-trail"},
      {"3M", "3m"},
      {"", ""},
      {"!!!", ""},
      {"\xe6\x97\xa5\xe6\x9c\xac", ""},
      {"\xff\xfe", ""},
      {"\x1b[31m", "31m"},
      // Windows device names get a suffix, so the suggestion is itself a valid slug.
      {"Con", "con-account"},
      {"NUL", "nul-account"},
      {"COM1", "com1-account"},
      {"lpt9!", "lpt9-account"},
      {"Con Edison", "con-edison"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(suggest_slug(c.text) == c.slug);
    CHECK((c.slug.empty() || is_slug(c.slug)));
  }
  SUBCASE("long names are cut to a valid slug") {
    CHECK(suggest_slug(std::string(100, 'a')) == std::string(63, 'a'));
    const std::string cut = suggest_slug(std::string(62, 'a') + " bcd");
    CHECK(cut == std::string(62, 'a'));
    CHECK(is_slug(cut));
    CHECK(suggest_slug(std::string(61, 'a') + " bcd") == std::string(61, 'a') + "-b");
  }
  SUBCASE("every suggestion is a slug or empty") {
    std::mt19937 random(7);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 90);
    for (int n = 0; n < 3000; ++n) {
      std::string text;
      for (int k = length(random); k > 0; --k)
        text += static_cast<char>(byte(random));
      const std::string slug = suggest_slug(text);
      CAPTURE(text);
      CHECK((slug.empty() || is_slug(slug)));
    }
    for (const char* name : {"con", "prn", "aux", "nul", "com3", "lpt2"}) {
      CHECK(is_slug(suggest_slug(name)));
    }
  }
}

TEST_CASE("text: is_id") {
  struct Case {
    const char* text;
    bool ok;
  };
  const Case cases[] = {
      {"business_goal", true},
      {"a", true},
      {"a1", true},
      {"a_", true},
      {"", false},
      {"_a", false},
      {"1a", false},
      {"Goal", false},
      {"goal-x", false},
      {"goal x", false},
      {"go\xc3\xa9l", false},
      {"goal\n", false},
      {"a.b", false},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.text));
    CHECK(is_id(c.text) == c.ok);
  }
}

TEST_CASE("text: escape_json_controls escapes what a terminal acts on, and nothing else") {
  // U+0085, U+009B (CSI), U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069, U+2028/9.
  CHECK(escape_json_controls("\"a\xc2\x85\xc2\x9b\xd8\x9c\"") == "\"a\\u0085\\u009b\\u061c\"");
  CHECK(escape_json_controls("\"\xe2\x80\x8e\xe2\x80\x8f\xe2\x80\xaa\xe2\x80\xae\"") ==
        "\"\\u200e\\u200f\\u202a\\u202e\"");
  CHECK(escape_json_controls("\"\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\xa8\xe2\x80\xa9\"") ==
        "\"\\u2066\\u2069\\u2028\\u2029\"");
  // Letters that share the lead bytes stay: é (C3 A9), ¢ (C2 A2), ب (D8 A8), – (E2 80 93), €.
  const std::string_view kept = "\"\xc3\xa9\xc2\xa2\xd8\xa8\xe2\x80\x93\xe2\x82\xac\"";
  CHECK(escape_json_controls(kept) == kept);
  CHECK(escape_json_controls("") == "");
  CHECK(escape_json_controls("\"\\u001b\"") == "\"\\u001b\""); // already escaped
}

TEST_CASE("text: trim and to_lower") {
  CHECK(trim("") == "");
  CHECK(trim("   ") == "");
  CHECK(trim(" \t\r\n a b \r\n") == "a b");
  CHECK(trim("x") == "x");
  CHECK(trim("\xc2\xa0x\xc2\xa0") == "\xc2\xa0x\xc2\xa0"); // only ASCII white space
  CHECK(to_lower("AcME 1-\xc3\x89") == "acme 1-\xc3\x89");
}

TEST_CASE("text: display_width counts terminal cells, not bytes or code points") {
  CHECK(display_width("") == 0);
  CHECK(display_width("acme") == 4);
  CHECK(display_width("J\xc3\xb6rg Sch\xc3\xa4"
                      "fer") == 12);                     // Jörg Schäfer
  CHECK(display_width("\xe7\x94\xb0\xe4\xb8\xad") == 4); // 田中: 2 each
  CHECK(display_width("e\xcc\x81") == 1);                // e + combining acute
  CHECK(display_width("\xf0\x9f\x9a\x80") == 2);         // 🚀
  CHECK(display_width("\xff") == 4);                     // shown as \xff
}

TEST_CASE("text: cut_to_width keeps whole characters") {
  const std::string tanaka = "\xe7\x94\xb0\xe4\xb8\xad";
  CHECK(cut_to_width("abc", 2) == "ab");
  CHECK(cut_to_width("abc", 9) == "abc");
  CHECK(cut_to_width(tanaka, 3) == "\xe7\x94\xb0");
  CHECK(cut_to_width(tanaka, 1) == "");
}

TEST_CASE("text: wrap breaks at spaces by display width") {
  using Lines = std::vector<std::string>;
  CHECK(wrap("", 10) == Lines{""});
  CHECK(wrap("one two three", 0) == Lines{"one two three"});
  CHECK(wrap("one two three", 7) == Lines{"one two", "three"});
  CHECK(wrap("one two three", 8) == Lines{"one two", "three"});
  CHECK(wrap("one\ntwo", 20) == Lines{"one", "two"});
  CHECK(wrap("a\n\nb", 20) == Lines{"a", "", "b"});
  CHECK(wrap("abcdefghij", 4) == Lines{"abcd", "efgh", "ij"});
  // 田中 is 4 cells: two CJK words of 4 cells fit a line of 9, not of 8.
  const std::string tanaka = "\xe7\x94\xb0\xe4\xb8\xad";
  CHECK(wrap(tanaka + " " + tanaka, 9) == Lines{tanaka + " " + tanaka});
  CHECK(wrap(tanaka + " " + tanaka, 8) == Lines{tanaka, tanaka});
  // No line is ever wider than asked (at least 2 cells: a CJK character stands alone on a line
  // of 1), whatever the words.
  for (const std::size_t width : {2U, 3U, 5U, 13U}) {
    for (const std::string& line : wrap("Lösung für Außenlager " + tanaka + " 🚀 x", width))
      CHECK(display_width(line) <= width);
  }
}

TEST_SUITE_END();
