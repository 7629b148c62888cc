// The JSON conversion layer: a strict parser that keeps positions, and the canonical writer.
// Only this layer and the store include nlohmann/json.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cna/value.hpp"

namespace cna {

using Json = nlohmann::ordered_json;

struct Position {
  int line = 1;
  int column = 1;
};

struct DuplicateKey {
  std::string pointer; // JSON pointer of the duplicated member
  Position position;
};

struct ParsedJson {
  Json value;
  // Position of every value, keyed by JSON pointer ("" is the root, "/sections/0/id" a member).
  std::map<std::string, Position> positions;
  std::vector<DuplicateKey> duplicates; // the first occurrence is kept

  [[nodiscard]] Position at(const std::string& pointer) const; // nearest known ancestor
};

inline constexpr int kMaxJsonDepth = 64;

// Parses strictly: RFC 8259 syntax, UTF-8 only (a BOM is skipped), nesting <= kMaxJsonDepth,
// numbers within double range, git merge-conflict markers named as such. Throws
// Error(Exit::data, "<file>:<line>:<col>: <reason>") on the first syntax problem.
// Positions are recorded only when `positions` is set (validation), to keep bulk loads fast.
[[nodiscard]] ParsedJson parse_json(std::string_view text, std::string_view file,
                                    bool positions = false);

// Canonical form: keys in the document's order, 2-space indent, final newline.
[[nodiscard]] std::string dump_canonical(const Json& value);

// Every JSON that cna writes or prints (indent -1: one line): never throws, and has the
// controls a terminal acts on escaped (escape_json_controls), so `cat`, `git diff` and a
// `--json` on a terminal show them as \u202e, not reordered or run.
[[nodiscard]] std::string dump_json(const Json& value, int indent);

// `text` as a JSON string, appended to `out`: the bytes nlohmann's dump writes (quotes,
// backslashes and controls below U+0020 escaped, other UTF-8 as it is, invalid UTF-8 replaced).
// Returns whether `text` holds any byte above ASCII.
bool append_json_string(std::string& out, std::string_view text);

// One line of JSON written straight into a string, with the bytes dump_json(tree, -1) would give:
// the portfolio views write one object per account with it, without building a Json tree for each.
// Members are key() then a value; elements of an array are values.
class JsonLine {
public:
  JsonLine& open(char bracket);  // '{' or '['
  JsonLine& close(char bracket); // '}' or ']'
  // A member's name: always one of cna's own, written as a literal (nothing in it to escape).
  template <std::size_t N> JsonLine& key(const char (&name)[N]) {
    next();
    m_out.append(1, '"').append(name, N - 1).append("\":");
    m_keyed = true;
    return *this;
  }
  JsonLine& string(std::string_view text);
  JsonLine& number(std::size_t n);
  JsonLine& boolean(bool b);
  JsonLine& null();
  JsonLine& json(const Json& value); // a value of a tree, dumped in place
  // The text, controls a terminal acts on escaped as in dump_json.
  [[nodiscard]] std::string take();

private:
  void next(); // the comma before a member or an element
  std::string m_out;
  std::vector<bool> m_empty; // per open bracket: nothing written in it yet
  bool m_keyed = false;      // a key was just written: its value follows
  bool m_wide = false;       // a byte above ASCII written (escape_json_controls has work)
};

// An answer's value as stored (docs/assessment.md): integral numbers without ".0", money as
// {"amount", "currency"}, no value as null.
[[nodiscard]] Json value_to_json(const Value& value);
// The other way: a string, a list of strings, true/false, a number or {"amount", "currency"};
// nullopt for any other JSON (null included).
[[nodiscard]] std::optional<Value> value_from_json(const Json& json);

// "/sections/1/items/3/type" -> "sections[1].items[3].type"
[[nodiscard]] std::string pointer_to_path(std::string_view pointer);

// Where a value is, for a Problem: "file:line:col: sections[1].items[3].type" (no path for the
// root).
[[nodiscard]] std::string where_at(std::string_view file, Position position,
                                   std::string_view pointer);
[[nodiscard]] std::string where_in(const ParsedJson& parsed, std::string_view file,
                                   const std::string& pointer); // at parsed.at(pointer)

} // namespace cna
