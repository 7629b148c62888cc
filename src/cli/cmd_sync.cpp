// `cna sync`: commit this workspace's changes, pull through the merge driver, push
// (docs/commands.md, "cna sync"). The core does the git work and says where it stopped; this file
// phrases each stop and picks its exit status.
#include <array>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <string>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/error.hpp"
#include "cna/sync.hpp"

namespace cna::cli {

namespace {

// "; your changes are committed here (commit 1a2b3c4)" or "", for the stops after the commit.
std::string kept(const SyncResult& r) {
  return r.committed.empty()
             ? std::string()
             : fmt::format("; your changes are committed here (commit {})", r.committed);
}

std::string git_said(const SyncResult& r) {
  return r.git_output.empty() ? std::string() : fmt::format("\ngit: {}", r.git_output);
}

// One row per way a sync can stop: its exit status and what the rep reads.
struct StopRow {
  SyncStop stop;
  Exit exit;
  std::string (*phrase)(const SyncResult&);
};

const std::array kStops{
    StopRow{SyncStop::none, Exit::ok, [](const SyncResult&) { return std::string(); }},
    StopRow{SyncStop::no_repository, Exit::usage,
            [](const SyncResult&) {
              return std::string(
                  "this workspace is not in a git repository; nothing was done. cna sync shares a "
                  "workspace kept in git: clone the team's (git clone URL), or put this one in "
                  "git and add the team's remote (git init; git remote add origin URL; git push "
                  "-u origin main)");
            }},
    StopRow{SyncStop::merge_in_progress, Exit::usage,
            [](const SyncResult& r) {
              return fmt::format("a git merge (or rebase) is under way in {}; nothing was done. "
                                 "Finish it (git status says how) or undo it (git merge --abort), "
                                 "then cna sync again",
                                 r.repository.string());
            }},
    StopRow{SyncStop::detached, Exit::usage,
            [](const SyncResult& r) {
              return fmt::format("{} is on no branch (a detached HEAD); nothing was done. Switch "
                                 "to the team's branch (git switch main), then cna sync again",
                                 r.repository.string());
            }},
    StopRow{SyncStop::no_remote, Exit::usage,
            [](const SyncResult& r) {
              return fmt::format("the repository {} has no remote to sync with; nothing was done. "
                                 "Add the team's: git remote add origin URL; git push -u origin {}",
                                 r.repository.string(), r.branch);
            }},
    StopRow{SyncStop::no_upstream, Exit::usage,
            [](const SyncResult& r) {
              return fmt::format(
                  "branch {} tracks no remote branch; nothing was done. Set it once: "
                  "git push -u origin {} (or git branch --set-upstream-to "
                  "origin/{}), then cna sync again",
                  r.branch, r.branch, r.branch);
            }},
    StopRow{SyncStop::commit_failed, Exit::no,
            [](const SyncResult& r) {
              return fmt::format("git could not commit the changes; nothing was committed, "
                                 "pulled or pushed{}",
                                 git_said(r));
            }},
    StopRow{SyncStop::unreachable, Exit::io,
            [](const SyncResult& r) {
              return fmt::format("cannot reach {}{}; nothing was pulled or pushed. Run cna sync "
                                 "again when it can be reached{}",
                                 r.remote, kept(r), git_said(r));
            }},
    StopRow{SyncStop::merge_failed, Exit::no,
            [](const SyncResult& r) {
              return fmt::format("git could not merge {}; the merge was undone{}, nothing was "
                                 "pushed{}",
                                 r.upstream, kept(r), git_said(r));
            }},
    StopRow{SyncStop::text_conflict, Exit::no,
            [](const SyncResult& r) {
              return fmt::format(
                  "{} changed here and in {} in ways git cannot merge: {}. The merge was "
                  "undone{}, nothing was pushed. Someone who uses git resolves it: git merge {}, "
                  "edit those files, "
                  "git add them, git commit; then cna sync",
                  r.files.size() == 1 ? "a file" : "files", r.upstream, fmt::join(r.files, ", "),
                  kept(r), r.upstream);
            }},
    StopRow{SyncStop::conflicts, Exit::no,
            [](const SyncResult& r) {
              std::string items;
              for (const SyncConflict& c : r.conflicts)
                items += fmt::format("\n  {} {}", c.account, c.item);
              return fmt::format(
                  "{} {} two different values (yours and {}'s); both are kept, merged and "
                  "committed here, nothing was pushed:{}\nChoose each one: cna status ACCOUNT "
                  "shows both, cna answer ACCOUNT ITEM VALUE sets it; then cna sync again",
                  r.conflicts.size(), r.conflicts.size() == 1 ? "answer has" : "answers have",
                  r.upstream, items);
            }},
    StopRow{SyncStop::push_failed, Exit::io,
            [](const SyncResult& r) {
              return fmt::format("git could not push to {}: everything is kept here{}. Run cna "
                                 "sync again (it pulls what came in meanwhile){}",
                                 r.upstream, r.pulled > 0 ? " (merged with what was pulled)" : "",
                                 git_said(r));
            }},
};
static_assert(kStops.size() == static_cast<std::size_t>(SyncStop::push_failed) + 1);

const StopRow& row_of(SyncStop stop) {
  const StopRow& row = kStops.at(static_cast<std::size_t>(stop));
  if (row.stop != stop) throw Error(Exit::internal, "sync stops out of order");
  return row;
}

// What went through, before any stop: one line each.
void print_progress(const SyncResult& r, const std::string& cna) {
  if (quiet()) return;
  if (r.registered_driver) {
    fmt::print("Registered the merge driver for assessments in {} (git config merge.cna.driver "
               "'{} merge-driver %O %A %B').\n",
               show(r.repository.string()), show(cna));
  }
  if (r.stop == SyncStop::commit_failed || r.repository.empty() || r.upstream.empty()) return;
  if (r.committed.empty()) {
    fmt::print("Nothing to commit.\n");
  } else {
    fmt::print("Committed {}: {}\n", r.committed, show(r.message));
  }
  if (r.pulled > 0) {
    fmt::print("Pulled {} {} from {}.\n", r.pulled, r.pulled == 1 ? "commit" : "commits",
               show(r.upstream));
  }
  if (r.stop != SyncStop::none) return;
  if (r.pushed) {
    fmt::print("Pushed to {}.\n", show(r.upstream));
  } else {
    fmt::print("Up to date with {}.\n", show(r.upstream));
  }
}

int sync(const Globals& g) {
  const Workspace ws = open_workspace(g);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(ws.root() / "cna.json", ec)) {
    throw Error(Exit::usage, fmt::format("no workspace in {} (no cna.json): cna init makes one, "
                                         "or clone the team's",
                                         ws.root().string()));
  }
  const std::string cna = cna_command();
  const SyncResult r = sync_workspace(ws.root(), cna);
  print_progress(r, cna);
  const StopRow& row = row_of(r.stop);
  if (row.exit != Exit::ok) throw Error(row.exit, row.phrase(r));
  return 0;
}

} // namespace

void add_sync(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand(
      "sync", "Share this workspace through git: commit its changes, pull, push");
  sub->footer(
      "Commits the workspace's own files (cna.json, assessments, checklists) with a message "
      "naming the accounts and what changed, pulls the upstream branch through the merge driver "
      "(registered first when the clone has none) and pushes. Refuses, changing nothing, outside "
      "a git repository or without a remote branch to sync with (exit 2); answers changed on both "
      "sides are kept as conflicts and committed here, not pushed (exit 1), as are files git "
      "cannot merge (the merge is undone); an unreachable remote is exit 74 with the commit kept.\n"
      "Examples:\n  cna sync\n  cna -C ~/team-workspace sync");
  sub->callback([&g] { g.action = [&g] { return sync(g); }; });
}

} // namespace cna::cli
