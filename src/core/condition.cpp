#include "cna/condition.hpp"

#include <algorithm>
#include <charconv>
#include <compare>
#include <variant>

#include <fmt/format.h>

#include "cna/clock.hpp"
#include "cna/item_types.hpp"
#include "cna/text.hpp"

namespace cna {

namespace {

// Checklists are hostile input (and fuzzed): bound the text and the recursion it can cause.
constexpr std::size_t kMaxConditionBytes = 4096;
constexpr int kMaxDepth = 64;

enum class Op { eq, ne, lt, le, gt, ge };
using Literal = std::variant<std::string, double, bool>;

} // namespace

// One node of the parsed condition. `all`/`any` hold two or more children, `negate` one.
struct Condition {
  enum class Kind { all, any, negate, compare, in, contains, answered };
  Kind kind = Kind::answered;
  std::vector<Condition> children;
  std::string id;
  Op op = Op::eq;
  std::vector<Literal> literals; // compare: one; in: one or more; contains: one string
};

namespace {

enum class Tok { id, keyword, string, number, op, lparen, rparen, lbracket, rbracket, comma, end };

struct Token {
  Tok kind = Tok::end;
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string text; // id, keyword, operator, or the unescaped string
  double number = 0;
};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_keyword(std::string_view word) {
  constexpr std::string_view kKeywords[] = {"and",      "or",       "not",  "in",
                                            "contains", "answered", "true", "false"};
  return std::find(std::begin(kKeywords), std::end(kKeywords), word) != std::end(kKeywords);
}

class Parser {
public:
  explicit Parser(std::string_view text) : m_text(text) {}

  ConditionParse run() {
    if (m_text.size() > kMaxConditionBytes) {
      fail(kMaxConditionBytes,
           fmt::format("condition is longer than {} bytes", kMaxConditionBytes));
      return {nullptr, m_error};
    }
    tokenize();
    auto root = parse_or(0);
    if (root && (peek().kind != Tok::end || m_lex_error)) {
      fail_token(peek(),
                 peek().kind == Tok::rparen
                     ? "unexpected ')'"
                     : fmt::format("expected 'and', 'or' or the end, found {}", describe(peek())));
    }
    if (!root || m_error) return {nullptr, m_error};
    return {std::make_shared<const Condition>(std::move(*root)), std::nullopt};
  }

private:
  std::string_view m_text;
  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
  std::optional<ConditionError> m_error;
  std::optional<ConditionError> m_lex_error; // reported when the parser reaches it

  std::nullopt_t fail(std::size_t offset, std::string message) {
    if (!m_error) m_error = ConditionError{offset, std::move(message)};
    return std::nullopt;
  }

  // Lexes everything up front; a lexical error ends the stream with an `end` token at its offset
  // so that syntax errors before it are still reported first.
  void tokenize() {
    std::size_t i = 0;
    const auto lex_error = [&](std::size_t at, std::string message) {
      m_lex_error = ConditionError{at, std::move(message)};
      m_tokens.push_back({Tok::end, at, 0, {}, 0});
    };
    while (true) {
      while (i < m_text.size() &&
             (m_text[i] == ' ' || m_text[i] == '\t' || m_text[i] == '\n' || m_text[i] == '\r')) {
        ++i;
      }
      if (i == m_text.size()) break;
      const std::size_t start = i;
      const char c = m_text[i];
      Token token{Tok::end, start, 0, {}, 0};
      if (c == '\'' || c == '"') {
        for (++i; i < m_text.size() && m_text[i] != c; ++i) {
          if (m_text[i] == '\\') {
            if (i + 1 < m_text.size() &&
                (m_text[i + 1] == '\\' || m_text[i + 1] == '\'' || m_text[i + 1] == '"')) {
              ++i;
            } else if (i + 1 < m_text.size()) {
              return lex_error(i, "unknown escape in a string (only \\\\, \\' and \\\" exist)");
            }
          }
          if (i < m_text.size()) token.text += m_text[i];
        }
        if (i >= m_text.size()) return lex_error(start, "unterminated string");
        ++i;
        token.kind = Tok::string;
      } else if (is_digit(c) || (c == '-' && i + 1 < m_text.size() && is_digit(m_text[i + 1]))) {
        i += c == '-' ? 1U : 0U;
        while (i < m_text.size() && is_digit(m_text[i]))
          ++i;
        if (i < m_text.size() && m_text[i] == '.') {
          if (++i >= m_text.size() || !is_digit(m_text[i])) {
            return lex_error(i, "expected a digit after '.' in a number");
          }
          while (i < m_text.size() && is_digit(m_text[i]))
            ++i;
        }
        const auto [end, ec] =
            std::from_chars(m_text.data() + start, m_text.data() + i, token.number);
        if (ec != std::errc{}) return lex_error(start, "number out of range");
        token.kind = Tok::number;
      } else if (is_word_char(c)) {
        while (i < m_text.size() && is_word_char(m_text[i]))
          ++i;
        token.text = std::string(m_text.substr(start, i - start));
        token.kind = is_keyword(token.text) ? Tok::keyword : Tok::id;
        if (token.kind == Tok::id && !is_id(token.text)) {
          if (const auto word = to_lower(token.text); is_keyword(word)) {
            return lex_error(start, fmt::format("'{}' is not a keyword (keywords are lower case: "
                                                "'{}')",
                                                token.text, word));
          }
          return lex_error(start, fmt::format("'{}' is not a valid item id (lower case letters, "
                                              "digits and '_', starting with a letter)",
                                              token.text));
        }
      } else if (c == '=' || c == '!' || c == '<' || c == '>') {
        const bool two = i + 1 < m_text.size() && m_text[i + 1] == '=';
        if (!two && (c == '=' || c == '!')) {
          return lex_error(start, c == '=' ? "unexpected '=' (did you mean '=='?)"
                                           : "unexpected '!' (use 'not' or '!=')");
        }
        i += two ? 2U : 1U;
        token.text = std::string(m_text.substr(start, i - start));
        token.kind = Tok::op;
      } else {
        constexpr std::string_view kPunct = "()[],";
        const auto p = kPunct.find(c);
        if (p == std::string_view::npos) {
          const auto byte = static_cast<unsigned char>(c);
          return lex_error(start, byte >= 0x20 && byte < 0x7F
                                      ? fmt::format("unexpected character '{}'", c)
                                      : fmt::format("unexpected byte 0x{:02x}", byte));
        }
        constexpr Tok kKinds[] = {Tok::lparen, Tok::rparen, Tok::lbracket, Tok::rbracket,
                                  Tok::comma};
        token.kind = kKinds[p];
        ++i;
      }
      token.length = i - start;
      m_tokens.push_back(std::move(token));
    }
    m_tokens.push_back({Tok::end, m_text.size(), 0, {}, 0});
  }

  const Token& peek() const { return m_tokens[m_pos]; }
  const Token& next() { return m_tokens[m_pos < m_tokens.size() - 1 ? m_pos++ : m_pos]; }
  bool accept_keyword(std::string_view word) {
    if (peek().kind != Tok::keyword || peek().text != word) return false;
    ++m_pos;
    return true;
  }

  // How a token reads in a message; at the end of the stream, the lexical error if any.
  std::string describe(const Token& token) const {
    if (token.kind == Tok::end) return "the end";
    std::size_t length = std::min<std::size_t>(token.length, 32);
    // Do not cut a UTF-8 sequence: back off to the start of the cut character.
    while (length < token.length && length > 0 &&
           (static_cast<unsigned char>(m_text[token.offset + length]) & 0xC0U) == 0x80U) {
      --length;
    }
    return fmt::format("'{}'{}", m_text.substr(token.offset, length),
                       length < token.length ? "…" : "");
  }
  // At the end token, a pending lexical error wins over the syntax error.
  std::nullopt_t fail_token(const Token& token, std::string message) {
    if (token.kind == Tok::end && m_lex_error)
      return fail(m_lex_error->offset, m_lex_error->message);
    return fail(token.offset, std::move(message));
  }

  std::optional<Condition> parse_or(int depth) {
    return parse_chain(depth, "or", Condition::Kind::any, [this](int d) { return parse_and(d); });
  }
  std::optional<Condition> parse_and(int depth) {
    return parse_chain(depth, "and", Condition::Kind::all,
                       [this](int d) { return parse_unary(d); });
  }
  template <typename Next>
  std::optional<Condition> parse_chain(int depth, std::string_view word, Condition::Kind kind,
                                       Next next_level) {
    auto first = next_level(depth);
    if (!first || !(peek().kind == Tok::keyword && peek().text == word)) return first;
    Condition chain{kind, {}, {}, Op::eq, {}};
    chain.children.push_back(std::move(*first));
    while (accept_keyword(word)) {
      auto operand = next_level(depth);
      if (!operand) return std::nullopt;
      chain.children.push_back(std::move(*operand));
    }
    return chain;
  }

  std::optional<Condition> parse_unary(int depth) {
    if (depth >= kMaxDepth) {
      return fail(peek().offset, fmt::format("condition nests deeper than {} levels", kMaxDepth));
    }
    if (!accept_keyword("not")) return parse_primary(depth + 1);
    auto operand = parse_unary(depth + 1);
    if (!operand) return std::nullopt;
    Condition negate{Condition::Kind::negate, {}, {}, Op::eq, {}};
    negate.children.push_back(std::move(*operand));
    return negate;
  }

  std::optional<Condition> parse_primary(int depth) {
    const Token& token = next();
    if (token.kind == Tok::lparen) {
      auto inner = parse_or(depth);
      if (!inner) return std::nullopt;
      if (peek().kind != Tok::rparen) {
        return fail_token(peek(),
                          fmt::format("expected ')' to close the '(' at offset {}, found {}",
                                      token.offset, describe(peek())));
      }
      ++m_pos;
      return inner;
    }
    if (token.kind == Tok::keyword && token.text == "answered") return parse_answered(token);
    if (token.kind != Tok::id) {
      if (token.kind == Tok::end && m_tokens.size() == 1 && !m_lex_error) {
        return fail(0, "empty condition");
      }
      if (token.kind == Tok::end) return fail_token(token, "unexpected end of condition");
      if (token.kind == Tok::rparen) return fail(token.offset, "unexpected ')'");
      return fail(token.offset, fmt::format("expected an item id, 'not', 'answered' or '(', "
                                            "found {}",
                                            describe(token)));
    }
    Condition leaf{Condition::Kind::compare, {}, token.text, Op::eq, {}};
    const Token& what = next();
    if (what.kind == Tok::op) {
      constexpr std::pair<std::string_view, Op> kOps[] = {{"==", Op::eq}, {"!=", Op::ne},
                                                          {"<", Op::lt},  {"<=", Op::le},
                                                          {">", Op::gt},  {">=", Op::ge}};
      leaf.op = std::find_if(std::begin(kOps), std::end(kOps), [&](const auto& entry) {
                  return entry.first == what.text;
                })->second;
      auto literal = parse_literal(fmt::format("after '{}'", what.text));
      if (!literal) return std::nullopt;
      leaf.literals.push_back(std::move(*literal));
    } else if (what.kind == Tok::keyword && what.text == "in") {
      leaf.kind = Condition::Kind::in;
      if (peek().kind != Tok::lbracket) return fail_token(peek(), "expected '[' after 'in'");
      ++m_pos;
      if (peek().kind == Tok::rbracket) return fail(peek().offset, "empty list after 'in'");
      while (true) {
        auto literal = parse_literal("in the list");
        if (!literal) return std::nullopt;
        leaf.literals.push_back(std::move(*literal));
        if (peek().kind != Tok::comma) break;
        ++m_pos;
      }
      if (peek().kind != Tok::rbracket) {
        return fail_token(
            peek(), fmt::format("expected ',' or ']' in the list, found {}", describe(peek())));
      }
      ++m_pos;
    } else if (what.kind == Tok::keyword && what.text == "contains") {
      leaf.kind = Condition::Kind::contains;
      if (peek().kind != Tok::string) {
        return fail_token(peek(), fmt::format("expected a quoted text after 'contains', found {}",
                                              describe(peek())));
      }
      leaf.literals.emplace_back(next().text);
    } else {
      return fail_token(what, fmt::format("expected a comparison operator after '{}'", leaf.id));
    }
    return leaf;
  }

  std::optional<Condition> parse_answered(const Token& keyword) {
    if (peek().kind != Tok::lparen) return fail_token(peek(), "expected '(' after 'answered'");
    ++m_pos;
    const Token& id = next();
    if (id.kind != Tok::id) {
      return fail_token(
          id, fmt::format("expected an item id in 'answered(...)', found {}", describe(id)));
    }
    if (peek().kind != Tok::rparen) {
      return fail_token(
          peek(), fmt::format("expected ')' to close 'answered(' at offset {}", keyword.offset));
    }
    ++m_pos;
    return Condition{Condition::Kind::answered, {}, id.text, Op::eq, {}};
  }

  std::optional<Literal> parse_literal(std::string_view where) {
    const Token& token = next();
    if (token.kind == Tok::string) return Literal{token.text};
    if (token.kind == Tok::number) return Literal{token.number};
    if (token.kind == Tok::keyword && (token.text == "true" || token.text == "false")) {
      return Literal{token.text == "true"};
    }
    const std::string hint =
        token.kind == Tok::id ? fmt::format(" (quote text: '{}')", token.text) : std::string();
    return fail_token(token, fmt::format("expected a value {} ('text', a number, true or false), "
                                         "found {}{}",
                                         where, describe(token), hint));
  }
};

template <typename Visit> void for_each_leaf(const Condition& node, const Visit& visit) {
  if (node.children.empty()) return visit(node);
  for (const auto& child : node.children)
    for_each_leaf(child, visit);
}

// The problem with comparing `item` to `literal` by equality, if any.
std::optional<std::string> check_literal(const Item& item, const Literal& literal) {
  const auto* text = std::get_if<std::string>(&literal);
  const ItemTypeInfo& type = item_type(item.type);
  switch (type.literal) {
  case CompareWith::number:
    if (std::holds_alternative<double>(literal)) return std::nullopt;
    return fmt::format("'{}' is a {} item: compare it with a number", item.id, type.name);
  case CompareWith::yesno:
    if (std::holds_alternative<bool>(literal)) return std::nullopt;
    return fmt::format("'{}' is a {} item: compare it with true or false", item.id, type.name);
  case CompareWith::date:
    if (text && is_iso_date(*text)) return std::nullopt;
    return fmt::format("'{}' is a {} item: compare it with a 'YYYY-MM-DD' date", item.id,
                       type.name);
  case CompareWith::entries:
    return fmt::format("'{}' is a {} item: use 'contains'", item.id, type.name);
  case CompareWith::nothing:
    return fmt::format("'{}' is a {} item: only answered({}) applies", item.id, type.name, item.id);
  case CompareWith::text:
    if (text) return std::nullopt;
    return fmt::format("'{}' is a {} item: compare it with a quoted text", item.id, type.name);
  }
  return std::nullopt;
}

// "number, money, date, scale and percent": the names of the types a rule applies to.
template <typename Test> std::string names_where(Test test) {
  std::vector<std::string_view> names;
  for (const ItemTypeInfo& type : item_types()) {
    if (test(type)) names.push_back(type.name);
  }
  if (names.size() < 2) return fmt::format("{}", fmt::join(names, ""));
  return fmt::format("{} and {}", fmt::join(names.begin(), names.end() - 1, ", "), names.back());
}

std::optional<std::string> check_option(const Item& item, const std::string& value) {
  if (item.other) return std::nullopt; // "other: <text>" answers can hold anything
  const bool known = std::any_of(item.options.begin(), item.options.end(),
                                 [&](const Option& option) { return option.value == value; });
  if (known) return std::nullopt;
  return fmt::format("'{}' has no option '{}'", item.id, value);
}

// <=> between an answer and a literal; unordered when their kinds do not match.
std::partial_ordering compare(const Value& value, const Literal& literal) {
  if (const auto* s = std::get_if<std::string>(&value)) {
    if (const auto* l = std::get_if<std::string>(&literal)) return *s <=> *l;
  } else if (const auto* d = std::get_if<double>(&value)) {
    if (const auto* l = std::get_if<double>(&literal)) return *d <=> *l;
  } else if (const auto* m = std::get_if<Money>(&value)) {
    if (const auto* l = std::get_if<double>(&literal)) return m->amount <=> *l;
  } else if (const auto* b = std::get_if<bool>(&value)) {
    if (const auto* l = std::get_if<bool>(&literal)) return *b <=> *l;
  }
  return std::partial_ordering::unordered;
}

bool holds(std::partial_ordering order, Op op) {
  switch (op) {
  case Op::eq:
    return order == 0;
  case Op::ne:
    return !(order == 0);
  case Op::lt:
    return order < 0;
  case Op::le:
    return order <= 0;
  case Op::gt:
    return order > 0;
  case Op::ge:
    return order >= 0;
  }
  return false;
}

} // namespace

ConditionParse parse_condition(std::string_view text) { return Parser(text).run(); }

std::vector<std::string> referenced_ids(const Condition& condition) {
  std::vector<std::string> ids;
  for_each_leaf(condition, [&](const Condition& leaf) {
    if (std::find(ids.begin(), ids.end(), leaf.id) == ids.end()) ids.push_back(leaf.id);
  });
  return ids;
}

std::vector<std::string> check_condition(const Condition& condition, const Checklist& checklist,
                                         std::size_t item_index) {
  std::vector<std::string> problems;
  const auto report = [&](std::string message) {
    if (std::find(problems.begin(), problems.end(), message) == problems.end()) {
      problems.push_back(std::move(message));
    }
  };
  for_each_leaf(condition, [&](const Condition& leaf) {
    // Scanned here: Checklist::find lives with the loader.
    const auto found = std::find_if(checklist.items.begin(), checklist.items.end(),
                                    [&](const Item& item) { return item.id == leaf.id; });
    if (found == checklist.items.end()) return report(fmt::format("unknown item '{}'", leaf.id));
    if (static_cast<std::size_t>(found - checklist.items.begin()) >= item_index) {
      return report(fmt::format("'{}' is not an earlier item", leaf.id));
    }
    const Item& item = *found;
    const ItemTypeInfo& type = item_type(item.type);
    const bool options = field_applies(item.type, "options");
    if (leaf.kind == Condition::Kind::contains) {
      if (type.literal != CompareWith::entries) {
        return report(fmt::format(
            "'contains' applies only to {} items; '{}' is a {} item",
            names_where([](const ItemTypeInfo& t) { return t.literal == CompareWith::entries; }),
            item.id, type.name));
      }
      const auto& text = std::get<std::string>(leaf.literals.front());
      if (options) {
        if (auto problem = check_option(item, text)) report(std::move(*problem));
      }
      return;
    }
    if (leaf.kind == Condition::Kind::compare && leaf.op != Op::eq && leaf.op != Op::ne &&
        !type.ordered) {
      return report(fmt::format("'<', '<=', '>' and '>=' apply only to {} items; '{}' is a {} item",
                                names_where([](const ItemTypeInfo& t) { return t.ordered; }),
                                item.id, type.name));
    }
    for (const Literal& literal : leaf.literals) {
      if (auto problem = check_literal(item, literal)) return report(std::move(*problem));
      if (options) {
        if (auto problem = check_option(item, std::get<std::string>(literal))) {
          report(std::move(*problem));
        }
      }
    }
  });
  return problems;
}

bool evaluate(const Condition& condition, const ValueLookup& lookup) {
  using Kind = Condition::Kind;
  switch (condition.kind) {
  case Kind::all:
    return std::all_of(condition.children.begin(), condition.children.end(),
                       [&](const Condition& child) { return evaluate(child, lookup); });
  case Kind::any:
    return std::any_of(condition.children.begin(), condition.children.end(),
                       [&](const Condition& child) { return evaluate(child, lookup); });
  case Kind::negate:
    return !evaluate(condition.children.front(), lookup);
  default:
    break;
  }
  const std::optional<Value> value = lookup(condition.id);
  // A monostate is treated like no answer: the lookup's contract allows either.
  if (!value || !has_value(*value)) return false;
  switch (condition.kind) {
  case Kind::answered:
    return true;
  case Kind::compare:
    return holds(compare(*value, condition.literals.front()), condition.op);
  case Kind::in:
    return std::any_of(condition.literals.begin(), condition.literals.end(),
                       [&](const Literal& literal) { return compare(*value, literal) == 0; });
  case Kind::contains: {
    const auto* entries = std::get_if<std::vector<std::string>>(&*value);
    const auto& wanted = std::get<std::string>(condition.literals.front());
    return entries && std::find(entries->begin(), entries->end(), wanted) != entries->end();
  }
  default:
    return false;
  }
}

} // namespace cna
