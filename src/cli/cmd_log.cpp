// `cna log ACCOUNT [--json] [--item ID]`: who changed what and when, from the history, newest
// last.
#include <algorithm>
#include <fmt/format.h>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/error.hpp"
#include "cna/views.hpp"

namespace cna::cli {

namespace {

struct LogOptions {
  std::string account;
  std::string item;
  bool json = false;
};

// Entries of the history about `item` (every entry when empty), oldest first: merged histories
// are not always in order.
std::vector<const HistoryEntry*> entries(const Account& account, const std::string& item) {
  const Assessment& a = account.assessment;
  std::vector<const HistoryEntry*> out;
  for (const HistoryEntry& h : a.history) {
    // A meeting's id keeps its own entry and every change made in it.
    if (item.empty() || h.item == item || h.meeting == item) out.push_back(&h);
  }
  if (!item.empty() && out.empty() && account.checklist.find(item) == nullptr &&
      a.find_stakeholder(item) == nullptr && a.find_meeting(item) == nullptr) {
    throw Error(Exit::usage, no_such_item(account.checklist, item));
  }
  const auto when = [](const HistoryEntry* h) { return parse_timestamp(h->at).value_or(0); };
  std::stable_sort(out.begin(), out.end(),
                   [&](const HistoryEntry* x, const HistoryEntry* y) { return when(x) < when(y); });
  return out;
}

// "2026-11-23 23:04 NZDT", the rep's time (the stored text, made visible, when it is not a
// timestamp).
std::string minute(const std::string& at) { return show(local_time_of(at)); }

// "in Scope the pilot (2026-12-02)": the meeting a change was made in, as a person knows it.
std::string meeting_text(const Assessment& a, const std::string& id) {
  const Meeting* m = a.find_meeting(id);
  if (m == nullptr) return "in meeting " + show(id);
  return fmt::format("in {} ({})",
                     m->purpose.empty() ? "a meeting" : "\"" + preview(m->purpose, 40) + "\"",
                     m->date);
}

void print_entries(const Assessment& a, const std::vector<const HistoryEntry*>& list) {
  std::size_t by_width = 0, action_width = 0;
  for (const HistoryEntry* h : list) {
    by_width = std::max(by_width, cells(show(h->by)));
    action_width = std::max(action_width, cells(show(h->action)));
  }
  for (const HistoryEntry* h : list) {
    std::string line = fmt::format("{}  {}  {}  {}", minute(h->at), pad(show(h->by), by_width),
                                   pad(show(h->action), action_width), show(h->item));
    if (has_value(h->value)) line += fmt::format(" = \"{}\"", preview(format_value(h->value), 60));
    if (!h->source.empty()) {
      line +=
          fmt::format(" ({} {})", h->action == "confirmed" ? "with" : "source", show(h->source));
    }
    // A meeting's own entry names it already.
    if (!h->meeting.empty() && h->item != h->meeting) line += " " + meeting_text(a, h->meeting);
    fmt::print("{}\n", line);
  }
}

int log(const Globals& g, const LogOptions& o) {
  const Account account = load_account(g, o.account);
  const std::vector<const HistoryEntry*> list = entries(account, o.item);
  if (o.json) {
    fmt::print("{}", log_json(account.assessment, list));
  } else if (list.empty()) {
    if (!quiet()) fmt::print("no history yet\n");
  } else if (!quiet()) {
    print_entries(account.assessment, list);
  }
  return 0;
}

} // namespace

void add_log(CLI::App& app, Globals& g) {
  auto o = std::make_shared<LogOptions>();
  auto* sub = app.add_subcommand("log", "Who changed what, and when (the account's history)");
  add_account_argument(sub, o->account);
  sub->add_option("--item", o->item,
                  "Only the entries about this item (or stakeholder id, or meeting id: the "
                  "changes made in it)");
  sub->add_flag("--json", o->json, kJsonHelp);
  sub->footer("Examples:\n  cna log acme\n  cna log acme --item business_goal\n"
              "  cna log acme --json");
  runs(sub, g, o, log);
}

} // namespace cna::cli
