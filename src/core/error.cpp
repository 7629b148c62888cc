#include "cna/error.hpp"

#include <algorithm>

namespace cna {

bool has_errors(const std::vector<Problem>& problems) {
  return std::any_of(problems.begin(), problems.end(),
                     [](const Problem& p) { return p.severity == Severity::error; });
}

std::string format_problem(const Problem& problem) {
  return problem.where + ": " + (problem.severity == Severity::error ? "error: " : "warning: ") +
         problem.message;
}

} // namespace cna
