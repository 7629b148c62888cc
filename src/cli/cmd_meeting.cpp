// `cna meeting ACCOUNT [list|show ID|add|edit ID]`: the account's meetings (docs/assessment.md),
// recorded after the fact or looked back on; `cna start --meeting` opens one as it happens.
#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/brief.hpp"
#include "cna/record.hpp"
#include "cna/text.hpp"
#include "cna/views.hpp"

namespace cna::cli {

namespace {

struct MeetingOptions {
  std::string account;
  bool json = false;
  std::string id;
  std::string date;
  std::string purpose;
  std::vector<std::string> with;
  std::vector<std::string> ours;
  std::string outcome;
  std::string notes;
  // The options of the chosen `add` or `edit`: edit changes only the fields given.
  struct Given {
    const CLI::Option* date = nullptr;
    const CLI::Option* purpose = nullptr;
    const CLI::Option* with = nullptr;
    const CLI::Option* ours = nullptr;
    const CLI::Option* outcome = nullptr;
    const CLI::Option* notes = nullptr;
    [[nodiscard]] bool any() const {
      const std::array<const CLI::Option*, 6> all{date, purpose, with, ours, outcome, notes};
      return std::any_of(all.begin(), all.end(),
                         [](const CLI::Option* o) { return o->count() > 0; });
    }
  } given;
};

constexpr std::size_t kAnswerWidth = 50;

std::string names(const Assessment& a, const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const std::string& id : ids)
    out.push_back(show(a.name_of(id)));
  return fmt::format("{}", fmt::join(out, ", "));
}

std::string shown_list(const std::vector<std::string>& texts) {
  std::vector<std::string> out;
  for (const std::string& text : texts)
    out.push_back(show(text));
  return fmt::format("{}", fmt::join(out, ", "));
}

// The answers given (`confirmations`: read back) in meeting `id`, in checklist order.
std::vector<std::pair<std::string, const Answer*>>
in_meeting(const Assessment& a, const std::string& id, bool confirmations) {
  std::vector<std::pair<std::string, const Answer*>> out;
  for (const auto& [item, answer] : a.answers) {
    if (answer.state == State::missing) continue;
    if ((confirmations ? answer.confirmed_in : answer.meeting) == id)
      out.emplace_back(item, &answer);
  }
  return out;
}

void print_summary(const Account& account, const Meeting& m) {
  const Assessment& a = account.assessment;
  fmt::print("{}  {}  {}\n", m.date,
             paint(show(m.purpose.empty() ? "(no purpose)" : m.purpose), Tone::bold),
             paint(m.id, Tone::dim));
  std::string who = m.attendees.empty() ? "no stakeholder" : "with " + names(a, m.attendees);
  if (!m.ours.empty()) who += " · ours: " + shown_list(m.ours);
  fmt::print("  {}\n", who);
  if (!m.outcome.empty()) fmt::print("  outcome: {}\n", show(m.outcome));
  const std::size_t answered = in_meeting(a, m.id, false).size();
  const std::size_t confirmed = in_meeting(a, m.id, true).size();
  if (answered + confirmed > 0) {
    fmt::print("  {}\n", paint(fmt::format("{} answered, {} read back in it", answered, confirmed),
                               Tone::dim));
  }
}

int list(const Globals& g, const MeetingOptions& o) {
  const Account account = load_account(g, o.account);
  const Assessment& a = account.assessment;
  if (o.json) {
    fmt::print("{}", meetings_json(a, account.checklist));
    return 0;
  }
  if (quiet()) return 0;
  if (a.meetings.empty()) {
    fmt::print("{} has no meetings yet; record one with: cna meeting {} add --purpose TEXT "
               "--with PEOPLE (or cna start {} --meeting PURPOSE)\n",
               show(a.name), a.account, a.account);
    return 0;
  }
  for (const Meeting& m : a.meetings)
    print_summary(account, m);
  return 0;
}

// "What is the budget?  250,000 EUR (Dana Lee)", by prompt and name, never ids.
void print_answers(const Account& account, const std::string& heading,
                   const std::vector<std::pair<std::string, const Answer*>>& answers) {
  if (answers.empty()) return;
  fmt::print("{} ({})\n", paint(heading, Tone::accent), answers.size());
  for (const auto& [item, answer] : answers) {
    const Item* definition = account.checklist.find(item);
    const std::string prompt = definition != nullptr ? preview(definition->prompt, 48) : show(item);
    std::string line = fmt::format(
        "  {}  {}", prompt,
        answer_text(*answer, definition, account.assessment.stakeholders, kAnswerWidth));
    if (!answer->source.empty())
      line += paint(" (" + show(account.assessment.name_of(answer->source)) + ")", Tone::dim);
    fmt::print("{}\n", line);
  }
}

int show_meeting(const Globals& g, const MeetingOptions& o) {
  const Account account = load_account(g, o.account);
  const Assessment& a = account.assessment;
  const Meeting& m = *a.find_meeting(resolve_meeting(a, o.id));
  if (o.json) {
    fmt::print("{}", meeting_json(a, account.checklist, m));
    return 0;
  }
  if (quiet()) return 0;
  const auto row = [](std::string_view label, const std::string& text) {
    if (!text.empty()) fmt::print("  {:<8} {}\n", label, text);
  };
  fmt::print("{}\n", paint(fmt::format("Meeting {}", m.id), Tone::bold));
  row("date", fmt::format("{} ({})", m.date, relative_day(m.date, now())));
  row("purpose", show(m.purpose));
  std::vector<std::string> people;
  for (const std::string& id : m.attendees) {
    const Stakeholder* s = a.find_stakeholder(id);
    people.push_back(s != nullptr && !s->title.empty() ? show(s->name) + " (" + show(s->title) + ")"
                                                       : show(a.name_of(id)));
  }
  row("with", fmt::format("{}", fmt::join(people, ", ")));
  row("ours", shown_list(m.ours));
  row("outcome", show(m.outcome));
  if (!m.notes.empty()) {
    fmt::print("  notes\n");
    for (std::size_t at = 0; at <= m.notes.size();) {
      const std::size_t end = std::min(m.notes.find('\n', at), m.notes.size());
      fmt::print("    {}\n", show(std::string_view(m.notes).substr(at, end - at)));
      at = end + 1;
    }
  }
  row("recorded", fmt::format("{} by {}", show(local_time_of(m.created_at)), show(m.created_by)));
  print_answers(account, "Answered in it", in_meeting(a, m.id, false));
  print_answers(account, "Read back in it", in_meeting(a, m.id, true));
  return 0;
}

// The meeting the options given describe, on top of `base`; Error(usage) when it is not valid.
Meeting described(const MeetingOptions& o, const Account& account, Meeting base) {
  const auto given = [](const CLI::Option* option) { return option->count() > 0; };
  if (given(o.given.date)) base.date = parse_date_option("--date", o.date, account);
  if (given(o.given.purpose)) base.purpose = text_option("--purpose", o.purpose);
  if (given(o.given.with)) base.attendees = resolve_people(account.assessment, o.with);
  if (given(o.given.ours)) {
    base.ours.clear();
    for (const std::string& name : o.ours) {
      if (std::string one = text_option("--ours", name); !one.empty())
        base.ours.push_back(std::move(one));
    }
  }
  if (given(o.given.outcome)) base.outcome = text_option("--outcome", o.outcome);
  if (given(o.given.notes)) base.notes = text_option("--notes", o.notes, true);
  if (const std::string why = check_meeting(account.assessment, base); !why.empty()) {
    throw Error(Exit::usage, why);
  }
  return base;
}

int add(const Globals& g, const MeetingOptions& o) {
  Account account = load_account(g, o.account);
  Meeting defaults; // today, with you
  defaults.date = format_date(now());
  defaults.ours = {current_user()};
  const Meeting m = described(o, account, defaults);
  std::string id;
  save(account, [&](Assessment& a) { id = record_meeting(a, m, now()); });
  if (!quiet()) fmt::print("{}: recorded meeting {}\n", o.account, id);
  return 0;
}

int edit(const Globals& g, const MeetingOptions& o) {
  if (!o.given.any()) {
    throw Error(Exit::usage,
                "nothing to change: give --date, --purpose, --with, --ours, --outcome or --notes");
  }
  Account account = load_account(g, o.account);
  const std::string id = resolve_meeting(account.assessment, o.id);
  bool changed = false;
  save(account, [&](Assessment& a) {
    const Meeting* current = a.find_meeting(id);
    if (current == nullptr) throw Error(Exit::usage, "meeting " + id + " was removed meanwhile");
    changed = update_meeting(a, described(o, account, *current), now());
  });
  if (!quiet()) fmt::print("{}: {} meeting {}\n", o.account, changed ? "updated" : "unchanged", id);
  return 0;
}

} // namespace

void add_meeting(CLI::App& app, Globals& g) {
  auto o = std::make_shared<MeetingOptions>();
  auto* sub = app.add_subcommand(
      "meeting", "The account's meetings: who was there, why, what came of it; add or edit one");
  add_account_argument(sub, o->account);
  sub->add_flag("--json", o->json, kJsonHelp);
  verbs_or(sub, g, o, list);
  sub->footer(
      "Usage: cna meeting ACCOUNT [list | show ID | add [OPTIONS] | edit ID [OPTIONS]]\n"
      "ID: a meeting's id, the start of one, or \"last\".\n"
      "Examples:\n"
      "  cna meeting acme add --purpose \"Scope the pilot\" --with dana-lee,raj --date 2026-12-01\n"
      "  cna meeting acme edit last --outcome \"Pilot agreed for January\"\n"
      "  cna meeting acme show last\n"
      "  cna meeting acme --json");

  const auto fields = [o](CLI::App* cmd) {
    MeetingOptions::Given given;
    given.date =
        cmd->add_option("--date", o->date, "When: YYYY-MM-DD, today, -3d (default: today)");
    given.purpose = cmd->add_option("--purpose", o->purpose, "Why we met (one line)");
    given.with = cmd->add_option("--with", o->with,
                                 "The stakeholders there (ids or names; comma-separated or "
                                 "repeated)")
                     ->delimiter(',');
    given.ours = cmd->add_option("--ours", o->ours, "Our own people there (names; default: you)")
                     ->delimiter(',');
    given.outcome = cmd->add_option("--outcome", o->outcome, "What came of it (one line)");
    given.notes = cmd->add_option("--notes", o->notes, "Notes (several lines allowed)");
    return given;
  };

  auto* list_cmd = sub->add_subcommand("list", "The meetings, oldest first (the default)");
  runs(list_cmd, g, o, list);

  auto* show_cmd = sub->add_subcommand("show", "One meeting: who, why, outcome, what was said");
  show_cmd->add_option("ID", o->id, "Meeting id, its start, or last")->required();
  runs(show_cmd, g, o, show_meeting);

  auto* add_cmd = sub->add_subcommand("add", "Record a meeting after the fact");
  const MeetingOptions::Given add_given = fields(add_cmd);
  add_cmd->callback([o, &g, add_given] {
    o->given = add_given;
    g.action = [o, &g] { return add(g, *o); };
  });

  auto* edit_cmd = sub->add_subcommand("edit", "Change a meeting: only the fields given");
  edit_cmd->add_option("ID", o->id, "Meeting id, its start, or last")->required();
  const MeetingOptions::Given edit_given = fields(edit_cmd);
  edit_cmd->callback([o, &g, edit_given] {
    o->given = edit_given;
    g.action = [o, &g] { return edit(g, *o); };
  });
}

} // namespace cna::cli
