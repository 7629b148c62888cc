// A strict JSON reader that knows where every value is (for compiler-style messages), refuses
// what nlohmann would accept silently (duplicate keys, 1e400, deep nesting), and builds the
// nlohmann value the rest of the conversion layer reads.
#include "cna/json.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fmt/format.h>

#include "cna/error.hpp"
#include "cna/text.hpp"

namespace cna {

namespace {

class Reader {
public:
  Reader(std::string_view text, std::string_view file, ParsedJson& out, bool positions)
      : m_text(text), m_file(file), m_out(out), m_positions(positions) {}

  Json document() {
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF") m_pos = m_line_start = m_bom = 3;
    skip_space();
    std::string pointer;
    Json value = parse_value(pointer, 0);
    skip_space();
    if (m_pos != m_text.size()) fail("unexpected text after the JSON value");
    return value;
  }

private:
  [[noreturn]] void fail(const std::string& reason) { fail_at(m_pos, reason); }

  [[noreturn]] void fail_at(std::size_t offset, const std::string& reason) {
    const Position p = position_of(offset);
    if (const auto marker = conflict_marker_line(); marker > 0) {
      throw Error(Exit::data, fmt::format("{}:{}:1: unresolved git merge conflict markers; resolve "
                                          "the conflict (keep one side) and save the file again",
                                          m_file, marker));
    }
    throw Error(Exit::data, fmt::format("{}:{}:{}: {}", m_file, p.line, p.column, reason));
  }

  // Line number of the first "<<<<<<< " line, or 0.
  [[nodiscard]] int conflict_marker_line() const {
    int line = 1;
    for (std::size_t i = 0; i < m_text.size(); ++i) {
      if ((i == 0 || m_text[i - 1] == '\n') && m_text.substr(i, 8) == "<<<<<<< ") return line;
      if (m_text[i] == '\n') ++line;
    }
    return 0;
  }

  [[nodiscard]] Position position_of(std::size_t offset) const {
    if (offset >= m_line_start) {
      return {m_line, static_cast<int>(offset - m_line_start) + 1};
    }
    Position p;
    std::size_t start = m_bom; // columns on line 1 count after the BOM
    for (std::size_t i = m_bom; i < offset && i < m_text.size(); ++i) {
      if (m_text[i] == '\n') ++p.line, start = i + 1;
    }
    p.column = static_cast<int>(offset - start) + 1;
    return p;
  }

  void skip_space() {
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (c == '\n') {
        ++m_line;
        m_line_start = m_pos + 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      ++m_pos;
    }
  }

  [[nodiscard]] char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

  void expect(char c, const char* what) {
    if (peek() != c) {
      fail(m_pos >= m_text.size() ? fmt::format("unexpected end of file, expected {}", what)
                                  : fmt::format("expected {}", what));
    }
    ++m_pos;
  }

  Json parse_value(std::string& pointer, int depth) {
    if (m_positions) m_out.positions.emplace(pointer, position_of(m_pos));
    switch (peek()) {
    case '{':
      return parse_object(pointer, depth + 1);
    case '[':
      return parse_array(pointer, depth + 1);
    case '"':
      return parse_string();
    case 't':
      return parse_literal("true", Json(true));
    case 'f':
      return parse_literal("false", Json(false));
    case 'n':
      return parse_literal("null", Json(nullptr));
    case '\0':
      if (m_pos >= m_text.size()) fail("unexpected end of file, expected a value");
      fail("unexpected character, expected a value");
    default:
      if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return parse_number();
      fail(fmt::format("unexpected character '{}', expected a value", visible(next_char())));
    }
  }

  [[nodiscard]] std::string_view next_char() const {
    std::size_t len = 1;
    while (m_pos + len < m_text.size() &&
           (static_cast<unsigned char>(m_text[m_pos + len]) & 0xC0U) == 0x80U && len < 4)
      ++len;
    return m_text.substr(m_pos, len);
  }

  void enter(int depth) {
    if (depth > kMaxJsonDepth) fail(fmt::format("nesting deeper than {} levels", kMaxJsonDepth));
  }

  Json parse_object(std::string& pointer, int depth) {
    enter(depth);
    ++m_pos;
    Json object = Json::object();
    skip_space();
    if (peek() == '}') {
      ++m_pos;
      return object;
    }
    for (;;) {
      skip_space();
      if (peek() != '"')
        fail(m_pos >= m_text.size() ? "unexpected end of file, expected a key"
                                    : "expected a key in double quotes");
      const std::size_t key_offset = m_pos;
      std::string key = parse_string().get<std::string>();
      skip_space();
      expect(':', "':' after the key");
      skip_space();
      const std::size_t saved = pointer.size();
      append_pointer(pointer, key); // duplicates are reported by pointer
      Json value = parse_value(pointer, depth);
      if (object.contains(key)) {
        m_out.duplicates.push_back({pointer, position_of(key_offset)});
      } else {
        object.emplace(std::move(key), std::move(value));
      }
      pointer.resize(saved);
      skip_space();
      if (peek() == ',') {
        ++m_pos;
        continue;
      }
      expect('}', "',' or '}'");
      return object;
    }
  }

  Json parse_array(std::string& pointer, int depth) {
    enter(depth);
    ++m_pos;
    Json array = Json::array();
    skip_space();
    if (peek() == ']') {
      ++m_pos;
      return array;
    }
    for (;;) {
      skip_space();
      const std::size_t saved = pointer.size();
      // Always, not only with positions: duplicate keys are reported by pointer.
      pointer += '/';
      pointer += std::to_string(array.size());
      array.push_back(parse_value(pointer, depth));
      pointer.resize(saved);
      skip_space();
      if (peek() == ',') {
        ++m_pos;
        continue;
      }
      expect(']', "',' or ']'");
      return array;
    }
  }

  static void append_pointer(std::string& pointer, std::string_view key) {
    pointer += '/';
    for (const char c : key) {
      if (c == '~') {
        pointer += "~0";
      } else if (c == '/') {
        pointer += "~1";
      } else {
        pointer += c;
      }
    }
  }

  Json parse_literal(std::string_view word, Json value) {
    if (m_text.substr(m_pos, word.size()) != word) fail("unexpected word, expected a value");
    m_pos += word.size();
    return value;
  }

  Json parse_number() {
    const std::size_t start = m_pos;
    const auto digits = [&] {
      const std::size_t from = m_pos;
      while (peek() >= '0' && peek() <= '9')
        ++m_pos;
      return m_pos - from;
    };
    if (peek() == '-') ++m_pos;
    if (peek() == '0') {
      ++m_pos;
    } else if (digits() == 0) {
      fail("invalid number");
    }
    bool integral = true;
    if (peek() == '.') {
      ++m_pos, integral = false;
      if (digits() == 0) fail("invalid number: digits expected after '.'");
    }
    if (peek() == 'e' || peek() == 'E') {
      ++m_pos, integral = false;
      if (peek() == '+' || peek() == '-') ++m_pos;
      if (digits() == 0) fail("invalid number: digits expected in the exponent");
    }
    const char* first = m_text.data() + start;
    const char* last = m_text.data() + m_pos;
    if (integral) {
      std::int64_t i = 0;
      if (std::from_chars(first, last, i).ec == std::errc()) return Json(i);
    }
    double d = 0;
    const auto result = std::from_chars(first, last, d);
    // Too large is an error; too small (1e-400: a negative exponent) is zero, as JSON readers take
    // it.
    const std::string_view number(first, static_cast<std::size_t>(last - first));
    const auto exponent = number.find_first_of("eE");
    const bool underflow = exponent != std::string_view::npos && number[exponent + 1] == '-';
    if (result.ec == std::errc::result_out_of_range && underflow) {
      d = 0;
    } else if (result.ec != std::errc()) {
      fail_at(start, "number out of range");
    }
    return Json(d);
  }

  Json parse_string() {
    const std::size_t start = m_pos;
    ++m_pos;
    std::string out;
    for (;;) {
      if (m_pos >= m_text.size()) fail_at(start, "unterminated string");
      const auto c = static_cast<unsigned char>(m_text[m_pos]);
      if (c == '"') {
        ++m_pos;
        break;
      }
      if (c < 0x20)
        fail(c == '\n' ? "unterminated string (newline inside a string)"
                       : "control character inside a string (use an escape such as \\n)");
      if (c == '\\') {
        parse_escape(out);
        continue;
      }
      if (c < 0x80) {
        out += static_cast<char>(c);
        ++m_pos;
        continue;
      }
      std::size_t len = 1;
      while (m_pos + len < m_text.size() && len < 4 &&
             (static_cast<unsigned char>(m_text[m_pos + len]) & 0xC0U) == 0x80U) {
        ++len;
      }
      const std::string_view seq = m_text.substr(m_pos, len);
      if (!valid_utf8(seq)) fail("invalid UTF-8 in a string");
      out.append(seq);
      m_pos += len;
    }
    return Json(std::move(out));
  }

  void parse_escape(std::string& out) {
    ++m_pos;
    const char e = peek();
    ++m_pos;
    switch (e) {
    case '"':
      out += '"';
      return;
    case '\\':
      out += '\\';
      return;
    case '/':
      out += '/';
      return;
    case 'b':
      out += '\b';
      return;
    case 'f':
      out += '\f';
      return;
    case 'n':
      out += '\n';
      return;
    case 'r':
      out += '\r';
      return;
    case 't':
      out += '\t';
      return;
    case 'u':
      break;
    default:
      m_pos -= 1;
      fail("invalid escape in a string");
    }
    char32_t cp = hex4();
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (m_text.substr(m_pos, 2) != "\\u") fail("unpaired surrogate in a \\u escape");
      m_pos += 2;
      const char32_t low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail("unpaired surrogate in a \\u escape");
      cp = 0x10000 + ((cp - 0xD800) << 10U) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      fail("unpaired surrogate in a \\u escape");
    }
    if (cp == 0) fail("NUL character (\\u0000) is not allowed in a string");
    append_utf8(out, cp);
  }

  char32_t hex4() {
    char32_t cp = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = peek();
      unsigned digit = 0;
      if (h >= '0' && h <= '9') {
        digit = static_cast<unsigned>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        digit = static_cast<unsigned>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        digit = static_cast<unsigned>(h - 'A' + 10);
      } else {
        fail("invalid \\u escape: four hex digits expected");
      }
      cp = (cp << 4U) | digit;
      ++m_pos;
    }
    return cp;
  }

  static void append_utf8(std::string& out, char32_t cp) {
    const auto put = [&](unsigned v) { out += static_cast<char>(v); };
    if (cp < 0x80) {
      put(cp);
    } else if (cp < 0x800) {
      put(0xC0U | (cp >> 6U)), put(0x80U | (cp & 0x3FU));
    } else if (cp < 0x10000) {
      put(0xE0U | (cp >> 12U)), put(0x80U | ((cp >> 6U) & 0x3FU)), put(0x80U | (cp & 0x3FU));
    } else {
      put(0xF0U | (cp >> 18U)), put(0x80U | ((cp >> 12U) & 0x3FU));
      put(0x80U | ((cp >> 6U) & 0x3FU)), put(0x80U | (cp & 0x3FU));
    }
  }

  std::string_view m_text;
  std::string_view m_file;
  ParsedJson& m_out;
  bool m_positions;
  std::size_t m_pos = 0;
  int m_line = 1;
  std::size_t m_line_start = 0;
  std::size_t m_bom = 0; // 3 when the text starts with a UTF-8 BOM
};

} // namespace

Position ParsedJson::at(const std::string& pointer) const {
  std::string p = pointer;
  for (;;) {
    if (const auto it = positions.find(p); it != positions.end()) return it->second;
    if (p.empty()) return {};
    p.resize(p.rfind('/'));
  }
}

ParsedJson parse_json(std::string_view text, std::string_view file, bool positions) {
  ParsedJson out;
  Reader reader(text, file, out, positions);
  out.value = reader.document();
  return out;
}

std::string dump_canonical(const Json& value) { return dump_json(value, 2) + "\n"; }

std::string dump_json(const Json& value, int indent) {
  return escape_json_controls(value.dump(indent, ' ', false, Json::error_handler_t::replace));
}

bool append_json_string(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  out += '"';
  std::size_t plain = 0; // the start of the bytes not yet copied
  bool wide = false;     // a byte of a multi-byte character seen
  const auto escape = [&](std::size_t i, std::string_view with) {
    out.append(text.substr(plain, i - plain)).append(with);
    plain = i + 1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    wide = wide || c >= 0x80;
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    switch (c) {
    case '"':
      escape(i, "\\\"");
      break;
    case '\\':
      escape(i, "\\\\");
      break;
    case '\b':
      escape(i, "\\b");
      break;
    case '\f':
      escape(i, "\\f");
      break;
    case '\n':
      escape(i, "\\n");
      break;
    case '\r':
      escape(i, "\\r");
      break;
    case '\t':
      escape(i, "\\t");
      break;
    default:
      escape(i, fmt::format("\\u{:04x}", static_cast<unsigned>(c)));
    }
  }
  out.append(text.substr(plain)).push_back('"');
  if (wide && !valid_utf8(text)) { // never read from a file (the readers refuse it): nlohmann's way
    out.resize(start);
    out += Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  return wide;
}

void JsonLine::next() {
  if (m_keyed) {
    m_keyed = false;
    return;
  }
  if (m_empty.empty()) return;
  if (!m_empty.back()) m_out += ',';
  m_empty.back() = false;
}

JsonLine& JsonLine::open(char bracket) {
  next();
  m_out += bracket;
  m_empty.push_back(true);
  return *this;
}

JsonLine& JsonLine::close(char bracket) {
  m_empty.pop_back();
  m_out += bracket;
  return *this;
}

JsonLine& JsonLine::string(std::string_view text) {
  next();
  m_wide = append_json_string(m_out, text) || m_wide;
  return *this;
}

JsonLine& JsonLine::number(std::size_t n) {
  next();
  fmt::format_to(std::back_inserter(m_out), "{}", n);
  return *this;
}

JsonLine& JsonLine::boolean(bool b) {
  next();
  m_out += b ? "true" : "false";
  return *this;
}

JsonLine& JsonLine::null() {
  next();
  m_out += "null";
  return *this;
}

JsonLine& JsonLine::json(const Json& value) {
  next();
  m_out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
  m_wide = true; // not looked at: escaped as if it held any character
  return *this;
}

std::string JsonLine::take() {
  // The controls a terminal acts on are all multi-byte characters.
  return m_wide ? escape_json_controls(m_out) : std::move(m_out);
}

std::string pointer_to_path(std::string_view pointer) {
  std::string out;
  std::size_t i = 0;
  while (i < pointer.size()) {
    const std::size_t next = pointer.find('/', i + 1);
    std::string segment(pointer.substr(
        i + 1, next == std::string_view::npos ? std::string_view::npos : next - i - 1));
    for (std::size_t k = 0; (k = segment.find('~', k)) != std::string::npos; ++k) {
      segment.replace(k, 2, k + 1 < segment.size() && segment[k + 1] == '1' ? "/" : "~");
    }
    const bool index =
        !segment.empty() && segment.find_first_not_of("0123456789") == std::string::npos;
    if (index) {
      out += "[" + segment + "]";
    } else {
      if (!out.empty()) out += '.';
      out += segment;
    }
    if (next == std::string_view::npos) break;
    i = next;
  }
  return out;
}

std::string where_at(std::string_view file, Position position, std::string_view pointer) {
  const std::string path = pointer_to_path(pointer);
  return fmt::format("{}:{}:{}{}{}", file, position.line, position.column, path.empty() ? "" : ": ",
                     path);
}

std::string where_in(const ParsedJson& parsed, std::string_view file, const std::string& pointer) {
  return where_at(file, parsed.at(pointer), pointer);
}

namespace {

// The fields of a `questions` entry this version reads; any other is kept in Question::extra.
constexpr std::array<std::string_view, 5> kQuestionFields{"text", "who", "due", "state", "answer"};

// A `questions` value: objects {text, who?, due?, state, answer?}; `state` and `answer` agree
// (an answered entry has its answer, an open one none), else the value is not one.
std::optional<Value> questions_from_json(const Json& j) {
  Questions questions;
  const auto text = [](const Json& e, const char* key, std::string& out) {
    if (!e.contains(key)) return true;
    if (!e[key].is_string()) return false;
    out = e[key].get<std::string>();
    return true;
  };
  for (const Json& e : j) {
    Question q;
    std::string state;
    if (!e.is_object() || !e.contains("text") || !text(e, "text", q.text) ||
        !text(e, "who", q.who) || !text(e, "due", q.due) || !text(e, "state", state) ||
        !text(e, "answer", q.answer)) {
      return std::nullopt;
    }
    const bool answered = state == "answered";
    if ((!answered && state != "open") || answered == q.answer.empty()) return std::nullopt;
    // A field this reader does not know is kept, to be written back as it was.
    Json extra = Json::object();
    for (auto it = e.begin(); it != e.end(); ++it) {
      if (std::find(kQuestionFields.begin(), kQuestionFields.end(), it.key()) ==
          kQuestionFields.end())
        extra[it.key()] = it.value();
    }
    if (!extra.empty()) q.extra = extra.dump();
    questions.push_back(std::move(q));
  }
  return questions;
}

} // namespace

Json value_to_json(const Value& value) {
  struct Visitor {
    Json operator()(std::monostate) const { return nullptr; }
    Json operator()(const std::string& s) const { return s; }
    Json operator()(const std::vector<std::string>& v) const { return v; }
    Json operator()(bool b) const { return b; }
    Json operator()(double d) const {
      if (std::trunc(d) == d && std::fabs(d) < 9e15) return static_cast<std::int64_t>(d);
      return d;
    }
    Json operator()(const Money& m) const {
      Json j = Json::object();
      j["amount"] = (*this)(m.amount);
      j["currency"] = m.currency;
      return j;
    }
    Json operator()(const Questions& questions) const {
      Json j = Json::array();
      for (const Question& q : questions) {
        Json e = Json::object();
        e["text"] = q.text;
        if (!q.who.empty()) e["who"] = q.who;
        if (!q.due.empty()) e["due"] = q.due;
        e["state"] = q.open() ? "open" : "answered";
        if (!q.open()) e["answer"] = q.answer;
        if (!q.extra.empty()) {
          const Json extra = Json::parse(q.extra);
          for (const auto& [key, field] : extra.items())
            e[key] = field;
        }
        j.push_back(std::move(e));
      }
      return j;
    }
  };
  return std::visit(Visitor{}, value);
}

std::optional<Value> value_from_json(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_number()) return j.get<double>();
  if (j.is_array()) {
    if (std::all_of(j.begin(), j.end(), [](const Json& e) { return e.is_string(); })) {
      return j.get<std::vector<std::string>>();
    }
    return questions_from_json(j);
  }
  const bool money = j.is_object() && j.size() == 2 && j.contains("amount") &&
                     j["amount"].is_number() && j.contains("currency") && j["currency"].is_string();
  if (!money) return std::nullopt;
  return Money{j["amount"].get<double>(), j["currency"].get<std::string>()};
}

} // namespace cna
