// The only code that touches files (DESIGN section 9): bounded reads, the durable atomic save,
// and the sidecar lock around read-modify-write of an assessment.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "cna/assessment.hpp"

namespace cna {

// Reads a regular file of at most max_bytes. Refuses FIFOs, devices, directories (Error data),
// a missing file (Error data, or nullopt through read_file_if_exists), and files over the limit.
[[nodiscard]] std::string read_file(const std::filesystem::path& path, std::size_t max_bytes);
[[nodiscard]] std::optional<std::string> read_file_if_exists(const std::filesystem::path& path,
                                                             std::size_t max_bytes);

// Temp file beside the target, write, fsync, rename, fsync the folder. A failure leaves the old
// file intact and no temp file behind (Error io).
void atomic_write(const std::filesystem::path& path, std::string_view contents);

// Refuses (Error data) a path that is a symlink resolving outside `root`.
void require_inside(const std::filesystem::path& path, const std::filesystem::path& root);

inline constexpr std::size_t kMaxAssessmentBytes = 32U * 1024U * 1024U;

// Assessment files <-> the model. Parsing throws Error(data) naming the file, the position and
// how to recover; unknown fields are kept; answers are written in checklist order when given.
[[nodiscard]] Assessment parse_assessment(std::string_view text, std::string_view file);
[[nodiscard]] std::string serialize_assessment(const Assessment& assessment);

class AssessmentStore {
public:
  AssessmentStore(std::filesystem::path path, std::filesystem::path workspace_root);

  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
  [[nodiscard]] bool exists() const;
  [[nodiscard]] Assessment load() const; // Error(data) when missing or bad

  // Takes the sidecar lock (waiting up to CNA_LOCK_TIMEOUT_MS, default 5000, else Error busy),
  // re-reads the file, applies `change`, saves when the bytes changed, and returns the result.
  // `create` gives the assessment to start from when the file does not exist yet.
  Assessment update(const std::function<void(Assessment&)>& change,
                    const std::function<Assessment()>& create = {});

private:
  std::filesystem::path m_path;
  std::filesystem::path m_root;
};

} // namespace cna
