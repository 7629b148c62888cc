#include "cli/prompt.hpp"

#include <fmt/format.h>

#include "cna/item_types.hpp"
#include "cna/text.hpp"

namespace cna::cli {

std::string input_hint(const Item& item, const std::vector<Stakeholder>& people) {
  return item_type(item.type).hint(item, people);
}

std::optional<ParsedInput> read_answer(const Item& item, const std::string& first, LineReader& in,
                                       const InputContext& context) {
  std::vector<std::string> lines{first};
  const bool several = item_type(item.type).multiline;
  while (several && !trim(lines.back()).empty()) {
    const auto more = in.read(". ");
    if (!more) return std::nullopt;
    lines.push_back(*more);
  }
  if (lines.size() > 1) lines.pop_back(); // the empty line that ended them
  return parse_input(item, lines, context);
}

} // namespace cna::cli
