// Three-way merge of assessment files, item by item (docs/checklists-as-code.md), for `cna
// merge-driver`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/clock.hpp"

namespace cna {

struct MergeResult {
  Assessment merged;
  std::vector<std::string> conflicts; // items whose answers became `conflict` (exit 1)
  // What else both sides changed differently, one line each (a retired answer kept as a
  // conflict; ours kept for a name, a stakeholder or an unknown field, theirs in the history).
  std::vector<std::string> notes;
};

// Per answer (and per retired answer): a change on one side is taken; the same change on both
// agrees (the same statement with different stamps keeps the later confirmation); a side that
// only re-stamped the base's statement (a read-back) yields to the other side's edit; an edit wins
// over a removal; two different edits become State::conflict holding both {ours, theirs}.
// Meetings by id (two reps' meetings are both kept, in date order); stakeholders by id, the name,
// the checklist pin and unknown top-level fields: one-sided changes taken, two different edits keep
// ours (recorded with theirs in a "merge-kept-ours" history entry, stamped `now`). History: the
// union, identical entries once, ordered by `at` (stable).
[[nodiscard]] MergeResult merge(const Assessment& base, const Assessment& ours,
                                const Assessment& theirs, Seconds now);

// One version as git hands it to the driver. An empty BASE means the two sides added the file
// independently (no common ancestor) and reads as an empty assessment; anything that does not
// parse is Error(data) naming `file`.
[[nodiscard]] Assessment parse_merge_input(std::string_view text, std::string_view file,
                                           bool is_base);

} // namespace cna
