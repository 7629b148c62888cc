#include "cna/brief.hpp"
#include "cna/quality.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iterator>

#include "cna/checklist.hpp"
#include "cna/item_types.hpp"
#include "cna/power_base.hpp"
#include "cna/report.hpp"
#include "cna/text.hpp"

namespace cna {

namespace {

// The reasons whose items are still to be asked (rather than read back or attributed).
bool is_open(Reason reason) {
  return reason == Reason::missing || reason == Reason::unknown || reason == Reason::invalid ||
         reason == Reason::conflict;
}

// Their roles (set or established by an answer), then met, stance and access.
std::string role_list(const Brief& b, const Stakeholder& s) {
  const std::string roles = roles_text(held_roles(*b.assessment, *b.checklist, s.id));
  return fmt::format("{} · {}", roles.empty() ? "no role" : roles,
                     standing_text(*b.assessment, s, b.date));
}

std::vector<std::string> power_gaps(const Brief& b) {
  const Assessment& a = *b.assessment;
  if (a.stakeholders.empty()) return {"no stakeholders yet"};
  std::vector<std::string> gaps;
  // A role is held by a stakeholder's own roles or by the answer of an item that establishes it.
  const auto missing = [&](std::string_view role) {
    return role_holders(a, *b.checklist, role).empty();
  };
  if (missing("economic-buyer")) gaps.emplace_back("no economic buyer");
  if (missing("champion")) gaps.emplace_back("no champion");
  // Who we have not met yet: only once the account records a meeting or a `met`, so a fresh
  // account (nobody met, nothing recorded) is not noise.
  if (met_recorded(a, b.date)) {
    std::vector<std::string> unmet;
    for (const Stakeholder& s : a.stakeholders) {
      if (!met(a, s, b.date)) unmet.push_back(s.name);
    }
    if (!unmet.empty()) gaps.push_back(fmt::format("not met yet: {}", fmt::join(unmet, ", ")));
  }
  // One gatekeeper: everyone else is reached through one person (docs/reports.md; not
  // "single-threaded", which is every answer from one person).
  for (const Stakeholder& s : a.stakeholders) {
    const std::size_t through = gives_access_to(a, s.id).size();
    if (through >= 2 && through + 1 == a.stakeholders.size()) {
      gaps.push_back("one gatekeeper: everyone else is reached through " + s.name);
    }
  }
  // Single-threaded: everything heard from one person is one view of the account, however well
  // confirmed (the VOICES of cna status).
  if (const Stakeholder* only = single_source(a, *b.readiness)) {
    gaps.push_back("single-threaded: every answer from " + only->name);
  }
  return gaps;
}

// The people in the room: those asked for, else the next meeting's attendees, else everyone.
std::vector<const Stakeholder*> room(const Assessment& a, const Meeting* next,
                                     const std::vector<std::string>& with) {
  const std::vector<std::string>& ids = !with.empty() || next == nullptr ? with : next->attendees;
  std::vector<const Stakeholder*> people;
  for (const std::string& id : ids) {
    if (const Stakeholder* s = a.find_stakeholder(id)) people.push_back(s);
  }
  if (people.empty()) {
    for (const Stakeholder& s : a.stakeholders)
      people.push_back(&s);
  }
  return people;
}

// Whom a read-back is for: the source, or the first stakeholder with the role the item's
// confirm_with names; null when anyone may confirm it (or nobody on file has the role).
const Stakeholder* confirmer(const Assessment& a, const Checklist& c, const Item& item,
                             const Answer& answer) {
  const std::string_view rule = effective_confirm_with(c, item);
  if (rule == kConfirmSource) return a.find_stakeholder(answer.source);
  for (const Stakeholder& s : a.stakeholders) {
    if (holds_role(a, c, s.id, rule)) return &s;
  }
  return nullptr;
}

bool in_room(const Brief& b, const Stakeholder* s) {
  return s != nullptr && std::find(b.with.begin(), b.with.end(), s) != b.with.end();
}

// A person's area: the sections where they already said something, and the items whose
// confirm_with names one of their roles.
bool in_area(const Brief& b, const Stakeholder& s, const Item& item) {
  const std::string_view rule = effective_confirm_with(*b.checklist, item);
  if (holds_role(*b.assessment, *b.checklist, s.id, rule)) return true;
  const BriefStakeholder* p = nullptr;
  for (const BriefStakeholder& q : b.power_base) {
    if (q.stakeholder == &s) p = &q;
  }
  return p != nullptr && std::any_of(p->said.begin(), p->said.end(), [&](const BriefItem& i) {
           return i.item->section == item.section;
         });
}

// Whom in the room an open item is for: the unknown's owner, the open answer's source, else the
// first person whose area it is; null when nobody in the room has it.
const Stakeholder* asked_of(const Brief& b, const ItemStatus& s) {
  const Assessment& a = *b.assessment;
  if (s.answer != nullptr && s.state == State::unknown) {
    const StakeholderMatch owner = match_stakeholder(a.stakeholders, s.answer->owner);
    return owner.id.empty() ? nullptr : a.find_stakeholder(owner.id);
  }
  if (s.answer != nullptr && !s.answer->source.empty()) {
    return a.find_stakeholder(s.answer->source);
  }
  for (const Stakeholder* p : b.with) {
    if (in_area(b, *p, *s.item)) return p;
  }
  return nullptr;
}

std::vector<BriefAsk> asks(const Brief& b) {
  std::vector<BriefAsk> found;
  for (const ItemStatus& s : b.readiness->items) {
    if (!s.applicable || !s.blocker || !is_open(*s.blocker)) continue;
    const Stakeholder* who = asked_of(b, s);
    const bool unknown = s.state == State::unknown && s.answer != nullptr;
    if (unknown && who == nullptr) continue;          // one of ours owes it: the rep's own homework
    if (who != nullptr && !in_room(b, who)) continue; // for someone else's meeting
    found.push_back(
        {s.item, who, *s.blocker, unknown ? s.answer->due : "", unknown && s.answer->due < b.date});
  }
  // Person by person in the room's order, nobody's last; the checklist's order within.
  const auto rank = [&](const Stakeholder* who) {
    const auto at = std::find(b.with.begin(), b.with.end(), who);
    return static_cast<std::size_t>(at - b.with.begin());
  };
  std::stable_sort(found.begin(), found.end(), [&](const BriefAsk& x, const BriefAsk& y) {
    return rank(x.who) != rank(y.who) ? rank(x.who) < rank(y.who) : x.overdue && !y.overdue;
  });
  return found;
}

// The open entries of the applicable questions items (issue 10): overdue first, then as asked.
std::vector<BriefOpenQuestion> open_questions_of(const Brief& b) {
  std::vector<BriefOpenQuestion> open;
  for (const ItemStatus& s : b.readiness->items) {
    if (!s.applicable || s.answer == nullptr) continue;
    for (const Question* q : open_questions(*s.answer)) {
      open.push_back(
          {s.item, q, b.assessment->find_stakeholder(q->who), !q->due.empty() && q->due < b.date});
    }
  }
  std::stable_sort(open.begin(), open.end(),
                   [](const BriefOpenQuestion& x, const BriefOpenQuestion& y) {
                     return x.overdue && !y.overdue;
                   });
  return open;
}

} // namespace

const std::string& item_name(const Item& item) {
  return item.label.empty() ? item.prompt : item.label;
}

Brief make_brief(const Checklist& checklist, const Assessment& assessment,
                 const Readiness& readiness, Seconds now, const std::vector<std::string>& with) {
  Brief b;
  b.assessment = &assessment;
  b.checklist = &checklist;
  b.readiness = &readiness;
  b.date = format_date(now);
  b.next_steps = open_next_steps(assessment);
  for (const Stakeholder& s : assessment.stakeholders)
    b.power_base.push_back({&s, {}});
  std::vector<BriefReconfirm> soon;
  for (const ItemStatus& s : readiness.items) {
    if (!s.applicable) continue;
    const std::string stale_on = s.stale_at ? format_date(*s.stale_at) : "";
    if (s.blocker) {
      auto group = std::find_if(b.groups.begin(), b.groups.end(),
                                [&](const BriefGroup& g) { return g.reason == *s.blocker; });
      if (group == b.groups.end()) {
        b.groups.push_back({*s.blocker, {}});
        group = std::prev(b.groups.end());
      }
      group->items.push_back({s.item, s.answer, s.detail});
      if (cleared_by_confirmation(*s.blocker)) { // a read-back settles it
        b.reconfirm.push_back({s.item, std::string(to_string(*s.blocker)), s.detail, stale_on});
      }
      if (is_open(*s.blocker)) b.questions.push_back({s.item, s.item->clarify});
    } else if (stale_soon(s, now)) {
      soon.push_back({s.item, "soon", "goes stale on " + stale_on, stale_on});
    }
    if (s.state == State::unknown) {
      b.unknowns.push_back({s.item, s.answer->owner, s.answer->due, s.answer->due < b.date});
    }
    if (s.answer != nullptr && s.state != State::missing && !s.answer->source.empty()) {
      for (BriefStakeholder& p : b.power_base) {
        if (p.stakeholder->id == s.answer->source) p.said.push_back({s.item, s.answer, {}});
      }
    }
  }
  std::sort(b.groups.begin(), b.groups.end(),
            [](const BriefGroup& x, const BriefGroup& y) { return x.reason < y.reason; });
  std::stable_sort(b.unknowns.begin(), b.unknowns.end(),
                   [](const BriefUnknown& x, const BriefUnknown& y) {
                     return x.overdue != y.overdue ? x.overdue : x.due < y.due;
                   });
  std::stable_sort(soon.begin(), soon.end(), [](const BriefReconfirm& x, const BriefReconfirm& y) {
    return x.stale_on < y.stale_on;
  });
  b.reconfirm.insert(b.reconfirm.end(), soon.begin(), soon.end());
  b.gaps = power_gaps(b);
  for (const Meeting& m : assessment.meetings) { // by date: the first from today is the next
    if (m.date < b.date)
      b.last_meeting = &m;
    else if (b.meeting == nullptr)
      b.meeting = &m;
  }
  b.with = room(assessment, b.meeting, with);
  b.asks = asks(b);
  b.open_questions = open_questions_of(b);
  for (const BriefUnknown& u : b.unknowns) { // overdue first, then by due date
    if (match_stakeholder(assessment.stakeholders, u.owner).id.empty()) {
      b.ours.push_back(fmt::format("{}{} ({}, due {})", u.overdue ? "OVERDUE " : "", u.item->prompt,
                                   u.owner, u.due));
    }
  }
  for (BriefReconfirm& r : b.reconfirm) {
    const Answer* answer = assessment.find_answer(r.item->id);
    if (answer != nullptr) r.with = confirmer(assessment, checklist, *r.item, *answer);
  }
  return b;
}

namespace {

// One part of the text sheet: a heading (none for a one-line part) and its entries, each already
// wrapped to the width. The sheet is a list of these, so a new part slots in where it belongs.
struct Block {
  std::string title;
  std::vector<std::vector<std::string>> entries;
  bool gap = true;         // a blank line before it
  std::size_t dropped = 0; // entries left out to fit the screen
};

// Visible text wrapped to `width`: the first line after `indent` spaces, the others after `hang`.
std::vector<std::string> wrapped(std::string_view text, std::size_t width, std::size_t indent,
                                 std::size_t hang) {
  const std::size_t room = width > hang + 10 ? width - hang : 0;
  std::vector<std::string> lines;
  for (const std::string& line : wrap(visible(text, true), room))
    lines.push_back(std::string(lines.empty() ? indent : hang, ' ') + line);
  return lines;
}

// What the answer to `item` says, on one line, with the checklist's labels and names.
std::string said(const Brief& b, const Item& item) {
  const Answer* answer = b.assessment->find_answer(item.id);
  return answer != nullptr
             ? describe_answer(*answer, &item, b.assessment->stakeholders, {.one_line = true})
             : "";
}

// `text` on one line of `width` cells, cut (with "…") to make room for `tail`.
std::string one_line(std::string_view text, std::string_view tail, std::size_t width) {
  const std::string shown = visible(text.substr(0, text.find('\n')));
  const std::size_t fixed = display_width(tail);
  if (fixed + display_width(shown) <= width || fixed + 1 >= width) {
    return shown + std::string(tail);
  }
  return std::string(cut_to_width(shown, width - fixed - 1)) + "…" + std::string(tail);
}

std::string short_verdict(const Readiness& r) {
  return r.ready() ? fmt::format("READY · {} of {} answered · {} confirmed", r.answered,
                                 r.applicable, r.confirmed)
                   : fmt::format("BLOCKED: {} of {} items hold the gate · {} answered · {} "
                                 "confirmed",
                                 r.blockers, r.applicable, r.answered, r.confirmed);
}

std::string meeting_line(const Brief& b) {
  if (b.meeting != nullptr) {
    return fmt::format("Meeting {}: {}", b.meeting->date,
                       b.meeting->purpose.empty() ? "no purpose recorded" : b.meeting->purpose);
  }
  if (b.last_meeting == nullptr) return "";
  const Meeting& m = *b.last_meeting;
  return fmt::format("Last met {}: {}{}", m.date, m.purpose.empty() ? "no purpose" : m.purpose,
                     m.outcome.empty() ? "" : " → " + m.outcome);
}

std::string step_line(const Brief& b, const NextStep& step) {
  return fmt::format("{}{} · {}{}", overdue(step, b.date) ? "OVERDUE " : "", step.what,
                     b.assessment->name_of(step.owner),
                     step.due.empty() ? "" : " · due " + step.due);
}

std::string ask_tail(const BriefAsk& ask) {
  switch (ask.reason) {
  case Reason::unknown:
    return ask.overdue ? fmt::format(" (OVERDUE since {})", ask.due)
                       : fmt::format(" (unknown, due {})", ask.due);
  case Reason::invalid:
  case Reason::conflict:
    return fmt::format(" ({})", to_string(ask.reason));
  default:
    return "";
  }
}

// An open question asked of the person it names: when it is due.
std::string question_tail(const BriefOpenQuestion& o) {
  const std::string& due = o.question->due;
  if (o.overdue) return fmt::format(" (OVERDUE since {})", due);
  return due.empty() ? "" : fmt::format(" (due {})", due);
}

// An open question nobody in the room answers: whom to ask and by when.
std::string open_question_line(const Brief& b, const BriefOpenQuestion& o) {
  const Question& q = *o.question;
  return fmt::format("{}{}{}{}", o.overdue ? "OVERDUE " : "", q.text,
                     q.who.empty() ? "" : " · ask " + b.assessment->name_of(q.who),
                     q.due.empty() ? "" : " · due " + q.due);
}

// One thing to ask in the room: an open question, or an open item with its clarifying questions.
struct AskLine {
  std::string text;
  const std::vector<std::string>* clarify = nullptr;
};

// What to ask, person by person in the room's order (first the open questions naming them, then
// their open items), then what anyone in the room may answer.
std::vector<std::pair<const Stakeholder*, std::vector<AskLine>>> asks_by_person(const Brief& b) {
  std::vector<const Stakeholder*> people = b.with;
  people.push_back(nullptr);
  std::vector<std::pair<const Stakeholder*, std::vector<AskLine>>> out;
  for (const Stakeholder* who : people) {
    std::vector<AskLine> lines;
    for (const BriefOpenQuestion& o : b.open_questions) {
      if (who != nullptr && o.who == who) lines.push_back({o.question->text + question_tail(o)});
    }
    for (const BriefAsk& ask : b.asks) {
      if (ask.who == who) lines.push_back({ask.item->prompt + ask_tail(ask), &ask.item->clarify});
    }
    if (!lines.empty()) out.emplace_back(who, std::move(lines));
  }
  return out;
}

// The open questions naming nobody, or somebody not in the room.
std::vector<const BriefOpenQuestion*> unasked_questions(const Brief& b) {
  std::vector<const BriefOpenQuestion*> out;
  for (const BriefOpenQuestion& o : b.open_questions) {
    if (!in_room(b, o.who)) out.push_back(&o);
  }
  return out;
}

constexpr std::string_view kOpenQuestionsTitle = "Open questions and assumptions";

std::string reconfirm_tail(const BriefReconfirm& r) {
  if (r.why == "changed") return " (the question changed)";
  if (r.why == "unconfirmed") return " (not read back yet)";
  if (r.why == "wrong-confirmer") return " (confirmed with someone else)";
  if (r.why == "stale")
    return r.stale_on.empty() ? " (stale)" : " (stale since " + r.stale_on + ")";
  return " (stale on " + r.stale_on + ")";
}

std::string ask_heading(const Stakeholder* who) {
  return who == nullptr ? std::string("Ask anyone") : "Ask " + who->name;
}

std::string reconfirm_heading(const Stakeholder* who) {
  return who == nullptr ? std::string("Re-confirm") : "Re-confirm with " + who->name;
}

// What to re-confirm with each person in the room (in the room's order), then what anyone may
// re-confirm; each list in the brief's order (stale, changed, going stale).
std::vector<std::pair<const Stakeholder*, std::vector<const BriefReconfirm*>>>
reconfirm_by_person(const Brief& b) {
  std::vector<const Stakeholder*> people = b.with;
  people.push_back(nullptr);
  std::vector<std::pair<const Stakeholder*, std::vector<const BriefReconfirm*>>> out;
  for (const Stakeholder* who : people) {
    std::vector<const BriefReconfirm*> list;
    for (const BriefReconfirm& r : b.reconfirm) {
      // The rep verifies internal items alone: nothing to read back in the room.
      if (r.with == who && !r.item->internal) list.push_back(&r);
    }
    if (!list.empty()) out.emplace_back(who, std::move(list));
  }
  return out;
}

std::string room_names(const Brief& b) {
  std::vector<std::string> names;
  for (const Stakeholder* s : b.with)
    names.push_back(s->name);
  return fmt::format("{}", fmt::join(names, ", "));
}

// "3 unknown · 2 stale · 1 missing": the blockers by reason, largest first.
std::string blocker_counts(const Brief& b) {
  std::vector<const BriefGroup*> groups;
  for (const BriefGroup& g : b.groups)
    groups.push_back(&g);
  std::stable_sort(groups.begin(), groups.end(), [](const BriefGroup* x, const BriefGroup* y) {
    return x->items.size() > y->items.size();
  });
  std::vector<std::string> parts;
  for (const BriefGroup* g : groups)
    parts.push_back(fmt::format("{} {}", g->items.size(), to_string(g->reason)));
  return fmt::format("{}", fmt::join(parts, " · "));
}

// The blocks in the order a rep needs them in the room.
std::vector<Block> blocks(const Brief& b, const BriefLayout& layout) {
  const std::size_t w = layout.width;
  const bool full = layout.lines == 0;
  std::vector<Block> out;
  const std::string met = meeting_line(b);
  if (!met.empty()) out.push_back({"", {wrapped(met, w, 0, 2)}});
  if (!b.next_steps.empty()) {
    Block steps{"Next steps", {}, met.empty()};
    for (const NextStep* step : b.next_steps)
      steps.entries.push_back(wrapped(step_line(b, *step), w, 2, 4));
    out.push_back(std::move(steps));
  }
  bool first = true;
  for (const auto& [who, asked] : asks_by_person(b)) {
    out.push_back({ask_heading(who), {}, first});
    first = false;
    for (const AskLine& ask : asked) {
      std::vector<std::string> lines = wrapped(ask.text, w, 2, 4);
      for (const std::string& clarify :
           full&& ask.clarify != nullptr ? *ask.clarify : std::vector<std::string>{}) {
        const std::vector<std::string> more = wrapped("- " + clarify, w, 4, 6);
        lines.insert(lines.end(), more.begin(), more.end());
      }
      out.back().entries.push_back(std::move(lines));
    }
  }
  if (const auto unasked = unasked_questions(b); !unasked.empty()) {
    Block open{std::string(kOpenQuestionsTitle), {}, first};
    first = false;
    for (const BriefOpenQuestion* o : unasked)
      open.entries.push_back(wrapped(open_question_line(b, *o), w, 2, 4));
    out.push_back(std::move(open));
  }
  if (!b.ours.empty()) {
    Block ours{"Ours to find out", {}, first};
    for (const std::string& line : b.ours)
      ours.entries.push_back(wrapped(line, w, 2, 4));
    out.push_back(std::move(ours));
  }
  first = true;
  for (const auto& [who, list] : reconfirm_by_person(b)) {
    out.push_back({reconfirm_heading(who), {}, first});
    first = false;
    for (const BriefReconfirm* r : list) {
      const std::string value = said(b, *r->item);
      out.back().entries.push_back(
          {one_line("  " + item_name(*r->item) + ": " + value, reconfirm_tail(*r), w)});
    }
  }
  if (!b.gaps.empty()) {
    out.push_back(
        {"", {wrapped("Power base: " + fmt::format("{}", fmt::join(b.gaps, "; ")), w, 0, 2)}});
  }
  if (!b.groups.empty()) {
    out.push_back({"", {wrapped("Blockers: " + blocker_counts(b), w, 0, 2)}, b.gaps.empty()});
  }
  return out;
}

std::size_t height(const Block& block) {
  if (!block.title.empty() && block.entries.empty()) return (block.gap ? 2U : 1U); // "title: N"
  std::size_t lines =
      (block.gap ? 1U : 0U) + (block.title.empty() ? 0U : 1U) + (block.dropped > 0 ? 1U : 0U);
  for (const auto& entry : block.entries)
    lines += entry.size();
  return lines;
}

// The lines leaving out a block's last entry saves (its "… and N more" line costs one).
std::size_t saving(const Block& block) {
  const std::size_t last = block.entries.back().size();
  if (block.entries.size() == 1) return height(block) - (block.gap ? 2U : 1U);
  return block.dropped > 0 ? last : last - 1;
}

// Leaves entries out until the sheet fits in `lines`: first the last entries of the longest
// lists (each keeping its first), then, from the bottom up, whole lists down to their heading and
// count. One-line parts always stay. Returns whether anything was left out.
bool fit(std::vector<Block>& parts, std::size_t used, std::size_t lines) {
  bool cut = false;
  const auto total = [&] {
    std::size_t sum = used + (cut ? 1 : 0); // the line that says how to see everything
    for (const Block& block : parts)
      sum += height(block);
    return sum;
  };
  const auto drop = [&](Block& block) {
    block.entries.pop_back();
    ++block.dropped;
    cut = true;
  };
  while (total() > lines) {
    Block* longest = nullptr;
    for (Block& block : parts) {
      // A first entry left out costs its "… and N more" line: worth it when more can follow.
      if (block.entries.size() > 1 && (saving(block) > 0 || block.entries.size() > 2) &&
          (longest == nullptr || block.entries.size() > longest->entries.size())) {
        longest = &block;
      }
    }
    if (longest == nullptr) break;
    drop(*longest);
  }
  for (auto block = parts.rbegin(); block != parts.rend() && total() > lines; ++block) {
    if (block->title.empty()) continue;
    while (!block->entries.empty())
      drop(*block);
  }
  return cut;
}

} // namespace

std::string brief_text(const Brief& b, const BriefLayout& layout) {
  const Assessment& a = *b.assessment;
  std::vector<std::string> head =
      wrapped(fmt::format("Brief · {} · {} · with {}", a.name.empty() ? a.account : a.name, b.date,
                          room_names(b)),
              layout.width, 0, 2);
  for (std::string& line : wrapped(short_verdict(*b.readiness), layout.width, 0, 2))
    head.push_back(std::move(line));
  std::vector<Block> parts = blocks(b, layout);
  const bool cut = layout.lines > 0 && fit(parts, head.size(), layout.lines);
  std::string out;
  for (const std::string& line : head)
    out += line + "\n";
  for (const Block& block : parts) {
    if (block.gap) out += "\n";
    if (!block.title.empty() && block.entries.empty()) {
      out += fmt::format("{}: {} more\n", visible(block.title), block.dropped);
      continue;
    }
    if (!block.title.empty()) out += visible(block.title) + "\n";
    for (const auto& entry : block.entries) {
      for (const std::string& line : entry)
        out += line + "\n";
    }
    if (block.dropped > 0) out += fmt::format("  … and {} more\n", block.dropped);
  }
  if (cut) out += fmt::format("(all of it: cna brief {} --full)\n", a.account);
  return out;
}

std::string brief_markdown(const Brief& b) {
  const Assessment& a = *b.assessment;
  const Checklist& c = *b.checklist;
  const auto md = [](std::string_view text) { return markdown_escape(text); };
  std::string out =
      fmt::format("# Brief: {}\n\n{} ({} {}) · {} · with {}\n\n**{}**\n",
                  md(a.name.empty() ? a.account : a.name), md(c.title), md(c.id), md(c.version),
                  b.date, md(room_names(b)), md(short_verdict(*b.readiness)));
  const std::string met = meeting_line(b);
  if (!met.empty()) out += "\n" + md(met) + "\n";
  if (!b.next_steps.empty()) out += "\n## Next steps\n\n";
  for (const NextStep* step : b.next_steps)
    out += "- " + md(step_line(b, *step)) + "\n";
  for (const auto& [who, asked] : asks_by_person(b)) {
    out += "\n## " + md(ask_heading(who)) + "\n\n";
    for (const AskLine& ask : asked) {
      out += "- " + md(ask.text) + "\n";
      for (const std::string& clarify :
           ask.clarify != nullptr ? *ask.clarify : std::vector<std::string>{})
        out += "  - " + md(clarify) + "\n";
    }
  }
  if (const auto unasked = unasked_questions(b); !unasked.empty()) {
    out += fmt::format("\n## {}\n\n", kOpenQuestionsTitle);
    for (const BriefOpenQuestion* o : unasked)
      out += "- " + md(open_question_line(b, *o)) + "\n";
  }
  if (!b.ours.empty()) out += "\n## Ours to find out\n\n";
  for (const std::string& line : b.ours)
    out += "- " + md(line) + "\n";
  for (const auto& [who, list] : reconfirm_by_person(b)) {
    out += "\n## " + md(reconfirm_heading(who)) + "\n\n";
    for (const BriefReconfirm* r : list) {
      const std::string value = said(b, *r->item);
      out += fmt::format("- **{}**: {}\n", md(item_name(*r->item)), md(value + reconfirm_tail(*r)));
    }
  }
  out += "\n## Power base\n";
  if (!b.gaps.empty()) out += "\n";
  for (const std::string& gap : b.gaps)
    out += "- **Missing:** " + md(gap) + "\n";
  for (const BriefStakeholder& p : b.power_base) {
    const Stakeholder& s = *p.stakeholder;
    out += fmt::format("\n### {}\n\n{}{}\n\n", md(s.name),
                       s.title.empty() ? "" : md(s.title) + " · ", md(role_list(b, s)));
    if (p.said.empty()) out += "- nothing attributed yet\n";
    for (const BriefItem& i : p.said)
      out += fmt::format("- {}: {}\n", md(item_name(*i.item)), md(said(b, *i.item)));
  }
  if (!b.groups.empty()) out += "\n## Blockers\n\n" + md(blocker_counts(b)) + "\n";
  return out;
}

} // namespace cna
