// The item types, one row each: everything the program knows about a type is asked of this table
// (docs/checklist-format.md lists the types; checklists/README.md their fields).
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/input.hpp"
#include "cna/value.hpp"

namespace cna {

// Which alternative of Value an answer of the type stores (docs/assessment.md).
enum class ValueKind { text, entries, yesno, number, money, questions };

// What a condition compares the item with: `==` and `in` take a literal of this kind; `entries`
// items take `contains` only; `nothing` items (questions) only `answered(id)`.
enum class CompareWith { text, date, number, yesno, entries, nothing };

struct ItemTypeInfo {
  ItemType type;
  std::string_view name;                  // as checklists spell it
  ValueKind stored;                       // the value an answer holds
  bool multiline;                         // the walk reads several lines, up to an empty one
  bool ordered;                           // `<`, `<=`, `>`, `>=` apply in conditions
  CompareWith literal;                    // what `==` compares it with
  std::array<std::string_view, 4> fields; // the type-specific checklist fields that apply
  // The walk's grammar: the typed lines (one unless the type takes several) as a value of the
  // right kind; the rules of `check` run afterwards.
  ParsedInput (*parse)(const Item& item, const std::vector<std::string>& lines,
                       const InputContext& context);
  // The item's rules for a value of the right kind: empty when it keeps them, else why not.
  Refusal (*check)(const Item& item, const Value& value, const std::vector<Stakeholder>& people);
  // How to type an answer ("y / n", the options, the stakeholders); empty when the prompt says
  // it all. Made visible.
  std::string (*hint)(const Item& item, const std::vector<Stakeholder>& people);
  // The value as a person reads it: labels for options, names for stakeholders, units, one list
  // entry per line. Not sanitised.
  std::string (*show)(const Item& item, const Value& value, const std::vector<Stakeholder>& people);
};

// Every type, in the order of ItemType.
[[nodiscard]] std::span<const ItemTypeInfo> item_types();
[[nodiscard]] const ItemTypeInfo& item_type(ItemType type);

// Whether a field such as "options" or "unit" applies to the type; fields that are not
// type-specific ("id", "help", "when", ...) always apply.
[[nodiscard]] bool field_applies(ItemType type, std::string_view field);
// The type-specific fields (those that apply to some types only), for the loader's check.
inline constexpr std::array kTypeFields{"options",    "other",      "min",    "max",
                                        "unit",       "integer",    "labels", "pattern",
                                        "min_length", "establishes"};

// The answer arrives as several lines: the types the walk reads several lines for, and those
// whose value is a list (one entry per line, or per command-line VALUE).
[[nodiscard]] bool takes_lines(ItemType type);

// How describe_answer words an answer.
struct Wording {
  // The first line only, "…" after it when more follows (a list's entries joined by ", ", open
  // questions by "; "); else every line, one list entry per line.
  bool one_line = false;
  // Option labels, stakeholder names, units (the type's `show`); else the values as stored.
  bool labels = true;
  // "n/a: ", "unknown: ", "conflict: " before what the answer says, "missing" for none; off where
  // the state has a place of its own (a report's state column, a blocker's reason).
  bool state = true;
};

// What an answer says, the one wording of every output: the value as the item type shows it,
// "n/a: REASON", "unknown: OWNER to find out by DUE", "conflict: ours: … · theirs: …",
// "missing". `item` null (a retired answer): the value as stored. Not sanitised.
[[nodiscard]] std::string describe_answer(const Answer& answer, const Item* item,
                                          const std::vector<Stakeholder>& people,
                                          const Wording& how = {});

} // namespace cna
