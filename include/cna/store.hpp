// The only code that touches files (docs/reliability.md): bounded reads, the durable atomic save,
// and the sidecar lock around read-modify-write of an assessment.
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

namespace cna {

// Reads a regular file of at most max_bytes. Refuses FIFOs, devices, directories (Error data),
// a missing file (Error data, or nullopt through read_file_if_exists), and files over the limit.
[[nodiscard]] std::string read_file(const std::filesystem::path& path, std::size_t max_bytes);
[[nodiscard]] std::optional<std::string> read_file_if_exists(const std::filesystem::path& path,
                                                             std::size_t max_bytes);

// Temp file beside the target, write, fsync, rename, fsync the folder. A failure leaves the old
// file intact and no temp file behind (Error io).
// `temp` names the temporary file when the caller holds a lock that makes it exclusive; by
// default it is ".<name>.tmp.<pid>".
void atomic_write(const std::filesystem::path& path, std::string_view contents,
                  const std::filesystem::path& temp = {});

// What stat says of a file: a file rewritten by cna (renamed over) or edited in place shows a
// different stamp. Keys the store's "still the file I wrote" check and cna status's cache.
struct FileStamp {
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};
[[nodiscard]] std::optional<FileStamp> file_stamp(const char* path);
[[nodiscard]] inline std::optional<FileStamp> file_stamp(const std::filesystem::path& path) {
  return file_stamp(path.c_str());
}

// Refuses (Error data) a path that is a symlink resolving outside `root`.
void require_inside(const std::filesystem::path& path, const std::filesystem::path& root);

inline constexpr std::size_t kMaxAssessmentBytes = 32U * 1024U * 1024U;

// Assessment files <-> the model. Parsing throws Error(data) naming the file, the position and
// how to recover; unknown fields are kept; answers are written in checklist order when given.
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
