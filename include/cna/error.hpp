// The project's one error type, its exit statuses, and validation problems as values.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace cna {

// Exit statuses of docs/commands.md.
enum class Exit : int {
  ok = 0,
  no = 1,          // gate blocked, validation found errors, merge conflict
  usage = 2,       // bad command line or account name
  input_ended = 3, // input ended before the walk finished
  data = 65,       // a data file is bad
  internal = 70,
  io = 74,
  busy = 75, // lock not acquired in time
  sighup = 129,
  sigint = 130,
  sigterm = 143,
};

class Error : public std::runtime_error {
public:
  Error(Exit code, const std::string& message) : std::runtime_error(message), m_code(code) {}
  [[nodiscard]] Exit code() const { return m_code; }

private:
  Exit m_code;
};

enum class Severity { error, warning };

// One finding of a validator: `where` is "file:line:col: path" (compiler style).
struct Problem {
  std::string where;
  std::string message;
  Severity severity = Severity::error;
};

[[nodiscard]] bool has_errors(const std::vector<Problem>& problems);
[[nodiscard]] std::string format_problem(const Problem& problem); // "where: error: message"

} // namespace cna
