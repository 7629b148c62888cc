// `cna status [ACCOUNT...]`: progress, readiness and blockers. Informational: it exits 0 however
// blocked the accounts are (`cna check` is the gate), and non-zero only when a file is bad.
#include <algorithm>
#include <array>
#include <cstdio>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <functional>
#include <memory>
#include <optional>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/gate.hpp"
#include "cli/output.hpp"
#include "cna/item_types.hpp"
#include "cna/json.hpp"
#include "cna/quality.hpp"
#include "cna/readiness.hpp"
#include "cna/status_cache.hpp"
#include "cna/text.hpp"
#include "cna/views.hpp"

namespace cna::cli {

namespace {

struct StatusOptions {
  std::vector<std::string> accounts;
  bool json = false;
  bool by_rep = false;
  std::string sort; // a kSortKeys name; "": account order
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

// One portfolio line: an account and its summary.
struct StatusRow {
  std::string slug;
  StatusSummary summary;
};

// The figure columns of a portfolio line, after the account and its name: each cell is plain
// text of at most `width` cells (padded here, then painted in `tone`).
struct Column {
  std::string_view header;
  std::size_t width;
  bool right; // numbers align right
  std::string (*cell)(const Quality& q, Seconds now);
  Tone (*tone)(const Quality& q);
};
Tone plain(const Quality&) { return Tone::plain; }
constexpr std::array kColumns{
    Column{"ANSWERED", kBarWidth + 9, false,
           [](const Quality& q, Seconds) {
             return fmt::format("{}  {:>7}", bar(q.answered, q.applicable, kBarWidth),
                                fmt::format("{}/{}", q.answered, q.applicable));
           },
           [](const Quality&) { return Tone::accent; }},
    Column{"SOURCED", 7, true,
           [](const Quality& q, Seconds) {
             return fmt::format("{}%", percent(q.sourced, q.applicable));
           },
           plain},
    Column{"CONFIRMED", 9, true,
           [](const Quality& q, Seconds) {
             return fmt::format("{}%", percent(q.confirmed, q.applicable));
           },
           plain},
    Column{"MET", 7, true,
           [](const Quality& q, Seconds) { return fmt::format("{}/{}", q.met, q.stakeholders); },
           [](const Quality& q) { return q.met == 0 ? Tone::warn : Tone::plain; }},
    Column{"VOICES", 8, true,
           [](const Quality& q, Seconds) {
             return q.single_threaded() ? std::string("1 single") : std::to_string(q.voices);
           },
           [](const Quality& q) { return q.single_threaded() ? Tone::bad : Tone::plain; }},
    Column{"LAST MET", 8, true,
           [](const Quality& q, Seconds now) {
             const auto d = days_since(q.last_meeting, now);
             return !d        ? std::string("never")
                    : *d == 0 ? std::string("today")
                              : fmt::format("{}d ago", *d);
           },
           plain},
    Column{"OVERDUE", 7, true, [](const Quality& q, Seconds) { return std::to_string(q.overdue); },
           [](const Quality& q) { return q.overdue == 0 ? Tone::plain : Tone::bad; }},
    Column{"STALE 7D", 8, true,
           [](const Quality& q, Seconds) { return std::to_string(q.stale_soon); },
           [](const Quality& q) { return q.stale_soon == 0 ? Tone::plain : Tone::warn; }},
};

std::string cell(std::string_view text, std::size_t width, bool right) {
  const std::size_t used = cells(text);
  const std::string space(used < width ? width - used : 0, ' ');
  return right ? space + std::string(text) : std::string(text) + space;
}

void print_header(std::size_t slug_width) {
  std::string line =
      cell("ACCOUNT", slug_width, false) + "  " + cell("NAME", kNameWidth + 1, false);
  for (const Column& c : kColumns)
    line += "  " + cell(c.header, c.width, c.right);
  fmt::print("{}  VERDICT\n", paint(line, Tone::dim));
}

void print_line(const StatusRow& row, std::size_t slug_width, Seconds now) {
  const StatusSummary& s = row.summary;
  std::string line =
      pad(show(row.slug), slug_width) + "  " + pad(preview(s.name, kNameWidth), kNameWidth + 1);
  for (const Column& c : kColumns)
    line += "  " + paint(cell(c.cell(s.quality, now), c.width, c.right), c.tone(s.quality));
  fmt::print("{}  {}\n", line, verdict(s.quality.blockers));
}

// How `--sort KEY` orders the lines: the weakest first (least answered, sourced, confirmed or
// met; longest since a meeting; most overdue, going stale or blocked), ties in account order.
enum class Order {
  text,  // by `text`, ascending
  share, // by `part` of `whole`, the lowest first (an account with nothing applicable: 0)
  most   // by `part`, the highest first
};
struct SortKey {
  std::string_view name;
  Order order;
  const std::string& (*text)(const StatusRow& row);
  std::size_t Quality::*part;
  std::size_t Quality::*whole;
};
constexpr std::array kSortKeys{
    SortKey{"account", Order::text, [](const StatusRow& r) -> const std::string& { return r.slug; },
            nullptr, nullptr},
    SortKey{"name", Order::text,
            [](const StatusRow& r) -> const std::string& { return r.summary.name; }, nullptr,
            nullptr},
    SortKey{"answered", Order::share, nullptr, &Quality::answered, &Quality::applicable},
    SortKey{"sourced", Order::share, nullptr, &Quality::sourced, &Quality::applicable},
    SortKey{"confirmed", Order::share, nullptr, &Quality::confirmed, &Quality::applicable},
    SortKey{"met", Order::share, nullptr, &Quality::met, &Quality::stakeholders},
    // Never met ("") first, then the oldest meeting.
    SortKey{"last-met", Order::text,
            [](const StatusRow& r) -> const std::string& { return r.summary.quality.last_meeting; },
            nullptr, nullptr},
    SortKey{"overdue", Order::most, nullptr, &Quality::overdue, nullptr},
    SortKey{"stale", Order::most, nullptr, &Quality::stale_soon, nullptr},
    SortKey{"blockers", Order::most, nullptr, &Quality::blockers, nullptr},
    SortKey{"rep", Order::text,
            [](const StatusRow& r) -> const std::string& { return r.summary.quality.rep; }, nullptr,
            nullptr},
};

bool before(const SortKey& key, const StatusRow& x, const StatusRow& y) {
  const Quality& a = x.summary.quality;
  const Quality& b = y.summary.quality;
  switch (key.order) {
  case Order::text:
    return key.text(x) < key.text(y);
  case Order::share: { // compared without rounding: part_a / whole_a < part_b / whole_b
    const std::size_t wa = a.*key.whole, wb = b.*key.whole;
    return (wa == 0 ? 0 : a.*key.part) * (wb == 0 ? 1 : wb) <
           (wb == 0 ? 0 : b.*key.part) * (wa == 0 ? 1 : wa);
  }
  case Order::most:
    return a.*key.part > b.*key.part;
  }
  return false;
}

const SortKey& sort_key(std::string_view name) {
  for (const SortKey& k : kSortKeys) {
    if (k.name == name) return k;
  }
  return kSortKeys.front(); // the option's check admits only the names above
}

// The rep's group of the manager's view: their accounts, and the figures summed over them.
struct RepGroup {
  std::string rep; // "" for accounts nobody answered anything of yet
  std::vector<const StatusRow*> rows;
  Quality total;
};

std::vector<RepGroup> group_by_rep(const std::vector<StatusRow>& rows) {
  std::vector<RepGroup> groups;
  for (const StatusRow& row : rows) {
    const Quality& q = row.summary.quality;
    auto g = std::find_if(groups.begin(), groups.end(),
                          [&](const RepGroup& x) { return x.rep == q.rep; });
    if (g == groups.end()) g = groups.insert(groups.end(), RepGroup{q.rep, {}, {}});
    g->rows.push_back(&row);
    for (const auto member : {&Quality::applicable, &Quality::answered, &Quality::sourced,
                              &Quality::confirmed, &Quality::blockers, &Quality::overdue,
                              &Quality::stale_soon, &Quality::stakeholders, &Quality::met})
      g->total.*member += q.*member;
  }
  // By name; the accounts nobody answered anything of last.
  std::stable_sort(groups.begin(), groups.end(), [](const RepGroup& x, const RepGroup& y) {
    return !x.rep.empty() && (y.rep.empty() || x.rep < y.rep);
  });
  return groups;
}

std::string rep_heading(const RepGroup& g) {
  const Quality& t = g.total;
  return fmt::format("{} · {} account{} · {}% answered, {}% sourced, {}% confirmed · {} overdue, "
                     "{} going stale",
                     g.rep.empty() ? "(no answers yet)" : show(g.rep), g.rows.size(),
                     g.rows.size() == 1 ? "" : "s", percent(t.answered, t.applicable),
                     percent(t.sourced, t.applicable), percent(t.confirmed, t.applicable),
                     t.overdue, t.stale_soon);
}

Json rep_json(const RepGroup& g) {
  const Quality& t = g.total;
  Json accounts = Json::array();
  for (const StatusRow* row : g.rows)
    accounts.push_back(row->slug);
  return Json::object({{"rep", g.rep},
                       {"accounts", std::move(accounts)},
                       {"applicable", t.applicable},
                       {"answered", t.answered},
                       {"sourced", t.sourced},
                       {"confirmed", t.confirmed},
                       {"blocked", t.blockers},
                       {"overdue_next_steps", t.overdue},
                       {"stale_soon", t.stale_soon}});
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

// A titled list of the answers `shown` picks, one line each under their state; nothing when it
// picks none.
void print_answers(const Checklist& checklist, const Assessment& assessment, std::string_view title,
                   const std::vector<std::pair<std::string, Answer>>& list,
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
               paint(pad(to_string(answer.state), 8), Tone::dim),
               preview(describe_answer(answer, checklist.find(item), assessment.stakeholders,
                                       {.one_line = true, .state = false}),
                       50));
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
    lines.push_back(fmt::format("  {}  {}", show(local_date_of(h.at)), what));
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
  print_answers(c, a, "Conflicts (two edits disagree; answering the item again chooses)", a.answers,
                [](const Answer& answer) { return answer.state == State::conflict; });
  print_answers(c, a, "Retired answers (their items left the checklist; kept, never deleted)",
                a.retired, [](const Answer&) { return true; });
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
  std::optional<StatusCache::Key> key; // set when computed with a cache
  std::string record;                  // then its record for the cache ("": not kept)
};

// How many changed accounts a warm run computes on its own thread, in order, before it hands the
// rest to every core.
constexpr std::size_t kComputedInOrder = 16;

// The lines of --sort and --by-rep, once every account is read: in the key's order, grouped by
// rep (each group headed by its figures).
void print_ordered(const StatusOptions& o, std::vector<StatusRow>& rows, StatusJson& json,
                   std::size_t slug_width, Seconds t) {
  const SortKey& key = sort_key(o.sort);
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const StatusRow& x, const StatusRow& y) { return before(key, x, y); });
  std::vector<RepGroup> groups;
  if (o.by_rep) {
    groups = group_by_rep(rows);
  } else {
    groups.push_back({});
    for (const StatusRow& row : rows)
      groups.back().rows.push_back(&row);
  }
  Json reps = Json::array();
  for (const RepGroup& g : groups) {
    if (o.json) {
      for (const StatusRow* row : g.rows) {
        const std::string part = json.add(row->summary.json);
        std::fwrite(part.data(), 1, part.size(), stdout);
      }
      reps.push_back(rep_json(g));
      continue;
    }
    if (o.by_rep) fmt::print("\n{}\n", paint(rep_heading(g), Tone::bold));
    for (const StatusRow* row : g.rows)
      print_line(*row, slug_width, t);
  }
  if (o.json) fmt::print("{}", json.finish(o.by_rep ? ", \"reps\": " + dump_json(reps, -1) : ""));
}

int run_status(const Globals& g, const StatusOptions& o) {
  if (!o.json && o.accounts.size() == 1 && o.sort.empty() && !o.by_rep) {
    return run_detail(g, o.accounts.front());
  }
  Portfolio portfolio(g);
  const Workspace& ws = portfolio.workspace();
  const std::vector<std::string> slugs = o.accounts.empty() ? ws.accounts() : o.accounts;
  if (slugs.empty() && !o.json) {
    if (!quiet())
      fmt::print("no accounts in {} yet; cna start ACCOUNT begins one\n", show(ws.root().string()));
    return 0;
  }
  const Seconds t = now();
  StatusJson json;
  const bool silent = !o.json && quiet();    // -q: read every file, print only the errors
  std::size_t slug_width = cells("ACCOUNT"); // of the text's first column
  for (std::size_t i = 0; i < slugs.size() && !o.json && !silent; ++i)
    slug_width = std::max(slug_width, cells(show(slugs[i])));
  const bool ordered = !o.sort.empty() || o.by_rep; // printed once all are read
  std::vector<StatusRow> rows;
  if (!silent && !o.json) print_header(slug_width);
  StatusCache cache(ws);
  // One account's line: its JSON object written as it is (from the cache: never copied), its
  // text line, or a row for the orders.
  const auto put = [&](const std::string& slug, std::string_view object,
                       const std::function<StatusSummary()>& summary) {
    if (ordered) {
      if (!silent) rows.push_back({slug, summary()});
    } else if (o.json) {
      const std::string separator = json.add({});
      std::fwrite(separator.data(), 1, separator.size(), stdout);
      std::fwrite(object.data(), 1, object.size(), stdout); // a write error shows at exit (74)
    } else if (!silent) {
      print_line({slug, summary()}, slug_width, t);
    }
  };
  const auto put_hit = [&](const std::string& slug, const StatusCache::Hit& hit) {
    cache.keep(hit);
    put(slug, hit.json, [&] { return StatusCache::summary(hit); });
  };
  const std::function<Row(const std::string&)> work = [&](const std::string& slug) {
    Row row;
    row.key = cache.key(slug);
    if (row.key && (row.hit = cache.find(slug, *row.key, t))) return row;
    View v = portfolio.read(slug, t);
    const Quality q = quality_of(v.assessment, v.readiness, t);
    row.summary = {v.assessment.name, q,
                   StatusJson::object(v.assessment, *v.checklist, v.readiness, q)};
    if (row.key) {
      row.key->checklist_id = v.checklist->id;
      row.record = cache.record_of(slug, *row.key, t, q.holds_until, row.summary);
    }
    return row;
  };
  const std::function<void(const std::string&, Row&)> emit = [&](const std::string& slug,
                                                                 Row& row) {
    if (row.hit) {
      put_hit(slug, *row.hit);
      return;
    }
    if (row.key) cache.keep(row.record);
    put(slug, row.summary.json, [&] { return std::move(row.summary); });
  };
  const std::function<void(const std::string&, const Error&)> failed =
      [&](const std::string& slug, const Error& e) { json.failed(slug, e.what()); };
  // A warm run reads the cache front to back on this thread (it is in account order); the few
  // accounts that changed are computed here too, and only past kComputedInOrder of them do the
  // rest go to every core (threads started).
  int status = 0;
  std::size_t first = 0; // the accounts before it are done
  if (!cache.empty()) {
    for (std::size_t computed = 0; first < slugs.size(); ++first) {
      const std::string& slug = slugs[first];
      const auto key = cache.key(slug);
      if (const auto hit = key ? cache.next(slug, *key, t) : std::nullopt) {
        put_hit(slug, *hit);
        continue;
      }
      if (++computed > kComputedInOrder) break;
      const int s = portfolio.for_each<Row>({slug}, work, emit, failed);
      status = status != 0 ? status : s;
    }
    cache.index(); // the rest on every core, each looked up in the records not yet passed
  }
  if (first < slugs.size()) {
    std::vector<std::string> rest;
    if (first > 0) rest.assign(slugs.begin() + static_cast<std::ptrdiff_t>(first), slugs.end());
    const int s = portfolio.for_each<Row>(first == 0 ? slugs : rest, work, emit, failed);
    status = status != 0 ? status : s;
  }
  if (ordered && !silent) {
    print_ordered(o, rows, json, slug_width, t);
  } else if (o.json) {
    fmt::print("{}", json.finish());
  }
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
  sub->add_flag("--by-rep", o->by_rep,
                "Group the accounts by rep (who recorded most of their answers), each group "
                "headed by its figures");
  std::vector<std::string> keys;
  for (const SortKey& k : kSortKeys)
    keys.emplace_back(k.name);
  sub->add_option(
         "--sort", o->sort,
         fmt::format("Order the accounts by KEY, the weakest first: {}", fmt::join(keys, ", ")))
      ->check(CLI::IsMember(keys))
      ->type_name("KEY");
  sub->footer("Exits 0 however blocked the accounts are (cna check is the gate); 65 when an "
              "account's file cannot be read, after reporting the others.\n"
              "Examples:\n"
              "  cna status                 every account: answered, sourced, confirmed, met, ...\n"
              "  cna status --by-rep --sort confirmed   by rep, the least confirmed first\n"
              "  cna status acme            sections, conflicts, retired answers, the blockers\n"
              "  cna status --json | jq '.accounts[] | select(.ready | not) | .account'");
  sub->callback([o, &g] { g.action = [o, &g] { return run_status(g, *o); }; });
}

} // namespace cna::cli
