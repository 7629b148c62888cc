#include "cna/record.hpp"

#include <algorithm>

#include "cna/error.hpp"

namespace cna {

namespace {

void log(Assessment& a, Seconds now, std::string item, std::string action, Value value = {},
         std::string source = {}) {
  a.history.push_back({format_timestamp(now),
                       current_user(),
                       std::move(item),
                       std::move(action),
                       std::move(value),
                       std::move(source),
                       {}});
}

// Answers in checklist order; answers of unknown ids (a newer checklist's) keep their place at
// the end, so nothing is dropped.
void order_answers(Assessment& a, const Checklist& checklist) {
  std::stable_sort(a.answers.begin(), a.answers.end(), [&](const auto& x, const auto& y) {
    return checklist.index_of(x.first).value_or(checklist.items.size()) <
           checklist.index_of(y.first).value_or(checklist.items.size());
  });
}

bool same_answer(const Answer& a, const Answer& b) {
  return a.state == b.state && a.value == b.value && a.reason == b.reason && a.owner == b.owner &&
         a.due == b.due && a.source == b.source;
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
  const bool same_meaning = definition != nullptr && slot.item_sha256 == definition->sha256 &&
                            slot.state == answer.state && slot.value == answer.value &&
                            slot.reason == answer.reason && slot.owner == answer.owner &&
                            slot.due == answer.due;
  answer.confirmed_at = same_meaning ? slot.confirmed_at : std::string();
  answer.confirmed_by = same_meaning ? slot.confirmed_by : std::string();
  answer.confirmed_with = same_meaning ? slot.confirmed_with : std::string();
  const std::string action(to_string(answer.state));
  Value logged = answer.state == State::answered ? answer.value
                 : answer.state == State::na     ? Value(answer.reason)
                 : answer.state == State::unknown
                     ? Value(std::vector<std::string>{answer.owner, answer.due})
                     : Value{};
  const std::string source = answer.source;
  slot = std::move(answer);
  order_answers(assessment, checklist);
  log(assessment, now, item, action, std::move(logged), source);
  return true;
}

bool record_note(Assessment& assessment, const Checklist& checklist, const std::string& item,
                 const std::string& note, Seconds now) {
  Answer& slot = assessment.answer(item);
  if (slot.note == note) return false;
  slot.note = note;
  order_answers(assessment, checklist);
  log(assessment, now, item, "note", Value(note));
  return true;
}

bool record_stakeholder(Assessment& assessment, const Stakeholder& stakeholder, Seconds now) {
  for (Stakeholder& s : assessment.stakeholders) {
    if (s.id != stakeholder.id) continue;
    if (s.name == stakeholder.name && s.title == stakeholder.title &&
        s.roles == stakeholder.roles) {
      return false;
    }
    const std::string extra = s.extra;
    s = stakeholder;
    s.extra = extra;
    log(assessment, now, stakeholder.id, "stakeholder-edited", Value(stakeholder.name));
    return true;
  }
  assessment.stakeholders.push_back(stakeholder);
  log(assessment, now, stakeholder.id, "stakeholder-added", Value(stakeholder.name));
  return true;
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
  assessment.stakeholders.erase(it);
  log(assessment, now, id, "stakeholder-removed");
}

} // namespace cna
