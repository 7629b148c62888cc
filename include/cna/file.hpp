// Files: bounded reads, and the one atomic write that every file cna writes goes through
// (assessments, reports, formatted checklists, init's files, proposals, the status cache).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace cna {

// Reads a regular file of at most max_bytes. Refuses FIFOs, devices, directories (Error data),
// a missing file (Error data, or nullopt through read_file_if_exists), and files over the limit.
[[nodiscard]] std::string read_file(const std::filesystem::path& path, std::size_t max_bytes);
[[nodiscard]] std::optional<std::string> read_file_if_exists(const std::filesystem::path& path,
                                                             std::size_t max_bytes);

// Closes a descriptor on every path out.
class Fd {
public:
  explicit Fd(int fd) : m_fd(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& other) noexcept : m_fd(other.release()) {}
  Fd& operator=(Fd&& other) noexcept;
  ~Fd();
  [[nodiscard]] int get() const { return m_fd; }
  int release() {
    const int fd = m_fd;
    m_fd = -1;
    return fd;
  }

private:
  int m_fd;
};

// Customer data: readable by its owner only.
inline constexpr mode_t kPrivateMode = 0600;

// A file being replaced atomically: a temporary file beside it under an unpredictable name
// (".<name>.tmp.<random>", opened O_CREAT|O_EXCL|O_NOFOLLOW, so nothing planted there is followed
// or reused) with exactly `mode`; commit() fsyncs it, renames it over `path` and fsyncs the folder.
// Destroyed without commit(), or on any failure (Error io, naming the stage and whether the
// previous version is intact), the temporary file is removed and `path` is untouched.
class AtomicFile {
public:
  explicit AtomicFile(std::filesystem::path path, mode_t mode = kPrivateMode);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  void write(std::string_view data);
  void commit();
  [[nodiscard]] const std::filesystem::path& temp() const { return m_temp; }

private:
  [[nodiscard]] std::string failure(const char* stage, int err) const;

  std::filesystem::path m_path;
  std::filesystem::path m_temp;
  bool m_existed = false;
  Fd m_fd{-1};
};

// The whole of `contents` to `path` through an AtomicFile.
void atomic_write(const std::filesystem::path& path, std::string_view contents,
                  mode_t mode = kPrivateMode);

// What a new file made by open(2) with 0666 gets under this process's umask (0644 under umask
// 022): the mode of exports (`-o`), which a reporting service user may need to read. Assessments
// and the status cache stay kPrivateMode whatever the umask.
[[nodiscard]] mode_t umask_mode();

// The permission bits of the file at `path`, or `fallback` when there is none: a rewrite keeps
// what the user set.
[[nodiscard]] mode_t mode_of(const std::filesystem::path& path, mode_t fallback);

// What stat says of a file: a file rewritten by cna (renamed over) or edited in place shows a
// different stamp. Keys the store's "still the file I wrote" check and cna status's cache.
struct FileStamp {
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};
[[nodiscard]] std::optional<FileStamp> file_stamp(const char* path);
// The same of `name` in the folder open as `dir` (no path to walk again per file).
[[nodiscard]] std::optional<FileStamp> file_stamp(int dir, const char* name);
[[nodiscard]] inline std::optional<FileStamp> file_stamp(const std::filesystem::path& path) {
  return file_stamp(path.c_str());
}

// Refuses (Error data) a path that is a symlink resolving outside `root`.
void require_inside(const std::filesystem::path& path, const std::filesystem::path& root);

} // namespace cna
