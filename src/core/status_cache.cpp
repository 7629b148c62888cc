// cna status's summary cache: one record per account, tab-separated.
#include "cna/status_cache.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cna/builtins.hpp"
#include "cna/error.hpp"
#include "cna/sha256.hpp"
#include "cna/text.hpp"

namespace cna {

namespace {

namespace fs = std::filesystem;

// Changed when the record layout changes (the figures' names are added to it).
constexpr std::string_view kMagic = "cna-status-cache 5";
// A file this young may be rewritten within its mtime tick, unseen by its stamp.
constexpr std::int64_t kSettleNs = 2'000'000'000;

// The fields of a record, in order: the account, the record's length, the key, the window, the
// figures (kSummaryFigures), the texts (kSummaryTexts), the status --json object and the checksum
// of all before it.
enum Field : std::size_t {
  kSlug,
  kLength, // of the rest of the record (after this field's tab): where the next one starts
  kDevice,
  kInode,
  kSize,
  kMtime,
  kChecklistId,
  kChecklistStamp,
  kValidFrom,
  kValidUntil,
  kFirstFigure
};

// The figures a record keeps, in order: a new column of `cna status` is a row here.
struct SummaryFigure {
  std::string_view name;
  std::size_t Quality::*member;
};
constexpr std::array kSummaryFigures{
    SummaryFigure{"items", &Quality::applicable},
    SummaryFigure{"answered", &Quality::answered},
    SummaryFigure{"confirmed", &Quality::confirmed},
    SummaryFigure{"blockers", &Quality::blockers},
    SummaryFigure{"overdue", &Quality::overdue},
    SummaryFigure{"sourced", &Quality::sourced},
    SummaryFigure{"stakeholders", &Quality::stakeholders},
    SummaryFigure{"met", &Quality::met},
    SummaryFigure{"voices", &Quality::voices},
    SummaryFigure{"stale_soon", &Quality::stale_soon},
};
// The texts a record keeps after the figures, each on one escaped field: the name first.
struct SummaryText {
  std::string_view name;
  std::string StatusSummary::*summary; // set for a text of the summary itself
  std::string Quality::*quality;       // or of its figures
};
constexpr std::array kSummaryTexts{
    SummaryText{"name", &StatusSummary::name, nullptr},
    SummaryText{"rep", nullptr, &Quality::rep},
    SummaryText{"last_meeting", nullptr, &Quality::last_meeting},
};
std::string& text_of(StatusSummary& summary, const SummaryText& t) {
  return t.summary != nullptr ? summary.*t.summary : summary.quality.*t.quality;
}
const std::string& text_of(const StatusSummary& summary, const SummaryText& t) {
  return t.summary != nullptr ? summary.*t.summary : summary.quality.*t.quality;
}
constexpr std::size_t kFirstText = kFirstFigure + kSummaryFigures.size();
constexpr std::size_t kJson = kFirstText + kSummaryTexts.size();
constexpr std::size_t kChecksum = kJson + 1;
constexpr std::size_t kFields = kChecksum + 1;

std::optional<fs::path> cache_dir() {
  if (const char* off = std::getenv("CNA_NO_CACHE"); off != nullptr && *off != '\0') {
    return std::nullopt;
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
    return fs::path(xdg) / "cna";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    return fs::path(home) / ".cache" / "cna";
  }
  return std::nullopt;
}

std::string stamp_text(const FileStamp& s) {
  return fmt::format("{}:{}:{}:{}", s.device, s.inode, s.size, s.mtime_ns);
}

// A name on one field: backslash, tab, CR and newline escaped.
std::string escape_field(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '\\':
      out += "\\\\";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::optional<std::string> unescape_field(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (++i == text.size()) return std::nullopt;
    switch (text[i]) {
    case '\\':
      out += '\\';
      break;
    case 't':
      out += '\t';
      break;
    case 'n':
      out += '\n';
      break;
    case 'r':
      out += '\r';
      break;
    default:
      return std::nullopt;
    }
  }
  return out;
}

template <typename T> std::optional<T> number(std::string_view text) {
  T value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The fields of a record, split without copying: those before the JSON object at each tab (they
// are short), the checksum its last 16 bytes, the object what is in between; false when the
// record is not so shaped.
using Fields = std::array<std::string_view, kFields>;
constexpr std::size_t kChecksumDigits = 16;
bool split_fields(std::string_view record, Fields& fields) {
  if (record.size() <= kChecksumDigits || record[record.size() - kChecksumDigits - 1] != '\t') {
    return false;
  }
  fields[kChecksum] = record.substr(record.size() - kChecksumDigits);
  const std::string_view head = record.substr(0, record.size() - kChecksumDigits - 1);
  std::size_t start = 0;
  for (std::size_t n = 0; n < kJson; ++n) {
    const std::size_t tab = head.find('\t', start);
    if (tab == std::string_view::npos) return false;
    fields[n] = head.substr(start, tab - start);
    start = tab + 1;
  }
  fields[kJson] = head.substr(start);
  return true;
}

// The record at `at` in the cache, found by its length field, or by the end of its line when that
// does not lead to one (an edited record: its checksum then fails); `after` gets where the next
// record starts. Empty for an empty line, and at a record cut short (`after`: the end).
std::string_view record_at(std::string_view text, std::size_t at, std::size_t& after) {
  const std::string_view rest = text.substr(at);
  if (const std::size_t tab = rest.find('\t'); tab != std::string_view::npos) {
    const char* const last = rest.data() + rest.size();
    std::size_t length = 0;
    const auto [end, error] = std::from_chars(rest.data() + tab + 1, last, length);
    if (error == std::errc() && end != last && *end == '\t') {
      const auto start = static_cast<std::size_t>(end + 1 - rest.data());
      if (length < rest.size() - start && rest[start + length] == '\n') {
        after = at + start + length + 1;
        return rest.substr(0, start + length);
      }
    }
  }
  const std::size_t line = rest.find('\n');
  after = line == std::string_view::npos ? text.size() : at + line + 1;
  return line == std::string_view::npos ? std::string_view() : rest.substr(0, line);
}

// Maps the whole of a regular file, opened without blocking on a FIFO or a device, nor following
// a symlink; nullopt for anything else, or when its start differs from `head` (a foreign or older
// cache is not read). `mode` gets the file's permission bits. The file is only ever replaced by a
// rename, never rewritten in place, so the mapping keeps the bytes it had when mapped.
std::optional<std::string_view> map_cache_file(const fs::path& path, std::string_view head,
                                               mode_t& mode) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  const bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
                  static_cast<std::size_t>(st.st_size) >= head.size() &&
                  static_cast<std::size_t>(st.st_size) <= kMaxAssessmentBytes && !head.empty();
  const auto size = static_cast<std::size_t>(st.st_size);
  void* map = ok ? ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
  ::close(fd);
  if (map == MAP_FAILED) return std::nullopt;
  const std::string_view text(static_cast<const char*>(map), size);
  if (text.substr(0, head.size()) != head) {
    ::munmap(map, size);
    return std::nullopt;
  }
  mode = st.st_mode & 07777;
  return text;
}

} // namespace

namespace {

// Four words at a time, each into a lane of its own (four multiplications in flight, not one
// after another: the checksum of a 25 MB cache costs about a millisecond), then the lanes and the
// last bytes together. The length is in the seeds: a record cut short sums differently.
std::uint64_t checksum_of(std::string_view record) {
  constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
  constexpr std::size_t kLanes = 4, kWord = 8;
  const auto mix = [](std::uint64_t h, std::uint64_t word) {
    h = (h ^ word) * kMultiplier;
    return h ^ (h >> 32U);
  };
  const auto word_at = [&](std::size_t at) {
    std::uint64_t word = 0;
    std::memcpy(&word, record.data() + at, kWord); // little-endian hosts: the bytes in order
    return word;
  };
  std::array<std::uint64_t, kLanes> lane{};
  for (std::size_t k = 0; k < kLanes; ++k)
    lane[k] = (0xCBF29CE484222325ULL ^ record.size()) + k * kMultiplier;
  std::size_t i = 0;
  for (; i + kLanes * kWord <= record.size(); i += kLanes * kWord) {
    for (std::size_t k = 0; k < kLanes; ++k)
      lane[k] = mix(lane[k], word_at(i + k * kWord));
  }
  for (; i + kWord <= record.size(); i += kWord)
    lane[0] = mix(lane[0], word_at(i));
  std::uint64_t h = lane[0];
  for (std::size_t k = 1; k < kLanes; ++k)
    h = mix(h, lane[k]);
  std::uint64_t last = 0;
  std::memcpy(&last, record.data() + i, record.size() - i);
  h = (h ^ last) * kMultiplier;
  h ^= h >> 29U;
  h *= kMultiplier;
  return h ^ (h >> 32U);
}

} // namespace

std::string record_checksum(std::string_view record) {
  return fmt::format("{:016x}", checksum_of(record));
}

StatusCache::StatusCache(const Workspace& workspace) {
  const auto dir = cache_dir();
  const auto binary = file_stamp("/proc/self/exe");
  if (!dir || !binary) return;
  const std::string root = workspace.root().string();
  m_accounts = workspace.assessments_dir().string() + "/";
  m_accounts_fd = ::open(m_accounts.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  m_file = *dir / fmt::format("status-{}.tsv", sha256_hex(root).substr(0, 16));
  // Every checklist's stamp now, before any is read: one edited during this run then shows a
  // newer stamp next time, and its accounts are recomputed.
  for (const Workspace::ChecklistEntry& e : workspace.checklists()) {
    if (e.path.empty()) { // built in: the hash of the file compiled in
      for (const BuiltinFile& f : builtin_files()) {
        if (f.name == "checklists/" + e.id + ".json") {
          m_checklist_stamps[e.id] = "builtin:" + std::string(f.sha256);
        }
      }
    } else if (const auto file = file_stamp(e.path)) {
      m_checklist_stamps[e.id] = "file:" + stamp_text(*file);
    }
  }
  // The layout, the settings, the binary and the time zone (where a day turns: overdue, last
  // met) that computed the summaries: any change drops them.
  std::string layout;
  for (const SummaryFigure& f : kSummaryFigures)
    layout += fmt::format("{}{}", layout.empty() ? "" : ",", f.name);
  for (const SummaryText& f : kSummaryTexts)
    layout += fmt::format(",{}", f.name);
  m_header = fmt::format("{} {}\t{}\t{}\t{}\t{}", kMagic, layout, stamp_text(*binary),
                         workspace.config().reconfirm_after_days, escape_field(root),
                         escape_field(zone_id()));
  read_cache();
}

void StatusCache::read_cache() {
  mode_t mode = 0;
  const auto text = map_cache_file(m_file, m_header + "\n", mode);
  if (!text) return;
  m_rewrite = (mode & 077) != 0; // an older cache readable by others: written again, 0600
  m_text = *text;
  m_next = m_header.size() + 1;
}

// Hands back the pages of the mapped cache before `upto`, a megabyte at a time: they come back
// from the page cache if read again, so this bounds the memory and never changes a byte read.
void StatusCache::release_before(const char* upto) {
  constexpr std::size_t kStep = 1U << 20U;
  if (m_text.empty() || upto < m_text.data() || upto > m_text.data() + m_text.size()) return;
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t end = static_cast<std::size_t>(upto - m_text.data()) / page * page;
  if (end < m_released + kStep) return;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-const-cast): madvise takes a non-const address
  ::madvise(const_cast<char*>(m_text.data()) + m_released, end - m_released, MADV_DONTNEED);
  m_released = end;
}

std::string_view StatusCache::checklist_stamp(std::string_view id) const {
  const auto it = m_checklist_stamps.find(id);
  return it == m_checklist_stamps.end() ? std::string_view() : std::string_view(it->second);
}

std::optional<FileStamp> StatusCache::stamp_of(const std::string& slug) const {
  // From the folder already open, by name: no path walked per account. A name that is no slug
  // (`cna status ../x`) is never cached, nor read (Portfolio::read refuses it).
  std::array<char, 256> name{};
  constexpr std::string_view kSuffix = ".json";
  if (m_accounts_fd < 0 || !is_slug(slug) || slug.size() + kSuffix.size() >= name.size()) {
    return file_stamp((m_accounts + slug + std::string(kSuffix)).c_str());
  }
  std::memcpy(name.data(), slug.data(), slug.size());
  std::memcpy(name.data() + slug.size(), kSuffix.data(), kSuffix.size());
  return file_stamp(m_accounts_fd, name.data());
}

std::optional<StatusCache::Key> StatusCache::key(const std::string& slug) const {
  if (m_file.empty()) return std::nullopt;
  const auto file = stamp_of(slug);
  if (!file) return std::nullopt;
  return Key{*file, {}};
}

// The record when it is intact and holds for `key` at `now`. The key fields are compared first
// (a changed account costs no checksum), and the checksum is checked before anything is used.
std::optional<StatusCache::Hit> StatusCache::check(std::string_view record, const Key& key,
                                                   Seconds now) const {
  Fields f;
  if (!split_fields(record, f) || number<std::uint64_t>(f[kDevice]) != key.file.device ||
      number<std::uint64_t>(f[kInode]) != key.file.inode ||
      number<std::uint64_t>(f[kSize]) != key.file.size ||
      number<std::int64_t>(f[kMtime]) != key.file.mtime_ns || f[kChecklistStamp].empty() ||
      f[kChecklistStamp] != checklist_stamp(f[kChecklistId])) {
    return std::nullopt;
  }
  const auto from = number<Seconds>(f[kValidFrom]), until = number<Seconds>(f[kValidUntil]);
  if (!from || !until || now < *from || now >= *until) return std::nullopt;
  // Edited, cut or foreign: recomputed (the checksum covers everything before it).
  // The figures and texts are then as record_of() wrote them, in this very binary (its stamp is in
  // the header).
  const std::string_view sum = f[kChecksum];
  std::uint64_t expected = 0;
  const auto [end, error] = std::from_chars(sum.data(), sum.data() + sum.size(), expected, 16);
  if (error != std::errc() || end != sum.data() + sum.size() ||
      checksum_of(record.substr(0, record.size() - sum.size() - 1)) != expected ||
      f[kJson].empty()) {
    return std::nullopt;
  }
  return Hit{record, f[kJson]};
}

StatusSummary StatusCache::summary(const Hit& hit) {
  // check() took this record apart before: every field is there and well-formed.
  Fields f;
  StatusSummary summary;
  if (!split_fields(hit.record, f)) return summary;
  for (std::size_t i = 0; i < kSummaryFigures.size(); ++i)
    summary.quality.*kSummaryFigures[i].member =
        number<std::size_t>(f[kFirstFigure + i]).value_or(0);
  for (std::size_t i = 0; i < kSummaryTexts.size(); ++i)
    text_of(summary, kSummaryTexts[i]) = unescape_field(f[kFirstText + i]).value_or("");
  summary.json = hit.json;
  return summary;
}

std::optional<StatusCache::Hit> StatusCache::next(const std::string& slug, const Key& key,
                                                  Seconds now) {
  // Records before `slug` in account order are of accounts this run does not ask for (gone, or
  // not named): passed over. A record after it: `slug` has none (a new account).
  while (m_next < m_text.size()) {
    std::size_t after = 0;
    const std::string_view record = record_at(m_text, m_next, after);
    const std::string_view name = record.substr(0, record.find('\t'));
    if (!record.empty() && name > slug) return std::nullopt;
    m_next = after;
    if (record.empty()) continue;
    ++m_passed;
    if (name == slug) return check(record, key, now);
  }
  return std::nullopt;
}

void StatusCache::index() {
  if (m_indexed) return;
  m_indexed = true;
  const std::size_t released = m_released;
  for (std::size_t at = m_next, after = 0; at < m_text.size(); at = after) {
    const std::string_view record = record_at(m_text, at, after);
    if (record.empty()) continue;
    m_records.emplace(record.substr(0, record.find('\t')), record);
    release_before(record.data());
  }
  m_released = released; // find() reads the records again, and keep() hands them back again
}

std::optional<StatusCache::Hit> StatusCache::find(const std::string& slug, const Key& key,
                                                  Seconds now) const {
  const auto it = m_records.find(slug);
  if (it == m_records.end()) return std::nullopt;
  return check(it->second, key, now);
}

void StatusCache::keep(const Hit& hit) {
  record(hit.record);
  release_before(hit.record.data());
}

std::string StatusCache::record_of(const std::string& slug, const Key& key, Seconds now,
                                   Seconds holds_until, const StatusSummary& summary) const {
  if (m_file.empty()) return {};
  const auto wall = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  const std::string_view stamp = checklist_stamp(key.checklist_id);
  // The file must still be the one stamped before it was read.
  const auto file = stamp_of(slug);
  if (stamp.empty() || !file || *file != key.file || wall - key.file.mtime_ns < kSettleNs ||
      std::any_of(summary.json.begin(), summary.json.end(), // not find_first_of: a memchr a byte
                  [](char c) { return c == '\t' || c == '\n'; })) {
    return {}; // not cached: recomputed next time
  }
  std::string rest =
      fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", key.file.device, key.file.inode, key.file.size,
                  key.file.mtime_ns, key.checklist_id, stamp, now, holds_until);
  for (const SummaryFigure& f : kSummaryFigures)
    rest += fmt::format("\t{}", summary.quality.*f.member);
  for (const SummaryText& f : kSummaryTexts)
    rest += "\t" + escape_field(text_of(summary, f));
  rest += "\t" + summary.json;
  std::string line = fmt::format("{}\t{}\t{}", slug, rest.size() + 1 + kChecksumDigits, rest);
  line += "\t" + record_checksum(line);
  return line;
}

void StatusCache::keep(std::string_view record) {
  if (m_file.empty()) return;
  begin_writing(); // the account's old record, if any, is not carried over: the file changes
  if (!record.empty()) this->record(record);
}

// The next cache file is written only once a record differs from the cache read: the records
// found until then are kept as views, and written when the first change comes.
void StatusCache::record(std::string_view line) {
  if (!m_out) {
    m_found.push_back(line);
    return;
  }
  m_pending.append(line).push_back('\n');
  if (m_pending.size() >= kFlushBytes) flush();
}

// The cache is an optimisation: a failure to write it (a full disk, a read-only home) is never
// an error; status goes on and the next run reads every account again.
void StatusCache::flush() {
  if (!m_ok || !m_out) return;
  try {
    m_out->write(m_pending);
  } catch (const Error&) {
    m_ok = false;
  }
  m_pending.clear();
}

void StatusCache::begin_writing() {
  if (m_out || !m_ok) return;
  // The folder private to its user (the names and answers in it are); the file is written like
  // every file cna writes (AtomicFile: an unpredictable temporary name, never followed, 0600).
  std::error_code ec;
  const fs::path dir = m_file.parent_path();
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir.parent_path(), ec);
    ::mkdir(dir.c_str(), 0700);
  }
  try {
    m_out.emplace(m_file, kPrivateMode);
  } catch (const Error&) {
    m_ok = false;
    return;
  }
  m_pending = m_header + '\n';
  const std::vector<std::string_view> found = std::move(m_found);
  m_released = 0; // the records found are read once more, and handed back again
  for (const std::string_view line : found) {
    record(line);
    release_before(line.data());
  }
}

void StatusCache::save() {
  // Records of accounts that are gone (or a file readable by others) also make the cache worth
  // rewriting: every record read must have been found, once.
  const bool all_found = m_indexed ? m_found.size() == m_passed + m_records.size()
                                   : m_next >= m_text.size() && m_found.size() == m_passed;
  if (!m_out && (m_rewrite || !all_found)) begin_writing();
  if (!m_out) return;
  flush();
  try {
    if (m_ok) m_out->commit();
  } catch (const Error&) {
    m_ok = false;
  }
  m_out.reset(); // without a commit, the temporary file is removed
}

StatusCache::~StatusCache() {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-const-cast): munmap takes a non-const address
  if (!m_text.empty()) ::munmap(const_cast<char*>(m_text.data()), m_text.size());
  if (m_accounts_fd >= 0) ::close(m_accounts_fd);
}

} // namespace cna
