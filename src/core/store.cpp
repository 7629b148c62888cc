// The assessment store: the sidecar lock around read-modify-write of one account's file.
#include "cna/store.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <optional>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

#include "cna/error.hpp"

namespace fs = std::filesystem;

namespace cna {

std::size_t max_assessment_bytes() {
#ifdef CNA_FAULT_INJECTION
  if (const char* mib = std::getenv("CNA_FAULT_MAX_ASSESSMENT_MIB")) {
    return std::min<std::size_t>(kMaxAssessmentBytes, std::strtoull(mib, nullptr, 10) << 20U);
  }
#endif
  return kMaxAssessmentBytes;
}

namespace {

std::string errno_text() { return std::strerror(errno); }

} // namespace

// ---- the store ----------------------------------------------------------------------------------

AssessmentStore::AssessmentStore(fs::path path, fs::path workspace_root)
    : m_path(std::move(path)), m_root(std::move(workspace_root)) {}

bool AssessmentStore::exists() const {
  std::error_code ec;
  return fs::exists(fs::symlink_status(m_path, ec));
}

Assessment AssessmentStore::load() const {
  require_inside(m_path, m_root);
  return parse_assessment(read_file(m_path, kMaxReadAssessmentBytes), m_path.string());
}

namespace {

int lock_timeout_ms() {
  const char* env = std::getenv("CNA_LOCK_TIMEOUT_MS");
  if (env == nullptr || *env == '\0') return 5000;
  char* end = nullptr;
  const long ms = std::strtol(env, &end, 10);
  if (*end != '\0' || ms < 0 || ms > 3600000) {
    throw Error(Exit::usage, "CNA_LOCK_TIMEOUT_MS must be a number of milliseconds");
  }
  return static_cast<int>(ms);
}

// The sidecar lock: a separate, never-renamed file, so the lock lives on a stable inode.
Fd take_lock(const fs::path& path) {
  const fs::path lock = path.parent_path() / ("." + path.filename().string() + ".lock");
  // O_NOFOLLOW: a lock file that is a symlink is refused, never created or opened elsewhere.
  Fd fd(::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0) {
    throw Error(Exit::io,
                fmt::format("cannot open the lock file {}: {}", lock.string(), errno_text()));
  }
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(lock_timeout_ms());
  auto pause = std::chrono::microseconds(200);
  while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      throw Error(Exit::io, fmt::format("cannot lock {}: {}", lock.string(), errno_text()));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      throw Error(Exit::busy,
                  fmt::format("{} is busy: another cna holds {} (waited {} ms; "
                              "CNA_LOCK_TIMEOUT_MS sets how long)",
                              path.filename().string(), lock.string(), lock_timeout_ms()));
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(10000));
  }
  return fd;
}

// The temporary files of saves of this account that were killed: the lock makes saves exclusive,
// so any that is there now is stale.
void remove_stale_temps(const fs::path& path) {
  const std::string prefix = "." + path.filename().string() + ".tmp.";
  std::error_code ec;
  for (fs::directory_iterator
           it(path.parent_path().empty() ? fs::path(".") : path.parent_path(), ec),
       end;
       !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(prefix) && !it->is_directory(ec)) ::unlink(it->path().c_str());
  }
}

} // namespace

Assessment AssessmentStore::update(const std::function<void(Assessment&)>& change,
                                   const std::function<Assessment()>& create) {
  require_inside(m_path, m_root);
  // A symlink inside the workspace is written through (renaming over it would split the account
  // in two files), and locked at its target, so that every path to one file takes one lock.
  std::error_code ec;
  fs::path file = m_path;
  if (fs::is_symlink(m_path, ec)) { // ec when there is no such file yet: not a link
    fs::path target = fs::weakly_canonical(m_path, ec);
    if (!ec) file = std::move(target);
  }
  ec.clear();
  if (!file.parent_path().empty()) fs::create_directories(file.parent_path(), ec);
  if (ec) {
    throw Error(Exit::io,
                fmt::format("cannot create {}: {}", file.parent_path().string(), ec.message()));
  }
  const Fd lock = take_lock(file);
  remove_stale_temps(file);
  const auto current = file_stamp(file);
  std::optional<std::string> before;
  Assessment assessment;
  std::string unchanged; // the file's model, serialized: a file formatted by hand stays as it is
  if (current && m_written && *current == m_written->stamp) {
    before = unchanged = m_written->text; // still the file this store wrote: no re-parse
    assessment = m_written->assessment;
  } else if ((before = read_file_if_exists(file, kMaxReadAssessmentBytes))) {
    assessment = parse_assessment(*before, m_path.string());
    unchanged = serialize_assessment(assessment);
  } else if (create) {
    assessment = create();
  } else {
    throw Error(Exit::data, fmt::format("{} does not exist", m_path.string()));
  }
  change(assessment);
  std::string after = serialize_assessment(assessment);
  if (before && (after == unchanged || after == *before)) return assessment;
  if (after.size() > max_assessment_bytes() && (!before || after.size() > before->size())) {
    throw Error(Exit::data,
                fmt::format("{} would grow to {} MiB, more than the limit of {} MiB; nothing was "
                            "saved: shorten or remove answers (a save that makes it smaller is "
                            "always taken)",
                            m_path.string(), (after.size() + (1U << 20U) - 1) >> 20U,
                            max_assessment_bytes() >> 20U));
  }
  atomic_write(file, after, mode_of(file, kPrivateMode));
  if (const auto written = file_stamp(file)) {
    m_written = Written{*written, std::move(after), assessment};
  }
  return assessment;
}

void AssessmentStore::move_to(const fs::path& target,
                              const std::function<void(Assessment&)>& change) {
  require_inside(m_path, m_root);
  require_inside(target, m_root);
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) {
    throw Error(Exit::io,
                fmt::format("cannot create {}: {}", target.parent_path().string(), ec.message()));
  }
  // In path order, so that two moves between the same files cannot wait on each other.
  const bool first = m_path.string() < target.string();
  const Fd one = take_lock(first ? m_path : target);
  const Fd two = take_lock(first ? target : m_path);
  if (fs::exists(fs::symlink_status(target, ec))) {
    throw Error(Exit::usage, fmt::format("{} exists already; nothing was moved", target.string()));
  }
  const std::optional<std::string> before = read_file_if_exists(m_path, kMaxReadAssessmentBytes);
  if (!before) throw Error(Exit::data, fmt::format("{} does not exist", m_path.string()));
  Assessment assessment = parse_assessment(*before, m_path.string());
  change(assessment);
  atomic_write(target, serialize_assessment(assessment), mode_of(m_path, kPrivateMode));
  if (::unlink(m_path.c_str()) != 0) {
    throw Error(Exit::io, fmt::format("{} was written, but {} could not be removed: {} (remove it "
                                      "by hand)",
                                      target.string(), m_path.string(), errno_text()));
  }
  // The removal made durable, as a save's rename is (best effort: the new file is safe already).
  if (const Fd folder(::open(m_path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
      folder.get() >= 0)
    (void)::fsync(folder.get());
  m_written.reset();
}

} // namespace cna
