#include "cna/value.hpp"

#include <cmath>
#include <fmt/format.h>

namespace cna {

std::string format_number(double number) {
  if (std::isfinite(number) && std::trunc(number) == number && std::fabs(number) < 1e15) {
    return fmt::format("{}", static_cast<long long>(number));
  }
  return fmt::format("{}", number);
}

namespace {

std::string group_thousands(double amount) {
  std::string digits = format_number(std::fabs(amount));
  const auto dot = digits.find_first_of(".e");
  std::string whole = digits.substr(0, dot);
  const std::string rest = dot == std::string::npos ? "" : digits.substr(dot);
  for (auto i = static_cast<long>(whole.size()) - 3; i > 0; i -= 3) {
    whole.insert(static_cast<std::size_t>(i), ",");
  }
  return (amount < 0 ? "-" : "") + whole + rest;
}

struct Formatter {
  std::string operator()(std::monostate) const { return ""; }
  std::string operator()(const std::string& s) const { return s; }
  std::string operator()(const std::vector<std::string>& v) const {
    return fmt::format("{}", fmt::join(v, ", "));
  }
  std::string operator()(bool b) const { return b ? "yes" : "no"; }
  std::string operator()(double d) const { return format_number(d); }
  std::string operator()(const Money& m) const {
    return group_thousands(m.amount) + " " + m.currency;
  }
  std::string operator()(const Questions& questions) const {
    std::string out;
    for (const Question& q : questions) {
      out += (out.empty() ? "" : "; ") + q.text + (q.open() ? " (open)" : ": " + q.answer);
    }
    return out;
  }
};

} // namespace

std::string format_value(const Value& value) { return std::visit(Formatter{}, value); }

} // namespace cna
