#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli/picker.hpp"
#include "cna/text.hpp"

using namespace cna;
using namespace cna::cli;

namespace {

std::vector<PickerEntry> options() {
  return {{"Approved", "approved", ""},
          {"Identified", "identified", ""},
          {"To be created", "to-be-created", ""},
          {"Lösung für Außenlager", "aussenlager", ""}};
}

Key key(KeyKind kind) { return Key{kind, {}}; }

void type(Picker& p, const std::string& text) {
  // One key per UTF-8 character, as the terminal layer delivers them.
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 1;
    while (i + len < text.size() && (static_cast<unsigned char>(text[i + len]) & 0xC0U) == 0x80U)
      ++len;
    const std::string ch = text.substr(i, len);
    p.press(ch == " " ? key(KeyKind::space) : Key{KeyKind::character, ch});
    i += len;
  }
}

// The grammar of a choice: a number 1..4 or an option's value.
bool reads_as_choice(const std::string& line) {
  if (line.size() == 1 && line[0] >= '1' && line[0] <= '4') return true;
  for (const PickerEntry& e : options()) {
    if (e.value == line) return true;
  }
  return false;
}

} // namespace

TEST_SUITE_BEGIN("cli::Picker");

TEST_CASE("arrows move the cursor, wrapping at both ends; Enter picks the value") {
  Picker p(options(), false);
  CHECK(p.current() == 0U);
  p.press(key(KeyKind::up));
  CHECK(p.current() == 3U);
  p.press(key(KeyKind::down));
  p.press(key(KeyKind::down));
  CHECK(p.current() == 1U);
  CHECK(p.press(key(KeyKind::enter)) == PickStep::accept);
  CHECK(p.line() == "identified");
  CHECK(p.picked() == "Identified");
}

TEST_CASE("the cursor starts on the answer on file; a multi starts with its entries ticked") {
  SUBCASE("choice") {
    Picker p(options(), false, {"to-be-created"});
    CHECK(p.current() == 2U);
  }
  SUBCASE("multi") {
    Picker p(options(), true, {"identified", "aussenlager"});
    CHECK(p.current() == 1U);
    CHECK(p.ticked(1));
    CHECK(p.ticked(3));
    CHECK_FALSE(p.ticked(0));
    CHECK(p.press(key(KeyKind::enter)) == PickStep::accept);
    CHECK(p.line() == "identified, aussenlager");
  }
}

TEST_CASE("typing filters case-insensitively on label and value, non-ASCII included") {
  Picker p(options(), false);
  type(p, "AUSSEN");
  REQUIRE(p.shown() == std::vector<std::size_t>{3});
  p.press(key(KeyKind::clear));
  type(p, "LÖSUNG");
  CHECK(p.shown() == std::vector<std::size_t>{3});
  p.press(key(KeyKind::backspace)); // drops the whole last character
  CHECK(p.filter() == "LÖSUN");
  p.press(key(KeyKind::clear));
  type(p, "ied");
  CHECK(p.shown() == std::vector<std::size_t>{1});
  CHECK(p.press(key(KeyKind::enter)) == PickStep::accept);
  CHECK(p.line() == "identified");
}

TEST_CASE("a typed number or value is taken as typed, as the text prompt reads it") {
  Picker p(options(), false, {}, reads_as_choice);
  type(p, "3");
  CHECK(p.press(key(KeyKind::enter)) == PickStep::accept);
  CHECK(p.line() == "3");
  Picker q(options(), false, {}, reads_as_choice);
  type(q, "approved");
  CHECK(q.press(key(KeyKind::enter)) == PickStep::accept);
  CHECK(q.line() == "approved");
}

TEST_CASE("typed text nothing matches is passed on as typed: the grammar says why") {
  Picker p(options(), false, {}, reads_as_choice);
  type(p, ":skip");
  CHECK(p.shown().empty());
  CHECK(p.press(key(KeyKind::enter)) == PickStep::accept);
  CHECK(p.line() == ":skip");
}

TEST_CASE("space ticks in a multi; Enter gives the ticked values in the list's order") {
  Picker p(options(), true, {}, reads_as_choice);
  p.press(key(KeyKind::down));
  p.press(key(KeyKind::down));
  p.press(key(KeyKind::space));
  p.press(key(KeyKind::up));
  p.press(key(KeyKind::up));
  p.press(key(KeyKind::space));
  p.press(key(KeyKind::space));
  p.press(key(KeyKind::space));
  CHECK(p.ticked(0));
  CHECK(p.ticked(2));
  SUBCASE("the ticks win over a filter the grammar would read") {
    type(p, "approved");
    CHECK(p.press(key(KeyKind::enter)) == PickStep::accept);
    CHECK(p.line() == "approved, to-be-created");
    CHECK(p.picked() == "Approved, To be created");
  }
  SUBCASE("a space in a choice is part of the filter") {
    Picker c(options(), false);
    type(c, "to be");
    CHECK(c.filter() == "to be");
    CHECK(c.shown() == std::vector<std::size_t>{2});
  }
}

TEST_CASE("a multi with nothing ticked picks the entry under the cursor") {
  Picker p(options(), true);
  p.press(key(KeyKind::end));
  CHECK(p.press(key(KeyKind::enter)) == PickStep::accept);
  CHECK(p.line() == "aussenlager");
}

TEST_CASE("Esc goes back to typing with the filter so far; Ctrl-C cancels; Ctrl-D ends input") {
  Picker p(options(), false);
  type(p, "Iden");
  CHECK(p.press(key(KeyKind::escape)) == PickStep::to_text);
  CHECK(p.line() == "Iden");
  Picker c(options(), false);
  CHECK(c.press(key(KeyKind::interrupt)) == PickStep::cancel);
  Picker d(options(), false);
  type(d, "x");
  CHECK(d.press(key(KeyKind::eof)) == PickStep::stay); // as the line editor: only on an empty line
  d.press(key(KeyKind::backspace));
  CHECK(d.press(key(KeyKind::eof)) == PickStep::end);
}

TEST_CASE("the layout fits the terminal: the rows scroll with the cursor, lines cut by width") {
  std::vector<PickerEntry> many;
  std::string tail;
  for (int k = 0; k < 30; ++k)
    tail += " and 倉庫";
  for (int k = 1; k <= 40; ++k)
    many.push_back({"倉庫 option " + std::to_string(k) + tail, "o" + std::to_string(k), ""});
  for (const auto& [rows, columns] : {std::pair<std::size_t, std::size_t>{24, 80}, {50, 200}}) {
    CAPTURE(rows);
    Picker p(many, false);
    for (int k = 0; k < 30; ++k)
      p.press(key(KeyKind::down));
    const std::vector<PickerLine> lines = p.layout(rows, columns, "> ");
    CHECK(lines.size() <= rows - 4);
    CHECK(lines.size() == Picker::rows_for(rows) + 2); // the keys, the rows, the prompt
    bool cursor_shown = false;
    for (const PickerLine& line : lines) {
      CHECK(display_width(line.text) <= columns - 1);
      if (line.style == PickerLine::Style::current) {
        cursor_shown = true;
        CHECK(line.text.starts_with("❯ 倉庫 option 31 and"));
      }
    }
    CHECK(cursor_shown);
    CHECK(lines.back().style == PickerLine::Style::prompt);
  }
}

TEST_CASE("typed control and bidirectional characters are drawn and echoed made visible") {
  Picker p(options(), false);
  type(p, "a\u202e\x1b[2J");
  const std::vector<PickerLine> lines = p.layout(24, 80, "> ");
  CHECK(lines.back().text == "> a<U+202E>\\x1b[2J");
  CHECK(p.press(key(KeyKind::enter)) == PickStep::accept);
  CHECK(p.line() == "a\u202e\x1b[2J"); // the grammar gets what was typed, and refuses it
  CHECK(p.picked() == "a<U+202E>\\x1b[2J");
}

TEST_CASE("fold_case finds capitals of every script") {
  CHECK(fold_case("SCHÄFER") == fold_case("schäfer"));
  CHECK(fold_case("ΚΑΛΗΜΕΡΑ") == fold_case("καλημερα"));
  CHECK(fold_case("ABC") == "abc");
  CHECK(fold_case("\xff") == "\xff"); // invalid UTF-8 is kept
}

TEST_SUITE_END();
