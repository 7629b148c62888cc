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

// text, longtext, choice, date, person: string · multi, list: strings · yesno: bool ·
// number, scale: double · money: Money. monostate: no value.
using Value =
    std::variant<std::monostate, std::string, std::vector<std::string>, bool, double, Money>;

[[nodiscard]] inline bool has_value(const Value& value) {
  return !std::holds_alternative<std::monostate>(value);
}

// Human form, one line: "a, b", "yes", "250,000 EUR", "12.5". Not sanitised.
[[nodiscard]] std::string format_value(const Value& value);
// A number without a trailing ".0" when it is integral.
[[nodiscard]] std::string format_number(double number);

} // namespace cna
