// An answer's value, by item type (docs/assessment.md).
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace cna {

struct Money {
  double amount = 0;
  std::string currency; // ISO 4217, upper case
  bool operator==(const Money&) const = default;
};

// One entry of a `questions` item: a question to the customer, or an assumption of ours, still to
// be checked (open) or answered. An open one holds the gate (docs/assessment.md).
struct Question {
  std::string text;
  std::string who;    // the stakeholder who answers it; empty when not named
  std::string due;    // YYYY-MM-DD; empty when none
  std::string answer; // empty while open
  // Fields of the entry in the file that this version does not know, kept verbatim as a JSON
  // object text ("" when none), so a newer cna's entry survives an older one's save.
  std::string extra;
  [[nodiscard]] bool open() const { return answer.empty(); }
  bool operator==(const Question&) const = default;
};
using Questions = std::vector<Question>;

// text, longtext, choice, date, person: string · multi, list: strings · yesno: bool ·
// number, scale: double · money: Money · questions: Questions. monostate: no value.
using Value = std::variant<std::monostate, std::string, std::vector<std::string>, bool, double,
                           Money, Questions>;

[[nodiscard]] inline bool has_value(const Value& value) {
  return !std::holds_alternative<std::monostate>(value);
}

// Human form, one line: "a, b", "yes", "250,000 EUR", "12.5". Not sanitised.
[[nodiscard]] std::string format_value(const Value& value);
// A number without a trailing ".0" when it is integral.
[[nodiscard]] std::string format_number(double number);

} // namespace cna
