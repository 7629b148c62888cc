// cna status's summary cache: one record per account, tab-separated.
#include "cna/status_cache.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <unistd.h>

#include "cna/builtins.hpp"
#include "cna/sha256.hpp"

namespace cna {

namespace {

namespace fs = std::filesystem;

// Changed when the record layout changes.
constexpr std::string_view kMagic = "cna-status-cache 2";
// A file this young may be rewritten within its mtime tick, unseen by its stamp.
constexpr std::int64_t kSettleNs = 2'000'000'000;

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
  kItems,
  kAnswered,
  kConfirmed,
  kBlockers,
  kName,
  kJson,
  kFields
};

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

} // namespace

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
  // The settings and the binary that computed the summaries: any change drops them all.
  m_header = fmt::format("{}\t{}\t{}\t{}", kMagic, stamp_text(*binary),
                         workspace.config().reconfirm_after_days, escape_field(root));
  // The header first: a foreign cache is not read into memory.
  std::FILE* in = std::fopen(m_file.c_str(), "r");
  if (in == nullptr) return;
  std::string head(m_header.size() + 1, '\0');
  const bool same =
      std::fread(head.data(), 1, head.size(), in) == head.size() && head == m_header + "\n";
  std::fclose(in);
  if (!same) return;
  auto text = read_file_if_exists(m_file, kMaxAssessmentBytes);
  if (!text || !text->starts_with(m_header + "\n")) return;
  m_text = std::move(*text);
  std::string_view rest = std::string_view(m_text).substr(m_header.size() + 1);
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    if (end == std::string_view::npos) break; // a record cut short: ignored
    const std::string_view record = rest.substr(0, end);
    m_records.emplace(record.substr(0, record.find('\t')), record);
    rest.remove_prefix(end + 1);
  }
}

std::string StatusCache::checklist_stamp(const std::string& id) const {
  const auto it = m_checklist_stamps.find(id);
  return it == m_checklist_stamps.end() ? std::string() : it->second;
}

std::optional<StatusCache::Key> StatusCache::key(const std::string& slug) {
  if (m_file.empty()) return std::nullopt;
  const auto file = file_stamp((m_accounts + slug + ".json").c_str());
  if (!file) return std::nullopt;
  return Key{*file, {}};
}

std::optional<StatusSummary> StatusCache::find(const std::string& slug, const Key& key,
                                               Seconds now) {
  const auto it = m_records.find(slug);
  if (it == m_records.end()) return std::nullopt;
  const auto f = fields_of(it->second);
  if (f.empty() || number<std::uint64_t>(f[kDevice]) != key.file.device ||
      number<std::uint64_t>(f[kInode]) != key.file.inode ||
      number<std::uint64_t>(f[kSize]) != key.file.size ||
      number<std::int64_t>(f[kMtime]) != key.file.mtime_ns ||
      f[kChecklistStamp] != checklist_stamp(std::string(f[kChecklistId]))) {
    return std::nullopt;
  }
  const auto from = number<Seconds>(f[kValidFrom]), until = number<Seconds>(f[kValidUntil]);
  if (!from || !until || now < *from || now >= *until) return std::nullopt;
  const auto items = number<std::size_t>(f[kItems]), answered = number<std::size_t>(f[kAnswered]),
             confirmed = number<std::size_t>(f[kConfirmed]),
             blockers = number<std::size_t>(f[kBlockers]);
  auto name = unescape_field(f[kName]);
  if (!items || !answered || !confirmed || !blockers || !name || f[kJson].empty()) {
    return std::nullopt;
  }
  record(it->second);
  return StatusSummary{std::move(*name), *items, *answered, *confirmed, *blockers, f[kJson]};
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
  record(fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", slug,
                     key.file.device, key.file.inode, key.file.size, key.file.mtime_ns,
                     key.checklist_id, stamp, now, holds_until, summary.items, summary.answered,
                     summary.confirmed, summary.blockers, escape_field(summary.name),
                     summary.json));
}

// The next cache file is written only once a record differs from the cache read: the records
// found until then are kept as views, and written when the first change comes.
void StatusCache::record(std::string_view line) {
  if (m_out == nullptr) {
    m_found.push_back(line);
    return;
  }
  m_ok = m_ok && std::fwrite(line.data(), 1, line.size(), m_out) == line.size() &&
         std::fputc('\n', m_out) != EOF;
}

void StatusCache::begin_writing() {
  if (m_out != nullptr || !m_ok) return;
  std::error_code ec;
  fs::create_directories(m_file.parent_path(), ec);
  m_temp = m_file.string() + fmt::format(".tmp.{}", static_cast<long>(::getpid()));
  m_out = std::fopen(m_temp.c_str(), "w");
  if (m_out == nullptr) {
    m_ok = false;
    return;
  }
  m_ok = std::fprintf(m_out, "%s\n", m_header.c_str()) > 0;
  const std::vector<std::string_view> found = std::move(m_found);
  for (const std::string_view line : found)
    record(line);
}

void StatusCache::save() {
  // Records of accounts that are gone also make the cache worth rewriting.
  if (m_out == nullptr && m_found.size() != m_records.size()) begin_writing();
  if (m_out == nullptr) return;
  m_ok = std::fclose(m_out) == 0 && m_ok;
  m_out = nullptr;
  if (!m_ok || std::rename(m_temp.c_str(), m_file.c_str()) != 0) ::unlink(m_temp.c_str());
}

StatusCache::~StatusCache() {
  if (m_out != nullptr) {
    std::fclose(m_out);
    ::unlink(m_temp.c_str());
  }
}

} // namespace cna
