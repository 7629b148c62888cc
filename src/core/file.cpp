// Files: bounded reads and the durable atomic write.
#include "cna/file.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <string>
#include <sys/random.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include "cna/error.hpp"

namespace fs = std::filesystem;

namespace cna {

namespace {

std::string errno_text() { return std::strerror(errno); }

#ifdef CNA_FAULT_INJECTION
// Test builds only: CNA_FAULT=<point> aborts, fails or hangs at that stage of the save
// (tests/e2e/test_faults.sh walks every point).
bool fault(const char* point) {
  const char* f = std::getenv("CNA_FAULT");
  return f != nullptr && std::strcmp(f, point) == 0;
}
void crash_at(const char* point) {
  if (fault(point)) std::abort();
}
// A save that stops with the lock held and the temp file written, to be killed from outside.
void hang_at(const char* point) {
  if (fault(point)) std::this_thread::sleep_for(std::chrono::seconds(60));
}
#else
constexpr bool fault(const char*) { return false; }
void crash_at(const char*) {}
void hang_at(const char*) {}
#endif

// 0 when all of `data` was written, else the errno of the failure.
int write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

// 16 letters and digits from the kernel's random source: a name nobody can plant in advance.
std::string random_suffix() {
  constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::array<unsigned char, 16> bytes{};
  std::size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::getrandom(bytes.data() + got, bytes.size() - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(Exit::io, fmt::format("cannot get random bytes: {}", errno_text()));
    got += static_cast<std::size_t>(n);
  }
  std::string out;
  for (const unsigned char b : bytes)
    out += kAlphabet[b % kAlphabet.size()];
  return out;
}

} // namespace

Fd::~Fd() {
  if (m_fd >= 0) ::close(m_fd);
}

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = other.release();
  }
  return *this;
}

std::optional<std::string> read_file_if_exists(const fs::path& path, std::size_t max_bytes) {
  // O_NONBLOCK so that opening a FIFO does not wait for a writer; fstat then refuses it.
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw Error(errno == EISDIR ? Exit::data : Exit::io,
                fmt::format("cannot read {}: {}", path.string(), errno_text()));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    throw Error(Exit::io, fmt::format("cannot read {}: {}", path.string(), errno_text()));
  }
  if (!S_ISREG(st.st_mode)) {
    throw Error(Exit::data,
                fmt::format("{} is not a regular file ({}); refusing to read it", path.string(),
                            S_ISDIR(st.st_mode)    ? "a directory"
                            : S_ISFIFO(st.st_mode) ? "a FIFO"
                                                   : "a device or socket"));
  }
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    throw Error(Exit::data, fmt::format("{} is {} bytes, more than the limit of {} KiB",
                                        path.string(), st.st_size, max_bytes >> 10U));
  }
  std::string text(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd.get(), text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw Error(Exit::io, fmt::format("cannot read {}: {}", path.string(), errno_text()));
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  text.resize(got);
  return text;
}

std::string read_file(const fs::path& path, std::size_t max_bytes) {
  auto text = read_file_if_exists(path, max_bytes);
  if (!text) throw Error(Exit::data, fmt::format("{} does not exist", path.string()));
  return std::move(*text);
}

AtomicFile::AtomicFile(fs::path path, mode_t mode) : m_path(std::move(path)) {
  struct stat old {};
  m_existed = ::lstat(m_path.c_str(), &old) == 0;
  const fs::path dir = m_path.parent_path().empty() ? fs::path(".") : m_path.parent_path();
  // O_EXCL|O_NOFOLLOW: a name that exists, a symlink above all, is never opened; another random
  // name is tried instead.
  for (int attempt = 0; attempt < 8 && m_fd.get() < 0; ++attempt) {
    m_temp = dir / fmt::format(".{}.tmp.{}", m_path.filename().string(), random_suffix());
    Fd fd(::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
    if (fd.get() < 0 && errno != EEXIST) {
      const int err = errno;
      m_temp.clear(); // not ours: nothing to remove
      throw Error(Exit::io, failure("creating a temporary file", err));
    }
    if (fd.get() >= 0) m_fd = std::move(fd);
  }
  if (m_fd.get() < 0) {
    m_temp.clear();
    throw Error(Exit::io, failure("creating a temporary file", EEXIST));
  }
  // Exactly `mode`, whatever the umask took away at open().
  if (::fchmod(m_fd.get(), mode) != 0) throw Error(Exit::io, failure("setting its mode", errno));
  crash_at("before-write");
}

AtomicFile::~AtomicFile() {
  if (!m_temp.empty()) ::unlink(m_temp.c_str());
}

std::string AtomicFile::failure(const char* stage, int err) const {
  if (!m_temp.empty()) ::unlink(m_temp.c_str());
  // Only a file that was there has a previous version to speak of.
  return fmt::format("cannot save {}: {} failed: {} ({})", m_path.string(), stage,
                     std::strerror(err),
                     m_existed ? "the previous version is intact" : "nothing was written");
}

void AtomicFile::write(std::string_view data) {
  if (fault("write-enospc")) { // a disk that fills up halfway through
    (void)write_all(m_fd.get(), data.substr(0, data.size() / 2));
    throw Error(Exit::io, failure("writing", ENOSPC));
  }
  if (const int err = write_all(m_fd.get(), data); err != 0) {
    throw Error(Exit::io, failure("writing", err));
  }
}

void AtomicFile::commit() {
  crash_at("after-write");
  if (fault("fsync-eio")) throw Error(Exit::io, failure("fsync", EIO));
  if (::fsync(m_fd.get()) != 0) throw Error(Exit::io, failure("fsync", errno));
  if (::close(m_fd.release()) != 0) throw Error(Exit::io, failure("closing", errno));
  crash_at("before-rename");
  hang_at("hang-before-rename");
  if (fault("rename-eio")) throw Error(Exit::io, failure("rename", EIO));
  if (::rename(m_temp.c_str(), m_path.c_str()) != 0) {
    throw Error(Exit::io, failure("rename", errno));
  }
  m_temp.clear(); // renamed: nothing left to remove
  crash_at("after-rename");
  // The rename is durable only once the folder is synced. A folder that cannot be opened for
  // reading, or a file system without folder sync (EINVAL), leaves nothing more to do.
  const fs::path dir = m_path.parent_path().empty() ? fs::path(".") : m_path.parent_path();
  const Fd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dfd.get() < 0) return;
  int err = 0;
  if (fault("dir-fsync-eio")) {
    err = EIO;
  } else if (::fsync(dfd.get()) != 0) {
    err = errno;
  }
  if (err != 0 && err != EINVAL && err != ENOTSUP) {
    throw Error(Exit::io, fmt::format("saved {}, but syncing its folder failed: {} (the new "
                                      "version is in place but may not survive a power cut)",
                                      m_path.string(), std::strerror(err)));
  }
}

void atomic_write(const fs::path& path, std::string_view contents, mode_t mode) {
  AtomicFile file(path, mode);
  file.write(contents);
  file.commit();
}

mode_t umask_mode() {
  static const mode_t mask = [] {
    // Linux reports the umask without changing it; setting it to read it back would, for a
    // moment, apply to files other threads create.
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
      if (line.rfind("Umask:", 0) == 0)
        return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
    }
    const mode_t old = ::umask(077);
    ::umask(old);
    return old;
  }();
  return 0666 & ~mask;
}

mode_t mode_of(const fs::path& path, mode_t fallback) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : fallback;
}

namespace {
FileStamp stamp_of(const struct stat& st) {
  return FileStamp{st.st_dev, st.st_ino, static_cast<std::uint64_t>(st.st_size),
                   st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
}
} // namespace

std::optional<FileStamp> file_stamp(const char* path) {
  struct stat st {};
  if (::stat(path, &st) != 0) return std::nullopt;
  return stamp_of(st);
}

std::optional<FileStamp> file_stamp(int dir, const char* name) {
  struct stat st {};
  if (::fstatat(dir, name, &st, 0) != 0) return std::nullopt;
  return stamp_of(st);
}

void require_inside(const fs::path& path, const fs::path& root) {
  // Resolves every component, so a symlinked folder (assessments/ -> /elsewhere) is caught too.
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) {
    // A symlink loop, a folder without permission, a file where a folder should be: say which.
    throw Error(Exit::io, fmt::format("cannot open {}: {}", path.string(), ec.message()));
  }
  const fs::path base = fs::weakly_canonical(fs::absolute(root, ec), ec);
  const auto [end, unused] = std::mismatch(base.begin(), base.end(), target.begin(), target.end());
  if (end != base.end()) {
    throw Error(Exit::data, fmt::format("{} leads outside the workspace through a symlink (to {}); "
                                        "refusing to follow it",
                                        path.string(), target.string()));
  }
}

} // namespace cna
