// The assessment store (docs/reliability.md): the sidecar lock around read-modify-write of one
// account's file, saved through the atomic write of cna/file.hpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/assessment_file.hpp"
#include "cna/file.hpp"

namespace cna {

// What cna writes at most: a save that would make an assessment file larger is refused (Error
// data, nothing saved), unless the file is already larger and the save does not grow it.
inline constexpr std::size_t kMaxAssessmentBytes = 32U * 1024U * 1024U;
// What cna reads at most: above what it writes, so that a file that grew past kMaxAssessmentBytes
// (edited by hand, or written by an older cna) still opens, with a warning, and can be shrunk by
// removing or shortening answers (README "Size limits").
inline constexpr std::size_t kMaxReadAssessmentBytes = 64U * 1024U * 1024U;
// kMaxAssessmentBytes; lower in a test build when CNA_FAULT_MAX_ASSESSMENT_MIB says so, so that
// tests/e2e/test_faults.sh proves the limits without 32 MiB files (never higher).
[[nodiscard]] std::size_t max_assessment_bytes();

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

  // Moves the account's file to `target` (a rename, an archive): under the locks of both files
  // (taken in path order), re-reads it, applies `change` (the new slug, a history entry), writes
  // `target` atomically and only then removes the old file, so a failure at any step leaves the
  // old file as it was (at worst both, never neither). Error(usage) when `target` exists,
  // Error(data) when this file does not.
  void move_to(const std::filesystem::path& target, const std::function<void(Assessment&)>& change);

private:
  // What this store last wrote, keyed by the file's identity: when the file still is that one,
  // the re-read under the lock can skip parsing it (any other writer renames a new inode in).
  struct Written {
    FileStamp stamp;
    std::string text;
    Assessment assessment;
  };
  std::filesystem::path m_path;
  std::filesystem::path m_root;
  std::optional<Written> m_written;
};

} // namespace cna
