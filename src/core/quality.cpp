#include "cna/quality.hpp"

#include <algorithm>
#include <vector>

namespace cna {

namespace {

// The stakeholder an applicable answer says came from them; null when it names nobody (known).
const Stakeholder* said_by(const Assessment& assessment, const ItemStatus& s) {
  if (!s.applicable || s.answer == nullptr || s.state == State::missing) return nullptr;
  if (s.answer->source.empty()) return nullptr;
  return assessment.find_stakeholder(s.answer->source);
}

// How many stakeholders the applicable answers name as their source, and how many answers do.
struct Voices {
  std::vector<const Stakeholder*> people;
  std::size_t said = 0;
};

Voices voices_of(const Assessment& assessment, const Readiness& readiness) {
  Voices v;
  for (const ItemStatus& s : readiness.items) {
    const Stakeholder* who = said_by(assessment, s);
    if (who == nullptr) continue;
    ++v.said;
    if (std::find(v.people.begin(), v.people.end(), who) == v.people.end()) v.people.push_back(who);
  }
  return v;
}

// Who recorded most of the applicable answers; ties go to the one who answered last.
std::string rep_of(const Readiness& readiness) {
  struct Tally {
    const std::string* by;
    std::size_t answers;
    const std::string* latest;
  };
  std::vector<Tally> tallies;
  for (const ItemStatus& s : readiness.items) {
    if (!s.applicable || s.answer == nullptr || s.state == State::missing) continue;
    const std::string& by = s.answer->answered_by;
    if (by.empty()) continue;
    auto t =
        std::find_if(tallies.begin(), tallies.end(), [&](const Tally& x) { return *x.by == by; });
    if (t == tallies.end()) {
      tallies.push_back({&by, 1, &s.answer->answered_at});
    } else {
      ++t->answers;
      if (s.answer->answered_at > *t->latest) t->latest = &s.answer->answered_at;
    }
  }
  const auto best =
      std::max_element(tallies.begin(), tallies.end(), [](const Tally& x, const Tally& y) {
        return x.answers != y.answers ? x.answers < y.answers : *x.latest < *y.latest;
      });
  return best == tallies.end() ? std::string() : *best->by;
}

} // namespace

const Stakeholder* single_source(const Assessment& assessment, const Readiness& readiness) {
  const Voices v = voices_of(assessment, readiness);
  return one_voice(v.people.size(), v.said) ? v.people.front() : nullptr;
}

std::optional<long> days_since(std::string_view date, Seconds now) {
  const auto day = parse_timestamp(date);
  if (!day || date.size() != 10) return std::nullopt;
  const auto today = parse_timestamp(format_date(now));
  return static_cast<long>((*today - *day) / days(1));
}

Quality quality_of(const Assessment& assessment, const Readiness& readiness, Seconds now) {
  Quality q;
  q.applicable = readiness.applicable;
  q.answered = readiness.answered;
  q.confirmed = readiness.confirmed;
  q.blockers = readiness.blockers;
  q.holds_until = readiness.holds_until;
  const Voices v = voices_of(assessment, readiness);
  q.sourced = v.said;
  q.voices = v.people.size();
  q.stakeholders = assessment.stakeholders.size();
  const std::string today = format_date(now);
  for (const Stakeholder& s : assessment.stakeholders) {
    if (met(assessment, s, today)) ++q.met;
  }
  for (const ItemStatus& s : readiness.items) {
    if (stale_soon(s, now)) {
      ++q.stale_soon;
    } else if (s.applicable && !s.blocker && s.stale_at) {
      // Counted from the moment it comes within kStaleSoonDays of going stale.
      q.holds_until = std::min(q.holds_until, *s.stale_at - days(kStaleSoonDays));
    }
  }
  for (const Meeting& m : assessment.meetings) { // by date
    if (m.date <= today) {
      q.last_meeting = m.date;
    } else if (const auto day = start_of_day(m.date)) {
      q.holds_until = std::min(q.holds_until, *day); // the day it comes, it is the last one
      break;
    }
  }
  const NextStepsDue due = next_steps_due(assessment, now);
  q.overdue = due.overdue;
  q.holds_until = std::min(q.holds_until, due.holds_until);
  q.rep = rep_of(readiness);
  return q;
}

} // namespace cna
