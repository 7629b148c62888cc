// The item-type table: one row per type. A new type is an enum value, a row, and its parser and
// check in input.cpp.
#include "cna/item_types.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "cna/error.hpp"
#include "cna/text.hpp"
#include "item_rules.hpp"

namespace cna {

namespace {

using People = std::vector<Stakeholder>;

std::string no_hint(const Item& /*item*/, const People& /*people*/) { return ""; }

std::string option_hint(const Item& item, const People& /*people*/) {
  std::string text;
  for (std::size_t k = 0; k < item.options.size(); ++k) {
    text += fmt::format("{}{}) {}", k == 0 ? "" : "  ", k + 1, visible(item.options[k].label));
  }
  text += item.type == ItemType::multi ? "   (several: 1,3)" : "";
  text += item.other ? "   (or other: TEXT)" : "";
  return text;
}

std::string lines_hint(const Item& /*item*/, const People& /*people*/) {
  return "several lines; an empty line ends";
}

std::string yesno_hint(const Item& /*item*/, const People& /*people*/) { return "y / n"; }

std::string number_hint(const Item& item, const People& /*people*/) {
  return item.unit.empty() ? "a number" : "a number of " + visible(item.unit);
}

std::string percent_hint(const Item& /*item*/, const People& /*people*/) {
  return "0 to 100, e.g. 45%";
}

std::string money_hint(const Item& /*item*/, const People& /*people*/) {
  return "e.g. 250000 EUR or 250k EUR";
}

std::string date_hint(const Item& /*item*/, const People& /*people*/) {
  return "YYYY-MM-DD, today, +14d";
}

std::string scale_hint(const Item& item, const People& /*people*/) {
  std::string text =
      fmt::format("{} to {}", format_number(item.scale_min()), format_number(item.scale_max()));
  for (std::size_t k = 0; k < item.labels.size(); ++k) {
    text += fmt::format("{}{}={}", k == 0 ? ": " : ", ",
                        format_number(item.scale_min() + static_cast<double>(k)),
                        visible(item.labels[k]));
  }
  return text;
}

std::string person_hint(const Item& /*item*/, const People& people) {
  if (people.empty()) return "no stakeholders yet: add one with :who";
  std::string text;
  for (std::size_t k = 0; k < people.size(); ++k) {
    text += fmt::format("{}{}) {} ({})", k == 0 ? "" : "  ", k + 1, visible(people[k].name),
                        visible(people[k].id));
  }
  return text;
}

std::string option_label(const Item& item, const std::string& value) {
  const Option* option = item.find_option(value);
  return option != nullptr ? option->label : value;
}

std::string as_stored(const Item& /*item*/, const Value& value, const People& /*people*/) {
  return format_value(value);
}

std::string show_choice(const Item& item, const Value& value, const People& /*people*/) {
  const auto* text = std::get_if<std::string>(&value);
  return text != nullptr ? option_label(item, *text) : format_value(value);
}

std::string show_entries(const Item& item, const Value& value, const People& /*people*/) {
  const auto* entries = std::get_if<std::vector<std::string>>(&value);
  if (entries == nullptr) return format_value(value);
  std::string out;
  for (const std::string& entry : *entries) {
    out += (out.empty() ? "" : "\n") + (item.options.empty() ? entry : option_label(item, entry));
  }
  return out;
}

std::string show_number(const Item& item, const Value& value, const People& /*people*/) {
  const auto* number = std::get_if<double>(&value);
  if (number == nullptr || item.unit.empty()) return format_value(value);
  return format_number(*number) + " " + item.unit;
}

std::string show_percent(const Item& /*item*/, const Value& value, const People& /*people*/) {
  const auto* number = std::get_if<double>(&value);
  return number != nullptr ? format_number(*number) + "%" : format_value(value);
}

std::string show_scale(const Item& item, const Value& value, const People& /*people*/) {
  const auto* number = std::get_if<double>(&value);
  if (number == nullptr) return format_value(value);
  const double step = *number - item.scale_min();
  const bool labelled = step >= 0 && step < static_cast<double>(item.labels.size()) &&
                        step == static_cast<double>(static_cast<std::size_t>(step));
  return fmt::format("{} of {}{}", format_number(*number), format_number(item.scale_max()),
                     labelled ? " (" + item.labels[static_cast<std::size_t>(step)] + ")" : "");
}

std::string show_person(const Item& /*item*/, const Value& value, const People& people) {
  const auto* id = std::get_if<std::string>(&value);
  if (id == nullptr) return format_value(value);
  const auto found =
      std::find_if(people.begin(), people.end(), [&](const Stakeholder& s) { return s.id == *id; });
  return found != people.end() && !found->name.empty() ? found->name : *id;
}

std::string questions_hint(const Item& /*item*/, const People& /*people*/) {
  return "one per line: TEXT [@WHO] [due DATE] [=> ANSWER]; an empty line ends";
}

// One entry per line: the question, then who answers it and by when while it is open, or its
// answer.
std::string show_questions(const Item& item, const Value& value, const People& people) {
  const auto* questions = std::get_if<Questions>(&value);
  if (questions == nullptr) return format_value(value);
  std::string out;
  for (const Question& q : *questions) {
    out += (out.empty() ? "" : "\n") + q.text;
    if (q.open()) {
      std::vector<std::string> parts{"open"};
      if (!q.who.empty()) parts.push_back("ask " + show_person(item, Value(q.who), people));
      if (!q.due.empty()) parts.push_back("due " + q.due);
      out += fmt::format(" ({})", fmt::join(parts, ", "));
    } else {
      out += " → " + q.answer;
    }
  }
  return out;
}

using enum ItemType;
using V = ValueKind;
using C = CompareWith;
namespace r = rules;

// name, stored, multiline, ordered, literal, fields, parse, check, hint, show
constexpr ItemTypeInfo kItemTypes[] = {
    {text,
     "text",
     V::text,
     false,
     false,
     C::text,
     {"pattern", "min_length"},
     r::parse_text,
     r::check_text,
     no_hint,
     as_stored},
    {longtext,
     "longtext",
     V::text,
     true,
     false,
     C::text,
     {"min_length"},
     r::parse_text,
     r::check_longtext,
     lines_hint,
     as_stored},
    {choice,
     "choice",
     V::text,
     false,
     false,
     C::text,
     {"options", "other"},
     r::parse_choice,
     r::check_choice,
     option_hint,
     show_choice},
    {multi,
     "multi",
     V::entries,
     false,
     false,
     C::entries,
     {"options", "other", "min", "max"},
     r::parse_multi,
     r::check_multi,
     option_hint,
     show_entries},
    {yesno,
     "yesno",
     V::yesno,
     false,
     false,
     C::yesno,
     {},
     r::parse_yesno,
     r::check_yesno,
     yesno_hint,
     as_stored},
    {number,
     "number",
     V::number,
     false,
     true,
     C::number,
     {"min", "max", "unit", "integer"},
     r::parse_number,
     r::check_number,
     number_hint,
     show_number},
    {money,
     "money",
     V::money,
     false,
     true,
     C::number,
     {},
     r::parse_money,
     r::check_money,
     money_hint,
     as_stored},
    {date,
     "date",
     V::text,
     false,
     true,
     C::date,
     {},
     r::parse_date,
     r::check_date,
     date_hint,
     as_stored},
    {scale,
     "scale",
     V::number,
     false,
     true,
     C::number,
     {"min", "max", "labels"},
     r::parse_scale,
     r::check_scale,
     scale_hint,
     show_scale},
    {list,
     "list",
     V::entries,
     true,
     false,
     C::entries,
     {"min"},
     r::parse_list,
     r::check_list,
     lines_hint,
     show_entries},
    {person,
     "person",
     V::text,
     false,
     false,
     C::text,
     {"establishes"},
     r::parse_person,
     r::check_person,
     person_hint,
     show_person},
    {percent,
     "percent",
     V::number,
     false,
     true,
     C::number,
     {},
     r::parse_percent,
     r::check_percent,
     percent_hint,
     show_percent},
    {questions,
     "questions",
     V::questions,
     true,
     false,
     C::nothing,
     {"min"},
     r::parse_questions,
     r::check_questions,
     questions_hint,
     show_questions},
};

constexpr std::size_t kTypeCount = static_cast<std::size_t>(ItemType::questions) + 1;
static_assert(std::size(kItemTypes) == kTypeCount, "one row per ItemType");
static_assert(
    [] {
      for (std::size_t i = 0; i < std::size(kItemTypes); ++i) {
        if (static_cast<std::size_t>(kItemTypes[i].type) != i) return false;
      }
      return true;
    }(),
    "rows in the order of ItemType");

} // namespace

std::span<const ItemTypeInfo> item_types() { return kItemTypes; }

const ItemTypeInfo& item_type(ItemType type) {
  const auto at = static_cast<std::size_t>(type);
  if (at >= kTypeCount) throw Error(Exit::internal, fmt::format("no item type {}", at));
  return kItemTypes[at];
}

bool field_applies(ItemType type, std::string_view field) {
  const bool type_specific =
      std::find(kTypeFields.begin(), kTypeFields.end(), field) != kTypeFields.end();
  const auto& fields = item_type(type).fields;
  return !type_specific || std::find(fields.begin(), fields.end(), field) != fields.end();
}

bool takes_lines(ItemType type) {
  const ItemTypeInfo& row = item_type(type);
  return row.multiline || row.stored == ValueKind::entries;
}

std::string_view to_string(ItemType type) { return item_type(type).name; }

std::optional<ItemType> parse_item_type(std::string_view name) {
  for (const ItemTypeInfo& row : kItemTypes) {
    if (row.name == name) return row.type;
  }
  return std::nullopt;
}

namespace {

// A value as stored, one list entry per line.
std::string stored_lines(const Value& value) {
  const auto* entries = std::get_if<std::vector<std::string>>(&value);
  return entries != nullptr ? fmt::format("{}", fmt::join(*entries, "\n")) : format_value(value);
}

// `lines` on one line: a list's entries joined, a text's first line with "…" when more follows.
std::string on_one_line(const std::string& lines, const Value& value) {
  const std::string_view join = std::holds_alternative<std::vector<std::string>>(value) ? ", "
                                : std::holds_alternative<Questions>(value)              ? "; "
                                                                                        : "";
  const auto end = lines.find('\n');
  if (end == std::string::npos) return lines;
  if (join.empty()) return lines.substr(0, end) + "…";
  std::string out = lines;
  for (auto at = out.find('\n'); at != std::string::npos; at = out.find('\n', at + join.size()))
    out.replace(at, 1, join);
  return out;
}

} // namespace

std::string describe_answer(const Answer& answer, const Item* item, const People& people,
                            const Wording& how) {
  const auto state = [&](std::string_view name, const std::string& said) {
    return how.state ? fmt::format("{}: {}", name, said) : said;
  };
  const auto line = [&](const std::string& text, const Value& kind) {
    return how.one_line ? on_one_line(text, kind) : text;
  };
  switch (answer.state) {
  case State::answered:
    return line(how.labels && item != nullptr
                    ? item_type(item->type).show(*item, answer.value, people)
                    : stored_lines(answer.value),
                answer.value);
  case State::na:
    return state("n/a", line(answer.reason, Value()));
  case State::unknown:
    return state("unknown",
                 line(fmt::format("{} to find out by {}", answer.owner, answer.due), Value()));
  case State::conflict: {
    if (answer.sides.size() != 2) return state("conflict", "two edits disagree");
    Wording side = how;
    side.state = true; // a side's own state is shown nowhere else
    return state("conflict", fmt::format("ours: {}{}theirs: {}",
                                         describe_answer(answer.sides[0], item, people, side),
                                         how.one_line ? " · " : "\n",
                                         describe_answer(answer.sides[1], item, people, side)));
  }
  case State::missing:
    break;
  }
  return how.state ? "missing" : "";
}

std::string item_type_names() {
  std::vector<std::string_view> names;
  for (const ItemTypeInfo& row : kItemTypes)
    names.push_back(row.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

} // namespace cna
