// `cna status [ACCOUNT...]`: progress, readiness and blockers. Informational: it exits 0 however
// blocked the accounts are (`cna check` is the gate), and non-zero only when a file is bad.
#include <fmt/format.h>
#include <map>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/readiness.hpp"
#include "cna/text.hpp"
#include "cna/views.hpp"

namespace cna::cli {

namespace {

struct StatusOptions {
  std::vector<std::string> accounts;
  bool json = false;
};

constexpr std::size_t kBarWidth = 20;
constexpr std::size_t kNameWidth = 30;

// The accounts of one run: each checklist is loaded (and validated) once, however many
// accounts use it.
class Portfolio {
public:
  explicit Portfolio(const Globals& g) : m_globals(g), m_workspace(open_workspace(g)) {}

  [[nodiscard]] const Workspace& workspace() const { return m_workspace; }

  std::pair<Assessment, const Checklist*> load(const std::string& slug) {
    require_slug(slug);
    const AssessmentStore store(m_workspace.assessment_path(slug), m_workspace.root());
    if (!store.exists()) (void)load_account(m_globals, slug); // throws the usual "no account"
    Assessment assessment = store.load();
    auto it = m_checklists.find(assessment.checklist.id);
    if (it == m_checklists.end()) {
      it = m_checklists
               .emplace(assessment.checklist.id, m_workspace.checklist(assessment.checklist.id))
               .first;
    }
    return {std::move(assessment), &it->second};
  }

private:
  const Globals& m_globals;
  Workspace m_workspace;
  std::map<std::string, Checklist> m_checklists;
};

std::string verdict(const Readiness& r) {
  return r.ready() ? paint("READY", Tone::good)
                   : paint(fmt::format("BLOCKED ({})", r.blockers), Tone::bad);
}

std::string progress(std::size_t done, std::size_t total) {
  return fmt::format("{}  {:>7}", paint(bar(done, total, kBarWidth), Tone::accent),
                     fmt::format("{}/{}", done, total));
}

void print_line(const Assessment& a, const Readiness& r, std::size_t slug_width) {
  fmt::print("{}  {}  {}  {:>3} confirmed  {}\n", pad(show(a.account), slug_width),
             pad(preview(a.name, kNameWidth), kNameWidth + 1), progress(r.answered, r.applicable),
             r.confirmed, verdict(r));
}

void print_detail(const Assessment& a, const Checklist& c, const Readiness& r) {
  fmt::print("{} ({}) · {} ({} {})\n\n", paint(show(a.name), Tone::bold), show(a.account),
             show(c.title), show(c.id), show(c.version));
  std::size_t title_width = 0;
  for (const Section& s : c.sections)
    title_width = std::max(title_width, cells(preview(s.title, 48)));
  for (std::size_t i = 0; i < c.sections.size(); ++i) {
    const SectionProgress& p = r.sections[i];
    fmt::print("  {}  {}  {:>3} confirmed\n", pad(preview(c.sections[i].title, 48), title_width),
               progress(p.done, p.applicable), p.confirmed);
  }
  if (r.blockers > 0) {
    fmt::print("\nBlockers ({}):\n", r.blockers);
    std::size_t id_width = 0;
    for (const ItemStatus& s : r.items) {
      if (s.blocker) id_width = std::max(id_width, cells(show(s.item->id)));
    }
    for (const ItemStatus& s : r.items) {
      if (!s.blocker) continue;
      const std::string reason(to_string(*s.blocker));
      fmt::print("  {}  {}\n", pad(show(s.item->id), id_width),
                 s.detail.empty() ? paint(reason, Tone::warn)
                                  : paint(pad(reason, 11), Tone::warn) + "  " + show(s.detail));
    }
  }
  fmt::print("\n{}\n", r.ready() ? paint("READY: every applicable item is answered, attributed "
                                         "and confirmed",
                                         Tone::good)
                                 : paint(fmt::format("BLOCKED: {} of {} applicable items hold "
                                                     "the gate",
                                                     r.blockers, r.applicable),
                                         Tone::bad));
}

int run_status(const Globals& g, const StatusOptions& o) {
  Portfolio portfolio(g);
  const Workspace& ws = portfolio.workspace();
  const std::vector<std::string> slugs = o.accounts.empty() ? ws.accounts() : o.accounts;
  if (slugs.empty() && !o.json) {
    fmt::print("no accounts in {} yet; cna start ACCOUNT begins one\n", show(ws.root().string()));
    return 0;
  }
  std::size_t slug_width = 0;
  for (const std::string& slug : slugs)
    slug_width = std::max(slug_width, cells(show(slug)));
  const Seconds t = now();
  StatusJson json;
  int status = 0;
  for (const std::string& slug : slugs) {
    try {
      const auto [assessment, checklist] = portfolio.load(slug);
      const Readiness r = assess(*checklist, assessment, t, ws.config().reconfirm_after_days);
      if (o.json) {
        fmt::print("{}", json.account(assessment, *checklist, r));
      } else if (slugs.size() == 1 && !o.accounts.empty()) {
        print_detail(assessment, *checklist, r);
      } else {
        print_line(assessment, r, slug_width);
      }
    } catch (const Error& e) {
      status = report(e, status);
    }
  }
  if (o.json) fmt::print("{}", json.finish());
  return status;
}

} // namespace

void add_status(CLI::App& app, Globals& g) {
  auto o = std::make_shared<StatusOptions>();
  auto* sub = app.add_subcommand(
      "status", "Progress, readiness and blockers: every account, or the details of one");
  sub->add_option("account", o->accounts, "Accounts (default: every account of the workspace)");
  sub->add_flag("--json", o->json, "Print JSON (shape documented in the README)");
  sub->footer("Exits 0 however blocked the accounts are (cna check is the gate); 65 when an "
              "account's file cannot be read, after reporting the others.");
  sub->callback([o, &g] { g.action = [o, &g] { return run_status(g, *o); }; });
}

} // namespace cna::cli
