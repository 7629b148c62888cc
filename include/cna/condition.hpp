// The `when` language: parser, checks and evaluator (docs/checklist-format.md).
//   expr    := or
//   or      := and ("or" and)*
//   and     := unary ("and" unary)*
//   unary   := "not" unary | primary
//   primary := "(" expr ")" | "answered" "(" ID ")" | ID op literal | ID "in" "[" literal,* "]"
//            | ID "contains" STRING
//   op      := == != < <= > >=        literal := 'text' | "text" | number | true | false
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cna/checklist.hpp"
#include "cna/value.hpp"

namespace cna {

struct ConditionError {
  std::size_t offset = 0; // byte offset in the condition text
  std::string message;
};

struct ConditionParse {
  std::shared_ptr<const Condition> condition; // null on error
  std::optional<ConditionError> error;
};

[[nodiscard]] ConditionParse parse_condition(std::string_view text);

// Every item id the condition names, in order of appearance (duplicates removed).
[[nodiscard]] std::vector<std::string> referenced_ids(const Condition& condition);

// Checks a parsed condition against the item it guards: every id must name an earlier item, and
// each comparison must suit that item's type (no `<` on text, `contains` only on multi/list, a
// choice compared with one of its options, ...). Returns messages; empty when fine.
[[nodiscard]] std::vector<std::string>
check_condition(const Condition& condition, const Checklist& checklist, std::size_t item_index);

// The value of an item for conditions: nullopt when the item is not answered (missing, unknown,
// n/a, conflict, or not applicable itself). Comparisons on such an item are false;
// `not` still negates them.
using ValueLookup = std::function<std::optional<Value>(std::string_view id)>;

[[nodiscard]] bool evaluate(const Condition& condition, const ValueLookup& lookup);

} // namespace cna
