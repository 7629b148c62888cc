// Files: bounded reads, the durable atomic save, the sidecar lock, and assessment <-> JSON.
#include "cna/store.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <optional>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include "cna/error.hpp"
#include "cna/json.hpp"
#include "cna/text.hpp"

namespace fs = std::filesystem;

namespace cna {

namespace {

std::string errno_text() { return std::strerror(errno); }

// Closes a descriptor on every path out.
class Fd {
public:
  explicit Fd(int fd) : m_fd(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  Fd& operator=(Fd&&) = delete;
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  [[nodiscard]] int get() const { return m_fd; }
  int release() { return std::exchange(m_fd, -1); }

private:
  int m_fd;
};

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

void write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw errno;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

} // namespace

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

void atomic_write(const fs::path& path, std::string_view contents, const fs::path& temp_name) {
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  const fs::path temp = !temp_name.empty()
                            ? temp_name
                            : dir / fmt::format(".{}.tmp.{}", path.filename().string(),
                                                static_cast<long>(::getpid()));
  struct stat old {};
  const bool existed = ::stat(path.c_str(), &old) == 0;
  const mode_t mode = existed ? (old.st_mode & 07777) : 0600;
  const auto failed = [&](const char* stage, int err) {
    ::unlink(temp.c_str());
    // Only a file that was there has a previous version to speak of.
    return Error(Exit::io,
                 fmt::format("cannot save {}: {} failed: {} ({})", path.string(), stage,
                             std::strerror(err),
                             existed ? "the previous version is intact" : "nothing was written"));
  };
  Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
  if (fd.get() < 0) throw failed("creating a temporary file", errno);
  ::fchmod(fd.get(), mode);
  crash_at("before-write");
  try {
    if (fault("write-enospc")) { // a disk that fills up halfway through
      write_all(fd.get(), contents.substr(0, contents.size() / 2));
      throw ENOSPC;
    }
    write_all(fd.get(), contents);
  } catch (int err) {
    throw failed("writing", err);
  }
  crash_at("after-write");
  if (fault("fsync-eio")) throw failed("fsync", EIO);
  if (::fsync(fd.get()) != 0) throw failed("fsync", errno);
  if (::close(fd.release()) != 0) throw failed("closing", errno);
  crash_at("before-rename");
  hang_at("hang-before-rename");
  if (fault("rename-eio")) throw failed("rename", EIO);
  if (::rename(temp.c_str(), path.c_str()) != 0) throw failed("rename", errno);
  crash_at("after-rename");
  // The rename is durable only once the folder is synced. A folder that cannot be opened for
  // reading, or a file system without folder sync (EINVAL), leaves nothing more to do.
  Fd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
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
                                      path.string(), std::strerror(err)));
  }
}

void require_inside(const fs::path& path, const fs::path& root) {
  // Resolves every component, so a symlinked folder (assessments/ -> /elsewhere) is caught too.
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const fs::path base = fs::weakly_canonical(fs::absolute(root, ec), ec);
  const auto [end, unused] = std::mismatch(base.begin(), base.end(), target.begin(), target.end());
  if (end != base.end()) {
    throw Error(Exit::data, fmt::format("{} leads outside the workspace through a symlink (to {}); "
                                        "refusing to follow it",
                                        path.string(), target.string()));
  }
}

// ---- assessment <-> JSON ------------------------------------------------------------------------

namespace {

// Reads one object, remembering which fields it knows and keeping the others verbatim.
class Fields {
public:
  Fields(const Json& object, std::string where, std::string_view file)
      : m_object(object), m_where(std::move(where)), m_file(file) {
    if (!object.is_object()) bad("expected an object");
  }

  [[noreturn]] void bad(const std::string& why) const {
    throw Error(Exit::data,
                fmt::format("{}: {}{}{}; cna will not overwrite it: fix it by hand or restore it "
                            "from git (git checkout -- {})",
                            m_file, m_where, m_where.empty() ? "" : ": ", why, m_file));
  }

  const Json* get(const char* key) {
    m_known.push_back(key);
    const auto it = m_object.find(key);
    return it == m_object.end() || it->is_null() ? nullptr : &*it;
  }

  std::string string(const char* key) {
    const Json* j = get(key);
    if (j == nullptr) return {};
    if (!j->is_string()) bad(fmt::format("\"{}\" must be a string", key));
    return j->get<std::string>();
  }

  Value value(const char* key) {
    const Json* j = get(key);
    if (j == nullptr) return {};
    if (j->is_string()) return j->get<std::string>();
    if (j->is_boolean()) return j->get<bool>();
    if (j->is_number()) return j->get<double>();
    if (j->is_array()) {
      std::vector<std::string> out;
      for (const Json& e : *j) {
        if (!e.is_string()) bad(fmt::format("\"{}\" must hold strings", key));
        out.push_back(e.get<std::string>());
      }
      return out;
    }
    const auto amount = j->find("amount");
    const auto currency = j->find("currency");
    if (amount == j->end() || !amount->is_number() || currency == j->end() ||
        !currency->is_string() || j->size() != 2) {
      bad(fmt::format("\"{}\" is not a value cna knows", key));
    }
    return Money{amount->get<double>(), currency->get<std::string>()};
  }

  // Unknown fields as a JSON object text ("" when none).
  [[nodiscard]] std::string extra() const {
    Json out = Json::object();
    for (const auto& [key, value] : m_object.items()) {
      if (std::find(m_known.begin(), m_known.end(), key) == m_known.end()) out[key] = value;
    }
    return out.empty() ? std::string() : out.dump();
  }

private:
  const Json& m_object;
  std::string m_where;
  std::string_view m_file;
  std::vector<std::string> m_known;
};

Answer read_answer(const Json& j, const std::string& where, std::string_view file) {
  Fields f(j, where, file);
  Answer a;
  const std::string state = f.string("state");
  const auto parsed = parse_state(state);
  if (!parsed) f.bad(fmt::format("unknown state \"{}\"", visible(state)));
  a.state = *parsed;
  a.value = f.value("value");
  a.reason = f.string("reason");
  a.owner = f.string("owner");
  a.due = f.string("due");
  a.source = f.string("source");
  a.note = f.string("note");
  a.answered_at = f.string("answered_at");
  a.answered_by = f.string("answered_by");
  a.item_sha256 = f.string("item_sha256");
  a.confirmed_at = f.string("confirmed_at");
  a.confirmed_by = f.string("confirmed_by");
  a.confirmed_with = f.string("confirmed_with");
  const Json* ours = f.get("ours");
  const Json* theirs = f.get("theirs");
  if (ours != nullptr || theirs != nullptr) {
    // Both sides or neither: a side missing from a hand-edited file reads as a missing answer.
    a.sides.resize(2);
    if (ours != nullptr) a.sides[0] = read_answer(*ours, where + ".ours", file);
    if (theirs != nullptr) a.sides[1] = read_answer(*theirs, where + ".theirs", file);
  }
  a.extra = f.extra();
  return a;
}

std::vector<std::pair<std::string, Answer>> read_answers(Fields& top, const char* key,
                                                         std::string_view file) {
  std::vector<std::pair<std::string, Answer>> out;
  const Json* answers = top.get(key);
  if (answers == nullptr) return out;
  if (!answers->is_object()) top.bad(fmt::format("\"{}\" must be an object", key));
  for (const auto& [id, j] : answers->items()) {
    out.emplace_back(id, read_answer(j, fmt::format("{}.{}", key, visible(id)), file));
  }
  return out;
}

} // namespace

Assessment parse_assessment(std::string_view text, std::string_view file) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw Error(Exit::data, fmt::format("{} is empty; cna will not overwrite it: restore it from "
                                        "git (git checkout -- {}) or delete it to start over",
                                        file, file));
  }
  const std::string recover = fmt::format(
      "; cna will not overwrite it: fix it by hand or restore it from git (git checkout -- {})",
      file);
  ParsedJson parsed;
  try {
    parsed = parse_json(text, file);
  } catch (const Error& e) {
    // Conflict markers carry their own advice (a checkout cannot fix an unmerged file).
    const std::string what = e.what();
    if (what.find("merge conflict markers") != std::string::npos) throw;
    throw Error(Exit::data, what + recover);
  }
  if (!parsed.duplicates.empty()) {
    throw Error(Exit::data,
                fmt::format("{}: duplicate key {}{}", file,
                            pointer_to_path(parsed.duplicates.front().pointer), recover));
  }
  Fields top(parsed.value, "", file);
  Assessment a;
  const Json* version = top.get("cna");
  if (version == nullptr || !version->is_number_integer()) top.bad("missing \"cna\": 1");
  if (*version != 1) top.bad("written by a newer cna (format version " + version->dump() + ")");
  a.account = top.string("account");
  a.name = top.string("name");
  if (const Json* c = top.get("checklist")) {
    Fields f(*c, "checklist", file);
    a.checklist = {f.string("id"), f.string("version"), f.string("sha256")};
  }
  if (const Json* list = top.get("stakeholders")) {
    if (!list->is_array()) top.bad("\"stakeholders\" must be an array");
    for (std::size_t i = 0; i < list->size(); ++i) {
      Fields f((*list)[i], fmt::format("stakeholders[{}]", i), file);
      Stakeholder s{f.string("id"), f.string("name"), f.string("title"), {}, {}};
      if (const Json* roles = f.get("roles")) {
        if (!roles->is_array()) f.bad("roles must be an array of strings");
        for (const Json& r : *roles) {
          if (!r.is_string()) f.bad("roles must be strings");
          s.roles.push_back(r.get<std::string>());
        }
      }
      s.extra = f.extra();
      a.stakeholders.push_back(std::move(s));
    }
  }
  a.answers = read_answers(top, "answers", file);
  a.retired = read_answers(top, "retired", file);
  if (const Json* list = top.get("history")) {
    if (!list->is_array()) top.bad("\"history\" must be an array");
    for (std::size_t i = 0; i < list->size(); ++i) {
      Fields f((*list)[i], fmt::format("history[{}]", i), file);
      HistoryEntry h;
      h.at = f.string("at");
      h.by = f.string("by");
      h.item = f.string("item");
      h.action = f.string("action");
      h.value = f.value("value");
      h.source = f.string("source");
      h.extra = f.extra();
      a.history.push_back(std::move(h));
    }
  }
  a.extra = top.extra();
  return a;
}

const std::string& pinned_checklist(const Assessment& assessment, std::string_view file) {
  if (assessment.checklist.id.empty()) {
    throw Error(
        Exit::data,
        fmt::format("{}: no checklist pinned (it needs \"checklist\": {{\"id\": ...}}); cna "
                    "will not overwrite it: fix it by hand or restore it from git (git "
                    "checkout -- {})",
                    file, file));
  }
  return assessment.checklist.id;
}

namespace {

// The canonical form written directly, byte for byte what dump_canonical() of the equivalent
// DOM prints (2-space indent, keys in the order written, unknown fields last), without building
// the DOM: the bulk of a save.
class CanonicalWriter {
public:
  // A member of the object being written.
  void key(std::string_view name) {
    next();
    string(name);
    m_out += ": ";
  }
  // An element of the array being written.
  void element() { next(); }
  void open(char bracket) {
    m_out += bracket;
    m_empty.push_back(true);
  }
  void close(char bracket) {
    const bool empty = m_empty.back();
    m_empty.pop_back();
    if (!empty) {
      m_out += '\n';
      indent();
    }
    m_out += bracket;
  }
  void string(std::string_view text) {
    if (!valid_utf8(text)) { // never read from a file (the reader refuses it): nlohmann's way
      m_out += Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
      return;
    }
    m_out += '"';
    for (const char c : text) {
      switch (c) {
      case '"':
        m_out += "\\\"";
        break;
      case '\\':
        m_out += "\\\\";
        break;
      case '\b':
        m_out += "\\b";
        break;
      case '\f':
        m_out += "\\f";
        break;
      case '\n':
        m_out += "\\n";
        break;
      case '\r':
        m_out += "\\r";
        break;
      case '\t':
        m_out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          m_out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          m_out += c;
        }
      }
    }
    m_out += '"';
  }
  // Any value, as dump() would print it at this depth.
  void json(const Json& value) {
    const std::string text = value.dump(2, ' ', false, Json::error_handler_t::replace);
    for (const char c : text) {
      m_out += c;
      if (c == '\n') indent();
    }
  }
  void value(const Value& v) {
    if (const auto* text = std::get_if<std::string>(&v)) {
      string(*text);
    } else if (const auto* list = std::get_if<std::vector<std::string>>(&v)) {
      open('[');
      for (const std::string& entry : *list) {
        element();
        string(entry);
      }
      close(']');
    } else {
      json(value_to_json(v));
    }
  }
  void text(std::string_view name, const std::string& s) {
    key(name);
    string(s);
  }
  void optional(std::string_view name, const std::string& s) {
    if (!s.empty()) text(name, s);
  }
  // Unknown fields, kept verbatim: last, in their order.
  void extra(const std::string& fields) {
    if (fields.empty()) return;
    // Named: a temporary in the range-for initialiser would die before the loop (before C++23).
    const Json parsed = Json::parse(fields);
    for (const auto& [name, v] : parsed.items()) {
      key(name);
      json(v);
    }
  }
  [[nodiscard]] std::string take() {
    m_out += '\n';
    return escape_json_controls(m_out);
  }

private:
  void next() {
    if (!m_empty.back()) m_out += ',';
    m_empty.back() = false;
    m_out += '\n';
    indent();
  }
  void indent() { m_out.append(2 * m_empty.size(), ' '); }

  std::string m_out;
  std::vector<bool> m_empty; // per open object or array: nothing in it yet
};

void write_answer(CanonicalWriter& w, const Answer& a) {
  w.open('{');
  w.text("state", std::string(to_string(a.state)));
  if (has_value(a.value)) {
    w.key("value");
    w.value(a.value);
  }
  w.optional("reason", a.reason);
  w.optional("owner", a.owner);
  w.optional("due", a.due);
  w.optional("source", a.source);
  w.optional("note", a.note);
  w.optional("answered_at", a.answered_at);
  w.optional("answered_by", a.answered_by);
  w.optional("item_sha256", a.item_sha256);
  w.optional("confirmed_at", a.confirmed_at);
  w.optional("confirmed_by", a.confirmed_by);
  w.optional("confirmed_with", a.confirmed_with);
  if (a.sides.size() == 2) {
    w.key("ours");
    write_answer(w, a.sides[0]);
    w.key("theirs");
    write_answer(w, a.sides[1]);
  }
  w.extra(a.extra);
  w.close('}');
}

} // namespace

std::string serialize_assessment(const Assessment& a) {
  CanonicalWriter w;
  w.open('{');
  w.key("cna");
  w.json(a.cna);
  w.text("account", a.account);
  w.text("name", a.name);
  w.key("checklist");
  w.open('{');
  w.text("id", a.checklist.id);
  w.text("version", a.checklist.version);
  w.text("sha256", a.checklist.sha256);
  w.close('}');
  w.key("stakeholders");
  w.open('[');
  for (const Stakeholder& s : a.stakeholders) {
    w.element();
    w.open('{');
    w.text("id", s.id);
    w.text("name", s.name);
    w.optional("title", s.title);
    if (!s.roles.empty()) {
      w.key("roles");
      w.value(s.roles);
    }
    w.extra(s.extra);
    w.close('}');
  }
  w.close(']');
  for (const char* key : {"answers", "retired"}) {
    w.key(key);
    w.open('{');
    for (const auto& [id, answer] : key[0] == 'a' ? a.answers : a.retired) {
      w.key(id);
      write_answer(w, answer);
    }
    w.close('}');
  }
  w.key("history");
  w.open('[');
  for (const HistoryEntry& h : a.history) {
    w.element();
    w.open('{');
    w.text("at", h.at);
    w.text("by", h.by);
    w.optional("item", h.item);
    w.text("action", h.action);
    if (has_value(h.value)) {
      w.key("value");
      w.value(h.value);
    }
    w.optional("source", h.source);
    w.extra(h.extra);
    w.close('}');
  }
  w.close(']');
  w.extra(a.extra);
  w.close('}');
  return w.take();
}

std::string merge_extra(const std::string& base, const std::string& ours, const std::string& theirs,
                        std::vector<std::pair<std::string, std::string>>& kept_ours) {
  const auto object = [](const std::string& text) {
    return text.empty() ? Json::object() : Json::parse(text);
  };
  const Json b = object(base), o = object(ours), t = object(theirs);
  const auto member = [](const Json& j, const std::string& key) {
    const auto it = j.find(key);
    return it == j.end() ? std::optional<Json>() : std::optional<Json>(*it);
  };
  Json out = o;
  for (const auto& [key, value] : t.items()) {
    const auto in_base = member(b, key), in_ours = member(o, key);
    if (in_ours == value || in_base == value) continue; // agreed, or theirs did not change it
    if (in_ours == in_base || !in_ours) {
      out[key] = value; // only theirs changed it (an edit wins over a removal)
    } else {
      kept_ours.emplace_back(key, value.dump());
    }
  }
  for (const auto& [key, value] : b.items()) {
    // Removed by theirs and left alone by ours: removed.
    if (!t.contains(key) && member(o, key) == value) out.erase(key);
  }
  return out.empty() ? std::string() : out.dump();
}

// ---- the store ----------------------------------------------------------------------------------

AssessmentStore::AssessmentStore(fs::path path, fs::path workspace_root)
    : m_path(std::move(path)), m_root(std::move(workspace_root)) {}

bool AssessmentStore::exists() const {
  std::error_code ec;
  return fs::exists(fs::symlink_status(m_path, ec));
}

Assessment AssessmentStore::load() const {
  require_inside(m_path, m_root);
  return parse_assessment(read_file(m_path, kMaxAssessmentBytes), m_path.string());
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

// The temporary file of a save: one name per account, since the lock makes saves exclusive; a
// save that was killed leaves it behind and the next one removes or reuses it.
fs::path temp_path(const fs::path& path) {
  return path.parent_path() / ("." + path.filename().string() + ".tmp.saving");
}

} // namespace

std::optional<FileStamp> file_stamp(const char* path) {
  struct stat st {};
  if (::stat(path, &st) != 0) return std::nullopt;
  return FileStamp{st.st_dev, st.st_ino, static_cast<std::uint64_t>(st.st_size),
                   st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
}

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
  const fs::path temp = temp_path(file);
  ::unlink(temp.c_str());
  const auto current = file_stamp(file);
  std::optional<std::string> before;
  Assessment assessment;
  std::string unchanged; // the file's model, serialized: a file formatted by hand stays as it is
  if (current && m_written && *current == m_written->stamp) {
    before = unchanged = m_written->text; // still the file this store wrote: no re-parse
    assessment = m_written->assessment;
  } else if ((before = read_file_if_exists(file, kMaxAssessmentBytes))) {
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
  atomic_write(file, after, temp);
  if (const auto written = file_stamp(file)) {
    m_written = Written{*written, std::move(after), assessment};
  }
  return assessment;
}

} // namespace cna
