// What the walk and the read-back share when they ask for an answer: the hint under a question
// and reading what is typed.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/picker.hpp"
#include "cli/terminal.hpp"
#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/input.hpp"

namespace cna::cli {

// How to type an answer to `item` ("1) Approved  2) Identified", "y / n", "YYYY-MM-DD, today,
// +14d", the stakeholders for a person); empty when the prompt says it all. Made visible.
[[nodiscard]] std::string input_hint(const Item& item, const std::vector<Stakeholder>& people);

// The walk's commands on the later lines of a longtext or list (docs/walk.md): `is_command` says
// which lines are commands, `run` runs one and returns true when it left the item (the entry
// ends; its lines are not saved).
struct EntryCommands {
  std::function<bool(const std::string& line)> is_command;
  std::function<bool(const std::string& line)> run;
};

// A line typed at the walk's prompt that starts with "::" stands for the line with one colon
// less: how a literal leading colon is typed (docs/walk.md).
[[nodiscard]] std::string literal_line(const std::string& line);

// What the line editor starts with when an item already has an answer (docs/walk.md, "Editing
// an answer"): the lines, as typed, that read back to exactly the stored value, with a leading
// colon doubled where the walk reads commands (`commands`). Empty when there is no answered value
// or it cannot be typed back as it is (an entry of a multi holding a comma, an empty line inside
// a longtext, a control character): then the prompt starts empty, and Enter keeps the answer.
[[nodiscard]] std::vector<std::string> editable_lines(const Item& item, const Answer* answer,
                                                      const InputContext& context, bool commands);

// The answer typed at a prompt whose first line is `first`: with the further lines of a longtext
// or list (up to an empty line), parsed with the walk's grammar. nullopt when input ended first,
// or when one of `commands` on a later line left the item. `initial`: editable_lines of the
// answer; line k of the entry starts with initial[k].
[[nodiscard]] std::optional<ParsedInput> read_answer(const Item& item, const std::string& first,
                                                     LineReader& in, const InputContext& context,
                                                     const EntryCommands* commands = nullptr,
                                                     const std::vector<std::string>& initial = {});

// The picker for an answer to `item` (docs/walk.md, "Pickers"): the options of a choice or multi,
// yes and no, a scale's steps, the stakeholders for a person; nullopt for the types typed as text
// (and a person with nobody on file). It starts on `answer`'s value. Enter takes the filter as
// typed when the grammar reads it, or when `also` says it is something else the prompt reads (a
// walk command).
[[nodiscard]] std::optional<Picker> answer_picker(const Item& item, const Answer* answer,
                                                  const InputContext& context,
                                                  const Picker::ReadsAsTyped& also = {});

// The picker for one of `people` (:from, --with, a person item); `current`: the ids it starts on.
[[nodiscard]] Picker people_picker(const std::vector<Stakeholder>& people, bool multi,
                                   const std::vector<std::string>& current,
                                   Picker::ReadsAsTyped reads_as_typed = {});

// A line at `prompt`: with `picker` at a terminal, what is picked (as typed, see Picker::line);
// Esc goes to the line editor with what was typed so far (or `initial`), and so does Ctrl-C, said
// as a cancel (a second Ctrl-C, at the line editor, stops). Else the line editor or the pipe.
[[nodiscard]] std::optional<std::string> pick_or_read(LineReader& in, const std::string& prompt,
                                                      std::optional<Picker> picker,
                                                      const std::string& initial = "");

// A sub-prompt's picker (:from, :goto, --with): what is picked, or after Esc what is typed at
// `prompt`; nullopt when Ctrl-C cancelled it (said; the walk goes on) or input ended.
[[nodiscard]] std::optional<std::string>
pick_in_sub_prompt(LineReader& in, const std::string& prompt, Picker picker);

} // namespace cna::cli
