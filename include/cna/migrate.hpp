// Evolution (docs/checklists-as-code.md): an assessment read against a checklist that changed since
// its answers were given. Nothing is ever dropped.
#pragma once

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/clock.hpp"

namespace cna {

// Brings `assessment` to `checklist`:
// - an answer under an id that an item's `renamed_from` names moves to that item (history
//   "renamed"); if the item has a different answer already (a rename on one branch met an edit
//   of the old id on another), the two become a conflict holding both;
// - answers of ids the checklist no longer has move to `retired` (history "retired"), and a
//   retired answer whose item is back (by id or `renamed_from`) returns (history "restored");
// - the pin (version, sha256) becomes the checklist's (history "checklist-updated").
// Changed wording and types need nothing here: readiness reports `changed` and `invalid` from
// each answer's item_sha256 and value. Returns whether anything changed; a second call returns
// false. Cheap when nothing changed (the common case of every load).
bool migrate(Assessment& assessment, const Checklist& checklist, Seconds now);

} // namespace cna
