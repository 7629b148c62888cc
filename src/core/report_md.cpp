// The report in Markdown (GitHub flavour): tables that stay intact whatever the answers hold, and
// nothing from an answer that a git host would render as a link, raw HTML or formatting.
#include <cctype>
#include <fmt/format.h>
#include <string_view>

#include "cna/report.hpp"
#include "cna/text.hpp"

namespace cna {

namespace {

// Characters that are Markdown or GFM syntax anywhere in a line: links and images, raw HTML and
// entities, emphasis, code, strikethrough, table pipes, scheme autolinks (":"), math ("$").
constexpr std::string_view kMarkup = "\\`*_[]()!<>|&~:$";

bool follows_www(std::string_view text, std::size_t at) {
  return at >= 3 && to_lower(text.substr(at - 3, 3)) == "www";
}

// The text's lines, trimmed (leading spaces would make code blocks), joined into one line.
std::string one_line(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = trim(text.substr(start, end - start));
    if (!line.empty()) out += (out.empty() ? "" : " ↵ ") + line;
    start = end + 1;
  }
  return out;
}

std::string cells(std::initializer_list<std::string> columns) {
  std::string row = "|";
  for (const std::string& c : columns)
    row += " " + c + " |";
  return row + "\n";
}

std::string section_table(const ReportSection& s) {
  std::string out = cells({"Question", "Answer", "Source", "Confirmed", "State", "Note"});
  out += "| --- | --- | --- | --- | --- | --- |\n";
  for (const ReportItem& item : s.items) {
    out += cells({markdown_escape(item.prompt) + " (" + markdown_escape(item.id) + ")",
                  markdown_escape(item.answer), markdown_escape(said_by(item)),
                  markdown_escape(confirmation(item)),
                  state_word(item.state) + " · " + gate_word(item), markdown_escape(item.note)});
  }
  return out;
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
  return fmt::format("{}", fmt::join(parts, separator));
}

} // namespace

std::string markdown_escape(std::string_view raw) {
  const std::string text = one_line(display_text(raw));
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  bool leading_digits = true; // "1. " at the start would open an ordered list
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool block_marker = i == 0 && std::string_view("#-+=").find(c) != std::string_view::npos;
    const bool list_number =
        c == '.' && leading_digits && i > 0 && (i + 1 == text.size() || text[i + 1] == ' ');
    if (kMarkup.find(c) != std::string_view::npos || block_marker || list_number ||
        (c == '.' && follows_www(text, i))) {
      out += '\\';
    }
    out += c;
    // GFM links every e-mail address whatever is escaped; a word joiner after "@" breaks it.
    if (c == '@') out += "&#8288;";
    leading_digits = leading_digits && std::isdigit(static_cast<unsigned char>(c)) != 0;
  }
  return out;
}

std::string report_md(const Report& r) {
  std::string out = fmt::format("# Needs assessment: {}\n\n**{}**\n\n", markdown_escape(r.name),
                                audience_info(r.audience).heading); // our own words
  out += "| | |\n| --- | --- |\n";
  out += cells({"Account", markdown_escape(r.account)});
  out += cells({"Checklist", fmt::format("{} ({} {})", markdown_escape(r.checklist_title),
                                         markdown_escape(r.checklist_id),
                                         markdown_escape(r.checklist_version))});
  out += cells({"Date", r.date});
  out += cells({"Status", fmt::format("**{}** · {} applicable items, {} answered, {} confirmed",
                                      verdict(r), r.applicable, r.answered, r.confirmed)});
  out += "\n## Readiness by section\n\n";
  out += cells({"Section", "Applicable", "Answered", "Confirmed", "Blocked"});
  out += "| --- | ---: | ---: | ---: | ---: |\n";
  for (const ReportSection& s : r.sections) {
    const SectionProgress& p = s.progress;
    out += cells({markdown_escape(s.title), std::to_string(p.applicable), std::to_string(p.done),
                  std::to_string(p.confirmed), std::to_string(p.blocked)});
  }
  for (const ReportSection& s : r.sections) {
    out += fmt::format("\n## {}\n\n", markdown_escape(s.title));
    out += s.items.empty() ? "No applicable items.\n" : section_table(s);
  }
  out += "\n## Power base\n\n";
  if (r.power_base.empty()) out += "No stakeholders yet.\n";
  if (!r.power_base.empty()) {
    out += cells({"Stakeholder", "Title", "Roles", "Said"});
    out += "| --- | --- | --- | --- |\n";
  }
  for (const ReportPerson& p : r.power_base) {
    out += cells(
        {markdown_escape(p.name), markdown_escape(p.title),
         markdown_escape(joined(p.roles, ", ") + (p.standing.empty() ? "" : " · " + p.standing)),
         markdown_escape(joined(p.said_names, "; "))});
  }
  if (!r.next_steps.empty()) {
    out += fmt::format("\n## Next steps ({})\n\n", r.next_steps.size());
    out += cells({"Next step", "Owner", "Due", "State"});
    out += "| --- | --- | --- | --- |\n";
  }
  for (const ReportNextStep& step : r.next_steps) {
    out += cells({markdown_escape(step.what), markdown_escape(step.owner), step.due,
                  step.overdue ? "**OVERDUE**" : step_state(step)});
  }
  if (!r.meetings.empty()) {
    out += fmt::format("\n## Meetings ({})\n\n", r.meetings.size());
    out += cells({"Date", "Purpose", "With", "Ours", "Outcome", "Answered", "Read back"});
    out += "| --- | --- | --- | --- | --- | --- | --- |\n";
  }
  for (const ReportMeeting& m : r.meetings) {
    out += cells({m.date, markdown_escape(m.purpose), markdown_escape(joined(m.attendees, ", ")),
                  markdown_escape(joined(m.ours, ", ")), markdown_escape(m.outcome),
                  std::to_string(m.answered), std::to_string(m.confirmed)});
  }
  const std::vector<const ReportItem*> open = r.open_items();
  out += fmt::format("\n## Open items ({})\n\n", open.size());
  if (open.empty()) out += "None: every applicable item is answered, attributed and confirmed.\n";
  if (!open.empty()) {
    out += cells({"Item", "Reason", "Detail", "Question", "Ask also"});
    out += "| --- | --- | --- | --- | --- |\n";
  }
  for (const ReportItem* item : open) {
    std::vector<std::string> asks;
    for (const std::string& q : item->clarify)
      asks.push_back(markdown_escape(q));
    out += cells({markdown_escape(item->id), gate_word(*item), markdown_escape(item->detail),
                  markdown_escape(item->prompt), joined(asks, " · ")});
  }
  if (r.retired.empty()) return out;
  out += fmt::format("\n## Retired answers ({})\n\nTheir items left the checklist; the answers "
                     "are kept.\n\n",
                     r.retired.size());
  out += cells({"Item", "State", "Answer", "Source", "Note"});
  out += "| --- | --- | --- | --- | --- |\n";
  for (const ReportItem& item : r.retired) {
    out += cells({markdown_escape(item.id), state_word(item.state), markdown_escape(item.answer),
                  markdown_escape(item.source_name), markdown_escape(item.note)});
  }
  return out;
}

} // namespace cna
