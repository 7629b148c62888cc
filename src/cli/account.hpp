// Opening an account for a command: workspace, checklist, store and the assessment, in one place.
#pragma once

#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/error.hpp"
#include "cna/fast_read.hpp"
#include "cna/input.hpp"
#include "cna/readiness.hpp"
#include "cna/store.hpp"
#include "cna/workspace.hpp"

namespace cna::cli {

// Changes held back by hold() until one save takes them together (defined in account.cpp).
struct HeldChanges;
struct HeldChangesDeleter {
  void operator()(HeldChanges* held) const;
};

struct Account {
  Workspace workspace;
  std::string slug;
  Checklist checklist;
  AssessmentStore store;
  Assessment assessment;
  std::unique_ptr<HeldChanges, HeldChangesDeleter> held{};
};

[[nodiscard]] Workspace open_workspace(const Globals& g);

// An existing account, migrated in memory to its checklist as it is now (cna/migrate.hpp); save()
// persists that with the next change. Error(usage) when the slug is bad or the account does not
// exist.
[[nodiscard]] Account load_account(const Globals& g, const std::string& slug);

// An existing account, or a new one pinned to `checklist_id` (the workspace default when empty).
// A new one is written by the first save(), so a refused answer or option leaves no empty account
// behind (the walk saves it once its options are checked). Error(usage) when --checklist disagrees
// with the pin.
[[nodiscard]] Account open_or_create(const Globals& g, const std::string& slug,
                                     const std::string& checklist_id, const std::string& name);

// Applies a change under the store's lock with SIGINT/SIGTERM/SIGHUP held back until the save is
// complete, and refreshes account.assessment from the file as saved. Changes held by hold() are
// saved first, in the same order.
void save(Account& account, const std::function<void(Assessment&)>& change);

// The group commit of a piped walk (docs/reliability.md "A walk fed by a pipe"): applies `change`
// to account.assessment now and holds it, with SIGINT/SIGTERM/SIGHUP held back, until
// save_held() (or the next save()) writes every held change in one durable save. A new account
// is saved at once. The caller saves before it waits for input and before it says what was saved
// leaves the process: stdout is held with the changes (hold_output_bytes()).
void hold(Account& account, std::function<void(Assessment&)> change);
// Saves what hold() holds (nothing when it holds nothing). When that save fails, the answers held
// are not on disk: account.assessment goes back to the file, stdout's unwritten bytes (what the
// walk said of them) are dropped, stderr says how many were lost, and the error is thrown.
void save_held(Account& account);
// How much a walk may hold back of stdout: hold() only while stdout has less than this unwritten
// (start() gives stdout a buffer this large, so nothing said of a held answer leaves early).
inline constexpr std::size_t kHeldOutputBytes = 1U << 20U;

// Moves the account's file to `target` through the store's locks (AssessmentStore::move_to),
// with SIGINT/SIGTERM/SIGHUP held back as for a save: `cna account rename`, `archive`.
void move_account(AssessmentStore& store, const std::filesystem::path& target,
                  const std::function<void(Assessment&)>& change);

// One readiness computation per account: the gate, the figures and the blockers of every view.
[[nodiscard]] Readiness readiness_of(const Checklist& checklist, const Assessment& assessment,
                                     const Workspace& workspace, Seconds t);

// An account as the portfolio views read it: the assessment (without its history, which no view
// reads), its checklist and its readiness, computed once. The readiness points into the assessment
// and the checklist: a View is moved, never copied.
struct View {
  std::string slug;
  Assessment assessment;
  const Checklist* checklist = nullptr;
  Readiness readiness;
  View() = default;
  View(const View&) = delete;
  View& operator=(const View&) = delete;
  View(View&&) noexcept = default; // a vector's move keeps its elements where they are
  View& operator=(View&&) noexcept = default;
  ~View() { recycle_answers(std::move(assessment.answers)); } // for the next read on this thread
};

// The accounts of one run (`status`, `report --all`, `check --all`): each checklist is loaded,
// validated and hashed once, however many accounts use it; each assessment is read through the
// fast read path (cna/fast_read.hpp) and migrated in memory, never written.
class Portfolio {
public:
  explicit Portfolio(const Globals& g);

  [[nodiscard]] const Workspace& workspace() const { return m_workspace; }

  // Thread-safe. Error(usage) like load_account when the slug is bad or the account does not
  // exist; the strict reader's Error(data) for a bad file.
  [[nodiscard]] View read(const std::string& slug, Seconds t);

  // The one "for each account, report the error, go on" loop of the views. `work` runs for every
  // slug, on all cores (it must be thread-safe); `emit` gets its results on the calling thread,
  // in the order of `slugs`. An account whose work throws cna::Error is reported on stderr (after
  // what was emitted before it) and given to `failed`, and the others go on. Returns the exit
  // status: 0, or the first failure's.
  template <typename T>
  int for_each(const std::vector<std::string>& slugs,
               const std::function<T(const std::string&)>& work,
               const std::function<void(const std::string&, T&)>& emit,
               const std::function<void(const std::string&, const Error&)>& failed = {});

  // The same over every account of the workspace.
  template <typename T>
  int for_each(const std::function<T(const std::string&)>& work,
               const std::function<void(const std::string&, T&)>& emit,
               const std::function<void(const std::string&, const Error&)>& failed = {}) {
    return for_each<T>(m_workspace.accounts(), work, emit, failed);
  }

private:
  // The checklist the account is pinned to, read once per portfolio.
  [[nodiscard]] const Checklist& checklist(const Assessment& assessment,
                                           const AssessmentStore& store);

  Workspace m_workspace;
  bool m_folder_inside = false; // assessments/ checked once: inside the workspace
  std::mutex m_mutex;           // guards m_checklists
  std::map<std::string, std::unique_ptr<const Checklist>> m_checklists;
};

// Runs compute(i) for every i below n on all cores, and emit(i) on the calling thread in order,
// each as soon as compute(i) is done, with at most a few dozen computed ahead (memory stays
// flat). `compute` must not throw; an exception from `emit` stops the others and is rethrown.
void in_order(std::size_t n, const std::function<void(std::size_t)>& compute,
              const std::function<void(std::size_t)>& emit);
inline constexpr std::size_t kAhead = 64;

template <typename T>
int Portfolio::for_each(const std::vector<std::string>& slugs,
                        const std::function<T(const std::string&)>& work,
                        const std::function<void(const std::string&, T&)>& emit,
                        const std::function<void(const std::string&, const Error&)>& failed) {
  // A ring of results: slot i % kAhead is free again once result i was emitted.
  std::vector<std::variant<std::monostate, T, Error, std::exception_ptr>> ring(kAhead);
  int status = 0;
  in_order(
      slugs.size(),
      [&](std::size_t i) {
        auto& slot = ring[i % kAhead];
        try {
          slot.template emplace<1>(work(slugs[i]));
        } catch (const Error& e) {
          slot.template emplace<2>(e);
        } catch (...) {
          slot.template emplace<3>(std::current_exception());
        }
      },
      [&](std::size_t i) {
        auto slot = std::move(ring[i % kAhead]);
        ring[i % kAhead].template emplace<0>();
        if (auto* result = std::get_if<1>(&slot)) {
          emit(slugs[i], *result);
        } else if (const auto* e = std::get_if<2>(&slot)) {
          status = report(*e, status);
          if (failed) failed(slugs[i], *e);
        } else if (const auto* other = std::get_if<3>(&slot)) {
          std::rethrow_exception(*other);
        }
      });
  return status;
}

// What the input grammar needs from the workspace (default currency, number and date
// conventions), with `people` for person answers and `today` for relative dates.
[[nodiscard]] InputContext input_context(const Workspace& workspace,
                                         const std::vector<Stakeholder>* people, Seconds today);

// The stakeholder id `who` names (match_stakeholder: ids first, then names); Error(usage) when
// none, or when several share that name (listing their ids).
[[nodiscard]] std::string resolve_stakeholder(const Assessment& assessment, const std::string& who);
// The same, but nullopt when nobody on file has or is near that id or name: a new person.
[[nodiscard]] std::optional<std::string> known_stakeholder(const Assessment& assessment,
                                                           const std::string& who);

// The meeting id `which` names: an id, a prefix of exactly one id, or "last" (the latest by
// date); Error(usage) when none or several.
[[nodiscard]] std::string resolve_meeting(const Assessment& assessment, const std::string& which);

// The stakeholder ids `who` names (each as resolve_stakeholder; blanks skipped, each id once).
[[nodiscard]] std::vector<std::string> resolve_people(const Assessment& assessment,
                                                      const std::vector<std::string>& who);

// A date given to `option` (--date, --due) in the walk's date grammar (YYYY-MM-DD, today, +14d,
// -3d, in the workspace's conventions) as YYYY-MM-DD; Error(usage) naming the option otherwise.
[[nodiscard]] std::string parse_date_option(std::string_view option, const std::string& typed,
                                            const Account& account);

// A next step as `cna next add` and the walk's `:next` take it (docs/assessment.md): `what` on
// one line; `owner` a stakeholder by id or name (stored by id) or one of our own people by name
// (you when empty); `due` in the date grammar ("" for none); `meeting` a meeting id or "".
// `spelling` names the three as the front end does in its errors ("--owner", "@OWNER").
struct NextStepInput {
  std::string what;
  std::string owner;
  std::string due;
  std::string meeting;
};
struct NextStepSpelling {
  std::string_view what;
  std::string_view owner;
  std::string_view due;
};
[[nodiscard]] NextStep next_step_of(const Account& account, const NextStepInput& input,
                                    const NextStepSpelling& spelling);

// Records `step` (next_step_of) through the store's lock; returns its new id.
std::string add_next_step(Account& account, const NextStep& step);

// Who owns a next step, by name ("nobody yet" when no one), and when it is due: "2026-12-01
// (Tue, in 3 days)", "OVERDUE 2026-11-20 (Fri, 3 days ago)" painted, or "no due date". Visible.
[[nodiscard]] std::string next_step_owner(const Assessment& assessment, const NextStep& step);
[[nodiscard]] std::string next_step_due(const NextStep& step, const std::string& today);

} // namespace cna::cli
