#include "cna/brief.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iterator>

#include "cna/report.hpp"
#include "cna/text.hpp"

namespace cna {

namespace {

// The reasons whose items are still to be asked (rather than read back or attributed).
bool is_open(Reason reason) {
  return reason == Reason::missing || reason == Reason::unknown || reason == Reason::invalid ||
         reason == Reason::conflict;
}

std::string role_list(const Stakeholder& s) {
  return s.roles.empty() ? "no role" : fmt::format("{}", fmt::join(s.roles, ", "));
}

bool has_role(const Assessment& a, std::string_view role) {
  return std::any_of(a.stakeholders.begin(), a.stakeholders.end(), [&](const Stakeholder& s) {
    return std::find(s.roles.begin(), s.roles.end(), role) != s.roles.end();
  });
}

std::vector<std::string> power_gaps(const Brief& b) {
  const Assessment& a = *b.assessment;
  if (a.stakeholders.empty()) return {"no stakeholders yet"};
  std::vector<std::string> gaps;
  if (!has_role(a, "economic-buyer")) gaps.emplace_back("no economic buyer");
  if (!has_role(a, "champion")) gaps.emplace_back("no champion");
  // Everything heard from one person is one view of the account, however well confirmed.
  std::vector<const BriefStakeholder*> speakers;
  std::size_t said = 0;
  for (const BriefStakeholder& s : b.power_base) {
    if (!s.said.empty()) speakers.push_back(&s);
    said += s.said.size();
  }
  if (speakers.size() == 1 && said > 1) {
    const Stakeholder& only = *speakers.front()->stakeholder;
    gaps.push_back(fmt::format("a single source for everything: {} ({})", only.name, only.id));
  }
  return gaps;
}

// What a blocker line says after the item id: the detail, or the question when there is none.
std::string what(const BriefItem& i) { return i.detail.empty() ? i.item->prompt : i.detail; }

std::size_t id_width(const Brief& b) {
  std::size_t width = 0;
  const auto take = [&](const Item* item) { width = std::max(width, item->id.size()); };
  for (const BriefGroup& g : b.groups) {
    for (const BriefItem& i : g.items)
      take(i.item);
  }
  for (const BriefUnknown& u : b.unknowns)
    take(u.item);
  for (const BriefReconfirm& r : b.reconfirm)
    take(r.item);
  return width;
}

std::string verdict(const Readiness& r) {
  const std::string counts =
      fmt::format("{} of {} answered, {} confirmed", r.answered, r.applicable, r.confirmed);
  return r.ready()
             ? "READY: every applicable item is answered, attributed and confirmed (" + counts + ")"
             : fmt::format("BLOCKED: {} of {} applicable items hold the gate ({})", r.blockers,
                           r.applicable, counts);
}

// Several lines of visible text, continuation lines indented to follow the first.
std::string indented(std::string_view text, std::size_t indent) {
  std::string out = visible(text, true);
  for (auto at = out.find('\n'); at != std::string::npos; at = out.find('\n', at + 1)) {
    out.insert(at + 1, indent, ' ');
  }
  return out;
}

} // namespace

std::string describe_answer(const Answer& answer) {
  switch (answer.state) {
  case State::answered:
    return format_value(answer.value);
  case State::na:
    return "n/a: " + answer.reason;
  case State::unknown:
    return fmt::format("unknown: {} to find out by {}", answer.owner, answer.due);
  case State::conflict:
    return "conflict: two edits disagree";
  case State::missing:
    break;
  }
  return "missing";
}

// --- Open questions and assumptions (issue 10): what must be answered before any proposal.

namespace {

std::vector<BriefOpenQuestion> open_questions_of(const Readiness& readiness,
                                                 const std::string& today) {
  std::vector<BriefOpenQuestion> open;
  for (const ItemStatus& s : readiness.items) {
    if (!s.applicable || s.answer == nullptr) continue;
    for (const Question* q : open_questions(*s.answer))
      open.push_back({s.item, q, !q->due.empty() && q->due < today});
  }
  return open;
}

std::string open_question_text(const Assessment& a, const BriefOpenQuestion& o) {
  const Question& q = *o.question;
  return fmt::format("{}{}{}{}", o.overdue ? "OVERDUE " : "", q.text,
                     q.who.empty() ? "" : " · ask " + a.name_of(q.who),
                     q.due.empty() ? "" : " · due " + q.due);
}

std::string open_questions_text(const Brief& b) {
  if (b.open_questions.empty()) return "";
  std::string out = "\nOpen questions and assumptions (answer before proposing)\n";
  for (const BriefOpenQuestion& o : b.open_questions)
    out += fmt::format("  {}  {}\n", o.item->id, visible(open_question_text(*b.assessment, o)));
  return out;
}

std::string open_questions_markdown(const Brief& b) {
  if (b.open_questions.empty()) return "";
  std::string out = "\n## Open questions and assumptions\n\n";
  for (const BriefOpenQuestion& o : b.open_questions) {
    out += fmt::format("- **{}** {}\n", markdown_escape(o.item->id),
                       markdown_escape(open_question_text(*b.assessment, o)));
  }
  return out;
}

} // namespace

// --- end of open questions

Brief make_brief(const Checklist& checklist, const Assessment& assessment,
                 const Readiness& readiness, Seconds now) {
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
      if (*s.blocker == Reason::stale || *s.blocker == Reason::changed) {
        b.reconfirm.push_back({s.item, std::string(to_string(*s.blocker)), s.detail, stale_on});
      }
      if (is_open(*s.blocker)) b.questions.push_back({s.item, s.item->clarify});
    } else if (s.stale_at && *s.stale_at - now <= days(kStaleSoonDays)) {
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
  b.open_questions = open_questions_of(readiness, b.date);
  return b;
}

std::string brief_text(const Brief& b) {
  const Assessment& a = *b.assessment;
  const Checklist& c = *b.checklist;
  const std::size_t w = id_width(b);
  const auto id = [&](const Item* item) { return fmt::format("{:<{}}", item->id, w); };
  std::string out = fmt::format("Brief · {} ({}) · {}\n{} ({} {})\n{}\n", visible(a.name),
                                visible(a.account), b.date, visible(c.title), visible(c.id),
                                visible(c.version), verdict(*b.readiness));
  // What was agreed comes first: the meeting starts from it.
  if (!b.next_steps.empty()) out += "\nNext steps\n";
  for (const NextStep* step : b.next_steps) {
    out += fmt::format("  {}{} · {}{}\n", overdue(*step, b.date) ? "OVERDUE " : "",
                       visible(step->what), visible(a.name_of(step->owner)),
                       step->due.empty() ? "" : " · due " + step->due);
  }
  out += open_questions_text(b);
  if (!b.groups.empty()) {
    out += "\nBlockers\n";
    for (const BriefGroup& g : b.groups) {
      out += fmt::format("  {} ({})\n", to_string(g.reason), g.items.size());
      for (const BriefItem& i : g.items)
        out += fmt::format("    {}  {}\n", id(i.item), indented(what(i), w + 6));
    }
  }
  if (!b.unknowns.empty()) {
    out += "\nUnknowns to chase (overdue first)\n";
    std::size_t owner_width = 0;
    for (const BriefUnknown& u : b.unknowns)
      owner_width = std::max(owner_width, visible(u.owner).size());
    for (const BriefUnknown& u : b.unknowns) {
      out += fmt::format("  {}  {:<{}}  due {}{}\n", id(u.item), visible(u.owner), owner_width,
                         visible(u.due), u.overdue ? "  OVERDUE" : "");
    }
  }
  if (!b.reconfirm.empty()) {
    out += "\nTo re-confirm\n";
    for (const BriefReconfirm& r : b.reconfirm)
      out += fmt::format("  {}  {:<7}  {}\n", id(r.item), r.why, visible(r.detail));
  }
  out += "\nPower base\n";
  for (const BriefStakeholder& p : b.power_base) {
    const Stakeholder& s = *p.stakeholder;
    out += fmt::format("  {} ({}){} · {}\n", visible(s.name), visible(s.id),
                       s.title.empty() ? "" : " · " + visible(s.title), visible(role_list(s)));
    if (p.said.empty()) out += "    nothing attributed yet\n";
    for (const BriefItem& i : p.said) {
      const std::string head = fmt::format("    {}: ", i.item->id);
      out += head + indented(describe_answer(*i.answer), head.size()) + "\n";
    }
  }
  for (const std::string& gap : b.gaps)
    out += "  Missing: " + visible(gap) + "\n";
  if (!b.questions.empty()) {
    out += "\nClarifying questions\n";
    for (const BriefQuestion& q : b.questions) {
      out += fmt::format("  {}  {}\n", q.item->id, visible(q.item->prompt));
      for (const std::string& ask : q.clarify)
        out += "    - " + visible(ask) + "\n";
    }
  }
  return out;
}

std::string brief_markdown(const Brief& b) {
  const Assessment& a = *b.assessment;
  const Checklist& c = *b.checklist;
  const auto md = [](std::string_view text) { return markdown_escape(text); };
  std::string out =
      fmt::format("# Brief: {} ({})\n\n{} ({} {}) · {}\n\n**{}**\n", md(a.name), md(a.account),
                  md(c.title), md(c.id), md(c.version), b.date, md(verdict(*b.readiness)));
  if (!b.next_steps.empty()) out += "\n## Next steps\n\n";
  for (const NextStep* step : b.next_steps) {
    out +=
        fmt::format("- {}{} · {}{}\n", overdue(*step, b.date) ? "**overdue** " : "", md(step->what),
                    md(a.name_of(step->owner)), step->due.empty() ? "" : " · due " + step->due);
  }
  out += open_questions_markdown(b);
  if (!b.groups.empty()) {
    out += "\n## Blockers\n\n| reason | item | question or detail |\n| --- | --- | --- |\n";
    for (const BriefGroup& g : b.groups) {
      for (const BriefItem& i : g.items)
        out +=
            fmt::format("| {} | {} | {} |\n", md(to_string(g.reason)), md(i.item->id), md(what(i)));
    }
  }
  if (!b.unknowns.empty()) {
    out += "\n## Unknowns to chase\n\n| item | owner | due | |\n| --- | --- | --- | --- |\n";
    for (const BriefUnknown& u : b.unknowns) {
      out += fmt::format("| {} | {} | {} | {} |\n", md(u.item->id), md(u.owner), md(u.due),
                         u.overdue ? "**overdue**" : "");
    }
  }
  if (!b.reconfirm.empty()) {
    out += "\n## To re-confirm\n\n| item | why | detail |\n| --- | --- | --- |\n";
    for (const BriefReconfirm& r : b.reconfirm)
      out += fmt::format("| {} | {} | {} |\n", md(r.item->id), md(r.why), md(r.detail));
  }
  out += "\n## Power base\n";
  for (const BriefStakeholder& p : b.power_base) {
    const Stakeholder& s = *p.stakeholder;
    out += fmt::format("\n### {} ({})\n\n{}{}\n\n", md(s.name), md(s.id),
                       s.title.empty() ? "" : md(s.title) + " · ", md(role_list(s)));
    if (p.said.empty()) out += "- nothing attributed yet\n";
    for (const BriefItem& i : p.said)
      out += fmt::format("- {}: {}\n", md(i.item->id), md(describe_answer(*i.answer)));
  }
  if (!b.gaps.empty()) out += "\n";
  for (const std::string& gap : b.gaps)
    out += "- **Missing:** " + md(gap) + "\n";
  if (!b.questions.empty()) {
    out += "\n## Clarifying questions\n\n";
    for (const BriefQuestion& q : b.questions) {
      out += fmt::format("- **{}** {}\n", md(q.item->id), md(q.item->prompt));
      for (const std::string& ask : q.clarify)
        out += "  - " + md(ask) + "\n";
    }
  }
  return out;
}

} // namespace cna
