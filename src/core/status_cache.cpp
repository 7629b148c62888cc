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

namespace cna {

namespace {

namespace fs = std::filesystem;

// Changed when the record layout changes (the figures' names are added to it).
constexpr std::string_view kMagic = "cna-status-cache 4";
// A file this young may be rewritten within its mtime tick, unseen by its stamp.
constexpr std::int64_t kSettleNs = 2'000'000'000;

// The fields of a record, in order: the key, the window, the figures (kSummaryFigures), the texts
// (kSummaryTexts), the status --json object and the checksum of all before it.
enum Field : std::size_t {
  kSlug,
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

// The fields of a record; empty when it does not have exactly kFields.
std::vector<std::string_view> fields_of(std::string_view record) {
  std::vector<std::string_view> fields;
  for (std::size_t start = 0;;) {
    const std::size_t tab = record.find('\t', start);
    fields.push_back(record.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  if (fields.size() != kFields) fields.clear();
  return fields;
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

std::string record_checksum(std::string_view record) {
  constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = 0xCBF29CE484222325ULL ^ record.size();
  std::size_t i = 0;
  for (; i + 8 <= record.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, record.data() + i, 8); // little-endian hosts: the bytes in order
    h = (h ^ word) * kMultiplier;
    h ^= h >> 32;
  }
  std::uint64_t last = 0;
  std::memcpy(&last, record.data() + i, record.size() - i);
  h = (h ^ last) * kMultiplier;
  h ^= h >> 29;
  h *= kMultiplier;
  h ^= h >> 32;
  return fmt::format("{:016x}", h);
}

StatusCache::StatusCache(const Workspace& workspace) {
  const auto dir = cache_dir();
  const auto binary = file_stamp("/proc/self/exe");
  if (!dir || !binary) return;
  const std::string root = workspace.root().string();
  m_accounts = workspace.assessments_dir().string() + "/";
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
  std::string_view rest = m_text.substr(m_header.size() + 1);
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    if (end == std::string_view::npos) break; // a record cut short: ignored
    const std::string_view record = rest.substr(0, end);
    m_records.emplace(record.substr(0, record.find('\t')), record);
    release_before(record.data());
    rest.remove_prefix(end + 1);
  }
  m_released = 0; // find() reads the records again, and keep() hands them back again
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

std::string StatusCache::checklist_stamp(const std::string& id) const {
  const auto it = m_checklist_stamps.find(id);
  return it == m_checklist_stamps.end() ? std::string() : it->second;
}

std::optional<StatusCache::Key> StatusCache::key(const std::string& slug) const {
  if (m_file.empty()) return std::nullopt;
  const auto file = file_stamp((m_accounts + slug + ".json").c_str());
  if (!file) return std::nullopt;
  return Key{*file, {}};
}

std::optional<StatusCache::Hit> StatusCache::find(const std::string& slug, const Key& key,
                                                  Seconds now) const {
  const auto it = m_records.find(slug);
  if (it == m_records.end()) return std::nullopt;
  const std::string_view record = it->second;
  const std::size_t last_tab = record.rfind('\t');
  // Edited, cut or foreign: recomputed (the checksum covers everything before it).
  if (last_tab == std::string_view::npos ||
      record.substr(last_tab + 1) != record_checksum(record.substr(0, last_tab))) {
    return std::nullopt;
  }
  const auto f = fields_of(record);
  if (f.empty() || number<std::uint64_t>(f[kDevice]) != key.file.device ||
      number<std::uint64_t>(f[kInode]) != key.file.inode ||
      number<std::uint64_t>(f[kSize]) != key.file.size ||
      number<std::int64_t>(f[kMtime]) != key.file.mtime_ns ||
      f[kChecklistStamp] != checklist_stamp(std::string(f[kChecklistId]))) {
    return std::nullopt;
  }
  const auto from = number<Seconds>(f[kValidFrom]), until = number<Seconds>(f[kValidUntil]);
  if (!from || !until || now < *from || now >= *until) return std::nullopt;
  Hit hit{{}, record};
  for (std::size_t i = 0; i < kSummaryFigures.size(); ++i) {
    const auto figure = number<std::size_t>(f[kFirstFigure + i]);
    if (!figure) return std::nullopt;
    hit.summary.quality.*kSummaryFigures[i].member = *figure;
  }
  for (std::size_t i = 0; i < kSummaryTexts.size(); ++i) {
    auto text = unescape_field(f[kFirstText + i]);
    if (!text) return std::nullopt;
    text_of(hit.summary, kSummaryTexts[i]) = std::move(*text);
  }
  if (f[kJson].empty()) return std::nullopt;
  hit.summary.json = f[kJson];
  return hit;
}

void StatusCache::keep(const Hit& hit) {
  record(hit.record);
  release_before(hit.record.data());
}

void StatusCache::keep(const std::string& slug, const Key& key, Seconds now, Seconds holds_until,
                       const StatusSummary& summary) {
  if (m_file.empty()) return;
  begin_writing();
  const auto wall = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  const std::string stamp = checklist_stamp(key.checklist_id);
  // The file must still be the one stamped before it was read.
  const auto file = file_stamp((m_accounts + slug + ".json").c_str());
  if (stamp.empty() || !file || *file != key.file || wall - key.file.mtime_ns < kSettleNs ||
      summary.json.find_first_of("\t\n") != std::string::npos) {
    return; // not cached: recomputed next time
  }
  std::string line =
      fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", slug, key.file.device, key.file.inode,
                  key.file.size, key.file.mtime_ns, key.checklist_id, stamp, now, holds_until);
  for (const SummaryFigure& f : kSummaryFigures)
    line += fmt::format("\t{}", summary.quality.*f.member);
  for (const SummaryText& f : kSummaryTexts)
    line += "\t" + escape_field(text_of(summary, f));
  line += "\t" + summary.json;
  line += "\t" + record_checksum(line);
  record(line);
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
  // rewriting.
  if (!m_out && (m_rewrite || m_found.size() != m_records.size())) begin_writing();
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
}

} // namespace cna
