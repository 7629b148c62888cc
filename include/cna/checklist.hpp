// Checklists (docs/checklist-format.md): the model, the loader and its validator.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cna/error.hpp"

namespace cna {

struct Condition;

enum class ItemType {
  text,
  longtext,
  choice,
  multi,
  yesno,
  number,
  money,
  date,
  scale,
  list,
  person,
  percent,
  questions
};

// The names and everything else per type: item_types.hpp's table.
[[nodiscard]] std::string_view to_string(ItemType type);
[[nodiscard]] std::optional<ItemType> parse_item_type(std::string_view name);
[[nodiscard]] std::string item_type_names(); // "text, longtext, …" for messages

struct Option {
  std::string value;
  std::string label; // defaults to value
  std::string help;
};

struct Item {
  std::string id;
  ItemType type = ItemType::text;
  std::string prompt;
  std::string label; // customer-facing, short: the proposal's heading for the answer
  std::string help;
  std::vector<std::string> clarify;
  std::vector<std::string> tags;
  std::vector<Option> options; // choice, multi
  bool other = false;          // choice, multi: "other: <text>" allowed
  bool required = true;
  bool source = true; // the answer must name the stakeholder who said it
  // Who may confirm the answer: "source", "any" or a stakeholder role such as "economic-buyer";
  // empty: the checklist's rule (effective_confirm_with()).
  std::string confirm_with;
  // person: the stakeholder role its answer gives the person named ("economic-buyer"); empty
  // when none (docs/checklist-format.md, power_base.hpp).
  std::string establishes;
  // For the rep only (its own or its section's "internal"): never in anything made for the
  // customer, verified by the rep rather than read back.
  bool internal = false;
  bool na = false; // may be marked not applicable
  std::optional<int> reconfirm_after_days;
  std::optional<double> min; // number, scale (default 1..5); multi, list: counts
  std::optional<double> max;
  std::string unit; // number
  bool integer = false;
  std::vector<std::string> labels; // scale
  std::string pattern;             // text (ECMAScript regex, whole answer)
  std::optional<int> min_length;   // text, longtext
  std::vector<std::string> renamed_from;
  std::string when; // the condition's source text; empty: always applicable
  std::shared_ptr<const Condition> condition;
  std::size_t section = 0; // index into Checklist::sections
  std::string sha256;      // hash of the definition, to notice changed wording

  [[nodiscard]] double scale_min() const { return min.value_or(1); }
  [[nodiscard]] double scale_max() const { return max.value_or(5); }
  [[nodiscard]] const Option* find_option(std::string_view value) const;
};

struct Section {
  std::string id;
  std::string title;
  std::string help;
  bool internal = false;          // every item in it is internal
  std::vector<std::size_t> items; // indexes into Checklist::items
};

struct Checklist {
  int cna = 1;
  std::string id;
  std::string version;
  std::string title;
  std::string description;
  std::optional<int> reconfirm_after_days;
  std::string confirm_with; // the default rule of its items; empty: "source"
  std::vector<Section> sections;
  std::vector<Item> items; // in walk order
  std::string sha256;      // hash of the file's canonical content
  std::string origin;      // "built-in" or the file's path

  // Item id -> index, filled by the loader so lookups stay cheap on long checklists; a checklist
  // built by hand (tests) leaves it empty and lookups scan.
  std::map<std::string, std::size_t, std::less<>> index;

  [[nodiscard]] const Item* find(std::string_view id) const;
  [[nodiscard]] std::optional<std::size_t> index_of(std::string_view id) const;
};

// Who may confirm an item's answer (docs/checklist-format.md, `confirm_with`): the stakeholder who
// said it (the default), any stakeholder, or a stakeholder with a role.
inline constexpr std::string_view kConfirmSource = "source";
inline constexpr std::string_view kConfirmAny = "any";
// Why `rule` is not a confirmation rule; empty when it is ("source", "any" or a stakeholder role).
[[nodiscard]] std::string check_confirm_rule(std::string_view rule);
// The rule that applies to `item`: its own, else the checklist's, else "source".
[[nodiscard]] std::string_view effective_confirm_with(const Checklist& checklist, const Item& item);

// "no item \"budgt\" in checklist discovery (did you mean budget_amount?)": the one message for an
// item id that the checklist does not have, wherever it was typed.
[[nodiscard]] std::string no_such_item(const Checklist& checklist, std::string_view id);

// The fields the loader knows at each level, in canonical order: `cna checklist fmt` writes them
// in this order (docs/checklist-format.md's example order), and anything else is an unknown field.
inline constexpr std::array kChecklistKeys{
    "$schema",      "cna",     "id", "version", "title", "description", "reconfirm_after_days",
    "confirm_with", "sections"};
inline constexpr std::array kSectionKeys{"id", "title", "help", "internal", "items"};
inline constexpr std::array kItemKeys{
    "id",           "type",        "prompt",       "label",    "help",
    "clarify",      "options",     "other",        "min",      "max",
    "unit",         "integer",     "labels",       "required", "source",
    "confirm_with", "establishes", "internal",     "na",       "reconfirm_after_days",
    "pattern",      "min_length",  "renamed_from", "when",     "tags"};
inline constexpr std::array kOptionKeys{"value", "label", "help"};

// Limits of docs/reliability.md.
inline constexpr std::size_t kMaxChecklistBytes = 4U * 1024U * 1024U;
inline constexpr std::size_t kMaxItems = 5000;

struct ChecklistLoad {
  std::optional<Checklist> checklist; // set when there are no errors
  std::vector<Problem> problems;      // errors and warnings, in file order
};

// Validates every rule of docs/checklist-format.md and reports all problems at once, each with
// "file:line:col: path". Never throws for bad content (syntax errors become one problem).
// `sha256` of the text when already known (built-ins), else computed.
[[nodiscard]] ChecklistLoad load_checklist(std::string_view text, std::string_view file,
                                           std::string_view sha256 = {});

// The built-in checklists (checklists/*.json compiled in), validated once, by id.
[[nodiscard]] const std::vector<Checklist>& builtin_checklists();
// The built-in checklist with that id; null when none.
[[nodiscard]] const Checklist* builtin_checklist(std::string_view id);

} // namespace cna
