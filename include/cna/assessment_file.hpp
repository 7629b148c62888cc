// The assessment file format (docs/assessment.md): the reader and the writer, byte-stable.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cna/assessment.hpp"

namespace cna {

// Assessment files <-> the model. Parsing throws Error(data) naming the file, the position and
// how to recover; unknown fields are kept.
[[nodiscard]] Assessment parse_assessment(std::string_view text, std::string_view file);
[[nodiscard]] std::string serialize_assessment(const Assessment& assessment);

// The id of the checklist `assessment` (read from `file`) is pinned to. Error(data) naming the file
// when it pins none: such a file cannot be read against any checklist, and is never overwritten.
[[nodiscard]] const std::string& pinned_checklist(const Assessment& assessment,
                                                  std::string_view file);

// Unknown fields of one record in three versions (`extra`: a JSON object text, "" when none),
// merged member by member for the merge driver: a member changed on one side is taken (an edit
// wins over a removal); one changed differently on both keeps ours and is listed in `kept_ours`
// as {name, theirs' value as JSON text}.
[[nodiscard]] std::string merge_extra(const std::string& base, const std::string& ours,
                                      const std::string& theirs,
                                      std::vector<std::pair<std::string, std::string>>& kept_ours);

} // namespace cna
