// `cna sync` (docs/commands.md, "cna sync"): commit the workspace's own files, pull through the
// merge driver, push. Git runs as a subprocess without a shell; where it stops is data, phrased by
// the command.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace cna {

// Where a sync stopped; `none` when it went through to the end.
enum class SyncStop {
  none,
  no_repository,     // the workspace is in no git work tree
  merge_in_progress, // a merge, rebase or cherry-pick is under way, or files are unmerged
  detached,          // HEAD is on no branch
  no_remote,         // the repository has no remote
  no_upstream,       // the branch tracks no remote branch
  commit_failed,     // git refused the commit (no identity, a hook): nothing committed
  unreachable,       // the fetch failed: the commit is kept, nothing pulled or pushed
  merge_failed,      // git refused to merge for another reason (a file in the way)
  text_conflict,     // files git cannot merge: the merge was undone, the commit is kept
  conflicts,         // answers in conflict: committed here, not pushed until resolved
  push_failed,       // the push was refused or failed: everything kept here
};

// One answer a merge could not choose: both values are in the file, the gate blocked on it.
struct SyncConflict {
  std::string account;
  std::string item;
};

struct SyncResult {
  SyncStop stop = SyncStop::none;
  std::filesystem::path repository; // the top of the work tree
  bool registered_driver = false;   // the merge driver was missing and is registered now
  std::string branch;
  std::string remote;
  std::string upstream;                // "origin/main"
  std::string committed;               // the new commit's short id, "" when nothing changed
  std::string message;                 // its message
  std::size_t pulled = 0;              // commits merged from the upstream
  bool pushed = false;                 // commits were pushed
  std::vector<std::string> files;      // text_conflict: the files, relative to the repository
  std::vector<SyncConflict> conflicts; // conflicts: every answer in conflict
  std::string git_output;              // what git said where it failed
};

// The pathspecs (relative to the workspace root) of the files sync commits: cna.json, the
// assessments and the checklists; nothing else of the repository.
[[nodiscard]] const std::vector<std::string>& sync_pathspecs();

// "cna sync: acme, nordbahn (3 answers, 1 confirmation)": the accounts whose files changed between
// `before` and `after` (file texts by account, "" for a file that did not exist), counted by the
// history entries `after` adds; `others` names other changed files (cna.json, checklists).
struct ChangedAccount {
  std::string account;
  std::string before;
  std::string after;
};
[[nodiscard]] std::string sync_message(const std::vector<ChangedAccount>& accounts,
                                       const std::vector<std::string>& others);

// Syncs the workspace at `root`, registering the merge driver (running `cna`) first when the
// repository has none. Error(io) only when git cannot be run at all.
[[nodiscard]] SyncResult sync_workspace(const std::filesystem::path& root, const std::string& cna);

} // namespace cna
