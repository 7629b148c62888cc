#include "cli/prompt.hpp"

#include <fmt/format.h>

#include "cna/item_types.hpp"
#include "cna/text.hpp"

namespace cna::cli {

std::string input_hint(const Item& item, const std::vector<Stakeholder>& people) {
  return item_type(item.type).hint(item, people);
}

std::string literal_line(const std::string& line) {
  const std::size_t start = line.find_first_not_of(" \t");
  if (start != std::string::npos && line.compare(start, 2, "::") == 0) {
    return line.substr(0, start) + line.substr(start + 1);
  }
  return line;
}

std::optional<ParsedInput> read_answer(const Item& item, const std::string& first, LineReader& in,
                                       const InputContext& context, const EntryCommands* commands) {
  std::vector<std::string> lines{first};
  const bool several = item_type(item.type).multiline;
  while (several && !trim(lines.back()).empty()) {
    const auto more = in.read(". ");
    if (!more) return std::nullopt;
    if (commands != nullptr && commands->is_command(*more)) {
      if (commands->run(*more)) return std::nullopt;
      continue; // the command stayed on the item: the entry goes on
    }
    lines.push_back(commands != nullptr ? literal_line(*more) : *more);
  }
  if (lines.size() > 1) lines.pop_back(); // the empty line that ended them
  return parse_input(item, lines, context);
}

} // namespace cna::cli
