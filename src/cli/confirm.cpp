#include "cli/confirm.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

#include "cli/common.hpp"
#include "cli/gate.hpp"
#include "cli/output.hpp"
#include "cli/prompt.hpp"
#include "cna/error.hpp"
#include "cna/input.hpp"
#include "cna/item_types.hpp"
#include "cna/readiness.hpp"
#include "cna/record.hpp"
#include "cna/text.hpp"

namespace cna::cli {

namespace {

Readiness readiness_of(const Account& account) {
  return assess(account.checklist, account.assessment, now(),
                account.workspace.config().reconfirm_after_days);
}

// The items to read back, in checklist order: the customer's, or with `internal` the internal
// ones (a read-back with the customer never shows those).
std::vector<std::string> targets(const Account& account, const std::vector<std::string>& named,
                                 bool internal = false) {
  const Checklist& c = account.checklist;
  std::vector<std::string> ids;
  if (named.empty()) {
    for (const ItemStatus& s : readiness_of(account).items) {
      if (s.applicable && s.blocker && cleared_by_confirmation(*s.blocker) &&
          s.item->internal == internal)
        ids.push_back(s.item->id);
    }
    return ids;
  }
  for (const std::string& id : named) {
    if (c.find(id) == nullptr) throw Error(Exit::usage, no_such_item(c, id));
  }
  for (const Item& item : c.items) {
    if (std::find(named.begin(), named.end(), item.id) != named.end()) ids.push_back(item.id);
  }
  return ids;
}

// "20 Nov", with the year when it is not this year's.
std::string short_date(const std::string& timestamp) {
  static constexpr std::array kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto t = parse_timestamp(timestamp);
  if (!t) return show(timestamp);
  const std::string date = format_date(*t); // YYYY-MM-DD
  const std::string day = date.substr(8, 2);
  std::string out = fmt::format("{} {}", day[0] == '0' ? day.substr(1) : day,
                                kMonths.at(std::stoul(date.substr(5, 2)) - 1));
  if (date.substr(0, 4) != format_date(now()).substr(0, 4)) out += " " + date.substr(0, 4);
  return out;
}

enum class Reply { confirmed, edited, skipped, quit, ended };
constexpr std::size_t kReplies = static_cast<std::size_t>(Reply::ended) + 1;

class ReadBack {
public:
  ReadBack(Account& account, LineReader* in, std::string with, std::vector<std::string> present,
           std::string meeting, bool internal)
      : m_account(account), m_in(in), m_with(std::move(with)), m_present(std::move(present)),
        m_meeting(std::move(meeting)), m_internal(internal) {}

  int run(std::vector<std::string> ids) {
    if (!ids.empty()) ids = leave_for_later(ids);
    if (ids.empty() && m_waiting == 0 && !quiet()) {
      fmt::print("Nothing to read back: every answer is confirmed and current.\n");
    }
    if (m_in == nullptr) confirm_all(ids);
    for (std::size_t n = 0; m_in != nullptr && n < ids.size(); ++n) {
      const Reply reply = one(ids[n], n, ids.size());
      if (reply == Reply::quit || reply == Reply::ended) {
        // Still to read back: this one, those after it, and those skipped so far.
        const std::size_t left = ids.size() - n + m_counts[Reply::skipped];
        const std::string slug = m_account.slug;
        if (reply == Reply::quit) {
          fmt::print("Stopped; {} left to read back (cna confirm {}).\n", left, slug);
          return 0;
        }
        std::fflush(stdout);
        fmt::print(stderr,
                   "cna: input ended before the read-back finished; {} left (every confirmation "
                   "so far is saved; cna confirm {} resumes)\n",
                   left, slug);
        return static_cast<int>(Exit::input_ended);
      }
      ++m_counts[reply];
    }
    if (!quiet()) {
      if (!ids.empty()) {
        fmt::print("\nRead back {}: {} confirmed, {} edited, {} skipped{}.\n", ids.size(),
                   m_counts[Reply::confirmed], m_counts[Reply::edited], m_counts[Reply::skipped],
                   m_waiting == 0 ? "" : fmt::format("; {} left for later", m_waiting));
      }
      if (!m_internal) {
        const std::size_t internal = targets(m_account, {}, true).size();
        if (internal > 0) {
          fmt::print("\n{} internal answer{} to verify yourself, never read to the customer (cna "
                     "confirm {} --internal).\n",
                     internal, internal == 1 ? "" : "s", m_account.slug);
        }
      }
      print_gate(readiness_of(m_account));
    }
    return 0;
  }

private:
  [[nodiscard]] const Checklist& checklist() const { return m_account.checklist; }

  [[nodiscard]] std::string name_of(const std::string& id) const {
    const Stakeholder* s = m_account.assessment.find_stakeholder(id);
    return s != nullptr ? show(s->name) : show(id);
  }

  // Whom `told` is confirmed with: --with; else, when who is in the room is known, the one
  // present its rule accepts (the core's confirmer_among); else "" (its own source).
  [[nodiscard]] std::string confirmer(const Item& item, const Answer& told) const {
    if (!m_with.empty() || m_present.empty() || item.internal) return m_with;
    return confirmer_among(checklist(), item, told, m_account.assessment, m_present);
  }

  // The ids someone in the room may confirm; the others are named, grouped by who said them,
  // and left unconfirmed for a read-back with them (never confirmed with someone absent).
  std::vector<std::string> leave_for_later(const std::vector<std::string>& ids) {
    if (!m_with.empty() || m_present.empty() || m_internal) return ids;
    std::vector<std::string> now;
    std::vector<std::pair<std::string, std::vector<std::string>>> later; // by source
    for (const std::string& id : ids) {
      const Item& item = *checklist().find(id);
      const Answer* told = m_account.assessment.find_answer(id);
      if (told == nullptr || !confirmer(item, *told).empty()) {
        now.push_back(id); // nothing to read back is reported as it is read
        continue;
      }
      auto group = std::find_if(later.begin(), later.end(),
                                [&](const auto& g) { return g.first == told->source; });
      if (group == later.end()) group = later.insert(later.end(), {told->source, {}});
      group->second.push_back(id);
      ++m_waiting;
    }
    if (later.empty() || quiet()) return now;
    say(fmt::format("Left for later: nobody here may confirm {} answer{}.", m_waiting,
                    m_waiting == 1 ? "" : "s"),
        Tone::warn, 0);
    for (const auto& [source, items] : later) {
      const std::string list = fmt::format("{}", fmt::join(items, ", "));
      // Wrapped at word boundaries at a terminal, so the command stays whole.
      if (source.empty()) {
        say(fmt::format("{}: only someone its rule names may confirm (cna confirm {} {})", list,
                        m_account.slug, items.front()));
      } else {
        say(fmt::format("{}: said by {}, who is not in the room (cna confirm {} --with {})", list,
                        name_of(source), m_account.slug, source));
      }
    }
    return now;
  }

  // --yes: every confirmation in one save, so one durable write with the lock taken once (a save
  // per item made 5,000 items take minutes) and the same guarantee: all of them or none. An
  // answer that cannot be confirmed is reported and skipped, as one at a time.
  void confirm_all(const std::vector<std::string>& ids) {
    std::vector<std::string> refused(ids.size()); // per id: why not, empty when confirmed
    const Assessment told = m_account.assessment; // what was read back
    save(m_account, [&](Assessment& a) {
      const Seconds t = now();
      for (std::size_t i = 0; i < ids.size(); ++i) {
        refused[i].clear();
        const Answer* answer = told.find_answer(ids[i]);
        if (std::string why = check_confirmation(a, checklist(), ids[i]); !why.empty()) {
          refused[i] = "not read back: " + why;
          continue;
        }
        try {
          const Answer read_back = answer != nullptr ? *answer : Answer{};
          record_confirmation(a, checklist(), ids[i], read_back,
                              confirmer(*checklist().find(ids[i]), read_back), t, m_meeting);
        } catch (const Error& e) {
          if (e.code() != Exit::usage) throw;
          refused[i] = std::string("not confirmed: ") + e.what();
        }
      }
    });
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (!refused[i].empty()) {
        warn(show(refused[i]));
        ++m_counts[Reply::skipped];
        continue;
      }
      ++m_counts[Reply::confirmed];
      const Item& item = *checklist().find(ids[i]);
      warn_wrong_confirmer(item);
      if (quiet()) continue;
      const Answer& saved = *m_account.assessment.find_answer(ids[i]);
      const std::string said = answer_text(saved, &item, m_account.assessment.stakeholders, 60);
      if (item.internal) {
        fmt::print("verified  {}  {} (internal)\n", ids[i], said);
        continue;
      }
      fmt::print("confirmed  {}  {}{}\n", ids[i], said,
                 saved.confirmed_with.empty() ? ""
                                              : " (with " + name_of(saved.confirmed_with) + ")");
    }
  }

  // One item: asked; an answer that cannot be read back is reported and left for the final
  // list.
  Reply one(const std::string& id, std::size_t n, std::size_t total) {
    const Item& item = *checklist().find(id);
    if (const std::string why = check_confirmation(m_account.assessment, checklist(), id);
        !why.empty()) {
      warn(fmt::format("not read back: {}", show(why)));
      return Reply::skipped;
    }
    const Answer told = *m_account.assessment.find_answer(id);
    header(item, told, n, total);
    return ask(item, told);
  }

  void header(const Item& item, const Answer& told, std::size_t n, std::size_t total) const {
    const Readiness r = readiness_of(m_account);
    const ItemStatus* status = r.find(item.id);
    std::string why =
        told.confirmed_at.empty() ? "unconfirmed" : "confirmed " + short_date(told.confirmed_at);
    if (status != nullptr && status->blocker) {
      why = std::string(to_string(*status->blocker));
      if (!status->detail.empty()) why += ": " + show(status->detail);
    }
    fmt::print("\n");
    say_heading(fmt::format("[{}/{}] {}", n + 1, total, show(item.prompt)), Tone::bold,
                fmt::format("{} · {}", item.id, why), Tone::dim);
    std::string said =
        visible(describe_answer(told, &item, m_account.assessment.stakeholders), true);
    const bool several = said.find('\n') != std::string::npos;
    for (auto at = said.find('\n'); at != std::string::npos; at = said.find('\n', at + 1))
      said.insert(at + 1, "    ");
    const std::string by = told.source.empty() ? "" : " by " + name_of(told.source);
    const std::string when = " on " + short_date(told.answered_at);
    if (item.internal) {
      say("Internal: verify it yourself; do not read it to the customer.", Tone::warn);
    }
    if (several) {
      // A longtext reads back line by line, under who said it.
      fmt::print("  You were told{}{}:\n    {}\n", by, when, paint(said, Tone::accent));
    } else {
      fmt::print("  You were told: {}{}{}.\n", paint(said, Tone::accent), by, when);
    }
    if (const std::string with = confirmer(item, told);
        m_with.empty() && !with.empty() && with != told.source) {
      say(fmt::format("Read back with {}, who is here.", name_of(with)), Tone::dim);
    }
    say(question(item));
  }

  // What the rep asks: the customer (still right?) or, for an internal answer, themselves.
  static std::string question(const Item& item) {
    return item.internal ? "Verified? [y]es / [e]dit / [s]kip"
                         : "Still right? [y]es / [e]dit / [s]kip";
  }

  // At a terminal the replies are picked (docs/walk.md, "Pickers"); typed, they read as always.
  static Picker replies(const Item& item) {
    std::vector<PickerEntry> entries{
        {item.internal ? "yes: verified" : "yes: still right", "y", ""},
        {"edit: type the new answer", "e", ""},
        {"skip: leave it for later", "s", ""},
        {"quit: stop here", "q", ""}};
    return Picker(std::move(entries), false, {}, [](const std::string& line) {
      const std::string typed = to_lower(trim(line));
      for (const char* word : {"y", "yes", "e", "edit", "s", "skip", "q", ":quit", "?"}) {
        if (typed == word) return true;
      }
      return false;
    });
  }

  Reply ask(const Item& item, const Answer& told) {
    for (;;) {
      const auto line = pick_or_read(*m_in, "> ", replies(item));
      if (!line) return Reply::ended;
      const std::string typed = to_lower(trim(*line));
      if (typed == "y" || typed == "yes")
        return confirm(item, told) ? Reply::confirmed : Reply::skipped;
      if (typed == "s" || typed == "skip") return Reply::skipped;
      if (typed == "q" || typed == ":quit") return Reply::quit;
      if (typed == "e" || typed == "edit") {
        const auto edited = edit(item, told);
        if (edited) return *edited;
        say(question(item));
        continue;
      }
      if (typed == "?" && !item.help.empty()) say(show(item.help));
      say("y: the customer says it is still right · e: type the new "
          "answer · s: leave it for later · q: stop here",
          Tone::dim);
    }
  }

  // Records the confirmation of `told`; false (with the reason shown) when the core refuses.
  bool confirm(const Item& item, const Answer& told) {
    const std::string with = confirmer(item, told);
    try {
      save(m_account, [&](Assessment& a) {
        record_confirmation(a, checklist(), item.id, told, with, now(), m_meeting);
      });
    } catch (const Error& e) {
      if (e.code() != Exit::usage) throw;
      warn(fmt::format("not confirmed: {}", visible(e.what())));
      return false;
    }
    if (m_in != nullptr && !quiet()) say("confirmed", Tone::good);
    warn_wrong_confirmer(item);
    return true;
  }

  // Asks the new answer with the walk's grammar, saves it and confirms it (it was just read back
  // with the customer). nullopt: an empty line or the answer unchanged, back to the question. At
  // a terminal the line editor starts with the answer, ready to edit.
  std::optional<Reply> edit(const Item& item, const Answer& told) {
    const InputContext context =
        input_context(m_account.workspace, &m_account.assessment.stakeholders, now());
    const std::vector<std::string> initial = m_in->interactive()
                                                 ? editable_lines(item, &told, context, false)
                                                 : std::vector<std::string>{};
    const std::string hint = input_hint(item, m_account.assessment.stakeholders);
    say((initial.empty() ? "The new answer (an empty line keeps the old one)"
                         : "Edit the answer (as it is, Enter keeps it)") +
            (hint.empty() ? "" : ": " + hint),
        Tone::dim);
    for (;;) {
      const auto line = pick_or_read(*m_in, "new> ", answer_picker(item, &told, context),
                                     initial.empty() ? "" : initial.front());
      if (!line) return Reply::ended;
      if (trim(*line).empty()) return std::nullopt;
      if (m_in->too_long()) {
        refuse(fmt::format("that line is longer than {} KiB; refused", kMaxAnswerBytes / 1024));
        continue;
      }
      const auto parsed = read_answer(item, *line, *m_in, context, nullptr, initial);
      if (!parsed) return Reply::ended;
      if (!parsed->ok()) {
        refuse(parsed->error.reason); // the read-back edits a value: nothing else is offered
        continue;
      }
      if (told.state == State::answered && parsed->value == told.value) return std::nullopt;
      Answer answer;
      answer.state = State::answered;
      answer.value = parsed->value;
      // An internal answer keeps its attribution: the rep edits it, no customer says it anew.
      // Otherwise the new answer is the confirmer's, who gave it.
      const std::string with = confirmer(item, told);
      if (item.source) answer.source = with.empty() || item.internal ? told.source : with;
      answer.meeting = m_meeting;
      save(m_account, [&](Assessment& a) {
        const Seconds t = now();
        record_answer(a, checklist(), item.id, answer, t);
        record_confirmation(a, checklist(), item.id, *a.find_answer(item.id), with, t, m_meeting);
      });
      if (!quiet()) say("saved and confirmed", Tone::good);
      return Reply::edited;
    }
  }

  // A confirmation the item's rule does not accept is saved as it happened, and said.
  void warn_wrong_confirmer(const Item& item) const {
    const Answer* saved = m_account.assessment.find_answer(item.id);
    if (saved == nullptr) return;
    const std::string why = wrong_confirmer(checklist(), item, *saved, m_account.assessment);
    if (!why.empty()) warn(fmt::format("{}: {}; it still holds the gate", item.id, show(why)));
  }

  static void refuse(const std::string& why) { say(show(why), Tone::bad); }

  Account& m_account;
  LineReader* m_in;
  std::string m_with;
  std::vector<std::string> m_present; // who is in the room; empty: not known
  std::size_t m_waiting = 0;          // answers left for someone not in the room
  std::string m_meeting;              // the meeting it is read back in, "" when none
  bool m_internal; // verifying the internal answers, not reading back to the customer
  Counts<Reply, kReplies> m_counts; // confirmed, edited, skipped (quit and ended stop the count)
};

} // namespace

bool readback_due(const Account& account) { return !targets(account, {}).empty(); }

int run_confirm(Account& account, LineReader* in, const ConfirmRequest& request) {
  const std::string with =
      request.with.empty() ? "" : resolve_stakeholder(account.assessment, request.with);
  const std::vector<std::string> ids = targets(account, request.items, request.internal);
  if (in != nullptr) {
    exit_on_signals(fmt::format("\ncna: interrupted; every confirmation so far is saved (cna "
                                "confirm {} resumes)\n",
                                account.slug));
  }
  const std::string meeting =
      request.meeting.empty() ? "" : resolve_meeting(account.assessment, request.meeting);
  return ReadBack(account, request.yes ? nullptr : in, with, request.present, meeting,
                  request.internal)
      .run(ids);
}

} // namespace cna::cli
