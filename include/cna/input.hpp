// The input grammar of the walk and `cna answer` (docs/walk.md), one parser per item type.
#pragma once

#include <string>
#include <string_view>
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

struct ParsedInput {
  Value value;       // set when ok
  std::string error; // why the input was refused, with a hint ("use :unknown or :na")
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
[[nodiscard]] std::string check_value(const Item& item, const Value& value,
                                      const std::vector<Stakeholder>& stakeholders);

// The answers that are not values (docs/assessment.md), with the walk's checks: `:unknown OWNER
// DUE` (who will find out, one line; by when, in the date grammar: YYYY-MM-DD, today, +14d) and
// `:na REASON` (only where the item allows it). The answer has its state set unless `error` says
// why not.
struct ParsedAnswer {
  Answer answer;
  std::string error;
  [[nodiscard]] bool ok() const { return error.empty(); }
};
[[nodiscard]] ParsedAnswer parse_unknown(std::string_view owner, std::string_view due,
                                         const InputContext& context);
[[nodiscard]] ParsedAnswer parse_na(const Item& item, std::string_view reason);

// The input form that parse_input reads back to the same value ("250000 EUR", "1,3" -> values).
[[nodiscard]] std::vector<std::string> value_to_input(const Item& item, const Value& value);

// An ISO 4217 code in use (or kept for old records): "EUR", "USD", ... Money answers and the
// workspace's default_currency take only these, so a typo such as "ERU" is refused.
[[nodiscard]] bool is_currency_code(std::string_view code);

} // namespace cna
