// `cna answer ACCOUNT ITEM [VALUE...]`: one answer from the command line, with the walk's grammar
// and checks. Creates the account when it does not exist yet.
#include <fmt/format.h>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/input.hpp"
#include "cna/item_types.hpp"
#include "cna/power_base.hpp"
#include "cna/readiness.hpp"
#include "cna/record.hpp"
#include "cna/text.hpp"

namespace cna::cli {

namespace {

struct AnswerOptions {
  std::string account;
  std::string item;
  std::vector<std::string> values;
  bool unknown = false;
  std::string owner;
  std::string due;
  std::string na;
  std::string source;
  std::string note;
  std::string checklist;
  std::string name;
  CLI::Option* na_given = nullptr;
  CLI::Option* note_given = nullptr;
  CLI::Option* source_given = nullptr;
};

// Several VALUEs are lines for the types that take lines, and one line joined by spaces for the
// others, so `cna answer acme budget_amount 250k EUR` needs no quotes.
std::vector<std::string> value_lines(const Item& item, const std::vector<std::string>& values) {
  if (takes_lines(item.type)) return values;
  return {fmt::format("{}", fmt::join(values, " "))};
}

const Item& find_item(const Checklist& checklist, const std::string& id) {
  if (const Item* item = checklist.find(id)) return *item;
  throw Error(Exit::usage, fmt::format("{}; the items: cna checklist show {}",
                                       no_such_item(checklist, id), checklist.id));
}

void check_flags(const AnswerOptions& o) {
  const int kinds =
      (o.values.empty() ? 0 : 1) + (o.unknown ? 1 : 0) + (o.na_given->count() > 0 ? 1 : 0);
  if (kinds > 1) throw Error(Exit::usage, "give one of VALUE..., --unknown or --na");
  if (!o.unknown && (!o.owner.empty() || !o.due.empty())) {
    throw Error(Exit::usage, "--owner and --due go with --unknown");
  }
  if (o.unknown && (o.owner.empty() || o.due.empty())) {
    throw Error(Exit::usage, "--unknown needs --owner WHO and --due DATE (e.g. --due +14d)");
  }
  if (kinds == 0 && o.note_given->count() == 0 && o.source_given->count() == 0) {
    throw Error(Exit::usage,
                "give a VALUE, --unknown --owner WHO --due DATE, --na REASON or --note TEXT");
  }
}

// The answer the options describe, read against the assessment as it is under the lock.
Answer new_answer(const AnswerOptions& o, const Item& item, const Assessment& a,
                  const InputContext& context) {
  const auto refuse = [&](const Refusal& why) {
    return Error(Exit::usage, fmt::format("{}: {}", item.id,
                                          phrase(why, command_line_instead(a.account, true))));
  };
  Answer answer;
  if (!o.values.empty()) {
    ParsedInput parsed = parse_input(item, value_lines(item, o.values), context);
    if (!parsed.ok()) throw refuse(parsed.error);
    answer.state = State::answered;
    answer.value = std::move(parsed.value);
  } else if (o.unknown || o.na_given->count() > 0) {
    ParsedAnswer parsed = o.unknown ? parse_unknown(o.owner, o.due, context) : parse_na(item, o.na);
    if (!parsed.ok()) throw refuse(parsed.error);
    answer = std::move(parsed.answer);
  } else {
    // --source alone: the same answer, now attributed.
    const Answer* current = a.find_answer(item.id);
    if (current == nullptr || current->state == State::missing) {
      throw refuse("there is no answer to attribute yet; give a VALUE with --source");
    }
    answer = *current;
  }
  return answer;
}

// What new_answer reads from the file under the lock: the people a `person` value, a
// `questions` entry's @WHO or an owner names, and the current answer that --source alone
// attributes. Any other value is read once, before the save, so that no pattern is matched while
// signals are held and the lock is taken.
bool reads_the_file(const AnswerOptions& o, const Item& item) {
  return o.values.empty() || item.type == ItemType::person || item.type == ItemType::questions;
}

// The saved answer as the walk shows it, on one line, and who said it.
std::string describe(const Answer& a, const Item& item, const Assessment& assessment) {
  return fmt::format(
      "{}{}", preview(describe_answer(a, &item, assessment.stakeholders, {.one_line = true}), 60),
      a.source.empty() ? "" : fmt::format(" (source {})", show(a.source)));
}

int run_answer(const Globals& g, const AnswerOptions& o) {
  check_flags(o);
  const std::string note = text_option("--note", o.note, true);
  Account account = open_or_create(g, o.account, o.checklist, text_option("--name", o.name));
  const Item& item = find_item(account.checklist, o.item);
  const Seconds t = now();
  InputContext context = input_context(account.workspace, nullptr, t);
  const bool only_note =
      o.values.empty() && !o.unknown && o.na_given->count() == 0 && o.source_given->count() == 0;
  bool changed = false;
  Answer prepared;
  if (!only_note && !reads_the_file(o, item)) {
    prepared = new_answer(o, item, account.assessment, context);
  }
  save(account, [&](Assessment& a) {
    context.stakeholders = &a.stakeholders;
    if (only_note) {
      changed = record_note(a, account.checklist, item.id, note, t);
      return;
    }
    Answer answer = reads_the_file(o, item) ? new_answer(o, item, a, context) : prepared;
    if (o.source_given->count() > 0) answer.source = resolve_stakeholder(a, o.source);
    answer.note = note; // empty keeps the current note
    changed = record_answer(a, account.checklist, item.id, std::move(answer), t);
  });
  const Answer& saved = *account.assessment.find_answer(item.id);
  if (!quiet()) {
    fmt::print("{}: {}\n", item.id,
               !changed    ? "unchanged"
               : only_note ? (saved.note.empty() ? "note cleared" : "note saved")
                           : describe(saved, item, account.assessment));
  }
  if (saved.state == State::answered && item.source && saved.source.empty()) {
    warn(fmt::format("{} has no source; it counts once you name who said it (--source "
                     "STAKEHOLDER)",
                     item.id));
  }
  if (!applicable_items(account.checklist,
                        account.assessment)[*account.checklist.index_of(item.id)]) {
    warn(fmt::format("{} does not apply now (when: {}); the answer is kept", item.id,
                     show(item.when)));
  }
  // The role the answer gives its person (the checklist's `establishes`), or why it cannot.
  if (const RoleNews news = role_news(account.assessment, account.checklist, item);
      changed && !news.text.empty()) {
    if (news.conflict) {
      warn(news.text);
    } else if (!quiet()) {
      fmt::print("{}\n", news.text);
    }
  }
  return 0;
}

} // namespace

void add_answer(CLI::App& app, Globals& g) {
  auto o = std::make_shared<AnswerOptions>();
  auto* sub = app.add_subcommand(
      "answer", "Set one answer, with the walk's input grammar and checks (creates the account)");
  add_account_argument(sub, o->account);
  sub->add_option("item", o->item, "Item id (cna checklist show lists them)")->required();
  std::vector<std::string_view> several;
  for (const ItemTypeInfo& type : item_types()) {
    if (takes_lines(type.type)) several.push_back(type.name);
  }
  sub->add_option("value", o->values,
                  fmt::format("The answer: one line each for {}; joined with spaces otherwise "
                              "(use -- before a value that starts with '-')",
                              fmt::join(several, ", ")));
  sub->add_flag("--unknown", o->unknown, "Nobody knows yet: needs --owner and --due");
  sub->add_option("--owner", o->owner, "Who will find out (with --unknown)");
  sub->add_option("--due", o->due, "By when: YYYY-MM-DD, today, +14d, +2w (with --unknown)");
  o->na_given = sub->add_option("--na", o->na, "Not applicable, and why (where the item allows)");
  o->source_given = sub->add_option("--source", o->source, "Who said it: a stakeholder id or name");
  o->note_given = sub->add_option("--note", o->note, "A note on the answer (alone: sets the note)");
  sub->add_option("--checklist", o->checklist,
                  "Checklist of a new account (default: the workspace's)");
  sub->add_option("--name", o->name, "Display name of the account");
  sub->footer("Examples:\n  cna answer acme budget_amount 250k EUR --source dana-lee\n"
              "  cna answer acme success_metrics \"Churn below 2%\" \"NPS above 40\"\n"
              "  cna answer acme decision_date --unknown --owner sam --due +14d\n"
              "  cna answer acme paper_process --na \"no procurement step below 50k\"");
  runs(sub, g, o, run_answer);
}

} // namespace cna::cli
