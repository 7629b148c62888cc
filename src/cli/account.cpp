#include "cli/account.hpp"

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <fmt/format.h>
#include <stdio_ext.h>
#include <thread>

#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/error.hpp"
#include "cna/fast_read.hpp"
#include "cna/migrate.hpp"
#include "cna/record.hpp"
#include "cna/text.hpp"

namespace cna::cli {

namespace {

// Holds back the signals that end a walk while a save is in flight; they arrive after it.
class SignalHold {
public:
  SignalHold() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, &m_old);
  }
  SignalHold(const SignalHold&) = delete;
  SignalHold& operator=(const SignalHold&) = delete;
  ~SignalHold() { sigprocmask(SIG_SETMASK, &m_old, nullptr); }

private:
  sigset_t m_old{};
};

Error wrong_checklist(const std::string& slug, const Assessment& a, const std::string& wanted) {
  return Error(Exit::usage, fmt::format("{} is assessed with checklist \"{}\", not \"{}\"", slug,
                                        a.checklist.id, wanted));
}

// The checklist an existing account is pinned to. One the workspace lacks is a damaged account
// (65), not a wrong command line: the command named nothing but the account.
Checklist pinned(const Workspace& ws, const Assessment& assessment, const AssessmentStore& store) {
  const std::string& id = pinned_checklist(assessment, store.path().string());
  try {
    return ws.checklist(id);
  } catch (const Error& e) {
    if (e.code() != Exit::usage) throw;
    throw Error(Exit::data, fmt::format("{} is pinned to checklist \"{}\", which the workspace "
                                        "does not have: restore checklists/{}.json (e.g. from "
                                        "git); {}",
                                        store.path().string(), visible(id), visible(id), e.what()));
  }
}

// A file that grew past what cna writes opens (up to what it reads), with the way out.
void warn_if_oversize(const AssessmentStore& store) {
  const auto stamp = file_stamp(store.path());
  if (!stamp || stamp->size <= max_assessment_bytes()) return;
  warn(fmt::format(
      "{} is {:.1f} MiB, more than the {} MiB cna saves: it can be read, and a change is "
      "saved only when it makes the file smaller; shorten or remove answers (or "
      "move old history out by hand)",
      store.path().string(), static_cast<double>(stamp->size) / (1U << 20U),
      max_assessment_bytes() >> 20U));
}

} // namespace

Workspace open_workspace(const Globals& g) { return Workspace::locate(g.dir); }

namespace {

// "no account "acme-crop" in WS (did you mean acme-corp?) (cna start acme-crop creates it)";
// an archived one says how to bring it back instead.
Error no_account(const Workspace& ws, const std::string& slug) {
  if (std::error_code ec; std::filesystem::exists(ws.archive_path(slug), ec)) {
    return Error(Exit::usage,
                 fmt::format("account \"{}\" is archived (cna account unarchive {})", slug, slug));
  }
  return Error(Exit::usage, fmt::format("no account \"{}\" in {}{} (cna start {} creates it)", slug,
                                        ws.root().string(),
                                        did_you_mean(suggestions(slug, ws.accounts())), slug));
}

} // namespace

Account load_account(const Globals& g, const std::string& slug) {
  require_slug(slug);
  Workspace ws = open_workspace(g);
  AssessmentStore store(ws.assessment_path(slug), ws.root());
  if (!store.exists()) {
    throw no_account(ws, slug);
  }
  Assessment assessment = store.load();
  warn_if_oversize(store);
  Checklist checklist = pinned(ws, assessment, store);
  // In memory only: a read never writes; the next save() persists the migration.
  migrate(assessment, checklist, now());
  return Account{std::move(ws), slug, std::move(checklist), std::move(store),
                 std::move(assessment)};
}

Account open_or_create(const Globals& g, const std::string& slug, const std::string& checklist_id,
                       const std::string& name) {
  require_slug(slug);
  Workspace ws = open_workspace(g);
  AssessmentStore store(ws.assessment_path(slug), ws.root());
  if (store.exists()) {
    Account account = load_account(g, slug);
    if (!checklist_id.empty() && checklist_id != account.assessment.checklist.id) {
      throw wrong_checklist(slug, account.assessment, checklist_id);
    }
    if (!name.empty() && name != account.assessment.name) {
      save(account, [&](Assessment& a) { a.name = name; });
    }
    return account;
  }
  // Never a second account beside an archived one of the same name.
  if (std::error_code ec; std::filesystem::exists(ws.archive_path(slug), ec))
    throw no_account(ws, slug);
  Checklist checklist =
      ws.checklist(checklist_id.empty() ? ws.config().default_checklist : checklist_id);
  Account account{std::move(ws), slug, std::move(checklist), std::move(store), {}};
  account.assessment = new_assessment(slug, name, account.checklist);
  return account;
}

// What hold() holds: the changes in order, the assessment before the first, and the signals that
// end a walk, so that they arrive only once the changes are saved (or lost, and said so).
struct HeldChanges {
  SignalHold signals;
  Assessment before;
  std::vector<std::function<void(Assessment&)>> changes;
};

void HeldChangesDeleter::operator()(HeldChanges* held) const { delete held; }

void hold(Account& account, std::function<void(Assessment&)> change) {
  if (!account.store.exists()) return save(account, change); // a new account is written at once
  if (!account.held) account.held.reset(new HeldChanges{{}, account.assessment, {}});
  HeldChanges& held = *account.held;
  try {
    change(account.assessment);
  } catch (...) {
    // A refused change may have been half applied: the assessment as the held changes left it.
    account.assessment = held.before;
    for (const auto& c : held.changes)
      c(account.assessment);
    if (held.changes.empty()) account.held.reset();
    throw;
  }
  held.changes.push_back(std::move(change));
}

void save_held(Account& account) {
  if (!account.held) return;
  const std::unique_ptr<HeldChanges, HeldChangesDeleter> held = std::move(account.held);
  try {
    save(account, [&](Assessment& a) {
      for (const auto& change : held->changes)
        change(a);
    });
  } catch (...) {
    account.assessment = held->before;
    __fpurge(stdout); // what was said of them: "saved:" would not be true
    const std::size_t n = held->changes.size();
    fmt::print(stderr, "cna: {} read last {} not saved (the error follows)\n",
               n == 1 ? std::string("the answer") : fmt::format("the {} answers", n),
               n == 1 ? "was" : "were");
    throw;
  }
}

void save(Account& account, const std::function<void(Assessment&)>& change) {
  save_held(account);
  const Checklist& checklist = account.checklist;
  const std::string& slug = account.slug;
  const std::string name = account.assessment.name;
  const auto create = [&] { return new_assessment(slug, name.empty() ? slug : name, checklist); };
  if (!account.store.exists()) {
    // A new account: the change is tried on a copy first, so that a refused one leaves nothing
    // behind, not even a workspace, a folder or a lock file.
    Assessment trial = create();
    change(trial);
  }
  const SignalHold hold;
  account.workspace.ensure_exists(); // the default workspace is created on the first write
  account.assessment = account.store.update(
      [&](Assessment& a) {
        // Another cna may have created the account, pinned to another checklist, since it was
        // opened: migrating to this one would retire its answers.
        if (a.checklist.id != checklist.id) throw wrong_checklist(slug, a, checklist.id);
        migrate(a, checklist, now()); // the file as it is under the lock, brought up to date
        change(a);
      },
      create);
}

void move_account(AssessmentStore& store, const std::filesystem::path& target,
                  const std::function<void(Assessment&)>& change) {
  const SignalHold hold;
  store.move_to(target, change);
}

Readiness readiness_of(const Checklist& checklist, const Assessment& assessment,
                       const Workspace& workspace, Seconds t) {
  return assess(checklist, assessment, t, workspace.config().reconfirm_after_days);
}

Portfolio::Portfolio(const Globals& g) : m_workspace(open_workspace(g)) {
  // One check of the folder for all accounts; each file is then opened without following a
  // symlink (a symlinked account takes the strict path, which checks where it leads).
  try {
    require_inside(m_workspace.assessments_dir(), m_workspace.root());
    m_folder_inside = true;
  } catch (const Error&) {
    m_folder_inside = false; // every account then reports it, through the strict path
  }
}

const Checklist& Portfolio::checklist(const Assessment& assessment, const AssessmentStore& store) {
  const std::string& id = pinned_checklist(assessment, store.path().string());
  const std::lock_guard lock(m_mutex);
  auto it = m_checklists.find(id);
  if (it == m_checklists.end()) {
    it = m_checklists
             .emplace(id, std::make_unique<const Checklist>(pinned(m_workspace, assessment, store)))
             .first;
  }
  return *it->second;
}

View Portfolio::read(const std::string& slug, Seconds t) {
  require_slug(slug);
  const AssessmentStore store(m_workspace.assessment_path(slug), m_workspace.root());
  View view;
  view.slug = slug;
  try {
    view.assessment = load_for_view(store, m_folder_inside);
    warn_if_oversize(store);
  } catch (const Error&) {
    if (!store.exists()) {
      throw no_account(m_workspace, slug);
    }
    throw;
  }
  view.checklist = &checklist(view.assessment, store);
  migrate(view.assessment, *view.checklist, t); // in memory: reads never write
  view.readiness = readiness_of(*view.checklist, view.assessment, m_workspace, t);
  return view;
}

void in_order(std::size_t n, const std::function<void(std::size_t)>& compute,
              const std::function<void(std::size_t)>& emit) {
  const std::size_t threads = std::min<std::size_t>(std::thread::hardware_concurrency(), 8);
  if (threads < 2 || n < 2) {
    for (std::size_t i = 0; i < n; ++i) {
      compute(i);
      emit(i);
    }
    return;
  }
  // Accounts go to the workers in blocks, so that a cheap account (a cached summary: a few
  // microseconds) does not pay a wake-up of its own.
  constexpr std::size_t kBlock = 8, kBlocksAhead = kAhead / kBlock;
  static_assert(kAhead % kBlock == 0);
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  const auto each = [&](std::size_t block, const std::function<void(std::size_t)>& f) {
    for (std::size_t i = block * kBlock; i < std::min(n, (block + 1) * kBlock); ++i)
      f(i);
  };
  std::mutex mutex;
  std::condition_variable done_cv, room_cv;
  std::vector<bool> done(kBlocksAhead, false);
  std::size_t next = 0, emitted = 0; // blocks
  bool stop = false;
  // Under the lock: a block may be taken while it is within kBlocksAhead of the last emitted.
  const auto room = [&] { return next < blocks && next < emitted + kBlocksAhead; };
  const auto worker = [&] {
    for (;;) {
      std::size_t block = 0;
      {
        std::unique_lock lock(mutex);
        room_cv.wait(lock, [&] { return stop || next >= blocks || room(); });
        if (stop || next >= blocks) return;
        block = next++;
      }
      each(block, compute);
      {
        const std::lock_guard lock(mutex);
        done[block % kBlocksAhead] = true;
      }
      done_cv.notify_one();
    }
  };
  std::vector<std::jthread> pool;
  // Declared after the pool, so it runs first on the way out: the workers stop, then are joined.
  class Stop {
  public:
    Stop(std::mutex& m, bool& flag, std::condition_variable& room)
        : m_mutex(m), m_stop(flag), m_room(room) {}
    Stop(const Stop&) = delete;
    Stop& operator=(const Stop&) = delete;
    ~Stop() {
      {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
      }
      m_room.notify_all();
    }

  private:
    std::mutex& m_mutex;
    bool& m_stop;
    std::condition_variable& m_room;
  };
  const Stop stopper{mutex, stop, room_cv};
  // The calling thread computes too: it is one of the cores.
  for (std::size_t t = 1; t < threads; ++t)
    pool.emplace_back(worker);
  for (std::size_t block = 0; block < blocks; ++block) {
    // Until the block to emit is done, this thread computes the next one itself rather than
    // sleeping: on a busy machine every sleep costs a scheduler slice (milliseconds), and a
    // worker that never gets a core then holds nothing up.
    std::unique_lock lock(mutex);
    while (!done[block % kBlocksAhead]) {
      if (!room()) {
        done_cv.wait(lock);
        continue;
      }
      const std::size_t mine = next++;
      lock.unlock();
      each(mine, compute);
      lock.lock();
      done[mine % kBlocksAhead] = true;
    }
    done[block % kBlocksAhead] = false;
    lock.unlock();
    each(block, emit);
    {
      const std::lock_guard room_lock(mutex);
      emitted = block + 1;
    }
    room_cv.notify_all();
  }
}

InputContext input_context(const Workspace& workspace, const std::vector<Stakeholder>* people,
                           Seconds today) {
  return {people, workspace.config().default_currency, today, workspace.config().conventions};
}

std::optional<std::string> known_stakeholder(const Assessment& assessment, const std::string& who) {
  StakeholderMatch match = match_stakeholder(assessment.stakeholders, who);
  if (!match.id.empty()) return std::move(match.id);
  if (!match.candidates.empty()) {
    throw Error(Exit::usage, fmt::format("\"{}\" is the name of {} stakeholders of {} ({}); give "
                                         "the id",
                                         visible(who), match.candidates.size(), assessment.account,
                                         fmt::join(match.candidates, ", ")));
  }
  std::vector<std::string> ids;
  std::vector<std::string> names; // ids, then names: "katrin" finds katrin-vogel
  for (const Stakeholder& s : assessment.stakeholders)
    ids.push_back(s.id);
  names = ids;
  for (const Stakeholder& s : assessment.stakeholders)
    names.push_back(s.name);
  std::vector<std::string> near;
  for (const std::string& name : suggestions(who, names)) {
    for (const Stakeholder& s : assessment.stakeholders) {
      if ((s.id == name || s.name == name) &&
          std::find(near.begin(), near.end(), s.id) == near.end()) {
        near.push_back(s.id);
      }
    }
  }
  if (!near.empty()) {
    // Someone close is on file: never invite a duplicate person.
    throw Error(Exit::usage, fmt::format("no stakeholder \"{}\" in {}{}", visible(who),
                                         assessment.account, did_you_mean(near)));
  }
  return std::nullopt;
}

std::string resolve_stakeholder(const Assessment& assessment, const std::string& who) {
  if (auto id = known_stakeholder(assessment, who)) return std::move(*id);
  std::vector<std::string> ids;
  for (const Stakeholder& s : assessment.stakeholders)
    ids.push_back(s.id);
  throw Error(
      Exit::usage,
      fmt::format("no stakeholder \"{}\" in {} ({}); add one with: cna who {} add {} "
                  "--name \"Full Name\"",
                  visible(who), assessment.account,
                  ids.empty() ? "none yet" : "known: " + fmt::format("{}", fmt::join(ids, ", ")),
                  assessment.account, suggest_slug(who).empty() ? "ID" : suggest_slug(who)));
}

std::string resolve_meeting(const Assessment& assessment, const std::string& which) {
  if (which == "last" && !assessment.meetings.empty()) return assessment.meetings.back().id;
  if (assessment.find_meeting(which) != nullptr) return which;
  std::vector<std::string> matches;
  for (const Meeting& m : assessment.meetings) {
    if (!which.empty() && m.id.starts_with(which)) matches.push_back(m.id);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.size() > 1) {
    throw Error(Exit::usage, fmt::format("\"{}\" names {} meetings of {} ({}); give more of the id",
                                         visible(which), matches.size(), assessment.account,
                                         fmt::join(matches, ", ")));
  }
  throw Error(Exit::usage,
              fmt::format("no meeting \"{}\" in {} ({}); cna meeting {} add records one",
                          visible(which), assessment.account,
                          assessment.meetings.empty()
                              ? "none yet"
                              : "cna meeting " + assessment.account + " lists them",
                          assessment.account));
}

std::vector<std::string> resolve_people(const Assessment& assessment,
                                        const std::vector<std::string>& who) {
  std::vector<std::string> ids;
  for (const std::string& one : who) {
    if (trim(one).empty()) continue;
    std::string id = resolve_stakeholder(assessment, trim(one));
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
  }
  return ids;
}

std::string parse_date_option(std::string_view option, const std::string& typed,
                              const Account& account) {
  // The walk's date grammar, in the workspace's conventions: one reading, or refused.
  Item date;
  date.id = "date";
  date.type = ItemType::date;
  const ParsedInput parsed = parse_input(
      date, {typed}, input_context(account.workspace, &account.assessment.stakeholders, now()));
  if (!parsed.ok()) throw Error(Exit::usage, fmt::format("{}: {}", option, parsed.error.reason));
  return std::get<std::string>(parsed.value);
}

NextStep next_step_of(const Account& account, const NextStepInput& input,
                      const NextStepSpelling& spelling) {
  NextStep step;
  step.what = text_option(spelling.what, input.what);
  // A stakeholder by id or name is stored by id; anyone else (our own people) by name.
  const std::string owner =
      text_option(spelling.owner, input.owner.empty() ? current_user() : input.owner);
  const StakeholderMatch match = match_stakeholder(account.assessment.stakeholders, owner);
  step.owner = match.id.empty() ? owner : match.id;
  if (!input.due.empty()) step.due = parse_date_option(spelling.due, input.due, account);
  step.meeting = input.meeting;
  if (const std::string why = check_next_step(step); !why.empty()) throw Error(Exit::usage, why);
  return step;
}

std::string add_next_step(Account& account, const NextStep& step) {
  std::string id;
  save(account, [&](Assessment& a) { id = record_next_step(a, step, now()); });
  return id;
}

std::string next_step_owner(const Assessment& assessment, const NextStep& step) {
  return step.owner.empty() ? "nobody yet" : show(assessment.name_of(step.owner));
}

std::string next_step_due(const NextStep& step, const std::string& today) {
  if (step.due.empty()) return "no due date";
  const std::string when = fmt::format("{} ({})", step.due, relative_day(step.due, now()));
  return overdue(step, today) ? paint("OVERDUE " + when, Tone::bad) : when;
}

} // namespace cna::cli
