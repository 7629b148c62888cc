// `cna question ACCOUNT [list|add TEXT|answer N ANSWER]`: the entries of the checklist's
// `questions` items (open questions to the customer, our assumptions to check), one at a time.
// An open one holds the gate (docs/assessment.md); the walk takes the same entries as lines.
#include <fmt/format.h>
#include <functional>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/readiness.hpp"
#include "cna/record.hpp"
#include "cna/text.hpp"

namespace cna::cli {

namespace {

struct QuestionOptions {
  std::string account;
  std::vector<std::string> text; // several words, as typed
  std::string item;
  std::string who;
  std::string due;
  std::string source;
  std::size_t number = 0;
};

// One entry as `list` numbers it: across the questions items, in checklist order.
struct Entry {
  const Item* item = nullptr;
  std::size_t index = 0; // within the item
  const Question* question = nullptr;
};

std::vector<Entry> entries_of(const Account& account) {
  std::vector<Entry> entries;
  for (const Item& item : account.checklist.items) {
    const Answer* a = account.assessment.find_answer(item.id);
    const auto* stored = a != nullptr ? std::get_if<Questions>(&a->value) : nullptr;
    if (item.type != ItemType::questions || a == nullptr || a->state != State::answered ||
        stored == nullptr) {
      continue;
    }
    for (std::size_t i = 0; i < stored->size(); ++i)
      entries.push_back({&item, i, &(*stored)[i]});
  }
  return entries;
}

const Item& questions_item(const Checklist& checklist, const std::string& id) {
  for (const Item& item : checklist.items) {
    if (item.type == ItemType::questions && (id.empty() || item.id == id)) return item;
  }
  std::vector<std::string> ids;
  for (const Item& item : checklist.items) {
    if (item.type == ItemType::questions) ids.push_back(item.id);
  }
  throw Error(Exit::usage,
              ids.empty() ? fmt::format("checklist {} has no questions item", checklist.id)
                          : fmt::format("{} is not a questions item of checklist {} (those: {})",
                                        visible(id), checklist.id, fmt::join(ids, ", ")));
}

int list(const Globals& g, const QuestionOptions& o) {
  const Account account = load_account(g, o.account);
  const Assessment& a = account.assessment;
  const std::string today = format_date(now());
  const std::vector<Entry> entries = entries_of(account);
  if (quiet()) return 0;
  if (entries.empty()) {
    fmt::print("{} has no open questions or assumptions recorded; add one with: cna question {} "
               "add TEXT --who STAKEHOLDER --due DATE\n",
               show(a.name), a.account);
  }
  std::size_t width = 0;
  for (const Entry& e : entries)
    width = std::max(width, e.item->id.size());
  for (std::size_t n = 0; n < entries.size(); ++n) {
    const Question& q = *entries[n].question;
    fmt::print("{:>2}  {:<{}}  {}\n", n + 1, entries[n].item->id, width, show(q.text));
    std::string line;
    if (q.open()) {
      const bool overdue = !q.due.empty() && q.due < today;
      line = paint("open", Tone::warn);
      if (!q.who.empty()) line += " · ask " + show(a.name_of(q.who));
      if (!q.due.empty()) {
        const std::string due = "due " + q.due;
        line += " · " + (overdue ? paint("OVERDUE " + due, Tone::bad) : due);
      }
    } else {
      line = paint("answered", Tone::good) +
             (q.who.empty() ? "" : " by " + show(a.name_of(q.who))) + ": " + show(q.answer);
    }
    fmt::print("    {:<{}}  {}\n", "", width, line);
  }
  return 0;
}

// Saves the answer the core made from the account as it is under the lock.
int save_entry(Account& account, const Item& item, const std::string& source,
               const std::function<ParsedAnswer(const Assessment&)>& make, std::string_view done) {
  save(account, [&](Assessment& a) {
    ParsedAnswer parsed = make(a);
    if (!parsed.ok()) {
      throw Error(Exit::usage,
                  fmt::format("{}: {}", item.id,
                              phrase(parsed.error, command_line_instead(a.account, false))));
    }
    if (!source.empty()) parsed.answer.source = resolve_stakeholder(a, source);
    record_answer(a, account.checklist, item.id, std::move(parsed.answer), now());
  });
  if (!quiet()) fmt::print("{}: {} {}\n", account.slug, item.id, done);
  return 0;
}

int add(const Globals& g, const QuestionOptions& o) {
  Account account = load_account(g, o.account);
  const Item& item = questions_item(account.checklist, o.item);
  Question entry;
  entry.text = text_option("TEXT", fmt::format("{}", fmt::join(o.text, " ")));
  if (!o.due.empty()) entry.due = parse_date_option("--due", o.due, account);
  return save_entry(
      account, item, o.source,
      [&](const Assessment& a) {
        Question q = entry;
        if (!o.who.empty()) q.who = resolve_stakeholder(a, o.who);
        return add_question(a, item, std::move(q));
      },
      "entry added (open: it holds the gate until answered)");
}

int answer(const Globals& g, const QuestionOptions& o) {
  Account account = load_account(g, o.account);
  const std::vector<Entry> entries = entries_of(account);
  if (o.number == 0 || o.number > entries.size()) {
    throw Error(Exit::usage, fmt::format("no entry {} in {} (cna question {} list numbers them)",
                                         o.number, o.account, o.account));
  }
  const Entry& e = entries[o.number - 1];
  const std::string text = text_option("ANSWER", fmt::format("{}", fmt::join(o.text, " ")));
  return save_entry(
      account, *e.item, o.source,
      [&](const Assessment& a) { return answer_question(a, *e.item, e.index, text); },
      fmt::format("entry {} answered", e.index + 1));
}

} // namespace

void add_question_command(CLI::App& app, Globals& g) {
  auto o = std::make_shared<QuestionOptions>();
  auto* sub = app.add_subcommand("question", "Open questions and our assumptions: list them, add "
                                             "one, answer one (an open one holds the gate)");
  add_account_argument(sub, o->account);
  verbs_or(sub, g, o, list);
  sub->footer(
      "Usage: cna question ACCOUNT [list | add TEXT... [--item ID] [--who WHO] [--due DATE] | "
      "answer N ANSWER...]\n"
      "Examples:\n"
      "  cna question acme add Does the works council need a formal agreement? --who katrin "
      "--due +7d\n"
      "  cna question acme add They run SAP S/4 --item our_assumptions --who joerg\n"
      "  cna question acme answer 1 No, the framework agreement covers it");

  auto* list_cmd = sub->add_subcommand("list", "Every entry, numbered, open or answered (default)");
  runs(list_cmd, g, o, list);

  auto* add_cmd = sub->add_subcommand("add", "Record an open question or assumption");
  add_cmd->add_option("TEXT", o->text, "The question or assumption (one line)")->required();
  add_cmd->add_option("--item", o->item,
                      "The questions item it belongs to (default: the checklist's first, "
                      "open_questions in discovery)");
  add_cmd->add_option("--who", o->who, "Who answers it: a stakeholder (id or name)");
  add_cmd->add_option("--due", o->due, "By when: YYYY-MM-DD, today, +7d, +2w");
  add_cmd->add_option("--source", o->source, "Who raised it, where the item needs a source");
  runs(add_cmd, g, o, add);

  auto* answer_cmd = sub->add_subcommand("answer", "Record the answer to an open entry");
  answer_cmd->add_option("N", o->number, "The entry's number in `cna question ACCOUNT list`")
      ->required();
  answer_cmd->add_option("ANSWER", o->text, "The answer (one line)")->required();
  answer_cmd->add_option("--source", o->source, "Who said it, where the item needs a source");
  runs(answer_cmd, g, o, answer);
}

} // namespace cna::cli
