// `cna status [ACCOUNT...]`: progress, readiness and blockers. Informational: it exits 0 however
// blocked the accounts are (`cna check` is the gate), and non-zero only when a file is bad.
#include <cstdio>
#include <fmt/format.h>
#include <functional>
#include <memory>
#include <optional>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/gate.hpp"
#include "cli/output.hpp"
#include "cna/readiness.hpp"
#include "cna/status_cache.hpp"
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

std::string verdict(std::size_t blockers) {
  return blockers == 0 ? paint("READY", Tone::good)
                       : paint(fmt::format("BLOCKED ({})", blockers), Tone::bad);
}

std::string progress(std::size_t done, std::size_t total) {
  return fmt::format("{}  {:>7}", paint(bar(done, total, kBarWidth), Tone::accent),
                     fmt::format("{}/{}", done, total));
}

void print_line(const std::string& slug, const StatusSummary& s, std::size_t slug_width) {
  fmt::print("{}  {}  {}  {:>3} confirmed  {}{}\n", pad(show(slug), slug_width),
             pad(preview(s.name, kNameWidth), kNameWidth + 1), progress(s.answered, s.items),
             s.confirmed, verdict(s.blockers),
             s.overdue == 0 ? ""
                            : paint(fmt::format("  {} overdue next step{}", s.overdue,
                                                s.overdue == 1 ? "" : "s"),
                                    Tone::bad));
}

// The open next steps, overdue ones flagged (cna next lists them with their ids).
void print_next_steps(const Assessment& a) {
  const std::string today = format_date(now());
  const std::vector<const NextStep*> open = open_next_steps(a);
  if (open.empty()) return;
  fmt::print("\nNext steps:\n");
  for (const NextStep* step : open) {
    fmt::print("  {}  {}{}\n", preview(step->what, 60),
               paint(fmt::format("{} · {}", show(a.name_of(step->owner)),
                                 step->due.empty() ? "no due date" : "due " + step->due),
                     Tone::dim),
               overdue(*step, today) ? paint("  OVERDUE", Tone::bad) : "");
  }
}

// A titled list of the answers `shown` picks, one line each; nothing when it picks none.
void print_answers(std::string_view title, const std::vector<std::pair<std::string, Answer>>& list,
                   const std::function<bool(const Answer&)>& shown) {
  std::size_t id_width = 0;
  for (const auto& [item, answer] : list) {
    if (shown(answer)) id_width = std::max(id_width, cells(show(item)));
  }
  if (id_width == 0) return;
  fmt::print("\n{}:\n", title);
  for (const auto& [item, answer] : list) {
    if (!shown(answer)) continue;
    fmt::print("  {}  {}  {}\n", pad(show(item), id_width),
               paint(pad(to_string(answer.state), 8), Tone::dim), answer_text(answer, 50));
  }
}

// What the checklist's evolution did to this account (docs/checklists-as-code.md), from its
// history, the latest last: answers that followed a renamed item, retired and restored answers, new
// versions.
void print_checklist_updates(const Assessment& a) {
  constexpr std::size_t kShown = 12;
  std::vector<std::string> lines;
  for (const HistoryEntry& h : a.history) {
    const std::string item = show(h.item), value = show(format_value(h.value));
    std::string what;
    if (h.action == "renamed") {
      what = fmt::format("{} <- {}: renamed, the answer moved with it", item, value);
    } else if (h.action == "retired") {
      what = fmt::format("{}: left the checklist, its answer retired (kept)", item);
    } else if (h.action == "restored") {
      what = fmt::format("{}: back in the checklist, its answer restored", item);
    } else if (h.action == "checklist-updated") {
      what = fmt::format("checklist version {} in use", value);
    } else {
      continue;
    }
    lines.push_back(fmt::format("  {}  {}", show(h.at.substr(0, 10)), what));
  }
  if (lines.empty()) return;
  fmt::print("\nChecklist updates (nothing dropped; cna log shows them all):\n");
  const std::size_t from = lines.size() > kShown ? lines.size() - kShown : 0;
  for (std::size_t i = from; i < lines.size(); ++i)
    fmt::print("{}\n", lines[i]);
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
  print_answers("Conflicts (two edits disagree; answering the item again chooses)", a.answers,
                [](const Answer& answer) { return answer.state == State::conflict; });
  print_answers("Retired answers (their items left the checklist; kept, never deleted)", a.retired,
                [](const Answer&) { return true; });
  print_checklist_updates(a);
  print_next_steps(a);
  print_gate(r);
}

// The single-account view: sections, conflicts, retired answers and the gate, from the file
// as the strict reader reads it (history included).
int run_detail(const Globals& g, const std::string& slug) {
  const Account a = load_account(g, slug);
  const Readiness r = readiness_of(a.checklist, a.assessment, a.workspace, now());
  if (!quiet()) print_detail(a.assessment, a.checklist, r); // -q: the file read, errors only
  return 0;
}

// One account's line of the portfolio: from the cache, or computed (and then kept in it).
struct Row {
  StatusSummary summary;
  std::optional<StatusCache::Hit> hit;
  std::optional<StatusCache::Key> key; // set when computed with a cache: keep() it
  Seconds holds_until = 0;
};

int run_status(const Globals& g, const StatusOptions& o) {
  if (!o.json && o.accounts.size() == 1) return run_detail(g, o.accounts.front());
  Portfolio portfolio(g);
  const Workspace& ws = portfolio.workspace();
  const std::vector<std::string> slugs = o.accounts.empty() ? ws.accounts() : o.accounts;
  if (slugs.empty() && !o.json) {
    if (!quiet())
      fmt::print("no accounts in {} yet; cna start ACCOUNT begins one\n", show(ws.root().string()));
    return 0;
  }
  std::size_t slug_width = 0;
  for (const std::string& slug : slugs)
    slug_width = std::max(slug_width, cells(show(slug)));
  const Seconds t = now();
  StatusJson json;
  const bool silent = !o.json && quiet(); // -q: read every file, print only the errors
  StatusCache cache(ws);
  const std::function<Row(const std::string&)> work = [&](const std::string& slug) {
    Row row;
    row.key = cache.key(slug);
    if (row.key) {
      if ((row.hit = cache.find(slug, *row.key, t))) {
        row.summary = std::move(row.hit->summary);
        return row;
      }
    }
    View v = portfolio.read(slug, t);
    const Readiness& r = v.readiness;
    const NextStepsDue due = next_steps_due(v.assessment, t);
    row.summary = {v.assessment.name,
                   r.applicable,
                   r.answered,
                   r.confirmed,
                   r.blockers,
                   due.overdue,
                   StatusJson::object(v.assessment, *v.checklist, r, due.overdue)};
    row.holds_until = std::min(r.holds_until, due.holds_until);
    if (row.key) row.key->checklist_id = v.checklist->id;
    return row;
  };
  const std::function<void(const std::string&, Row&)> emit = [&](const std::string& slug,
                                                                 Row& row) {
    if (row.hit) {
      cache.keep(*row.hit);
    } else if (row.key) {
      cache.keep(slug, *row.key, t, row.holds_until, row.summary);
    }
    if (o.json) {
      const std::string part = json.add(row.summary.json);
      std::fwrite(part.data(), 1, part.size(), stdout); // a write error shows at exit (74)
    } else if (!silent) {
      print_line(slug, row.summary, slug_width);
    }
  };
  const int status =
      portfolio.for_each<Row>(slugs, work, emit, [&](const std::string& slug, const Error& e) {
        json.failed(slug, e.what());
      });
  if (o.json) fmt::print("{}", json.finish());
  cache.save();
  return status;
}

} // namespace

void add_status(CLI::App& app, Globals& g) {
  auto o = std::make_shared<StatusOptions>();
  auto* sub = app.add_subcommand(
      "status", "Progress, readiness and blockers: every account, or the details of one");
  sub->add_option("account", o->accounts, "Accounts (default: every account of the workspace)");
  sub->add_flag("--json", o->json, kJsonHelp);
  sub->footer("Exits 0 however blocked the accounts are (cna check is the gate); 65 when an "
              "account's file cannot be read, after reporting the others.\n"
              "Examples:\n"
              "  cna status                 every account, with a bar each\n"
              "  cna status acme            sections, conflicts, retired answers, the blockers\n"
              "  cna status --json | jq '.accounts[] | select(.ready | not) | .account'");
  sub->callback([o, &g] { g.action = [o, &g] { return run_status(g, *o); }; });
}

} // namespace cna::cli
