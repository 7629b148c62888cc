#include "cli/prompt.hpp"

#include <fmt/format.h>

#include "cli/output.hpp"
#include "cna/text.hpp"
#include "cna/value.hpp"

namespace cna::cli {

std::string input_hint(const Item& item, const std::vector<Stakeholder>& people) {
  std::string text;
  switch (item.type) {
  case ItemType::choice:
  case ItemType::multi:
    for (std::size_t k = 0; k < item.options.size(); ++k) {
      text += fmt::format("{}{}) {}", k == 0 ? "" : "  ", k + 1, show(item.options[k].label));
    }
    text += item.type == ItemType::multi ? "   (several: 1,3)" : "";
    text += item.other ? "   (or other: TEXT)" : "";
    break;
  case ItemType::yesno:
    text = "y / n";
    break;
  case ItemType::longtext:
  case ItemType::list:
    text = "several lines; an empty line ends";
    break;
  case ItemType::money:
    text = "e.g. 250000 EUR or 250k EUR";
    break;
  case ItemType::date:
    text = "YYYY-MM-DD, today, +14d";
    break;
  case ItemType::number:
    text = item.unit.empty() ? "a number" : "a number of " + show(item.unit);
    break;
  case ItemType::scale:
    text =
        fmt::format("{} to {}", format_number(item.scale_min()), format_number(item.scale_max()));
    for (std::size_t k = 0; k < item.labels.size(); ++k) {
      text += fmt::format("{}{}={}", k == 0 ? ": " : ", ",
                          format_number(item.scale_min() + static_cast<double>(k)),
                          show(item.labels[k]));
    }
    break;
  case ItemType::person:
    for (std::size_t k = 0; k < people.size(); ++k) {
      text += fmt::format("{}{}) {} ({})", k == 0 ? "" : "  ", k + 1, show(people[k].name),
                          show(people[k].id));
    }
    if (people.empty()) text = "no stakeholders yet: add one with :who";
    break;
  case ItemType::text:
    break;
  }
  return text;
}

std::optional<ParsedInput> read_answer(const Item& item, const std::string& first, LineReader& in,
                                       const InputContext& context) {
  std::vector<std::string> lines{first};
  const bool several = item.type == ItemType::longtext || item.type == ItemType::list;
  while (several && !trim(lines.back()).empty()) {
    const auto more = in.read(". ");
    if (!more) return std::nullopt;
    lines.push_back(*more);
  }
  if (lines.size() > 1) lines.pop_back(); // the empty line that ended them
  return parse_input(item, lines, context);
}

} // namespace cna::cli
