// The portfolio views' read path (docs/performance.md): `status`, `report --all` and `check --all`
// read every account once, with simdjson's on-demand parser, straight into the model. The strict
// reader (parse_assessment) stays the reference: it validates, every write path uses it, and any
// file this reader finds the least bit odd is handed to it, so a view shows the same result and the
// same error message whichever reader ran (tests/unit/test_fast_read.cpp proves it,
// differentially).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "cna/assessment.hpp"
#include "cna/store.hpp"

namespace cna {

// What parse_assessment(text) returns, except that the history is checked but not kept (no view
// reads it) unless `keep_history`; nullopt when the text holds anything this reader does not know
// for certain the strict reader would read the same way: an unknown field, a conflict's two sides,
// a duplicate key, a number outside plain decimal notation, a NUL, a BOM, any syntax error. The
// `capacity` bytes from text.data() must be readable (simdjson reads up to 64 past the end).
[[nodiscard]] std::optional<Assessment>
read_assessment_fast(std::string_view text, std::size_t capacity, bool keep_history = false);

// The answers of an assessment a view is done with, given back to this thread's reader: the next
// account read here reuses their memory (a portfolio view allocates its strings once per thread,
// not once per account).
void recycle_answers(std::vector<std::pair<std::string, Answer>>&& answers);

// The account at `store` for a read-only view (its history not kept): the fast reader when the file
// is a plain regular file inside the workspace (no symlink; `folder_inside` says the assessments
// folder was checked once) that it accepts, else store.load(), whose result or error it is.
// CNA_STRICT_READ=1 always takes store.load() (to compare the two).
[[nodiscard]] Assessment load_for_view(const AssessmentStore& store, bool folder_inside);

} // namespace cna
