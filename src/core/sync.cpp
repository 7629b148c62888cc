#include "cna/sync.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <set>
#include <string_view>

#include "cna/assessment_file.hpp"
#include "cna/error.hpp"
#include "cna/file.hpp"
#include "cna/git.hpp"
#include "cna/store.hpp"
#include "cna/value.hpp"

namespace fs = std::filesystem;

namespace cna {

namespace {

// How the commit message counts the history entries a sync commits: one row per action.
struct ActionNoun {
  std::string_view action;
  std::string_view one;
  std::string_view many;
};
constexpr std::array kActionNouns{
    ActionNoun{"answered", "answer", "answers"},
    ActionNoun{"unknown", "answer", "answers"},
    ActionNoun{"na", "answer", "answers"},
    ActionNoun{"confirmed", "confirmation", "confirmations"},
    ActionNoun{"note", "note", "notes"},
    ActionNoun{"stakeholder-added", "stakeholder change", "stakeholder changes"},
    ActionNoun{"stakeholder-edited", "stakeholder change", "stakeholder changes"},
    ActionNoun{"stakeholder-removed", "stakeholder change", "stakeholder changes"},
    ActionNoun{"stakeholder-renamed", "stakeholder change", "stakeholder changes"},
    ActionNoun{"meeting", "meeting", "meetings"},
    ActionNoun{"meeting-edited", "meeting", "meetings"},
    ActionNoun{"next-step", "next step", "next steps"},
    ActionNoun{"next-step-done", "next step", "next steps"},
    ActionNoun{"account-renamed", "account change", "account changes"},
    ActionNoun{"account-archived", "account change", "account changes"},
    ActionNoun{"account-unarchived", "account change", "account changes"},
};
constexpr ActionNoun kOtherChange{"", "other change", "other changes"};

const ActionNoun& noun_of(std::string_view action) {
  for (const ActionNoun& row : kActionNouns) {
    if (row.action == action) return row;
  }
  return kOtherChange;
}

// The history of an assessment file's text; none when there is no text or it does not parse
// (the message then names the account without counting).
std::vector<HistoryEntry> history_of(const std::string& text, const std::string& account) {
  if (text.empty()) return {};
  try {
    return parse_assessment(text, account).history;
  } catch (const Error&) {
    return {};
  }
}

std::string entry_key(const HistoryEntry& e) {
  return fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}", e.at, e.by, e.item, e.action,
                     format_value(e.value));
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.pop_back();
  return text;
}

// git's output split at NUL (the -z listings).
std::vector<std::string> nul_separated(const std::string& output) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < output.size()) {
    const std::size_t end = output.find('\0', start);
    parts.push_back(output.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return parts;
}

// One sync: the workspace, its repository, and git run there.
class Sync {
public:
  Sync(fs::path root, std::string cna) : m_root(std::move(root)), m_cna(std::move(cna)) {}

  SyncResult run();

private:
  GitRun git(const std::vector<std::string>& args) const { return run_git(m_root, args); }
  std::string git_value(const std::vector<std::string>& args) const {
    const GitRun run = git(args);
    return run.status == 0 ? trimmed(run.output) : std::string();
  }
  SyncResult& stop(SyncStop why, std::string output = {}) {
    m_result.stop = why;
    m_result.git_output = trimmed(std::move(output));
    return m_result;
  }
  [[nodiscard]] bool busy() const;
  bool find_upstream();
  bool commit();
  bool merge();
  void collect_conflicts();
  [[nodiscard]] std::vector<std::string> with_pathspecs(std::vector<std::string> args) const;

  fs::path m_root;
  std::string m_cna;
  std::string m_merge_ref; // the upstream branch on the remote, refs/heads/...
  SyncResult m_result;
};

std::vector<std::string> Sync::with_pathspecs(std::vector<std::string> args) const {
  args.emplace_back("--");
  for (const std::string& spec : sync_pathspecs())
    args.push_back(spec);
  return args;
}

bool Sync::busy() const {
  for (const char* marker :
       {"MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD", "rebase-merge", "rebase-apply"}) {
    const std::string path = git_value({"rev-parse", "--git-path", marker});
    if (!path.empty() && fs::exists(fs::path(path).is_absolute() ? fs::path(path) : m_root / path))
      return true;
  }
  return !git_value({"ls-files", "--unmerged"}).empty();
}

bool Sync::find_upstream() {
  m_result.branch = git_value({"symbolic-ref", "--quiet", "--short", "HEAD"});
  if (m_result.branch.empty()) {
    stop(SyncStop::detached);
    return false;
  }
  if (git_value({"remote"}).empty()) {
    stop(SyncStop::no_remote);
    return false;
  }
  m_result.remote = git_value({"config", "--get", "branch." + m_result.branch + ".remote"});
  m_merge_ref = git_value({"config", "--get", "branch." + m_result.branch + ".merge"});
  if (m_result.remote.empty() || m_result.remote == "." || m_merge_ref.empty()) {
    stop(SyncStop::no_upstream);
    return false;
  }
  constexpr std::string_view kHeads = "refs/heads/";
  const std::string_view short_ref =
      std::string_view(m_merge_ref).substr(m_merge_ref.starts_with(kHeads) ? kHeads.size() : 0);
  m_result.upstream = fmt::format("{}/{}", m_result.remote, short_ref);
  return true;
}

bool Sync::commit() {
  // Every path of the workspace's own files that differs from HEAD: changed, new or deleted in
  // the work tree, or staged. (git add and git commit refuse a pathspec that matches nothing, so
  // they get these paths one by one.)
  std::set<std::string> files;
  for (const GitRun& listed :
       {git(with_pathspecs(
            {"ls-files", "-z", "--others", "--modified", "--deleted", "--exclude-standard"})),
        git(with_pathspecs({"diff", "--cached", "--name-only", "--relative", "-z"}))}) {
    for (std::string& file : nul_separated(listed.output)) {
      if (!file.empty()) files.insert(std::move(file));
    }
  }
  if (files.empty()) return true;
  std::vector<std::string> literal;
  for (const std::string& file : files)
    literal.push_back(":(literal)" + file);
  std::vector<std::string> add{"add", "--all", "--"};
  add.insert(add.end(), literal.begin(), literal.end());
  if (const GitRun added = git(add); added.status != 0) {
    stop(SyncStop::commit_failed, added.output);
    return false;
  }
  std::vector<ChangedAccount> accounts;
  std::vector<std::string> others;
  for (const std::string& file : files) {
    const fs::path path(file); // relative to the workspace root (git -C root, relative names)
    if (path.parent_path() == "assessments" && path.extension() == ".json") {
      const GitRun before = git({"show", "HEAD:./" + file});
      const auto after = read_file_if_exists(m_root / path, kMaxReadAssessmentBytes);
      accounts.push_back(
          {path.stem().string(), before.status == 0 ? before.output : "", after.value_or("")});
    } else {
      others.push_back(file);
    }
  }
  m_result.message = sync_message(accounts, others);
  std::vector<std::string> commit_args{"commit", "--quiet", "--message", m_result.message, "--"};
  commit_args.insert(commit_args.end(), literal.begin(), literal.end());
  if (const GitRun run = git(commit_args); run.status != 0) {
    stop(SyncStop::commit_failed, run.output);
    return false;
  }
  m_result.committed = git_value({"rev-parse", "--short", "HEAD"});
  return true;
}

bool Sync::merge() {
  const std::string theirs = git_value({"rev-parse", "--verify", "--quiet", "@{upstream}"});
  if (theirs.empty()) return true; // the remote has no such branch yet: the push creates it
  const std::string count = git_value({"rev-list", "--count", "HEAD.." + theirs});
  m_result.pulled = count.empty() ? 0 : std::stoul(count);
  if (m_result.pulled == 0) return true;
  const GitRun run = git({"merge", "--no-edit", "--quiet", theirs});
  if (run.status == 0) return true;
  // Unmerged files, named from the top of the repository (the pull may touch any of its files).
  const std::string prefix = git_value({"rev-parse", "--show-prefix"});
  std::vector<std::string> text;
  std::vector<std::string> recorded; // assessments the driver merged with conflicts recorded
  for (const std::string& file :
       nul_separated(git({"diff", "--name-only", "--diff-filter=U", "-z"}).output)) {
    if (file.empty()) continue;
    const fs::path path = fs::path(file).lexically_relative(prefix.empty() ? "." : prefix);
    bool valid = false;
    if (path.parent_path() == "assessments" && path.extension() == ".json") {
      try {
        const auto content = read_file_if_exists(m_root / path, kMaxReadAssessmentBytes);
        valid = content && !parse_assessment(*content, file).account.empty();
      } catch (const Error&) {
        valid = false; // conflict markers: the driver did not run, or could not read a side
      }
    }
    (valid ? recorded : text).push_back(valid ? path.string() : file);
  }
  if (!text.empty() || recorded.empty()) {
    // Nothing half-merged is left behind: the repository is back at this side's commit.
    static_cast<void>(git({"merge", "--abort"}));
    m_result.files = text;
    m_result.pulled = 0;
    stop(text.empty() ? SyncStop::merge_failed : SyncStop::text_conflict, run.output);
    return false;
  }
  std::vector<std::string> add{"add", "--"};
  add.insert(add.end(), recorded.begin(), recorded.end());
  const GitRun added = git(add);
  const GitRun committed = added.status == 0 ? git({"commit", "--no-edit", "--quiet"}) : added;
  if (committed.status != 0) {
    static_cast<void>(git({"merge", "--abort"}));
    m_result.pulled = 0;
    stop(SyncStop::merge_failed, committed.output);
    return false;
  }
  return true;
}

void Sync::collect_conflicts() {
  const GitRun listed = git({"ls-files", "-z", "--", ":(glob)assessments/*.json"});
  for (const std::string& file : nul_separated(listed.output)) {
    if (file.empty()) continue;
    const auto content = read_file_if_exists(m_root / file, kMaxReadAssessmentBytes);
    if (!content) continue;
    try {
      const Assessment assessment = parse_assessment(*content, file);
      for (const auto& [item, answer] : assessment.answers) {
        if (answer.state == State::conflict)
          m_result.conflicts.push_back({fs::path(file).stem().string(), item});
      }
    } catch (const Error&) {
      // A file that does not parse is every command's error already; sync does not hold on it.
    }
  }
}

SyncResult Sync::run() {
  const auto top = git_work_tree(m_root);
  if (!top) return stop(SyncStop::no_repository);
  m_result.repository = *top;
  if (busy()) return stop(SyncStop::merge_in_progress);
  if (!find_upstream()) return m_result;
  if (!registered_merge_driver(m_root)) {
    register_merge_driver(m_root, m_cna);
    m_result.registered_driver = true;
  }
  if (!commit()) return m_result;
  if (const GitRun fetch = git({"fetch", "--quiet", "--", m_result.remote}); fetch.status != 0)
    return stop(SyncStop::unreachable, fetch.output);
  if (!merge()) return m_result;
  collect_conflicts();
  if (!m_result.conflicts.empty()) return stop(SyncStop::conflicts);
  const std::string theirs = git_value({"rev-parse", "--verify", "--quiet", "@{upstream}"});
  const std::string ahead =
      theirs.empty() ? "1" : git_value({"rev-list", "--count", theirs + "..HEAD"});
  if (ahead.empty() || ahead == "0") return m_result;
  const GitRun push = git({"push", "--quiet", "--", m_result.remote, "HEAD:" + m_merge_ref});
  if (push.status != 0) return stop(SyncStop::push_failed, push.output);
  m_result.pushed = true;
  return m_result;
}

} // namespace

const std::vector<std::string>& sync_pathspecs() {
  static const std::vector<std::string> specs{":(literal)cna.json", ":(glob)assessments/*.json",
                                              ":(glob)checklists/**/*.json"};
  return specs;
}

std::string sync_message(const std::vector<ChangedAccount>& accounts,
                         const std::vector<std::string>& others) {
  // Counts by noun ("answers"), listed in the table's order.
  std::vector<std::pair<std::string_view, std::size_t>> counts;
  for (const ActionNoun& row : kActionNouns) {
    if (counts.empty() || counts.back().first != row.one) counts.emplace_back(row.one, 0);
  }
  counts.emplace_back(kOtherChange.one, 0);
  std::vector<std::string> names;
  for (const ChangedAccount& changed : accounts) {
    names.push_back(changed.after.empty() ? changed.account + " (removed)" : changed.account);
    std::multiset<std::string> old_keys;
    for (const HistoryEntry& e : history_of(changed.before, changed.account))
      old_keys.insert(entry_key(e));
    for (const HistoryEntry& e : history_of(changed.after, changed.account)) {
      if (const auto it = old_keys.find(entry_key(e)); it != old_keys.end()) {
        old_keys.erase(it); // in the file before: not this commit's change
        continue;
      }
      for (auto& [one, n] : counts) {
        if (one == noun_of(e.action).one) ++n;
      }
    }
  }
  for (const std::string& other : others)
    names.push_back(other);
  constexpr std::size_t kNamed = 8; // a subject line stays readable
  std::string subject = fmt::format(
      "{}",
      fmt::join(names.begin(),
                names.begin() + static_cast<std::ptrdiff_t>(std::min(names.size(), kNamed)), ", "));
  if (names.size() > kNamed) subject += fmt::format(" and {} more", names.size() - kNamed);
  std::vector<std::string> parts;
  for (const auto& [one, n] : counts) {
    if (n == 0) continue;
    const ActionNoun* noun = &kOtherChange;
    for (const ActionNoun& row : kActionNouns) {
      if (row.one == one) noun = &row;
    }
    parts.push_back(fmt::format("{} {}", n, n == 1 ? noun->one : noun->many));
  }
  return parts.empty() ? fmt::format("cna sync: {}", subject)
                       : fmt::format("cna sync: {} ({})", subject, fmt::join(parts, ", "));
}

SyncResult sync_workspace(const fs::path& root, const std::string& cna) {
  return Sync(root, cna).run();
}

} // namespace cna
