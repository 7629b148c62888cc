#include "cli/prompt.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

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

std::vector<std::string> editable_lines(const Item& item, const Answer* answer,
                                        const InputContext& context, bool commands) {
  if (answer == nullptr || answer->state != State::answered) return {};
  std::vector<std::string> lines = value_to_input(item, answer->value);
  const ItemTypeInfo& type = item_type(item.type);
  if (!type.multiline && lines.size() > 1) lines = {fmt::format("{}", fmt::join(lines, ", "))};
  for (const std::string& line : lines) {
    const bool control = std::any_of(line.begin(), line.end(), [](char c) {
      return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (control || (type.multiline && trim(line).empty())) return {};
  }
  // Typed back, it must be the same answer: anything the grammar would read otherwise (an entry's
  // comma, a value that a number convention reads two ways) is not offered.
  const ParsedInput again = parse_input(item, lines, context);
  if (lines.empty() || !again.ok() || again.value != answer->value) return {};
  if (commands) {
    for (std::string& line : lines) {
      const std::size_t start = line.find_first_not_of(" \t");
      if (start != std::string::npos && line[start] == ':') line.insert(start, ":");
    }
  }
  return lines;
}

std::optional<ParsedInput> read_answer(const Item& item, const std::string& first, LineReader& in,
                                       const InputContext& context, const EntryCommands* commands,
                                       const std::vector<std::string>& initial) {
  std::vector<std::string> lines{first};
  const bool several = item_type(item.type).multiline;
  while (several && !trim(lines.back()).empty()) {
    const auto more = in.read(". ", lines.size() < initial.size() ? initial[lines.size()] : "");
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
