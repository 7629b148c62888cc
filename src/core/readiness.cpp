// Readiness: the one place that decides which items apply and what holds the gate closed.
#include "cna/readiness.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

#include "cna/condition.hpp"
#include "cna/input.hpp"
#include "cna/item_types.hpp"
#include "cna/power_base.hpp"

namespace cna {

namespace {

constexpr std::array kReasonNames{"missing",         "unknown",       "no-source",    "unconfirmed",
                                  "stale",           "changed",       "invalid",      "conflict",
                                  "wrong-confirmer", "open-question", "role-conflict"};
static_assert(kReasonNames.size() == static_cast<std::size_t>(Reason::role_conflict) + 1,
              "one name per Reason");

std::string person(const Assessment& assessment, const std::string& id) {
  const Stakeholder* s = assessment.find_stakeholder(id);
  return s != nullptr && !s->name.empty() ? s->name : id;
}

// "2 open: «Works council?» (ask Katrin Vogel, due 2026-12-15)": the first, and how many.
std::string open_detail(const std::vector<const Question*>& open, const Assessment& assessment) {
  const Question& q = *open.front();
  std::vector<std::string> parts;
  if (!q.who.empty()) parts.push_back("ask " + person(assessment, q.who));
  if (!q.due.empty()) parts.push_back("due " + q.due);
  return fmt::format("{} open: \"{}\"{}", open.size(), q.text,
                     parts.empty() ? "" : fmt::format(" ({})", fmt::join(parts, ", ")));
}

} // namespace

std::string_view to_string(Reason reason) {
  return kReasonNames.at(static_cast<std::size_t>(reason));
}

const ItemStatus* Readiness::find(std::string_view id) const {
  for (const ItemStatus& s : items) {
    if (s.item->id == id) return &s;
  }
  return nullptr;
}

std::vector<const Question*> open_questions(const Answer& answer) {
  std::vector<const Question*> open;
  const auto* questions = std::get_if<Questions>(&answer.value);
  if (answer.state != State::answered || questions == nullptr) return open;
  for (const Question& q : *questions) {
    if (q.open()) open.push_back(&q);
  }
  return open;
}

bool cleared_by_confirmation(Reason reason) {
  return reason == Reason::unconfirmed || reason == Reason::stale || reason == Reason::changed ||
         reason == Reason::wrong_confirmer;
}

std::string wrong_confirmer(const Checklist& checklist, const Item& item, const Answer& answer,
                            const Assessment& assessment) {
  // An internal answer is verified by the rep, not read back: there is no one to confirm it with.
  if (answer.confirmed_at.empty() || item.internal) return {};
  const std::string_view rule = effective_confirm_with(checklist, item);
  const std::string& with = answer.confirmed_with;
  if (rule == kConfirmAny) return {};
  if (rule == kConfirmSource) {
    // Nothing to match when no stakeholder said it (our own plan, an n/a without a source).
    if (answer.source.empty() || with == answer.source) return {};
    return fmt::format("confirmed with {}, not with {} who said it",
                       with.empty() ? "nobody named" : person(assessment, with),
                       person(assessment, answer.source));
  }
  // A role established by an answer counts as one set with `cna who`.
  if (!with.empty() && holds_role(assessment, checklist, with, rule)) return {};
  return fmt::format("confirmed with {}, but only a stakeholder with the role {} may confirm it",
                     with.empty() ? "nobody named" : person(assessment, with), rule);
}

std::string confirmer_among(const Checklist& checklist, const Item& item, const Answer& answer,
                            const Assessment& assessment, const std::vector<std::string>& present) {
  std::vector<std::string> candidates;
  if (std::find(present.begin(), present.end(), answer.source) != present.end())
    candidates.push_back(answer.source);
  candidates.insert(candidates.end(), present.begin(), present.end());
  Answer probe = answer; // as if confirmed with each in turn
  probe.confirmed_at = "read back";
  for (const std::string& who : candidates) {
    probe.confirmed_with = who;
    if (wrong_confirmer(checklist, item, probe, assessment).empty()) return who;
  }
  return {};
}

std::string invalid_answer(const Item& item, const Answer& answer,
                           const std::vector<Stakeholder>& stakeholders) {
  if (answer.state == State::answered) return check_value(item, answer.value, stakeholders).reason;
  if (answer.state == State::na && !item.na) return "this item cannot be marked n/a";
  return {};
}

namespace {

// Each item's answer (nullptr: none), in the checklist's order, found once for all: by binary
// search over pointers to the answers, which are in id order after every save and migration (the
// pointers are sorted only when a file hand-edited out of order has not been migrated yet). A scan
// of the answers per item made a 5,000-item assessment quadratic.
std::vector<const Answer*> answers_by_item(const Checklist& checklist,
                                           const Assessment& assessment) {
  using Entry = std::pair<std::string, Answer>;
  std::vector<const Entry*> sorted;
  sorted.reserve(assessment.answers.size());
  for (const Entry& e : assessment.answers)
    sorted.push_back(&e);
  const auto by_id = [](const Entry* x, const Entry* y) { return x->first < y->first; };
  if (!std::is_sorted(sorted.begin(), sorted.end(), by_id))
    std::stable_sort(sorted.begin(), sorted.end(), by_id); // the first of a duplicate id first
  std::vector<const Answer*> out;
  out.reserve(checklist.items.size());
  for (const Item& item : checklist.items) {
    const auto it =
        std::lower_bound(sorted.begin(), sorted.end(), item.id,
                         [](const Entry* e, const std::string& id) { return e->first < id; });
    out.push_back(it != sorted.end() && (*it)->first == item.id ? &(*it)->second : nullptr);
  }
  return out;
}

// Which items apply, given the answer of the item at an index (with its id): conditions look
// only at earlier items, so one pass in order settles every item.
template <typename AnswerOf>
std::vector<bool> applicable_with(const Checklist& checklist, const AnswerOf& answer_of) {
  std::vector<bool> applicable(checklist.items.size(), true);
  const ValueLookup lookup = [&](std::string_view id) -> std::optional<Value> {
    const auto index = checklist.index_of(id);
    if (!index || !applicable[*index]) return std::nullopt;
    const Answer* a = answer_of(*index, id);
    if (a == nullptr || a->state != State::answered || !has_value(a->value)) return std::nullopt;
    return a->value;
  };
  for (std::size_t i = 0; i < checklist.items.size(); ++i) {
    const Item& item = checklist.items[i];
    if (item.condition) applicable[i] = evaluate(*item.condition, lookup);
  }
  return applicable;
}

} // namespace

// Only the answers conditions name are looked up (the walk asks this after every answer).
std::vector<bool> applicable_items(const Checklist& checklist, const Assessment& assessment) {
  return applicable_with(
      checklist, [&](std::size_t, std::string_view id) { return assessment.find_answer(id); });
}

Readiness assess(const Checklist& checklist, const Assessment& assessment, Seconds now,
                 int workspace_reconfirm_days) {
  Readiness r;
  r.sections.resize(checklist.sections.size());
  r.items.reserve(checklist.items.size());
  const std::vector<const Answer*> answers = answers_by_item(checklist, assessment);
  const std::vector<bool> applicable = applicable_with(
      checklist, [&](std::size_t index, std::string_view) { return answers[index]; });
  for (std::size_t i = 0; i < checklist.items.size(); ++i) {
    const Item& item = checklist.items[i];
    ItemStatus s;
    s.item = &item;
    s.answer = answers[i];
    s.applicable = applicable[i];
    s.state = s.answer != nullptr ? s.answer->state : State::missing;
    const auto block = [&](Reason reason, std::string detail = {}) {
      s.blocker = reason;
      s.detail = std::move(detail);
    };
    if (s.applicable) {
      const Answer* a = s.answer;
      const int period = item.reconfirm_after_days.value_or(
          checklist.reconfirm_after_days.value_or(workspace_reconfirm_days));
      const std::string invalid =
          a != nullptr ? invalid_answer(item, *a, assessment.stakeholders) : std::string();
      // An invalid answer must be answered again: it is not progress (docs/assessment.md).
      const bool done = (s.state == State::answered || s.state == State::na) && invalid.empty();
      const auto confirmed = a != nullptr ? parse_timestamp(a->confirmed_at) : std::nullopt;
      if (done && confirmed) {
        s.stale_at = *confirmed + days(period);
        const Seconds next = now < *s.stale_at
                                 ? *s.stale_at
                                 : *confirmed + ((now - *confirmed) / days(1) + 1) * days(1);
        r.holds_until = std::min(r.holds_until, next);
      }
      const std::vector<const Question*> open =
          a != nullptr && invalid.empty() ? open_questions(*a) : std::vector<const Question*>();
      if (s.state == State::conflict) {
        // Even on an optional item: the file holds two answers and someone must choose.
        block(Reason::conflict, "two edits of this item disagree; answer it again");
      } else if (!open.empty()) {
        // Even on an optional item: no proposal rests on a question nobody has answered yet.
        block(Reason::open_question, open_detail(open, assessment));
      } else if (!item.required) {
        // Optional: shown with its state, never holds the gate closed (docs/assessment.md).
      } else if (s.state == State::missing) {
        block(Reason::missing);
      } else if (s.state == State::unknown) {
        block(Reason::unknown,
              describe_answer(*a, &item, assessment.stakeholders, {.state = false}));
      } else if (!invalid.empty()) {
        block(Reason::invalid, invalid);
      } else if (s.state == State::answered && item.source &&
                 (a->source.empty() || assessment.find_stakeholder(a->source) == nullptr)) {
        block(Reason::no_source, a->source.empty()
                                     ? "no stakeholder named as the source"
                                     : "source \"" + a->source + "\" is not a stakeholder");
      } else if (std::string clash = role_contradiction(assessment, checklist, item);
                 !clash.empty()) {
        // Before any read-back: the customer cannot settle which of two people holds the role.
        block(Reason::role_conflict, std::move(clash));
      } else if (a->item_sha256 != item.sha256) {
        block(Reason::changed, "the item's definition changed since it was answered");
      } else if (!confirmed) {
        block(Reason::unconfirmed);
      } else if (std::string who = wrong_confirmer(checklist, item, *a, assessment); !who.empty()) {
        block(Reason::wrong_confirmer, std::move(who));
      } else if (now >= *s.stale_at) {
        // Fresh means younger than the period (docs/assessment.md): exactly N days old is stale.
        // A confirmation in the future (clock skew) is younger than any period: fresh.
        block(Reason::stale, fmt::format("confirmed {} days ago (re-confirm every {} days)",
                                         (now - *confirmed) / 86400, period));
      }
      SectionProgress& p = r.sections[item.section];
      ++p.applicable;
      ++r.applicable;
      if (done) ++p.done, ++r.answered;
      if (done && confirmed && !s.blocker) ++p.confirmed, ++r.confirmed;
      if (s.blocker) ++p.blocked, ++r.blockers;
    }
    r.items.push_back(std::move(s));
  }
  return r;
}

bool stale_soon(const ItemStatus& status, Seconds now) {
  return status.applicable && !status.blocker && status.stale_at &&
         *status.stale_at - now <= days(kStaleSoonDays);
}

} // namespace cna
