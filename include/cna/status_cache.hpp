// The summary cache of `cna status` over a portfolio (docs/performance.md: warm runs within 50 ms).
// Per account it keeps what status prints, keyed by the stamps (device, inode, size, mtime) of
// the account's file and of its checklist, and by the settings, the binary and the time zone
// that computed it; a summary is used only while the clock stays inside the window in which it
// holds (Readiness::holds_until). It is never trusted over a changed file: any difference in a key
// recomputes the account. A file younger than two seconds is not cached (a write in the same
// mtime tick could go unseen).
//
// The cache is a tab-separated file under ${XDG_CACHE_HOME:-~/.cache}/cna/, one per workspace,
// mode 0600 (it holds account names and answer text), replaced (a new file with an unpredictable
// name, renamed over it) when something changed. Its records are in the order of the run that
// wrote it (account order), so the next run reads it front to back once. Every record ends with a
// checksum of the rest, checked before anything in it is used: an edited, cut or foreign record
// is recomputed, never believed; the file is opened without
// blocking, so a FIFO or a device at its path is ignored. CNA_NO_CACHE=1 turns it off.
//
// The figures of a record come from two tables (kSummaryFigures and kSummaryTexts in
// status_cache.cpp): a new column is a member of Quality and a row there, and the layout's names
// in the header drop every cache written with another layout.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cna/clock.hpp"
#include "cna/file.hpp"
#include "cna/quality.hpp"
#include "cna/store.hpp"
#include "cna/workspace.hpp"

namespace cna {

// What `cna status` prints of one account.
struct StatusSummary {
  std::string name;
  Quality quality;  // its figures (holds_until is not kept: the record has its own window)
  std::string json; // its object in `status --json`, one line
};

class StatusCache {
public:
  explicit StatusCache(const Workspace& workspace);
  ~StatusCache();
  StatusCache(const StatusCache&) = delete;
  StatusCache& operator=(const StatusCache&) = delete;

  // Whether a cache was read: without one, next() and find() find nothing.
  [[nodiscard]] bool empty() const { return m_text.empty(); }

  // The stamp of account `slug`'s file (and, set by the caller before keep(), its checklist's
  // id); nullopt when there is no cache or no file. Thread-safe.
  struct Key {
    FileStamp file;
    std::string checklist_id;
  };
  [[nodiscard]] std::optional<Key> key(const std::string& slug) const;

  // A cached summary: its record is intact, every stamp still matches and `now` is inside its
  // window. Views into the cache, valid while it lives; `record` is what keep(hit) carries into
  // the next cache file.
  struct Hit {
    std::string_view record;
    std::string_view json; // the account's object in `status --json`
  };
  // What the record says (the name and figures as `cna status` prints them).
  [[nodiscard]] static StatusSummary summary(const Hit& hit);

  // The summary of `slug` when the cache holds one, looked for where the last one was found:
  // the cache is written in account order, so a run in that order reads it front to back once,
  // and checks only the records it uses. One thread, in order.
  [[nodiscard]] std::optional<Hit> next(const std::string& slug, const Key& key, Seconds now);
  // The same in any order, on any thread, among the records next() has not passed, once index()
  // has listed them (on one thread, before).
  void index();
  [[nodiscard]] std::optional<Hit> find(const std::string& slug, const Key& key, Seconds now) const;

  // A summary found, kept in the next cache file.
  void keep(const Hit& hit);
  // The record of a summary computed at `now`, valid until `holds_until`; "" when it must not be
  // kept (its file changed or is too young). Thread-safe: the workers that compute the accounts
  // write their records too.
  [[nodiscard]] std::string record_of(const std::string& slug, const Key& key, Seconds now,
                                      Seconds holds_until, const StatusSummary& summary) const;
  // A record of record_of() kept in the next cache file, in place of the account's old one ("":
  // none, the account is computed again next time).
  void keep(std::string_view record);

  // Replaces the cache file when anything differs from what was read (errors ignored: it is
  // only a cache).
  void save();

private:
  // "file:<stamp>" or "builtin:<sha256>", taken when the cache opened; "" for an unknown id.
  [[nodiscard]] std::string_view checklist_stamp(std::string_view id) const;
  [[nodiscard]] std::optional<FileStamp> stamp_of(const std::string& slug) const;
  [[nodiscard]] std::optional<Hit> check(std::string_view record, const Key& key,
                                         Seconds now) const;
  void read_cache();
  void record(std::string_view line);
  void begin_writing();
  void flush();
  static constexpr std::size_t kFlushBytes = 1U << 16U;

  std::filesystem::path m_file; // empty: no cache
  std::string m_accounts;       // "<workspace>/assessments/"
  int m_accounts_fd = -1;       // that folder, open: each stamp is looked up from it
  std::string m_header;
  // The cache as read, mapped rather than copied: the pages behind the accounts emitted are
  // handed back as the run goes (release_before), so a large cache never sits in memory whole.
  std::string_view m_text;
  std::size_t m_released = 0; // bytes of m_text handed back, from its start
  void release_before(const char* upto);
  std::size_t m_next = 0;   // where next() looks: the record after the last one it passed
  std::size_t m_passed = 0; // records next() passed (used or not)
  bool m_indexed = false;   // index() listed the records from m_next on in m_records
  std::unordered_map<std::string_view, std::string_view> m_records;   // slug -> its record
  std::map<std::string, std::string, std::less<>> m_checklist_stamps; // a few: looked up by view
  std::vector<std::string_view> m_found; // records found, until the first change
  bool m_rewrite = false;                // the file must be written again (its mode)
  std::optional<AtomicFile> m_out;       // the next cache file, once something changed
  std::string m_pending;                 // what is not yet written to m_out
  bool m_ok = true;
};

// The checksum that ends each record: 16 hex digits of a 64-bit hash, four words at a time (a
// guard against edits and cuts, not against someone who can write the file: that is the user).
[[nodiscard]] std::string record_checksum(std::string_view record);

} // namespace cna
