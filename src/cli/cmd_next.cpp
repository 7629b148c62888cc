// `cna next ACCOUNT [list|add WHAT|done ID]`: the next steps agreed with the customer
// (docs/assessment.md): what, who owns it, by when, done or not.
#include <fmt/format.h>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/record.hpp"
#include "cna/text.hpp"
#include "cna/views.hpp"

namespace cna::cli {

namespace {

struct NextOptions {
  std::string account;
  bool json = false;
  bool all = false;
  std::vector<std::string> what; // several words, as typed
  std::string owner;
  std::string due;
  std::string meeting;
  std::string id;
};

// The id of the step `which` names: an id, or the start of exactly one.
std::string resolve_step(const Assessment& a, const std::string& which) {
  if (a.find_next_step(which) != nullptr) return which;
  std::vector<std::string> matches;
  for (const NextStep& step : a.next_steps) {
    if (!which.empty() && step.id.starts_with(which)) matches.push_back(step.id);
  }
  if (matches.size() == 1) return matches.front();
  throw Error(Exit::usage,
              matches.empty()
                  ? fmt::format("no next step \"{}\" in {} (cna next {} --all lists them)",
                                visible(which), a.account, a.account)
                  : fmt::format("\"{}\" names {} next steps of {} ({}); give more of the id",
                                visible(which), matches.size(), a.account,
                                fmt::join(matches, ", ")));
}

void print_step(const Assessment& a, const NextStep& step, const std::string& today) {
  fmt::print("{}  {}\n", paint(step.id, Tone::dim), show(step.what));
  std::string line =
      fmt::format("  {} · {}", next_step_owner(a, step),
                  step.done.empty() ? next_step_due(step, today) : "done " + step.done);
  if (const Meeting* m = a.find_meeting(step.meeting))
    line += paint(fmt::format(" · agreed in {} ({})", show(m->purpose), m->date), Tone::dim);
  fmt::print("{}\n", line);
}

int list(const Globals& g, const NextOptions& o) {
  const Account account = load_account(g, o.account);
  const Assessment& a = account.assessment;
  const std::string today = format_date(now());
  if (o.json) {
    fmt::print("{}", next_steps_json(a, today, o.all));
    return 0;
  }
  if (quiet()) return 0;
  const std::vector<const NextStep*> open = open_next_steps(a);
  if (open.empty()) {
    fmt::print("{} has no open next steps; agree one with: cna next {} add WHAT --owner WHO "
               "--due DATE\n",
               show(a.name), a.account);
  }
  for (const NextStep* step : open)
    print_step(a, *step, today);
  for (const NextStep& step : a.next_steps) {
    if (o.all && !step.done.empty()) print_step(a, step, today);
  }
  return 0;
}

int add(const Globals& g, const NextOptions& o) {
  Account account = load_account(g, o.account);
  const std::string meeting =
      o.meeting.empty() ? "" : resolve_meeting(account.assessment, o.meeting);
  const NextStep step =
      next_step_of(account, {fmt::format("{}", fmt::join(o.what, " ")), o.owner, o.due, meeting},
                   {"WHAT", "--owner", "--due"});
  const std::string id = add_next_step(account, step);
  if (!quiet()) fmt::print("{}: next step {} added\n", o.account, id);
  return 0;
}

int done(const Globals& g, const NextOptions& o) {
  Account account = load_account(g, o.account);
  const std::string id = resolve_step(account.assessment, o.id);
  const std::string meeting =
      o.meeting.empty() ? "" : resolve_meeting(account.assessment, o.meeting);
  bool changed = false;
  save(account, [&](Assessment& a) { changed = complete_next_step(a, id, now(), meeting); });
  if (!quiet()) {
    fmt::print("{}: next step {} {}\n", o.account, id, changed ? "done" : "was done already");
  }
  return 0;
}

} // namespace

void add_next(CLI::App& app, Globals& g) {
  auto o = std::make_shared<NextOptions>();
  auto* sub = app.add_subcommand(
      "next", "The next steps agreed with the customer: what, who, by when; add one, mark it done");
  add_account_argument(sub, o->account);
  sub->add_flag("--json", o->json, kJsonHelp);
  sub->add_flag("--all", o->all, "List the steps done too");
  verbs_or(sub, g, o, list);
  sub->footer("Usage: cna next ACCOUNT [list | add WHAT... [--owner WHO] [--due DATE] [--meeting "
              "ID] | done ID]\n"
              "Examples:\n"
              "  cna next acme add Send the pilot plan --owner sam --due +3d --meeting last\n"
              "  cna next acme add Book the security review --owner dana-lee --due 2026-12-15\n"
              "  cna next acme done 3fa1\n"
              "  cna next acme --all --json");

  auto* list_cmd = sub->add_subcommand("list", "The open next steps by due date (the default)");
  runs(list_cmd, g, o, list);

  auto* add_cmd = sub->add_subcommand("add", "Agree a next step");
  add_cmd->add_option("WHAT", o->what, "What is to be done (one line)")->required();
  add_cmd->add_option("--owner", o->owner,
                      "Who does it: a stakeholder (id or name) or one of ours (default: you)");
  add_cmd->add_option("--due", o->due, "By when: YYYY-MM-DD, today, +3d, +2w");
  add_cmd->add_option("--meeting", o->meeting, "The meeting it was agreed in (id, start, last)");
  runs(add_cmd, g, o, add);

  auto* done_cmd = sub->add_subcommand("done", "Mark a next step done (today)");
  done_cmd->add_option("ID", o->id, "The step's id, or its start")->required();
  done_cmd->add_option("--meeting", o->meeting, "The meeting it was done in (id, start, last)");
  runs(done_cmd, g, o, done);
}

} // namespace cna::cli
