// The merge driver's core: three-way, record by record, so two reps' edits of different items
// never collide and edits of the same item are never silently lost.
#include "cna/merge.hpp"

#include <algorithm>
#include <cstddef>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "cna/record.hpp"
#include "cna/store.hpp"

namespace cna {

namespace {

// The record on each side (null: absent), and what to keep.
template <typename T> struct Versions {
  const T* base;
  const T* ours;
  const T* theirs;
};

bool same(const auto* a, const auto* b) { return a == nullptr || b == nullptr ? a == b : *a == *b; }

// The usual three-way rule; `both` decides when each side changed the record differently (with
// the base, null when the record is new on both sides). An edit wins over a removal: nothing is
// lost.
template <typename T, typename Both>
const T* three_way(const Versions<T>& v, std::optional<T>& decided, Both both) {
  if (same(v.ours, v.theirs) || same(v.theirs, v.base)) return v.ours;
  if (same(v.ours, v.base)) return v.theirs;
  if (v.ours == nullptr) return v.theirs;
  if (v.theirs == nullptr) return v.ours;
  decided = both(*v.ours, *v.theirs, v.base);
  return &*decided;
}

// Records keyed by id (answers, stakeholders), merged one by one. The order is ours, with
// records only theirs has placed after the record that precedes them there.
template <typename T, typename KeyOf, typename Both>
std::vector<T> merge_records(const std::vector<T>& base, const std::vector<T>& ours,
                             const std::vector<T>& theirs, KeyOf key_of, Both both) {
  using Index = std::unordered_map<std::string, const T*>;
  const auto index = [&](const std::vector<T>& list) {
    Index out;
    for (const T& record : list)
      out.emplace(key_of(record), &record);
    return out;
  };
  const Index b = index(base), o = index(ours), t = index(theirs);
  std::vector<std::string> keys;
  for (const T& record : ours)
    keys.push_back(key_of(record));
  std::size_t at = 0;
  for (const T& record : theirs) {
    const std::string key = key_of(record);
    const auto found = std::find(keys.begin(), keys.end(), key);
    if (found != keys.end()) {
      at = static_cast<std::size_t>(found - keys.begin()) + 1;
    } else {
      keys.insert(keys.begin() + static_cast<std::ptrdiff_t>(at++), key);
    }
  }
  const auto get = [](const Index& in, const std::string& key) -> const T* {
    const auto it = in.find(key);
    return it == in.end() ? nullptr : it->second;
  };
  std::vector<T> out;
  for (const std::string& key : keys) {
    std::optional<T> decided;
    const Versions<T> v{get(b, key), get(o, key), get(t, key)};
    if (const T* kept = three_way(v, decided, both)) {
      out.push_back(*kept);
    }
  }
  return out;
}

// The same statement, perhaps stamped differently (both reps typed the same answer).
bool same_statement(const Answer& a, const Answer& b) {
  return std::tie(a.state, a.value, a.reason, a.owner, a.due, a.source, a.note, a.sides) ==
         std::tie(b.state, b.value, b.reason, b.owner, b.due, b.source, b.note, b.sides);
}

using AnswerEntry = std::pair<std::string, Answer>;

// Answers edited on both sides: one statement keeps its later confirmation; a side that only
// re-stamped the base's statement (a read-back) yields to the other side's new statement, which
// then needs its own read-back; two new statements become a conflict holding both, listed in
// `conflicts`.
std::vector<AnswerEntry> merge_answers(const std::vector<AnswerEntry>& base,
                                       const std::vector<AnswerEntry>& ours,
                                       const std::vector<AnswerEntry>& theirs,
                                       std::vector<std::string>& conflicts) {
  return merge_records(
      base, ours, theirs, [](const AnswerEntry& e) { return e.first; },
      [&](const AnswerEntry& o, const AnswerEntry& t, const AnswerEntry* b) {
        if (same_statement(o.second, t.second)) {
          return t.second.confirmed_at > o.second.confirmed_at ? t : o;
        }
        if (b != nullptr && same_statement(b->second, o.second)) return t;
        if (b != nullptr && same_statement(b->second, t.second)) return o;
        conflicts.push_back(o.first);
        AnswerEntry both{o.first, {}};
        both.second.state = State::conflict;
        both.second.sides = {o.second, t.second};
        return both;
      });
}

std::string describe(const Stakeholder& s) {
  std::string out = s.name;
  if (!s.title.empty()) out += " · " + s.title;
  if (!s.roles.empty()) out += fmt::format(" · {}", fmt::join(s.roles, ", "));
  return out;
}

// Identical entries once (as many times as the side with more of them has them), then by time;
// entries of the same second keep ours-then-theirs order.
std::vector<HistoryEntry> merge_history(const std::vector<HistoryEntry>& ours,
                                        const std::vector<HistoryEntry>& theirs) {
  std::multimap<std::string, const HistoryEntry*> unmatched;
  for (const HistoryEntry& h : ours)
    unmatched.emplace(h.at, &h);
  std::vector<HistoryEntry> out = ours;
  for (const HistoryEntry& h : theirs) {
    const auto [first, last] = unmatched.equal_range(h.at);
    const auto match =
        std::find_if(first, last, [&](const auto& entry) { return *entry.second == h; });
    if (match != last) {
      unmatched.erase(match);
    } else {
      out.push_back(h);
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const HistoryEntry& x, const HistoryEntry& y) { return x.at < y.at; });
  return out;
}

} // namespace

MergeResult merge(const Assessment& base, const Assessment& ours, const Assessment& theirs,
                  Seconds now) {
  MergeResult r;
  Assessment& m = r.merged;
  std::vector<std::pair<std::string, std::string>> kept; // {what, theirs' version}
  // A field of the file itself: one-sided change taken, else ours, with theirs remembered.
  const auto field = [&](const auto& b, const auto& o, const auto& t, std::string what,
                         std::string theirs_text) {
    if (o == t || t == b) return o;
    if (o == b) return t;
    if (!what.empty()) kept.emplace_back(std::move(what), std::move(theirs_text));
    return o;
  };
  m.cna = ours.cna;
  m.account = field(base.account, ours.account, theirs.account, "account", theirs.account);
  m.name = field(base.name, ours.name, theirs.name, "name", theirs.name);
  // A pin both sides moved: the next load re-pins to the workspace's checklist (migrate).
  m.checklist = field(base.checklist, ours.checklist, theirs.checklist, "", "");
  // A stakeholder edited on both sides merges field by field (one rep recorded the stance, the
  // other that we met them): a field both changed keeps ours, theirs noted.
  m.stakeholders = merge_records(
      base.stakeholders, ours.stakeholders, theirs.stakeholders,
      [](const Stakeholder& s) { return s.id; },
      [&](const Stakeholder& o, const Stakeholder& t, const Stakeholder* b) {
        if (b == nullptr) {
          kept.emplace_back("stakeholder " + o.id, describe(t));
          return o;
        }
        const std::string what = "stakeholder " + o.id + " ";
        Stakeholder s = o;
        s.name = field(b->name, o.name, t.name, what + "name", t.name);
        s.title = field(b->title, o.title, t.title, what + "title", t.title);
        s.roles = field(b->roles, o.roles, t.roles, what + "roles",
                        fmt::format("{}", fmt::join(t.roles, ", ")));
        s.met = field(b->met, o.met, t.met, what + "met", t.met == Met::yes ? "yes" : "not yet");
        s.stance =
            field(b->stance, o.stance, t.stance, what + "stance", std::string(to_string(t.stance)));
        s.access_via = field(b->access_via, o.access_via, t.access_via, what + "access",
                             fmt::format("{}", fmt::join(t.access_via, ", ")));
        std::vector<std::pair<std::string, std::string>> kept_fields;
        s.extra = merge_extra(b->extra, o.extra, t.extra, kept_fields);
        for (auto& [name, value] : kept_fields)
          kept.emplace_back(what + "field " + name, std::move(value));
        return s;
      });
  // Meetings by their id, made unique per clone: two reps' meetings are both kept; the same
  // meeting edited differently on both sides keeps ours (theirs noted in the history).
  m.meetings = merge_records(
      base.meetings, ours.meetings, theirs.meetings, [](const Meeting& x) { return x.id; },
      [&](const Meeting& o, const Meeting& t, const Meeting*) {
        kept.emplace_back("meeting " + o.id, fmt::format("{} · {}", t.purpose, t.outcome));
        return o;
      });
  order_meetings(m);
  m.next_steps = merge_records(
      base.next_steps, ours.next_steps, theirs.next_steps, [](const NextStep& x) { return x.id; },
      [&](const NextStep& o, const NextStep& t, const NextStep*) {
        kept.emplace_back("next step " + o.id, fmt::format("{} · {} · due {} · done {}", t.what,
                                                           t.owner, t.due, t.done));
        return o;
      });
  m.answers = merge_answers(base.answers, ours.answers, theirs.answers, r.conflicts);
  std::vector<std::string> retired_conflicts;
  m.retired = merge_answers(base.retired, ours.retired, theirs.retired, retired_conflicts);
  for (const std::string& id : retired_conflicts) {
    r.notes.push_back(fmt::format("retired answer {}: changed on both sides; both kept", id));
  }
  m.history = merge_history(ours.history, theirs.history);
  std::vector<std::pair<std::string, std::string>> kept_fields;
  m.extra = merge_extra(base.extra, ours.extra, theirs.extra, kept_fields);
  for (auto& [name, value] : kept_fields)
    kept.emplace_back("field " + name, std::move(value));
  for (const auto& [what, theirs_text] : kept) {
    r.notes.push_back(fmt::format("{}: changed on both sides; kept ours (theirs: {}) and noted "
                                  "it in the history",
                                  what, theirs_text));
    add_history(m, now, "", "merge-kept-ours", Value(what + ": " + theirs_text));
  }
  return r;
}

Assessment parse_merge_input(std::string_view text, std::string_view file, bool is_base) {
  if (is_base && text.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
  return parse_assessment(text, file);
}

} // namespace cna
