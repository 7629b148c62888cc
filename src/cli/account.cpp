#include "cli/account.hpp"

#include <csignal>
#include <fmt/format.h>

#include "cna/error.hpp"
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

} // namespace

Workspace open_workspace(const Globals& g) { return Workspace::locate(g.dir); }

Account load_account(const Globals& g, const std::string& slug) {
  require_slug(slug);
  Workspace ws = open_workspace(g);
  AssessmentStore store(ws.assessment_path(slug), ws.root());
  if (!store.exists()) {
    throw Error(Exit::usage, fmt::format("no account \"{}\" in {} (cna start {} creates it)", slug,
                                         ws.root().string(), slug));
  }
  Assessment assessment = store.load();
  Checklist checklist = ws.checklist(pinned_checklist(assessment, store.path().string()));
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
      throw Error(Exit::usage, fmt::format("{} is assessed with checklist \"{}\", not \"{}\"", slug,
                                           account.assessment.checklist.id, checklist_id));
    }
    if (!name.empty() && name != account.assessment.name) {
      save(account, [&](Assessment& a) { a.name = name; });
    }
    return account;
  }
  Checklist checklist =
      ws.checklist(checklist_id.empty() ? ws.config().default_checklist : checklist_id);
  Account account{std::move(ws), slug, std::move(checklist), std::move(store), {}};
  account.assessment = new_assessment(slug, name, account.checklist);
  return account;
}

void save(Account& account, const std::function<void(Assessment&)>& change) {
  const SignalHold hold;
  account.workspace.ensure_exists(); // the default workspace is created on the first write
  const Checklist& checklist = account.checklist;
  const std::string& slug = account.slug;
  const std::string name = account.assessment.name;
  account.assessment = account.store.update(
      [&](Assessment& a) {
        migrate(a, checklist, now()); // the file as it is under the lock, brought up to date
        change(a);
      },
      [&] { return new_assessment(slug, name.empty() ? slug : name, checklist); });
}

std::pair<Assessment, const Checklist*> Portfolio::load(const std::string& slug) {
  require_slug(slug);
  const AssessmentStore store(m_workspace.assessment_path(slug), m_workspace.root());
  if (!store.exists()) (void)load_account(m_globals, slug); // throws the usual "no account"
  Assessment assessment = store.load();
  const std::string& id = pinned_checklist(assessment, store.path().string());
  auto it = m_checklists.find(id);
  if (it == m_checklists.end()) it = m_checklists.emplace(id, m_workspace.checklist(id)).first;
  migrate(assessment, it->second, now()); // in memory: reads never write
  return {std::move(assessment), &it->second};
}

std::string resolve_stakeholder(const Assessment& assessment, const std::string& who) {
  for (const Stakeholder& s : assessment.stakeholders) {
    if (s.id == who || to_lower(s.name) == to_lower(trim(who))) return s.id;
  }
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

} // namespace cna::cli
