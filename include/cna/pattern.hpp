// A checklist item's `pattern`: RE2 syntax, matched against the whole answer in time linear in its
// length, so no pattern a checklist can hold makes an answer hang the program (or the account's
// lock). RE2 leaves out what needs backtracking: backreferences, lookaround, atomic groups and
// possessive quantifiers are refused when the checklist is validated.
#pragma once

#include <string>
#include <string_view>

namespace cna {

// Why `pattern` cannot be used, naming the feature ("a backreference (\1) ..."); empty when it
// compiles.
[[nodiscard]] std::string pattern_problem(std::string_view pattern);

// Whether the whole of `text` matches `pattern`; false for a pattern that does not compile.
// Compiled patterns are kept for the rest of the run.
[[nodiscard]] bool pattern_matches(std::string_view pattern, std::string_view text);

} // namespace cna
