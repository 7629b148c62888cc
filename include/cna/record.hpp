// The changes a person makes to an assessment, each with its history entry. The walk, `answer`,
// `import`, `who` and `confirm` all change assessments through these, under the store's lock.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/clock.hpp"

namespace cna {

// A new assessment pinned to the checklist.
[[nodiscard]] Assessment new_assessment(const std::string& account, const std::string& name,
                                        const Checklist& checklist);

// Sets an item's answer (state, value or reason/owner/due, source, note), stamping who and when
// and the item's hash; keeps answers in checklist order; appends history. A change of value or
// state clears the confirmation. Returns false when nothing changed (the same answer again).
bool record_answer(Assessment& assessment, const Checklist& checklist, const std::string& item,
                   Answer answer, Seconds now);

// Sets or clears an answer's note (a note on an item not yet answered keeps checklist order).
bool record_note(Assessment& assessment, const Checklist& checklist, const std::string& item,
                 const std::string& note, Seconds now);

// Why the answer to `item` cannot be confirmed (an item the checklist lacks; no answer, an
// unknown one or a conflict: nothing to read back; an invalid one); empty when it can.
[[nodiscard]] std::string check_confirmation(const Assessment& assessment,
                                             const Checklist& checklist, const std::string& item);

// Records the read-back of `item`'s answer: confirmed_at (now), confirmed_by, confirmed_with (the
// stakeholder `with`, or the answer's own source when empty) and a "confirmed" history entry.
// The item's hash becomes the current definition's: the answer was read back against the current
// wording. `read_back` is the answer as it was read to the customer; Error(usage) when the stored
// one no longer says the same (someone changed it meanwhile), when check_confirmation refuses, or
// when `with` is not a stakeholder.
void record_confirmation(Assessment& assessment, const Checklist& checklist,
                         const std::string& item, const Answer& read_back, const std::string& with,
                         Seconds now);

// Answers in checklist order (what every change keeps); ids the checklist lacks go last.
void order_answers(Assessment& assessment, const Checklist& checklist);

// Appends a history entry stamped with `now` and the current user (changes made by cna itself:
// migrations, merges).
void add_history(Assessment& assessment, Seconds now, std::string item, std::string action,
                 Value value = {});

// A new stakeholder's id from their name: the name as a slug, made unique in the assessment with
// "-2", "-3", ... and kept within the slug rule (at most 63 characters, the base shortened to make
// room). Empty when the name has nothing a slug can use.
[[nodiscard]] std::string new_stakeholder_id(const Assessment& assessment, std::string_view name);

// Adds or updates a stakeholder (by id). Returns false when nothing changed.
bool record_stakeholder(Assessment& assessment, const Stakeholder& stakeholder, Seconds now);
// Removes a stakeholder; Error(usage) when answers still name them.
void remove_stakeholder(Assessment& assessment, const std::string& id, Seconds now);

// The account's last source: the stakeholder named by the newest history entry with a source who
// is still a stakeholder (the walk resumes with them); empty when there is none.
[[nodiscard]] std::string last_source(const Assessment& assessment);

} // namespace cna
