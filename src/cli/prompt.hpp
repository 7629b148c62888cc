// What the walk and the read-back share when they ask for an answer: the hint under a question
// and reading what is typed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/terminal.hpp"
#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/input.hpp"

namespace cna::cli {

// How to type an answer to `item` ("1) Approved  2) Identified", "y / n", "YYYY-MM-DD, today,
// +14d", the stakeholders for a person); empty when the prompt says it all. Made visible.
[[nodiscard]] std::string input_hint(const Item& item, const std::vector<Stakeholder>& people);

// The answer typed at a prompt whose first line is `first`: with the further lines of a longtext
// or list (up to an empty line), parsed with the walk's grammar. nullopt when input ended first.
[[nodiscard]] std::optional<ParsedInput> read_answer(const Item& item, const std::string& first,
                                                     LineReader& in, const InputContext& context);

} // namespace cna::cli
