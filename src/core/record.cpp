#include "cna/record.hpp"

#include <algorithm>
#include <functional>
#include <tuple>

#include <fmt/format.h>

#include "cna/error.hpp"
#include "cna/readiness.hpp"
#include "cna/sha256.hpp"
#include "cna/text.hpp"

namespace cna {

namespace {

void log(Assessment& a, Seconds now, std::string item, std::string action, Value value = {},
         std::string source = {}, std::string meeting = {}) {
  a.history.push_back({format_timestamp(now),
                       current_user(),
                       std::move(item),
                       std::move(action),
                       std::move(value),
                       std::move(source),
                       std::move(meeting),
                       {}});
}

} // namespace

namespace {

// Where an answer goes: its item's place in the checklist; answers of unknown ids (a newer
// checklist's) after all others, so nothing is dropped.
auto answer_order(const Checklist& checklist) {
  return [&checklist](const auto& x, const auto& y) {
    return checklist.index_of(x.first).value_or(checklist.items.size()) <
           checklist.index_of(y.first).value_or(checklist.items.size());
  };
}

// After a change to an assessment in order (every assessment is migrated, so ordered, before a
// change) that added at most one answer, at the end: moves it into place by binary search. No
// scan of the others, so a walk of 5,000 answers stays linear (docs/performance.md).
void place_last_answer(Assessment& a, const Checklist& checklist) {
  if (a.answers.size() < 2) return;
  const auto before = answer_order(checklist);
  const auto last = a.answers.end() - 1;
  if (!before(*last, *(last - 1))) return;
  std::rotate(std::upper_bound(a.answers.begin(), last, *last, before), last, a.answers.end());
}

} // namespace

void order_answers(Assessment& a, const Checklist& checklist) {
  std::stable_sort(a.answers.begin(), a.answers.end(), answer_order(checklist));
}

std::string new_stakeholder_id(const Assessment& assessment, std::string_view name) {
  constexpr std::size_t kMaxSlug = 63; // is_slug's limit
  const std::string base = suggest_slug(name);
  if (base.empty()) return "";
  for (std::size_t n = 1;; ++n) {
    const std::string suffix = n == 1 ? "" : fmt::format("-{}", n);
    std::string id = base.substr(0, kMaxSlug - suffix.size());
    while (!id.empty() && id.back() == '-')
      id.pop_back();
    id += suffix;
    if (assessment.find_stakeholder(id) == nullptr) return id;
  }
}

void add_history(Assessment& assessment, Seconds now, std::string item, std::string action,
                 Value value) {
  log(assessment, now, std::move(item), std::move(action), std::move(value));
}

namespace {

// The same statement: what a read-back confirms (the source may differ).
bool same_meaning(const Answer& a, const Answer& b) {
  return a.state == b.state && a.value == b.value && a.reason == b.reason && a.owner == b.owner &&
         a.due == b.due;
}

bool same_answer(const Answer& a, const Answer& b) {
  return same_meaning(a, b) && a.source == b.source;
}

} // namespace

Assessment new_assessment(const std::string& account, const std::string& name,
                          const Checklist& checklist) {
  Assessment a;
  a.account = account;
  a.name = name.empty() ? account : name;
  a.checklist = {checklist.id, checklist.version, checklist.sha256};
  return a;
}

bool record_answer(Assessment& assessment, const Checklist& checklist, const std::string& item,
                   Answer answer, Seconds now) {
  if (answer.state == State::conflict) {
    // A conflict comes only from a merge; a person resolves it by answering (which replaces it).
    throw Error(Exit::usage, item + " holds two answers that disagree: answer it with a value, "
                                    "as unknown or as n/a to resolve it");
  }
  const Item* definition = checklist.find(item);
  Answer& slot = assessment.answer(item);
  if (same_answer(slot, answer) && (answer.note.empty() || answer.note == slot.note) &&
      definition != nullptr && slot.item_sha256 == definition->sha256) {
    return false;
  }
  if (answer.note.empty()) answer.note = slot.note;
  answer.extra = slot.extra;
  answer.answered_at = format_timestamp(now);
  answer.answered_by = current_user();
  answer.item_sha256 = definition != nullptr ? definition->sha256 : slot.item_sha256;
  // The read-back confirmed the old answer: it still stands when only the note or the source
  // changed, not when the value, the state or the item's definition did.
  const bool still_confirmed =
      definition != nullptr && slot.item_sha256 == definition->sha256 && same_meaning(slot, answer);
  answer.confirmed_at = still_confirmed ? slot.confirmed_at : std::string();
  answer.confirmed_by = still_confirmed ? slot.confirmed_by : std::string();
  answer.confirmed_with = still_confirmed ? slot.confirmed_with : std::string();
  answer.confirmed_in = still_confirmed ? slot.confirmed_in : std::string();
  const std::string action(to_string(answer.state));
  Value logged = answer.state == State::answered ? answer.value
                 : answer.state == State::na     ? Value(answer.reason)
                 : answer.state == State::unknown
                     ? Value(std::vector<std::string>{answer.owner, answer.due})
                     : Value{};
  const std::string source = answer.source;
  const std::string meeting = answer.meeting;
  slot = std::move(answer);
  place_last_answer(assessment, checklist);
  log(assessment, now, item, action, std::move(logged), source, meeting);
  return true;
}

namespace {

// The item's entries as they are, and the answer that will carry the changed ones.
ParsedAnswer with_questions(const Assessment& assessment, const Item& item,
                            const std::function<std::string(Questions&)>& change) {
  ParsedAnswer out;
  if (item.type != ItemType::questions) {
    out.error = fmt::format("{} is a {} item, not a questions item", item.id, to_string(item.type));
    return out;
  }
  Questions entries;
  if (const Answer* current = assessment.find_answer(item.id)) {
    const auto* stored = std::get_if<Questions>(&current->value);
    if (current->state == State::answered && stored != nullptr) entries = *stored;
    out.answer.source = current->source;
  }
  if (out.error = change(entries); !out.error.empty()) return out;
  if (out.error = check_value(item, Value(entries), assessment.stakeholders); !out.error.empty())
    return out;
  out.answer.state = State::answered;
  out.answer.value = std::move(entries);
  return out;
}

} // namespace

ParsedAnswer add_question(const Assessment& assessment, const Item& item, Question entry) {
  return with_questions(assessment, item, [&](Questions& entries) {
    entries.push_back(std::move(entry));
    return std::string();
  });
}

ParsedAnswer answer_question(const Assessment& assessment, const Item& item, std::size_t index,
                             std::string answer) {
  return with_questions(assessment, item, [&](Questions& entries) -> std::string {
    if (index >= entries.size())
      return fmt::format("no entry {} (it has {})", index + 1, entries.size());
    if (!entries[index].open()) return fmt::format("entry {} is answered already", index + 1);
    entries[index].answer = trim(answer);
    return entries[index].answer.empty() ? "the answer is empty" : "";
  });
}

bool record_note(Assessment& assessment, const Checklist& checklist, const std::string& item,
                 const std::string& note, Seconds now) {
  Answer& slot = assessment.answer(item);
  if (slot.note == note) return false;
  slot.note = note;
  place_last_answer(assessment, checklist);
  log(assessment, now, item, "note", Value(note));
  return true;
}

std::string check_confirmation(const Assessment& assessment, const Checklist& checklist,
                               const std::string& item) {
  const Item* definition = checklist.find(item);
  if (definition == nullptr) return no_such_item(checklist, item);
  const Answer* answer = assessment.find_answer(item);
  const State state = answer != nullptr ? answer->state : State::missing;
  switch (state) {
  case State::missing:
    return item + " has no answer to read back yet";
  case State::unknown:
    return item + " is unknown: answer it first";
  case State::conflict:
    return item + " holds two answers that disagree: answer it again first";
  case State::answered:
  case State::na:
    break;
  }
  if (std::string why = invalid_answer(*definition, *answer, assessment.stakeholders);
      !why.empty()) {
    return item + ": " + why + "; answer it again first";
  }
  return {};
}

void record_confirmation(Assessment& assessment, const Checklist& checklist,
                         const std::string& item, const Answer& read_back, const std::string& with,
                         Seconds now, const std::string& meeting) {
  if (std::string why = check_confirmation(assessment, checklist, item); !why.empty()) {
    throw Error(Exit::usage, why);
  }
  if (!with.empty() && assessment.find_stakeholder(with) == nullptr) {
    throw Error(Exit::usage, "no stakeholder \"" + with + "\" in " + assessment.account);
  }
  Answer& slot = assessment.answer(item);
  if (!same_meaning(slot, read_back)) {
    throw Error(Exit::usage, item + " was changed by someone else while it was read back; read it "
                                    "back again");
  }
  slot.confirmed_at = format_timestamp(now);
  slot.confirmed_by = current_user();
  // An internal answer is verified by the rep (confirmed_by), never with the customer.
  slot.confirmed_with = checklist.find(item)->internal ? std::string()
                        : with.empty()                 ? slot.source
                                                       : with;
  slot.item_sha256 = checklist.find(item)->sha256;
  slot.confirmed_in = meeting;
  log(assessment, now, item, "confirmed", {}, slot.confirmed_with, meeting);
}

bool record_stakeholder(Assessment& assessment, const Stakeholder& stakeholder, Seconds now) {
  for (Stakeholder& s : assessment.stakeholders) {
    if (s.id != stakeholder.id) continue;
    Stakeholder changed = stakeholder;
    changed.extra = s.extra;
    if (changed == s) return false;
    s = std::move(changed);
    log(assessment, now, stakeholder.id, "stakeholder-edited", Value(stakeholder.name));
    return true;
  }
  assessment.stakeholders.push_back(stakeholder);
  log(assessment, now, stakeholder.id, "stakeholder-added", Value(stakeholder.name));
  return true;
}

namespace {

// One answer (and its conflict sides) naming `from` names `to` instead; `person` when the item
// is a person item, whose value is a stakeholder id.
void rename_in_answer(Answer& answer, bool person, const std::string& from, const std::string& to) {
  for (std::string* id : {&answer.source, &answer.confirmed_with, &answer.owner}) {
    if (*id == from) *id = to;
  }
  if (auto* value = std::get_if<std::string>(&answer.value); person && value && *value == from)
    *value = to;
  if (auto* questions = std::get_if<Questions>(&answer.value)) {
    for (Question& q : *questions) {
      if (q.who == from) q.who = to;
    }
  }
  for (Answer& side : answer.sides)
    rename_in_answer(side, person, from, to);
}

} // namespace

void rename_stakeholder(Assessment& assessment, const Checklist& checklist, const std::string& from,
                        const std::string& to, Seconds now) {
  const auto it = std::find_if(assessment.stakeholders.begin(), assessment.stakeholders.end(),
                               [&](const Stakeholder& s) { return s.id == from; });
  if (it == assessment.stakeholders.end()) {
    throw Error(Exit::usage, "no stakeholder \"" + visible(from) + "\" in " + assessment.account);
  }
  if (from == to) return;
  if (assessment.find_stakeholder(to) != nullptr) {
    throw Error(Exit::usage, "stakeholder \"" + to + "\" already exists in " + assessment.account);
  }
  Stakeholder renamed = *it;
  renamed.id = to;
  if (const std::string why = check_stakeholder(renamed); !why.empty())
    throw Error(Exit::usage, why);
  it->id = to;
  for (Stakeholder& s : assessment.stakeholders)
    std::replace(s.access_via.begin(), s.access_via.end(), from, to);
  for (auto& [item, answer] : assessment.answers) {
    const Item* known = checklist.find(item);
    rename_in_answer(answer, known != nullptr && known->type == ItemType::person, from, to);
  }
  // A retired item's type is no longer known: its value is left as it was recorded.
  for (auto& [item, answer] : assessment.retired)
    rename_in_answer(answer, false, from, to);
  for (Meeting& m : assessment.meetings)
    std::replace(m.attendees.begin(), m.attendees.end(), from, to);
  for (NextStep& step : assessment.next_steps) {
    if (step.owner == from) step.owner = to;
  }
  log(assessment, now, to, "stakeholder-renamed", Value(from));
}

void remove_stakeholder(Assessment& assessment, const std::string& id, Seconds now) {
  const auto it = std::find_if(assessment.stakeholders.begin(), assessment.stakeholders.end(),
                               [&](const Stakeholder& s) { return s.id == id; });
  if (it == assessment.stakeholders.end()) {
    throw Error(Exit::usage, "no stakeholder \"" + id + "\" in " + assessment.account);
  }
  for (const auto& [item, answer] : assessment.answers) {
    const auto* person = std::get_if<std::string>(&answer.value);
    if (answer.source == id || answer.confirmed_with == id ||
        (person != nullptr && *person == id)) {
      throw Error(Exit::usage, "\"" + id + "\" is named by the answer to " + item +
                                   "; change that answer first");
    }
  }
  for (const Stakeholder& s : assessment.stakeholders) {
    if (std::find(s.access_via.begin(), s.access_via.end(), id) != s.access_via.end()) {
      throw Error(Exit::usage, "\"" + s.id + "\" is reached through \"" + id +
                                   "\"; change that first (cna who " + assessment.account +
                                   " edit " + s.id + " --access-via ...)");
    }
  }
  for (const Meeting& m : assessment.meetings) {
    if (std::find(m.attendees.begin(), m.attendees.end(), id) != m.attendees.end()) {
      throw Error(Exit::usage, "\"" + id + "\" attended meeting " + m.id +
                                   "; a meeting's attendees are kept as they were");
    }
  }
  assessment.stakeholders.erase(it);
  log(assessment, now, id, "stakeholder-removed");
}

void order_meetings(Assessment& assessment) {
  std::stable_sort(assessment.meetings.begin(), assessment.meetings.end(),
                   [](const Meeting& x, const Meeting& y) {
                     return std::tie(x.date, x.id) < std::tie(y.date, y.id);
                   });
}

namespace {

// `base` and the first `digits` hex digits of a hash of who made the record, when, and `seed`:
// two reps' clones never make the same id for different records. `taken` says an id is in use.
std::string hashed_id(const std::string& base, std::size_t digits, const std::string& seed,
                      Seconds now, const std::function<bool(const std::string&)>& taken) {
  for (std::size_t n = 0;; ++n) {
    const std::string hash =
        sha256_hex(fmt::format("{}\n{}\n{}\n{}", format_timestamp(now), current_user(), seed, n));
    std::string id = base + (base.empty() ? "" : "-") + hash.substr(0, digits);
    if (!taken(id)) return id;
  }
}

bool one_line(const std::string& text) {
  return valid_utf8(text) && text.find_first_of("\r\n") == std::string::npos &&
         text.find('\0') == std::string::npos && text.size() <= kMaxMeetingText;
}

} // namespace

std::string new_meeting_id(const Assessment& assessment, const Meeting& meeting, Seconds now) {
  // The date and purpose for people, and the hash.
  constexpr std::size_t kPurposeChars = 24;
  std::string words = suggest_slug(meeting.purpose).substr(0, kPurposeChars);
  while (!words.empty() && words.back() == '-')
    words.pop_back();
  return hashed_id(meeting.date + (words.empty() ? "" : "-" + words), 4,
                   meeting.purpose + "\n" + fmt::format("{}", fmt::join(meeting.attendees, ",")),
                   now,
                   [&](const std::string& id) { return assessment.find_meeting(id) != nullptr; });
}

std::string check_meeting(const Assessment& assessment, const Meeting& meeting) {
  if (!is_iso_date(meeting.date)) {
    return fmt::format("the date \"{}\" is not a date (YYYY-MM-DD)", visible(meeting.date));
  }
  if (!one_line(meeting.purpose)) return "the purpose must be one line of UTF-8 text";
  if (!one_line(meeting.outcome)) return "the outcome must be one line of UTF-8 text";
  if (!valid_utf8(meeting.notes) || meeting.notes.find('\0') != std::string::npos ||
      meeting.notes.size() > kMaxMeetingNotes) {
    return "the notes must be UTF-8 text of at most 64 KiB";
  }
  for (const std::string& id : meeting.attendees) {
    if (assessment.find_stakeholder(id) == nullptr) {
      return fmt::format("no stakeholder \"{}\" in {} (cna who {} lists them)", visible(id),
                         assessment.account, assessment.account);
    }
  }
  for (const std::string& name : meeting.ours) {
    if (trim(name).empty() || !one_line(name)) {
      return "each of our people must be named on one line";
    }
  }
  return {};
}

std::string record_meeting(Assessment& assessment, Meeting meeting, Seconds now) {
  if (std::string why = check_meeting(assessment, meeting); !why.empty()) {
    throw Error(Exit::usage, why);
  }
  meeting.created_at = format_timestamp(now);
  meeting.created_by = current_user();
  if (meeting.id.empty()) meeting.id = new_meeting_id(assessment, meeting, now);
  if (assessment.find_meeting(meeting.id) != nullptr) {
    throw Error(Exit::usage,
                fmt::format("meeting \"{}\" already exists in {}", meeting.id, assessment.account));
  }
  const std::string id = meeting.id;
  Value purpose(meeting.purpose);
  assessment.meetings.push_back(std::move(meeting));
  order_meetings(assessment);
  log(assessment, now, id, "meeting", std::move(purpose), {}, id);
  return id;
}

bool update_meeting(Assessment& assessment, const Meeting& meeting, Seconds now) {
  const auto it = std::find_if(assessment.meetings.begin(), assessment.meetings.end(),
                               [&](const Meeting& m) { return m.id == meeting.id; });
  if (it == assessment.meetings.end()) {
    throw Error(Exit::usage,
                fmt::format("no meeting \"{}\" in {} (cna meeting {} lists them)",
                            visible(meeting.id), assessment.account, assessment.account));
  }
  if (std::string why = check_meeting(assessment, meeting); !why.empty()) {
    throw Error(Exit::usage, why);
  }
  Meeting changed = meeting;
  changed.created_at = it->created_at;
  changed.created_by = it->created_by;
  changed.extra = it->extra;
  if (changed == *it) return false;
  *it = std::move(changed);
  order_meetings(assessment);
  log(assessment, now, meeting.id, "meeting-edited", Value(meeting.outcome), {}, meeting.id);
  return true;
}

std::string check_next_step(const NextStep& step) {
  if (trim(step.what).empty()) return "a next step needs to say what is to be done";
  if (!one_line(step.what)) return "what is to be done must be one line of UTF-8 text";
  if (!one_line(step.owner)) return "the owner must be one line of UTF-8 text";
  if (!step.due.empty() && !is_iso_date(step.due)) {
    return fmt::format("the due date \"{}\" is not a date (YYYY-MM-DD)", visible(step.due));
  }
  return {};
}

std::string record_next_step(Assessment& assessment, NextStep step, Seconds now) {
  if (std::string why = check_next_step(step); !why.empty()) throw Error(Exit::usage, why);
  if (!step.meeting.empty() && assessment.find_meeting(step.meeting) == nullptr) {
    throw Error(Exit::usage,
                fmt::format("no meeting \"{}\" in {}", visible(step.meeting), assessment.account));
  }
  step.created_at = format_timestamp(now);
  step.created_by = current_user();
  // Six hex digits alone: short enough to type (`cna next acme done 3fa1c2`).
  step.id = hashed_id("", 6, step.what, now, [&](const std::string& id) {
    return assessment.find_next_step(id) != nullptr;
  });
  const std::string id = step.id;
  Value what(step.what);
  const std::string meeting = step.meeting;
  assessment.next_steps.push_back(std::move(step));
  log(assessment, now, id, "next-step", std::move(what), {}, meeting);
  return id;
}

bool complete_next_step(Assessment& assessment, const std::string& id, Seconds now,
                        const std::string& meeting) {
  const auto it = std::find_if(assessment.next_steps.begin(), assessment.next_steps.end(),
                               [&](const NextStep& s) { return s.id == id; });
  if (it == assessment.next_steps.end()) {
    throw Error(Exit::usage, fmt::format("no next step \"{}\" in {} (cna next {} lists them)",
                                         visible(id), assessment.account, assessment.account));
  }
  if (!it->done.empty()) return false;
  it->done = format_date(now);
  log(assessment, now, id, "next-step-done", Value(it->what), {}, meeting);
  return true;
}

std::string last_source(const Assessment& assessment) {
  for (auto it = assessment.history.rbegin(); it != assessment.history.rend(); ++it) {
    if (!it->source.empty() && assessment.find_stakeholder(it->source) != nullptr) {
      return it->source;
    }
  }
  return {};
}

} // namespace cna
