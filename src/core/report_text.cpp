// The report for a terminal: plain lines, everything from a file or a person made visible.
#include <fmt/format.h>

#include "cna/report.hpp"

namespace cna {

namespace {

// Text made visible, its continuation lines indented under the first.
std::string shown(std::string_view text, std::size_t indent) {
  std::string out = display_text(text);
  for (auto at = out.find('\n'); at != std::string::npos; at = out.find('\n', at + 1)) {
    out.insert(at + 1, indent, ' ');
  }
  return out;
}

void field(std::string& out, std::string_view label, std::string_view text) {
  if (text.empty()) return;
  constexpr std::size_t kIndent = 4;
  constexpr std::size_t kLabelWidth = 11;
  out += fmt::format("{:{}}{:<{}}{}\n", "", kIndent, fmt::format("{}:", label), kLabelWidth,
                     shown(text, kIndent + kLabelWidth));
}

std::string progress(const SectionProgress& p) {
  return fmt::format("{}/{} answered, {} confirmed, {} blocked", p.done, p.applicable, p.confirmed,
                     p.blocked);
}

} // namespace

std::string report_text(const Report& r) {
  std::string out = fmt::format("Needs assessment report · {} ({})\n{}\n", shown(r.name, 0),
                                shown(r.account, 0), audience_info(r.audience).heading);
  out += fmt::format("Checklist: {} ({} {})\nDate: {}\n", shown(r.checklist_title, 0),
                     shown(r.checklist_id, 0), shown(r.checklist_version, 0), r.date);
  out += fmt::format("Status: {} · {} applicable items, {} answered, {} confirmed\n", verdict(r),
                     r.applicable, r.answered, r.confirmed);
  out += "\nReadiness by section\n";
  for (const ReportSection& s : r.sections) {
    out += fmt::format("  {}: {}\n", shown(s.title, 4), progress(s.progress));
  }
  for (const ReportSection& s : r.sections) {
    out += fmt::format("\n{}\n", shown(s.title, 0));
    if (s.items.empty()) out += "  (no applicable items)\n";
    for (const ReportItem& item : s.items) {
      out += fmt::format("  {} · {}\n", shown(item.id, 2), shown(item.prompt, 4));
      field(out, "answer", item.answer);
      field(out, "state", state_word(item.state) + " · " + gate_word(item));
      field(out, "source", item.source_name);
      field(out, "said in", item.meeting);
      field(out, "note", item.note);
      field(out, "confirmed", confirmation(item));
    }
  }
  if (!r.next_steps.empty()) out += fmt::format("\nNext steps ({})\n", r.next_steps.size());
  for (const ReportNextStep& step : r.next_steps) {
    out += fmt::format("  {} · {}\n", step_state(step), shown(step.what, 4));
    field(out, "owner", step.owner);
    field(out, "due", step.due);
  }
  if (!r.meetings.empty()) out += fmt::format("\nMeetings ({})\n", r.meetings.size());
  for (const ReportMeeting& m : r.meetings) {
    out += fmt::format("  {} · {}\n", m.date,
                       shown(m.purpose.empty() ? "(no purpose)" : m.purpose, 4));
    field(out, "with", fmt::format("{}", fmt::join(m.attendees, ", ")));
    field(out, "ours", fmt::format("{}", fmt::join(m.ours, ", ")));
    field(out, "outcome", m.outcome);
    field(out, "recorded", fmt::format("{} answered, {} read back", m.answered, m.confirmed));
  }
  out += "\nPower base\n";
  if (r.power_base.empty()) out += "  (no stakeholders yet)\n";
  for (const ReportPerson& p : r.power_base) {
    const std::string roles = fmt::format("{}", fmt::join(p.roles, ", "));
    out += fmt::format("  {}{}{}{}\n", shown(p.name, 4),
                       p.title.empty() ? "" : " · " + shown(p.title, 4),
                       roles.empty() ? "" : " · " + shown(roles, 4),
                       p.standing.empty() ? "" : " · " + shown(p.standing, 4));
    field(out, "said",
          p.said.empty() ? "nothing recorded" : fmt::format("{}", fmt::join(p.said_names, "; ")));
  }
  const std::vector<const ReportItem*> open = r.open_items();
  out += fmt::format("\nOpen items ({})\n", open.size());
  if (open.empty()) out += "  none: every applicable item is answered, attributed and confirmed\n";
  for (const ReportItem* item : open) {
    out += fmt::format("  {} · {}{}\n", shown(item->id, 2), gate_word(*item),
                       item->detail.empty() ? "" : " · " + shown(item->detail, 4));
    field(out, "question", item->prompt);
    for (const std::string& q : item->clarify)
      field(out, "ask also", q);
  }
  if (!r.retired.empty()) {
    out += fmt::format("\nRetired answers ({}; their items left the checklist, kept)\n",
                       r.retired.size());
  }
  for (const ReportItem& item : r.retired) {
    out += fmt::format("  {}\n", shown(item.id, 2));
    field(out, "answer", item.answer);
    field(out, "state", state_word(item.state));
    field(out, "source", item.source_name);
    field(out, "note", item.note);
  }
  return out;
}

} // namespace cna
