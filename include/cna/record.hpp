// The changes a person makes to an assessment, each with its history entry. The walk, `answer`,
// `import`, `who` and `confirm` all change assessments through these, under the store's lock.
#pragma once

#include <string>
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

// Adds or updates a stakeholder (by id). Returns false when nothing changed.
bool record_stakeholder(Assessment& assessment, const Stakeholder& stakeholder, Seconds now);
// Removes a stakeholder; Error(usage) when answers still name them.
void remove_stakeholder(Assessment& assessment, const std::string& id, Seconds now);

} // namespace cna
