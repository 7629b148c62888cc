// Evolution: renamed answers follow their item, removed items' answers retire, nothing is lost.
#include "cna/migrate.hpp"

#include <algorithm>
#include <optional>

#include "cna/record.hpp"

namespace cna {

namespace {

using Answers = std::vector<std::pair<std::string, Answer>>;

// Every answer is of an item and they are in checklist order (as cna keeps them): one pass.
bool in_checklist_order(const Answers& answers, const Checklist& checklist) {
  std::size_t next = 0;
  for (const auto& [id, answer] : answers) {
    while (next < checklist.items.size() && checklist.items[next].id != id)
      ++next;
    if (next == checklist.items.size()) return false;
    ++next;
  }
  return true;
}

std::optional<Answer> take(Answers& answers, std::string_view id) {
  const auto it = std::find_if(answers.begin(), answers.end(),
                               [&](const auto& entry) { return entry.first == id; });
  if (it == answers.end()) return std::nullopt;
  Answer answer = std::move(it->second);
  answers.erase(it);
  return answer;
}

// Two answers of one item (an old id's and the new one's after a rename met in a merge, or two
// retired versions): one if they are the same, else a conflict keeping both, which answering the
// item again resolves.
Answer both(Answer first, Answer second) {
  if (first == second) return first;
  Answer conflict;
  conflict.state = State::conflict;
  conflict.sides = {std::move(first), std::move(second)};
  return conflict;
}

void retire(Answers& retired, const std::string& id, Answer answer) {
  if (std::optional<Answer> earlier = take(retired, id)) {
    answer = both(std::move(answer), std::move(*earlier));
  }
  retired.emplace_back(id, std::move(answer));
}

// A list answer of an item that is a `questions` item now (discovery before 2.0.0 kept open
// questions and assumptions as free text): each line becomes an open entry, its text unchanged.
// Nothing was recorded as answered, so nothing is claimed; the item's changed definition asks for
// a new read-back as any type change does. An empty list (as a file holds an empty entry list)
// is an empty entry list, not a change.
bool structure_questions(Assessment& assessment, const Checklist& checklist, Seconds now) {
  bool changed = false;
  for (auto& [id, answer] : assessment.answers) {
    const Item* item = checklist.find(id);
    const auto* lines = std::get_if<std::vector<std::string>>(&answer.value);
    if (item == nullptr || item->type != ItemType::questions || lines == nullptr) continue;
    const bool empty = lines->empty();
    Questions entries;
    for (const std::string& line : *lines)
      entries.push_back({line, {}, {}, {}, {}});
    answer.value = std::move(entries);
    if (empty) continue;
    add_history(assessment, now, id, "structured", answer.value);
    changed = true;
  }
  return changed;
}

} // namespace

bool migrate(Assessment& assessment, const Checklist& checklist, Seconds now) {
  const PinnedChecklist pin{checklist.id, checklist.version, checklist.sha256};
  const bool ordered = in_checklist_order(assessment.answers, checklist);
  const bool structured = structure_questions(assessment, checklist, now);
  if (assessment.checklist == pin && ordered && assessment.retired.empty()) return structured;
  bool changed =
      !ordered || structured; // unknown ids retire below; otherwise the answers get sorted
  for (const Item& item : checklist.items) {
    bool answered = assessment.find_answer(item.id) != nullptr;
    // An item that is back takes its retired answer back.
    std::optional<Answer> back = answered ? std::nullopt : take(assessment.retired, item.id);
    if (back) {
      assessment.answers.emplace_back(item.id, std::move(*back));
      add_history(assessment, now, item.id, "restored");
      changed = answered = true;
    }
    for (const std::string& old : item.renamed_from) {
      std::optional<Answer> moved = take(assessment.answers, old);
      if (!moved && !answered) moved = take(assessment.retired, old);
      if (!moved) continue;
      add_history(assessment, now, item.id, "renamed", Value(old));
      changed = true;
      if (answered) {
        Answer& current = assessment.answer(item.id);
        current = both(std::move(current), std::move(*moved));
      } else {
        assessment.answers.emplace_back(item.id, std::move(*moved));
        answered = true;
      }
    }
  }
  for (auto it = assessment.answers.begin(); it != assessment.answers.end();) {
    if (checklist.index_of(it->first)) {
      ++it;
      continue;
    }
    add_history(assessment, now, it->first, "retired", it->second.value);
    retire(assessment.retired, it->first, std::move(it->second));
    it = assessment.answers.erase(it);
    changed = true;
  }
  order_answers(assessment, checklist);
  if (assessment.checklist != pin) {
    assessment.checklist = pin;
    add_history(assessment, now, "", "checklist-updated", Value(checklist.version));
    changed = true;
  }
  return changed;
}

} // namespace cna
