#include "cli/prompt.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/output.hpp"
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

namespace {

std::vector<PickerEntry> option_entries(const Item& item) {
  std::vector<PickerEntry> entries;
  for (const Option& o : item.options) {
    entries.push_back({show(o.label), o.value, o.label == o.value ? "" : show(o.value)});
  }
  return entries;
}

// A scale's steps, each with its label where it has one; none for a scale too long to list.
std::vector<PickerEntry> scale_entries(const Item& item, const InputContext& context) {
  constexpr double kMaxSteps = 100;
  std::vector<PickerEntry> entries;
  if (item.scale_max() - item.scale_min() > kMaxSteps) return entries;
  for (double n = item.scale_min(); n <= item.scale_max(); n += 1) {
    const std::string typed = value_to_input(item, Value(n)).front();
    const auto step = static_cast<std::size_t>(n - item.scale_min());
    const std::string label = step < item.labels.size() ? " " + show(item.labels[step]) : "";
    if (parse_input(item, {typed}, context).ok()) entries.push_back({typed + label, typed, ""});
  }
  return entries;
}

} // namespace

std::optional<Picker> answer_picker(const Item& item, const Answer* answer,
                                    const InputContext& context, const Picker::ReadsAsTyped& also) {
  const std::vector<std::string> current = answer != nullptr && answer->state == State::answered
                                               ? value_to_input(item, answer->value)
                                               : std::vector<std::string>{};
  Picker::ReadsAsTyped reads = [item, context, also](const std::string& line) {
    return (also && also(line)) || parse_input(item, {line}, context).ok();
  };
  std::vector<PickerEntry> entries;
  switch (item.type) {
  case ItemType::choice:
  case ItemType::multi:
    entries = option_entries(item);
    break;
  case ItemType::yesno:
    entries = {{"yes", "yes", ""}, {"no", "no", ""}};
    break;
  case ItemType::scale:
    entries = scale_entries(item, context);
    break;
  case ItemType::person:
    if (context.stakeholders == nullptr || context.stakeholders->empty()) return std::nullopt;
    return people_picker(*context.stakeholders, false, current, reads);
  default:
    return std::nullopt;
  }
  if (entries.empty()) return std::nullopt;
  return Picker(std::move(entries), item.type == ItemType::multi, current, reads);
}

Picker people_picker(const std::vector<Stakeholder>& people, bool multi,
                     const std::vector<std::string>& current, Picker::ReadsAsTyped reads_as_typed) {
  std::vector<PickerEntry> entries;
  for (const Stakeholder& s : people) {
    std::string detail = show(s.id);
    if (!s.title.empty()) detail += " · " + show(s.title);
    entries.push_back({show(s.name.empty() ? s.id : s.name), s.id, detail});
  }
  return Picker(std::move(entries), multi, current, std::move(reads_as_typed));
}

std::optional<std::string> pick_or_read(LineReader& in, const std::string& prompt,
                                        std::optional<Picker> picker, const std::string& initial) {
  if (!picker || !in.interactive()) return in.read(prompt, initial);
  switch (run_picker(*picker, prompt)) {
  case PickStep::accept:
    in.took_picked();
    return picker->line();
  case PickStep::end:
    return std::nullopt;
  case PickStep::cancel:
    say("cancelled; type it instead (Ctrl-C again stops here)", Tone::warn);
    return in.read(prompt, initial);
  case PickStep::stay:
  case PickStep::to_text:
    break;
  }
  return in.read(prompt, picker->line().empty() ? initial : picker->line());
}

std::optional<std::string> pick_in_sub_prompt(LineReader& in, const std::string& prompt,
                                              Picker picker) {
  switch (run_picker(picker, prompt)) {
  case PickStep::accept:
    return picker.line();
  case PickStep::to_text: {
    auto typed = in.read_cancellable(prompt, picker.line());
    if (!typed && in.cancelled()) say("cancelled", Tone::warn);
    return typed;
  }
  case PickStep::cancel:
    say("cancelled", Tone::warn);
    return std::nullopt;
  case PickStep::stay:
  case PickStep::end:
    break;
  }
  return std::nullopt;
}

} // namespace cna::cli
