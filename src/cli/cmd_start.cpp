// `cna start ACCOUNT`: the interactive walk of docs/walk.md.
#include <algorithm>
#include <array>
#include <cstdio>
#include <fmt/format.h>
#include <span>
#include <stdio_ext.h>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/confirm.hpp"
#include "cli/output.hpp"
#include "cli/prompt.hpp"
#include "cli/terminal.hpp"
#include "cna/error.hpp"
#include "cna/input.hpp"
#include "cna/item_types.hpp"
#include "cna/readiness.hpp"
#include "cna/record.hpp"
#include "cna/text.hpp"

namespace cna::cli {

namespace {

struct StartOptions {
  std::string account;
  std::string checklist;
  std::string name;
  std::vector<std::string> with; // the first is the source of the answers
  bool with_given = false;       // --with, perhaps with nobody named: then picked at a terminal
  std::string meeting;           // the purpose of the meeting this walk records, if any
  bool meeting_given = false;
  bool review = false;
};

enum class Outcome { next, quit, ended };

// What clears each reason a gate is closed for: the walk's last lines name the commands.
struct NextStep {
  Reason reason;
  std::string_view command; // {} is the account
  std::string_view why;
};
constexpr std::array<NextStep, 11> kNextSteps{{
    {Reason::missing, "cna start {}", "ask the items still open"},
    {Reason::unknown, "cna brief {}", "who finds out what, by when"},
    {Reason::no_source, "cna start {} --review", "say who said it with :from, then answer again"},
    {Reason::unconfirmed, "cna confirm {}", "read the answers back with the customer"},
    {Reason::stale, "cna confirm {}", "read the answers back with the customer"},
    {Reason::changed, "cna confirm {}", "read the answers back with the customer"},
    {Reason::invalid, "cna start {} --review", "answer the invalid items again"},
    {Reason::conflict, "cna start {} --review", "choose between the two edits"},
    {Reason::wrong_confirmer, "cna confirm {}", "read the answers back with the right person"},
    {Reason::open_question, "cna question {} list", "get the open questions answered"},
    {Reason::role_conflict, "cna who {}", "settle who holds the role"},
}};
static_assert(static_cast<std::size_t>(Reason::role_conflict) + 1 == kNextSteps.size(),
              "one row per Reason");

class Walk;

// One row per `:command` of the walk: `?` lists them from here, the `start` help names them, and
// the walk runs the handler. The handler returns nullopt to keep asking the same item.
// How the walk spells what the core allows instead of a refused answer: the commands' rows below
// that say which choice they are (walk_instead()).
const InsteadSyntax& walk_instead();

struct WalkCommand {
  std::string_view name;
  std::string_view alias; // a shorter spelling; empty when none
  std::string_view arguments;
  std::string_view help;
  std::optional<Outcome> (Walk::*run)(std::size_t item, const std::string& argument);
  std::optional<Instead> instead{}; // the choice of a refusal (cna/input.hpp) this command is
};

extern const std::span<const WalkCommand> kWalkCommands;

// The walk's help: the keys, then one line per command, aligned.
std::string walk_help() {
  const auto usage = [](const WalkCommand& c) {
    return fmt::format("{}{}{}{}", c.name, c.arguments.empty() ? "" : " ", c.arguments,
                       c.alias.empty() ? "" : fmt::format(" ({})", c.alias));
  };
  std::size_t width = std::string_view("Enter").size();
  for (const WalkCommand& c : kWalkCommands)
    width = std::max(width, usage(c).size());
  const auto line = [&](std::string_view what, std::string_view help) {
    return fmt::format("  {:<{}}  {}\n", what, width, help);
  };
  std::string out = line("?", "help for this question");
  for (const WalkCommand& c : kWalkCommands)
    out += line(usage(c), c.help);
  return out + line("Enter", "keep the current answer (when there is one)");
}

class Walk {
public:
  // `resumed_source`: the source is the account's last one, not named for this walk.
  // `attendees`: who is in the room (--with; empty when not said), whom the read-back may
  // confirm with. `meeting`: the id of the meeting the answers and read-backs are given in ("" when
  // none).
  Walk(Account& account, LineReader& in, std::string source, bool resumed_source,
       std::vector<std::string> attendees, bool review, std::string meeting)
      : m_account(account), m_in(in), m_source(std::move(source)), m_resumed_source(resumed_source),
        m_attendees(std::move(attendees)), m_review(review), m_meeting(std::move(meeting)),
        m_skipped(account.checklist.items.size(), false) {}

  int run() {
    const Checklist& c = m_account.checklist;
    say(fmt::format("{} ({} {}) · {}", show(c.title), show(c.id), show(c.version),
                    show(m_account.assessment.name)),
        Tone::bold, 0);
    if (m_account.assessment.stakeholders.empty()) {
      say("No stakeholders yet: add who you are talking to with :who", Tone::dim, 0);
    } else if (m_source.empty()) {
      say(fmt::format("No source yet: :from ID says who is speaking ({})", stakeholder_ids()),
          Tone::warn, 0);
    } else {
      fmt::print("Source: {}{} (:from ID changes it)\n", source_name(),
                 m_resumed_source ? ", as last time" : "");
    }
    if (const Meeting* m = assessment().find_meeting(m_meeting)) {
      fmt::print("Meeting: {}{} ({})\n", m->date,
                 m->purpose.empty() ? "" : " · " + show(m->purpose), m->id);
    }
    for (;;) {
      const std::optional<std::size_t> index = m_forced ? m_forced : next_item();
      m_forced.reset();
      if (!index) break;
      const Outcome outcome = ask(*index);
      if (outcome == Outcome::quit) {
        if (open_count() == 0) {
          fmt::print("Saved. Nothing left to ask.\n");
          gate_state(true);
        } else {
          fmt::print("Saved. {} left; cna start {} resumes.\n", open_count_text(), m_account.slug);
        }
        return 0;
      }
      if (outcome == Outcome::ended) {
        std::fflush(stdout);
        if (open_count() == 0) {
          // Nothing is missing (a --review, a :goto): the end of input ends the walk, no error.
          fmt::print("\nInput ended; nothing left to ask.\n");
          gate_state(true);
          return 0;
        }
        fmt::print(stderr,
                   "cna: input ended before the walk finished; {} left (everything "
                   "accepted is saved; cna start {} resumes)\n",
                   open_count_text(), m_account.slug);
        return static_cast<int>(Exit::input_ended);
      }
    }
    summary();
    const bool due = readback_due(m_account);
    gate_state(!due);
    return due ? offer_readback() : 0;
  }

private:
  [[nodiscard]] const Checklist& checklist() const { return m_account.checklist; }
  [[nodiscard]] const Assessment& assessment() const { return m_account.assessment; }

  [[nodiscard]] State state_of(std::size_t i) const {
    const Answer* a = assessment().find_answer(checklist().items[i].id);
    return a != nullptr ? a->state : State::missing;
  }

  // The first applicable item from m_pos on that still needs asking (every one in review).
  std::optional<std::size_t> next_item() {
    const std::vector<bool> applicable = applicable_items(checklist(), assessment());
    for (std::size_t i = m_pos; i < applicable.size(); ++i) {
      if (!applicable[i]) continue;
      if (m_review || (state_of(i) == State::missing && !m_skipped[i])) return i;
    }
    return std::nullopt;
  }

  [[nodiscard]] std::size_t open_count() const {
    const std::vector<bool> applicable = applicable_items(checklist(), assessment());
    std::size_t open = 0;
    for (std::size_t i = 0; i < applicable.size(); ++i) {
      if (applicable[i] && state_of(i) == State::missing) ++open;
    }
    return open;
  }

  [[nodiscard]] std::string open_count_text() const {
    const std::size_t n = open_count();
    return fmt::format("{} item{}", n, n == 1 ? "" : "s");
  }

  [[nodiscard]] std::string source_name() const {
    const Stakeholder* s = assessment().find_stakeholder(m_source);
    return s != nullptr ? show(s->name) : "none (:from ID)";
  }

  [[nodiscard]] std::string stakeholder_ids() const {
    std::vector<std::string> ids;
    for (const Stakeholder& s : assessment().stakeholders)
      ids.push_back(show(s.id));
    return fmt::format("{}", fmt::join(ids, ", "));
  }

  // `offered`: the answer on file is in the line editor (editable), which the hint says.
  void header(std::size_t i, bool offered) const {
    const Item& item = checklist().items[i];
    const std::vector<bool> applicable = applicable_items(checklist(), assessment());
    std::size_t position = 0, total = 0, in_section = 0, section_total = 0;
    for (std::size_t k = 0; k < applicable.size(); ++k) {
      if (!applicable[k] && k != i) continue;
      ++total;
      if (k <= i) ++position;
      if (checklist().items[k].section == item.section) {
        ++section_total;
        if (k <= i) ++in_section;
      }
    }
    const std::size_t width = std::to_string(total).size();
    fmt::print("\n");
    say_heading(fmt::format("[{:>{}}/{}] {}", position, width, total, bar(position - 1, total, 20)),
                Tone::plain,
                fmt::format("{} ({}/{})", show(checklist().sections[item.section].title),
                            in_section, section_total),
                Tone::accent, 2);
    const std::string source = item.source ? "source: " + source_name() : "your own notes";
    say_heading(show(item.prompt), Tone::bold, fmt::format("{} · {}", to_string(item.type), source),
                Tone::dim);
    if (!item.clarify.empty()) {
      std::string ask;
      for (const std::string& q : item.clarify)
        ask += (ask.empty() ? "" : " · ") + show(q);
      say("ask also: " + ask, Tone::dim);
    }
    hint(item);
    if (const Answer* a = assessment().find_answer(item.id);
        a != nullptr && a->state != State::missing) {
      print_labelled("now:", Tone::warn,
                     visible(describe_answer(*a, &item, assessment().stakeholders), true));
      std::string more;
      if (!a->source.empty()) more += "source " + show(a->source) + " · ";
      if (!a->note.empty()) more += "note: " + show(a->note) + " · ";
      say(more + (offered ? "edit it; as it is, Enter keeps it" : "Enter keeps it"), Tone::dim);
    }
  }

  void hint(const Item& item) const {
    const std::string text = input_hint(item, assessment().stakeholders);
    if (!text.empty()) say(text, Tone::dim);
  }

  [[nodiscard]] InputContext context() const {
    return input_context(m_account.workspace, &assessment().stakeholders, now());
  }

  void save_answer(const Item& item, Answer answer) {
    if (item.source) answer.source = m_source;
    answer.meeting = m_meeting;
    const Checklist& c = checklist();
    auto change = [&c, id = item.id, answer, t = now()](Assessment& a) {
      record_answer(a, c, id, answer, t);
    };
    // From a pipe, the answers of lines already read are saved together before the walk waits
    // for more input (account.hpp hold(), docs/reliability.md); at a terminal, each at once.
    if (!m_in.interactive() && __fpending(stdout) < kHeldOutputBytes / 2) {
      hold(m_account, std::move(change));
    } else {
      save(m_account, change);
    }
    if (!quiet()) print_saved(item);
    if (const RoleNews news = role_news(assessment(), c, item); news.conflict)
      say("warning: " + news.text, Tone::warn); // a second economic buyer, said at once
    // Said now, not discovered later as a no-source blocker (n/a and unknown need no source).
    if (item.source && answer.state == State::answered && m_source.empty()) {
      say(fmt::format("warning: saved without a source, so it blocks the "
                      "gate (no-source); {} then :goto {} to fix",
                      assessment().stakeholders.empty() ? std::string(":who NAME") : ":from ID",
                      item.id),
          Tone::warn);
    }
  }

  // "saved: 650,000 EUR", "saved: 2027-01-13 (Wed, in 6 weeks)": the answer as stored, as the
  // report shows it, so a misreading is seen at once.
  void print_saved(const Item& item) const {
    const Answer* a = assessment().find_answer(item.id);
    if (a == nullptr) return;
    std::string said = describe_answer(*a, &item, assessment().stakeholders);
    if (const auto* date = std::get_if<std::string>(&a->value);
        date && a->state == State::answered && item.type == ItemType::date)
      said += " (" + relative_day(*date, now()) + ")";
    if (a->state == State::unknown) said += " (" + relative_day(a->due, now()) + ")";
    print_labelled("saved:", Tone::good, visible(said, true));
  }

  void error(const std::string& message) const { say(show(message), Tone::bad); }

  // The answer on file, ready to edit at a terminal (empty from a pipe: nothing to edit there).
  [[nodiscard]] std::vector<std::string> editable(const Item& item) const {
    if (!m_in.interactive()) return {};
    return editable_lines(item, assessment().find_answer(item.id), context(), true);
  }

  // Typed back unchanged (an editable answer accepted as it was), with the same source: kept as
  // it is, with no new history entry.
  [[nodiscard]] bool unchanged(const Item& item, const Value& value) const {
    const Answer* a = assessment().find_answer(item.id);
    return a != nullptr && a->state == State::answered && a->value == value &&
           (!item.source || a->source == m_source);
  }

  Outcome ask(std::size_t i) {
    const Item& item = checklist().items[i];
    // Once per item: a refused line asks again with the answer on file, which has not changed.
    const std::vector<std::string> initial = editable(item);
    // With a picker, the answer on file is where its cursor starts, not in the line editor.
    header(i, !initial.empty() && !item_picker(item));
    for (;;) {
      const auto line =
          pick_or_read(m_in, "> ", item_picker(item), initial.empty() ? "" : initial.front());
      if (!line) return Outcome::ended;
      if (m_in.too_long()) {
        error(fmt::format("that line is longer than {} KiB; refused", kMaxAnswerBytes / 1024));
        continue;
      }
      const std::string typed = trim(*line);
      if (typed == "?") {
        help(item);
        continue;
      }
      if (!typed.empty() && typed[0] == ':' && typed.rfind("::", 0) != 0) {
        if (const auto outcome = command(i, typed)) return *outcome;
        continue;
      }
      if (typed.empty() && state_of(i) != State::missing) {
        return advance(i);
      }
      // A command on a later line of a longtext or list runs there (docs/walk.md).
      std::optional<Outcome> left;
      const EntryCommands commands{
          [](const std::string& more) { return is_walk_command(trim(more)); },
          [&](const std::string& more) {
            left = trim(more) == "?" ? (help(item), std::nullopt) : command(i, trim(more));
            return left.has_value();
          }};
      const auto parsed =
          read_answer(item, literal_line(*line), m_in, context(), &commands, initial);
      if (left) {
        say("the lines typed before that command were not saved", Tone::warn);
        return *left;
      }
      if (!parsed) return Outcome::ended;
      if (!parsed->ok()) {
        error(phrase(parsed->error, walk_instead()));
        continue;
      }
      if (unchanged(item, parsed->value)) return advance(i);
      Answer answer;
      answer.state = State::answered;
      answer.value = parsed->value;
      save_answer(item, std::move(answer));
      return advance(i);
    }
  }

  // At a terminal, the item's picker (docs/walk.md, "Pickers"); a walk command or ? typed at
  // it is taken as typed.
  [[nodiscard]] std::optional<Picker> item_picker(const Item& item) const {
    if (!m_in.interactive()) return std::nullopt;
    return answer_picker(item, assessment().find_answer(item.id), context(),
                         [](const std::string& line) {
                           const std::string typed = trim(line);
                           return typed == "?" || typed.starts_with(':');
                         });
  }

  // The items of the checklist to pick one from for :goto: the applicable ones, each with its
  // state; the cursor on `current`.
  [[nodiscard]] Picker item_list(std::size_t current) const {
    const std::vector<bool> applicable = applicable_items(checklist(), assessment());
    std::vector<PickerEntry> entries;
    for (std::size_t k = 0; k < applicable.size(); ++k) {
      if (!applicable[k]) continue;
      const Item& item = checklist().items[k];
      entries.push_back(
          {show(item.prompt), item.id, fmt::format("{} · {}", item.id, to_string(state_of(k)))});
    }
    return Picker(
        std::move(entries), false, {checklist().items[current].id},
        [this](const std::string& line) { return checklist().index_of(trim(line)).has_value(); });
  }

  // A number of the :from list or a stakeholder's id or name, as :from ARG reads it.
  [[nodiscard]] bool is_stakeholder(const std::string& line) const {
    const std::string typed = trim(line);
    if (!typed.empty() &&
        std::all_of(typed.begin(), typed.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return true;
    try {
      (void)resolve_stakeholder(assessment(), typed);
      return true;
    } catch (const Error&) {
      return false;
    }
  }

  Outcome advance(std::size_t i) {
    m_visited.push_back(i);
    m_pos = i + 1;
    return Outcome::next;
  }

  void help(const Item& item) const {
    if (!item.help.empty()) say(show(item.help));
    for (const Option& o : item.options) {
      if (!o.help.empty()) fmt::print("  {}: {}\n", show(o.label), show(o.help));
    }
    if (!item.when.empty()) say("asked because: " + show(item.when), Tone::dim);
    fmt::print("{}", walk_help());
  }

  // "?" or a ":command" the walk knows: on a later line of a longtext or list, a command.
  static bool is_walk_command(const std::string& typed) {
    return typed == "?" || find_command(typed.substr(0, typed.find(' '))) != nullptr;
  }

  static const WalkCommand* find_command(const std::string& name) {
    for (const WalkCommand& c : kWalkCommands) {
      if (name == c.name || (!c.alias.empty() && name == c.alias)) return &c;
    }
    return nullptr;
  }

  // A ":command"; nullopt keeps asking the same item.
  std::optional<Outcome> command(std::size_t i, const std::string& typed) {
    const auto space = typed.find(' ');
    const std::string name = typed.substr(0, space);
    const std::string arg = space == std::string::npos ? "" : trim(typed.substr(space));
    if (const WalkCommand* c = find_command(name)) return (this->*c->run)(i, arg);
    error(fmt::format("unknown command {} (? lists them)", name));
    return std::nullopt;
  }

public:
  // The handlers of kWalkCommands.
  std::optional<Outcome> quit(std::size_t /*i*/, const std::string& /*arg*/) {
    return Outcome::quit;
  }

  std::optional<Outcome> skip(std::size_t i, const std::string& /*arg*/) {
    m_skipped[i] = true;
    return advance(i);
  }

  std::optional<Outcome> back(std::size_t /*i*/, const std::string& /*arg*/) {
    if (m_visited.empty()) {
      error("this is the first question of this walk");
      return std::nullopt;
    }
    m_forced = m_visited.back();
    m_visited.pop_back();
    return Outcome::next;
  }

  std::optional<Outcome> go_to(std::size_t i, const std::string& arg) {
    if (arg.empty() && m_in.interactive()) {
      // Nothing to go on: pick the item from the outline (docs/walk.md, "Pickers").
      const auto picked = pick_in_sub_prompt(m_in, "  goto: ", item_list(i));
      return picked && !trim(*picked).empty() ? go_to(i, trim(*picked)) : std::nullopt;
    }
    const auto target = checklist().index_of(arg);
    if (!target) {
      error(arg.empty() ? "say which item: :goto ID (:list shows them)"
                        : no_such_item(checklist(), arg) + " (:list shows them)");
      return std::nullopt;
    }
    m_visited.push_back(i);
    m_forced = *target;
    return Outcome::next;
  }

  std::optional<Outcome> list(std::size_t i, const std::string& /*arg*/) {
    outline(i);
    return std::nullopt;
  }

  std::optional<Outcome> not_applicable(std::size_t i, const std::string& arg) {
    return settle(i, parse_na(checklist().items[i], arg));
  }

  std::optional<Outcome> unknown(std::size_t i, const std::string& arg) {
    const auto last = arg.rfind(' ');
    if (last == std::string::npos) {
      error("say who finds out and by when: :unknown OWNER DUE (e.g. :unknown sam +7d)");
      return std::nullopt;
    }
    return settle(i, parse_unknown(arg.substr(0, last), arg.substr(last + 1), context()));
  }

  std::optional<Outcome> note(std::size_t i, const std::string& arg) {
    const Item& item = checklist().items[i];
    std::string note;
    try {
      note = text_option(":note", arg, false); // the checks of --note
    } catch (const Error& e) {
      error(e.what());
      return std::nullopt;
    }
    save(m_account, [&](Assessment& a) { record_note(a, checklist(), item.id, note, now()); });
    say(note.empty() ? "note removed" : "note saved", Tone::good);
    return std::nullopt;
  }

  // `:next WHAT [@OWNER] [due DATE]`: a next step agreed now, in this walk's meeting if any
  // (what `cna next ACCOUNT add` records); the walk stays on the item.
  std::optional<Outcome> next_step(std::size_t /*i*/, const std::string& arg) {
    const Marked marked = read_marks(arg);
    if (marked.text.empty()) {
      error("say what is to be done: :next WHAT [@OWNER] [due DATE] (e.g. :next Send the pilot "
            "plan @sam due +7d)");
      return std::nullopt;
    }
    try {
      const cna::NextStep step = next_step_of(
          m_account, {marked.text, marked.who, marked.due, m_meeting}, {":next", "@OWNER", "due"});
      const std::string id = add_next_step(m_account, step);
      if (quiet()) return std::nullopt;
      const cna::NextStep* saved = assessment().find_next_step(id);
      print_labelled("saved:", Tone::good,
                     fmt::format("next step {} · {} · {} · {}{}", id, show(saved->what),
                                 next_step_owner(assessment(), *saved),
                                 saved->due.empty() ? "" : "due ",
                                 next_step_due(*saved, format_date(now()))));
    } catch (const Error& e) {
      error(e.what());
    }
    return std::nullopt;
  }

  std::optional<Outcome> from(std::size_t i, const std::string& arg) {
    const std::vector<Stakeholder>& people = assessment().stakeholders;
    if (arg.empty() && m_in.interactive() && !people.empty()) {
      // Nothing to go on: pick who is speaking (docs/walk.md, "Pickers").
      const auto picked = pick_in_sub_prompt(
          m_in, "  from: ", people_picker(people, false, {m_source}, [&](const std::string& line) {
            return is_stakeholder(line);
          }));
      return picked && !trim(*picked).empty() ? from(i, trim(*picked)) : std::nullopt;
    }
    if (arg.empty() ||
        std::all_of(arg.begin(), arg.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      // Nothing to go on, or a number: the numbered list, and a number picks from it.
      const std::size_t n = arg.empty() ? 0 : std::stoul(arg.substr(0, 9));
      if (n >= 1 && n <= people.size()) {
        set_source(people[n - 1].id);
        return std::nullopt;
      }
      if (people.empty()) {
        error("no stakeholders yet: :who NAME adds who is speaking");
        return std::nullopt;
      }
      if (!arg.empty()) error(fmt::format("no stakeholder number {}", arg));
      for (std::size_t k = 0; k < people.size(); ++k)
        fmt::print("  {}) {} ({})\n", k + 1, show(people[k].name), show(people[k].id));
      say(":from ID or :from NUMBER says who is speaking", Tone::dim);
      return std::nullopt;
    }
    try {
      set_source(resolve_stakeholder(assessment(), arg));
    } catch (const Error& e) {
      error(e.what());
    }
    return std::nullopt;
  }

  std::optional<Outcome> who(std::size_t /*i*/, const std::string& arg) {
    if (!add_stakeholder(arg)) return Outcome::ended;
    return std::nullopt;
  }

private:
  // :from: who is speaking now. Someone not in the room (their words relayed) is said so: only
  // they may confirm those answers, so the read-back leaves them (docs/walk.md).
  void set_source(std::string id) {
    m_source = std::move(id);
    fmt::print("  source: {}\n", source_name());
    if (!m_attendees.empty() &&
        std::find(m_attendees.begin(), m_attendees.end(), m_source) == m_attendees.end()) {
      say(fmt::format("{} is not in the room (--with): the read-back leaves these answers for "
                      "a read-back with them",
                      source_name()),
          Tone::dim);
    }
  }

  // Saves an n/a or unknown answer and moves on, or says why not and stays.
  std::optional<Outcome> settle(std::size_t i, ParsedAnswer parsed) {
    if (!parsed.ok()) {
      error(phrase(parsed.error, walk_instead()));
      return std::nullopt;
    }
    save_answer(checklist().items[i], std::move(parsed.answer));
    return advance(i);
  }

  // Asks for a stakeholder's name, title and role. False when input ended; Ctrl-C in one of
  // these questions cancels them (nothing added) and the walk goes on.
  bool add_stakeholder(std::string name) {
    const auto cancelled = [&] {
      if (!m_in.cancelled()) return false;
      say("cancelled; nothing added (Ctrl-C again ends the walk)", Tone::warn);
      return true;
    };
    if (name.empty()) {
      const auto typed = m_in.read_cancellable("  name: ");
      if (!typed) return cancelled();
      name = trim(*typed);
    }
    Stakeholder s;
    s.id = new_stakeholder_id(assessment(), name);
    s.name = name;
    if (s.id.empty()) {
      error("a stakeholder needs a name with letters or digits");
      return true;
    }
    // The checks of `cna who add`, before asking more.
    if (const std::string why = check_stakeholder(s); !why.empty()) {
      error(why);
      return true;
    }
    const auto title = m_in.read_cancellable("  title (optional): ");
    if (!title) return cancelled();
    s.title = trim(*title);
    // A role is checked as typed, and asked again until it is known or left empty. The roles
    // are listed above the prompt, wrapped: a long prompt would break mid-word in the editor.
    say(fmt::format("roles: {}", fmt::join(stakeholder_roles(), ", ")), Tone::dim);
    for (;;) {
      const auto role = m_in.read_cancellable("  role (optional): ");
      if (!role) return cancelled();
      s.roles.clear();
      if (!trim(*role).empty()) s.roles.push_back(trim(*role));
      const std::string why = check_stakeholder(s);
      if (why.empty() || s.roles.empty()) break;
      error(why);
    }
    if (const std::string why = check_stakeholder(s); !why.empty()) {
      error(fmt::format("{}; not added", why));
      return true;
    }
    save(m_account, [&](Assessment& a) {
      s.id = new_stakeholder_id(a, s.name); // unique in the assessment as it is under the lock
      record_stakeholder(a, s, now());
    });
    say(fmt::format("added {} ({})", show(s.name), s.id), Tone::good);
    if (m_source.empty()) {
      m_source = s.id;
      fmt::print("  source: {}\n", source_name());
    }
    return true;
  }

  void outline(std::size_t current) const {
    const std::vector<bool> applicable = applicable_items(checklist(), assessment());
    std::size_t section = checklist().items.size();
    for (std::size_t k = 0; k < checklist().items.size(); ++k) {
      const Item& item = checklist().items[k];
      if (item.section != section) {
        section = item.section;
        say(show(checklist().sections[section].title), Tone::accent);
      }
      const std::string state = applicable[k] ? std::string(to_string(state_of(k))) : "not asked";
      fmt::print("  {} {:<24} {:<9} {}\n", k == current ? ">" : " ", item.id, state,
                 show(item.prompt));
    }
  }

  void summary() const {
    const Readiness r =
        assess(checklist(), assessment(), now(), m_account.workspace.config().reconfirm_after_days);
    StateCounts counts;
    for (const ItemStatus& s : r.items) {
      if (s.applicable) ++counts[s.state];
    }
    const auto count = [&](State state) {
      return fmt::format("{} {}", state_info(state).tally, counts[state]);
    };
    fmt::print("\n{}\n", paint("End of the checklist.", Tone::bold));
    fmt::print("  {} · {} · {} · {}{}\n", count(State::answered), count(State::unknown),
               count(State::na), count(State::missing),
               counts[State::conflict] > 0 ? " · " + count(State::conflict) : "");
  }

  // Why the gate is closed, by reason ("Blocked: 3 unconfirmed · 1 no-source"), and with `next`
  // the commands that clear it; or that it is open.
  void gate_state(bool next) const {
    const Readiness r = readiness_of(checklist(), assessment(), m_account.workspace, now());
    if (r.ready()) {
      say(fmt::format("READY: every applicable item is answered, attributed "
                      "and confirmed; cna proposal {}",
                      m_account.slug),
          Tone::good);
      return;
    }
    Counts<Reason, kNextSteps.size()> blocked;
    for (const ItemStatus& s : r.items) {
      if (s.blocker) ++blocked[*s.blocker];
    }
    std::vector<std::string> reasons;
    std::vector<std::string_view> commands;
    for (const NextStep& step : kNextSteps) {
      if (blocked[step.reason] == 0) continue;
      reasons.push_back(fmt::format("{} {}", blocked[step.reason], to_string(step.reason)));
      if (std::find(commands.begin(), commands.end(), step.command) == commands.end())
        commands.push_back(step.command);
    }
    say(fmt::format("Blocked: {}", fmt::join(reasons, " · ")), Tone::warn);
    if (!next) return;
    for (const std::string_view command : commands) {
      // Why, in the words of the first reason that holds the gate (not of the table's first row).
      const auto step = std::find_if(kNextSteps.begin(), kNextSteps.end(), [&](const NextStep& s) {
        return s.command == command && blocked[s.reason] > 0;
      });
      fmt::print("  Next: {} ({})\n", fmt::format(fmt::runtime(command), m_account.slug),
                 step->why);
    }
  }

  // The read-back offered at the end. The walk is finished: input ending here is no error.
  int offer_readback() {
    if (!readback_due(m_account)) return 0;
    const auto reply = m_in.read("Read the answers back now? [y/N] ");
    const std::string typed = reply ? to_lower(trim(*reply)) : "";
    if (typed != "y" && typed != "yes") {
      fmt::print("  Later, with the customer: cna confirm {}\n", m_account.slug);
      return 0;
    }
    ConfirmRequest request;
    request.meeting = m_meeting;
    request.present = m_attendees; // confirmed only with someone in the room (docs/walk.md)
    return run_confirm(m_account, &m_in, request);
  }

  Account& m_account;
  LineReader& m_in;
  std::string m_source;
  bool m_resumed_source;
  std::vector<std::string> m_attendees;
  bool m_review;
  std::string m_meeting;
  std::vector<bool> m_skipped;
  std::vector<std::size_t> m_visited;
  std::size_t m_pos = 0;
  std::optional<std::size_t> m_forced;
};

constexpr WalkCommand kWalkCommandRows[] = {
    {":back", "", "", "the previous question", &Walk::back},
    {":skip", "", "", "leave it open for now", &Walk::skip, Instead::skip},
    {":goto", "", "ID", "jump to an item", &Walk::go_to},
    {":list", "", "", "the outline with states", &Walk::list},
    {":unknown", "", "OWNER DUE",
     "nobody knows yet: who finds out, by when (e.g. :unknown sam +7d)", &Walk::unknown,
     Instead::unknown},
    {":na", "", "REASON", "not applicable (where the item allows it)", &Walk::not_applicable,
     Instead::na},
    {":note", "", "TEXT", "a note on this answer", &Walk::note},
    {":from", "", "ID", "who is speaking (the source of the next answers)", &Walk::from},
    {":who", "", "[NAME]", "add a stakeholder", &Walk::who, Instead::add_stakeholder},
    {":next", "", "WHAT [@OWNER] [due DATE]",
     "a next step agreed now: who does it, by when (e.g. :next Send the plan @sam due +7d)",
     &Walk::next_step},
    {":quit", ":q", "", "stop here (everything accepted is saved)", &Walk::quit},
};
const std::span<const WalkCommand> kWalkCommands = kWalkCommandRows;
static_assert(
    [] {
      for (std::size_t k = 0; k < kInsteadCount; ++k) {
        if (std::count_if(std::begin(kWalkCommandRows), std::end(kWalkCommandRows),
                          [k](const WalkCommand& c) {
                            return c.instead && static_cast<std::size_t>(*c.instead) == k;
                          }) != 1)
          return false;
      }
      return true;
    }(),
    "one walk command per choice a refusal offers (Instead)");

// Each choice as its row spells it, with the arguments it needs (optional ones, in brackets, left
// out): ":unknown OWNER DUE", ":who".
const InsteadSyntax& walk_instead() {
  static const InsteadSyntax syntax = [] {
    InsteadSyntax out;
    for (const WalkCommand& c : kWalkCommands) {
      if (!c.instead) continue;
      const bool required = !c.arguments.empty() && !c.arguments.starts_with('[');
      out[static_cast<std::size_t>(*c.instead)] =
          fmt::format("{}{}{}", c.name, required ? " " : "", required ? c.arguments : "");
    }
    return out;
  }();
  return syntax;
}

// The meeting this walk opens: --meeting PURPOSE, or at a terminal with --with and without
// --meeting, the purpose asked (Enter: no meeting). Nullopt when there is none.
std::optional<Meeting> meeting_of(const StartOptions& o, const std::vector<std::string>& with,
                                  LineReader& in) {
  std::string purpose = o.meeting;
  if (!o.meeting_given) {
    if (!in.interactive() || with.empty()) return std::nullopt;
    const auto typed = in.read("Meeting purpose (Enter: not a meeting): ");
    if (!typed || trim(*typed).empty()) return std::nullopt;
    purpose = *typed;
  }
  Meeting m;
  m.date = format_date(now());
  m.purpose = text_option("--meeting", purpose);
  m.attendees = with;
  m.ours = {current_user()};
  return m;
}

// "No account nordbhan in WS (did you mean nordbahn?). Create it? [y/N]": true on y or yes.
bool confirm_new_account(const Account& account, LineReader& in) {
  exit_on_signals("\ncna: interrupted; nothing created\n");
  say(fmt::format("No account {} in {}{}.", account.slug, show(account.workspace.root().string()),
                  did_you_mean(suggestions(account.slug, account.workspace.accounts()))),
      Tone::warn, 0);
  const std::optional<std::string> reply =
      in.read(fmt::format("Create {} ({})? [y/N] ", account.slug, show(account.checklist.id)));
  const std::string answer = to_lower(trim(reply.value_or("")));
  if (answer == "y" || answer == "yes") return true;
  say("Nothing created.", Tone::plain, 0);
  return false;
}

// Someone named by --with: on file (their id), or a new person to add first (at a terminal, once
// the rep says so).
struct Attendee {
  std::string id; // empty: new
  std::string name;
};

// The people --with names, in order. Someone nobody on file is near is, at a terminal, a new
// person (asked about later, before anything is written); from a pipe the usual refusal with
// the `cna who add` hint (pipes never prompt).
std::vector<Attendee> attendees_of(const Assessment& assessment,
                                   const std::vector<std::string>& named, bool interactive) {
  std::vector<Attendee> out;
  for (const std::string& one : named) {
    const std::string who = trim(one);
    if (who.empty()) continue;
    const auto id = known_stakeholder(assessment, who);
    if (!id && !interactive) (void)resolve_stakeholder(assessment, who); // throws the hint
    const bool twice = std::any_of(out.begin(), out.end(), [&](const Attendee& a) {
      return id ? a.id == *id : a.id.empty() && a.name == who;
    });
    if (!twice) out.push_back({id.value_or(""), who});
  }
  return out;
}

// "No stakeholder "New Person" on acme. Add them as new-person? [Y/n]": true on Enter, y or
// yes. Error(usage) when the name cannot be a stakeholder's.
bool confirm_new_person(const Account& account, const Attendee& person, LineReader& in) {
  exit_on_signals("\ncna: interrupted; nothing added\n");
  Stakeholder s;
  s.name = person.name;
  s.id = new_stakeholder_id(account.assessment, person.name);
  if (s.id.empty()) (void)resolve_stakeholder(account.assessment, person.name); // throws
  if (const std::string why = check_stakeholder(s); !why.empty()) throw Error(Exit::usage, why);
  const std::optional<std::string> reply =
      in.read(fmt::format("No stakeholder \"{}\" on {}. Add them as {}? [Y/n] ", show(person.name),
                          account.slug, s.id));
  const std::string answer = to_lower(trim(reply.value_or("n")));
  if (answer.empty() || answer == "y" || answer == "yes") return true;
  say("Nothing added; nothing started.", Tone::plain, 0);
  return false;
}

// `--with` naming nobody: at a terminal the attendees are picked from the stakeholders on file
// (docs/walk.md, "Pickers"), the first of them in the list being the source; nullopt when
// cancelled.
std::optional<std::vector<std::string>> pick_attendees(const Account& account, LineReader& in) {
  const std::vector<Stakeholder>& people = account.assessment.stakeholders;
  if (!in.interactive() || people.empty()) {
    throw Error(Exit::usage, people.empty()
                                 ? "--with names who you are talking to, and " + account.slug +
                                       " has no stakeholders yet (cna who " + account.slug +
                                       " add ID --name NAME)"
                                 : "--with names who you are talking to: --with ID[,ID...]");
  }
  say("Who are you talking to? (space ticks; the first of them in the list is the source)",
      Tone::plain, 0);
  const auto picked = pick_in_sub_prompt(in, "  with: ", people_picker(people, true, {}));
  if (!picked) return std::nullopt;
  std::vector<std::string> names;
  for (std::size_t start = 0; start <= picked->size();) {
    const std::size_t comma = std::min(picked->find(',', start), picked->size());
    names.push_back(trim(std::string_view(*picked).substr(start, comma - start)));
    start = comma + 1;
  }
  return names;
}

int start(const Globals& g, const StartOptions& o) {
  LineReader in;
  // What the walk says of answers it holds (hold()) stays in this buffer until they are saved.
  // (glibc ignores the size without a buffer of ours; static: stdio flushes it at exit.)
  static char held_output[kHeldOutputBytes];
  if (!in.interactive()) std::setvbuf(stdout, held_output, _IOFBF, sizeof held_output);
  Account account = open_or_create(g, o.account, o.checklist, o.name);
  in.before_waiting([&account] { save_held(account); });
  std::vector<std::string> named = o.with;
  const bool nobody_named = std::all_of(o.with.begin(), o.with.end(),
                                        [](const std::string& w) { return trim(w).empty(); });
  if (o.with_given && nobody_named) {
    const auto picked = pick_attendees(account, in);
    if (!picked) return 0; // cancelled: nothing started
    named = *picked;
  }
  // Every usage error before the first write: a refused --with creates no account. A new
  // account's file (checklist pinned) is then written before the first question.
  const std::vector<Attendee> people = attendees_of(account.assessment, named, in.interactive());
  const bool newcomers =
      std::any_of(people.begin(), people.end(), [](const Attendee& p) { return p.id.empty(); });
  if (o.meeting_given) (void)text_option("--meeting", o.meeting);
  // At a terminal a new account is asked for first, so a typo ("nordbhan") creates nothing; a
  // pipe (a script) creates it as asked (docs/walk.md). Then each new person named by --with.
  if (!account.store.exists() && in.interactive() && !confirm_new_account(account, in)) return 0;
  for (const Attendee& p : people) {
    if (p.id.empty() && !confirm_new_person(account, p, in)) return 0;
  }
  std::vector<std::string> with;
  for (const Attendee& p : people)
    with.push_back(p.id.empty() ? new_stakeholder_id(account.assessment, p.name) : p.id);
  std::optional<Meeting> meeting = meeting_of(o, with, in);
  if (meeting && !newcomers) {
    if (const std::string why = check_meeting(account.assessment, *meeting); !why.empty())
      throw Error(Exit::usage, why);
  }
  std::string meeting_id;
  if (meeting || newcomers || !account.store.exists()) {
    save(account, [&](Assessment& a) {
      // The new people first (their ids unique in the file as it is under the lock), then the
      // meeting they attend (record_meeting refuses it, and so the whole save, when it is bad).
      with.clear();
      for (const Attendee& p : people) {
        Stakeholder s;
        s.id = p.id.empty() ? new_stakeholder_id(a, p.name) : p.id;
        s.name = p.name;
        if (p.id.empty()) record_stakeholder(a, s, now());
        with.push_back(s.id);
      }
      if (meeting) {
        meeting->attendees = with;
        meeting_id = record_meeting(a, *meeting, now());
      }
    });
    for (std::size_t i = 0; i < people.size() && !quiet(); ++i) {
      if (people[i].id.empty())
        say(fmt::format("added {} ({})", show(people[i].name), with[i]), Tone::good, 0);
    }
  }
  // Without --with, the account's last source: a resumed walk goes on with whoever was speaking.
  const std::string source = with.empty() ? last_source(account.assessment) : with.front();
  exit_on_signals(fmt::format("\ncna: interrupted; every accepted answer is saved (cna start {} "
                              "resumes)\n",
                              o.account));
  Walk walk(account, in, source, with.empty() && !source.empty(), with, o.review, meeting_id);
  int status = 0;
  try {
    status = walk.run();
    save_held(account);
  } catch (...) {
    save_held(account); // what was read before the error is kept (its own failure is said)
    throw;
  }
  if (!meeting_id.empty() && !quiet()) {
    fmt::print("Meeting {} recorded; what came of it: cna meeting {} edit {} --outcome TEXT\n",
               meeting_id, o.account, meeting_id);
  }
  return status;
}

} // namespace

void add_start(CLI::App& app, Globals& g) {
  auto o = std::make_shared<StartOptions>();
  auto* sub = app.add_subcommand("start", "Walk the questions for an account (new or resumed)");
  sub->add_option("ACCOUNT", o->account, "Account name (a slug such as acme-corp)")->required();
  sub->add_option("--checklist", o->checklist,
                  "Checklist for a new account (default: the "
                  "workspace's default_checklist)");
  sub->add_option("--name", o->name, "Display name of the account");
  sub->add_option("--with", o->with,
                  "The stakeholders you are talking to (ids or names, comma-separated); the "
                  "first is the source of the answers; at a terminal, --with alone picks them")
      ->delimiter(',')
      ->expected(0, CLI::detail::expected_max_vector_size);
  sub->add_option("--meeting", o->meeting,
                  "Record this walk as a meeting with that purpose (date today, attendees "
                  "--with); at a terminal with --with, the purpose is asked");
  sub->add_flag("--review", o->review, "Revisit answered items too");
  std::vector<std::string> commands{"? for help"};
  for (const WalkCommand& c : kWalkCommands) {
    commands.push_back(fmt::format("{}{}{}", c.name, c.arguments.empty() ? "" : " ", c.arguments));
  }
  sub->footer(fmt::format("At the prompt: {}.\n", fmt::join(commands, ", ")) +
              "Examples:\n  cna start acme --name \"Acme Corp\"    # a new account, or resume\n"
              "  cna start acme --with dana-lee       # answers attributed to Dana Lee\n"
              "  cna start acme --review              # revisit the answered items too\n"
              "  cna start acme --with dana-lee,raj --meeting \"Scope the pilot\"");
  sub->callback([o, &g, sub] {
    o->meeting_given = sub->count("--meeting") > 0;
    o->with_given = sub->count("--with") > 0;
    g.action = [o, &g] { return start(g, *o); };
  });
}

} // namespace cna::cli
