// The input grammar of the walk and `cna answer` (docs/walk.md), one parser per item type.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/value.hpp"

namespace cna {

inline constexpr std::size_t kMaxAnswerBytes = 64U * 1024U;

// How a workspace's people write numbers and dates: cna.json's "decimal_mark" ("." or ",") and
// "date_order" ("day-month-year" or "month-day-year"), docs/workspace.md. Unset, input that reads
// two ways ("650.000", "1,500", "03/04/2027") is refused with both readings, never guessed.
enum class DecimalMark { unset, dot, comma };
enum class DateOrder { unset, day_month_year, month_day_year };
struct Conventions {
  DecimalMark decimal = DecimalMark::unset;
  DateOrder dates = DateOrder::unset;
  bool operator==(const Conventions&) const = default;
};

struct InputContext {
  const std::vector<Stakeholder>* stakeholders = nullptr; // for `person`
  std::string default_currency;                           // for `money`; may be empty
  Seconds today = 0;                                      // for `today`, `+14d`
  Conventions conventions;                                // for numbers, amounts and dates
};

// What a person may give instead of an answer the core refused. The core names the choices; each
// front end (the walk, `cna answer`, import) spells them in its own syntax (phrase below).
enum class Instead { skip, unknown, na, add_stakeholder };
inline constexpr std::size_t kInsteadCount = 4;
static_assert(static_cast<std::size_t>(Instead::add_stakeholder) + 1 == kInsteadCount,
              "one entry per Instead");

// A refusal as data: why, in words that belong to no front end, and what is allowed instead, in
// the order to offer it. Most refusals offer nothing else, so a reason alone converts to one.
struct Refusal {
  std::string reason;
  std::vector<Instead> instead;
  Refusal() = default;
  Refusal(std::string why, std::vector<Instead> others = {}) // NOLINT(google-explicit-constructor)
      : reason(std::move(why)), instead(std::move(others)) {}
  Refusal(const char* why) : reason(why) {} // NOLINT(google-explicit-constructor)
  [[nodiscard]] bool empty() const { return reason.empty(); }
  bool operator==(const Refusal&) const = default;
};

// How a front end spells each choice, indexed by Instead (":unknown OWNER DUE", "--na REASON");
// empty where that front end does not offer it.
using InsteadSyntax = std::array<std::string, kInsteadCount>;

// The refusal as one sentence in a front end's syntax: "'tbd' is a placeholder, not an answer;
// use :unknown OWNER DUE if someone will find out, or :na REASON if it does not apply".
[[nodiscard]] std::string phrase(const Refusal& refusal, const InsteadSyntax& syntax);

struct ParsedInput {
  Value value;   // set when ok
  Refusal error; // why the input was refused, and what is allowed instead
  [[nodiscard]] bool ok() const { return error.empty(); }
};

// `lines`: one entry per line typed (longtext and list take several; a multi or list given as
// several command-line VALUEs arrives the same way). Validates UTF-8, length, placeholders and
// every rule of the item (options, ranges, pattern, min_length, counts).
[[nodiscard]] ParsedInput parse_input(const Item& item, const std::vector<std::string>& lines,
                                      const InputContext& context);

// "tbd", "n/a", "?", "-", "todo", "idk", ... (case and surrounding punctuation ignored).
[[nodiscard]] bool is_placeholder(std::string_view text);

// Checks a stored value against the item (type and rules): empty when valid, else why not.
// Used for files edited by hand, imports, and answers whose item changed type.
[[nodiscard]] Refusal check_value(const Item& item, const Value& value,
                                  const std::vector<Stakeholder>& stakeholders);

// The answers that are not values (docs/assessment.md), with the walk's checks: `:unknown OWNER
// DUE` (who will find out, one line; by when, in the date grammar: YYYY-MM-DD, today, +14d) and
// `:na REASON` (only where the item allows it). The answer has its state set unless `error` says
// why not.
struct ParsedAnswer {
  Answer answer;
  Refusal error;
  [[nodiscard]] bool ok() const { return error.empty(); }
};
[[nodiscard]] ParsedAnswer parse_unknown(std::string_view owner, std::string_view due,
                                         const InputContext& context);
[[nodiscard]] ParsedAnswer parse_na(const Item& item, std::string_view reason);

// `TEXT [@WHO] [due DATE]` as a questions entry and the walk's `:next` are typed: the marks are
// read from the end, in either order, so the text may mention "due" or "@" inside; a quoted name
// after @ (`@"Katrin Vogel"`) is one word. `who` and `due` are as typed (quotes removed), empty
// when not given; `text` is the rest with its spaces collapsed.
struct Marked {
  std::string text;
  std::string who;
  std::string due;
};
[[nodiscard]] Marked read_marks(std::string_view line);

// The input form that parse_input reads back to the same value ("250000 EUR", "1,3" -> values).
[[nodiscard]] std::vector<std::string> value_to_input(const Item& item, const Value& value);

// An ISO 4217 code in use (or kept for old records): "EUR", "USD", ... Money answers and the
// workspace's default_currency take only these, so a typo such as "ERU" is refused.
[[nodiscard]] bool is_currency_code(std::string_view code);

} // namespace cna
