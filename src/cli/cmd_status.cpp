// `cna status [ACCOUNT...]`: progress, readiness and blockers. Informational: it exits 0 however
// blocked the accounts are (`cna check` is the gate), and non-zero only when a file is bad.
#include <cstdio>
#include <fmt/format.h>
#include <functional>
#include <memory>

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
  fmt::print("{}  {}  {}  {:>3} confirmed  {}\n", pad(show(slug), slug_width),
             pad(preview(s.name, kNameWidth), kNameWidth + 1), progress(s.answered, s.items),
             s.confirmed, verdict(s.blockers));
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

// What the checklist's evolution did to this account (docs/checklists-as-code.md), from its history, the
// latest last: answers that followed a renamed item, retired and restored answers, new versions.
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
  print_gate(r);
}

int run_status(const Globals& g, const StatusOptions& o) {
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
  const bool detail = !o.json && slugs.size() == 1 && !o.accounts.empty();
  const bool silent = !o.json && quiet(); // -q: read every file, print only the errors
  // The portfolio views read summaries through the cache (status_cache.hpp); the detail view
  // always reads the file.
  std::optional<StatusCache> cache;
  if (!detail) cache.emplace(ws);
  const auto print = [&](const std::string& slug, const StatusSummary& summary) {
    if (o.json) {
      const std::string part = json.add(summary.json);
      std::fwrite(part.data(), 1, part.size(), stdout); // a write error shows at exit (74)
    } else if (!silent) {
      print_line(slug, summary, slug_width);
    }
  };
  int status = 0;
  for (const std::string& slug : slugs) {
    try {
      auto key = cache ? cache->key(slug) : std::nullopt;
      if (key) {
        if (const auto cached = cache->find(slug, *key, t)) {
          print(slug, *cached);
          continue;
        }
      }
      const auto [assessment, checklist] = portfolio.load(slug);
      const Readiness r = assess(*checklist, assessment, t, ws.config().reconfirm_after_days);
      if (detail) {
        if (!silent) print_detail(assessment, *checklist, r);
        continue;
      }
      const std::string object = StatusJson::object(assessment, *checklist, r);
      const StatusSummary summary{assessment.name, r.applicable, r.answered,
                                  r.confirmed,     r.blockers,   object};
      if (key) {
        key->checklist_id = checklist->id;
        cache->keep(slug, *key, t, r.holds_until, summary);
      }
      print(slug, summary);
    } catch (const Error& e) {
      status = report(e, status);
      json.failed(slug, e.what());
    }
  }
  if (o.json) fmt::print("{}", json.finish());
  if (cache) cache->save();
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
              "account's file cannot be read, after reporting the others.\n"
              "Examples:\n"
              "  cna status                 every account, with a bar each\n"
              "  cna status acme            sections, conflicts, retired answers, the blockers\n"
              "  cna status --json | jq '.accounts[] | select(.ready | not) | .account'");
  sub->callback([o, &g] { g.action = [o, &g] { return run_status(g, *o); }; });
}

} // namespace cna::cli
