// The report model, built once; the renderers (report_<format>.cpp) only lay it out.
#include "cna/report.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

#include "cna/item_types.hpp"
#include "cna/power_base.hpp"
#include "cna/text.hpp"

namespace cna {

namespace {

// What an answer says and who stands behind it; `item` is null for a retired answer (shown as
// stored, since its item is gone).
void fill_answer(ReportItem& out, const Answer* a, const Item* item, const Assessment& assessment) {
  if (a == nullptr) return;
  if (a->state == State::answered) out.value = a->value;
  out.answer = describe_answer(*a, item, assessment.stakeholders, {.state = false});
  out.source = a->source;
  out.source_name = a->source.empty() ? "" : assessment.name_of(a->source);
  out.note = a->note;
  out.confirmed_at = a->confirmed_at;
  out.confirmed_by = a->confirmed_by;
  out.confirmed_with = a->confirmed_with;
  out.confirmed_with_name = a->confirmed_with.empty() ? "" : assessment.name_of(a->confirmed_with);
  out.meeting = a->meeting.empty() ? "" : meeting_label(assessment, a->meeting);
  out.confirmed_in = a->confirmed_in.empty() ? "" : meeting_label(assessment, a->confirmed_in);
}

ReportItem report_item(const ItemStatus& status, const Assessment& assessment, Audience audience) {
  const Item& item = *status.item;
  ReportItem out;
  out.id = item.id;
  out.label = item.label.empty() ? item.prompt : item.label;
  out.prompt = audience == Audience::customer ? out.label : item.prompt;
  out.internal = item.internal;
  out.type = item.type;
  out.required = item.required;
  out.state = status.state;
  out.blocker = status.blocker;
  out.detail = status.detail;
  out.clarify = item.clarify;
  fill_answer(out, status.answer, &item, assessment);
  return out;
}

} // namespace

const ReportItem* Report::find(std::string_view id) const {
  for (const ReportSection& section : sections) {
    for (const ReportItem& item : section.items) {
      if (item.id == id) return &item;
    }
  }
  return nullptr;
}

std::vector<const ReportItem*> Report::open_items() const {
  std::vector<const ReportItem*> open;
  for (const ReportSection& section : sections) {
    for (const ReportItem& item : section.items) {
      if (item.blocker) open.push_back(&item);
    }
  }
  return open;
}

const AudienceInfo& audience_info(Audience audience) {
  return kAudiences.at(static_cast<std::size_t>(audience));
}

std::optional<Audience> parse_audience(std::string_view name) {
  for (const AudienceInfo& row : kAudiences) {
    if (row.name == name) return row.audience;
  }
  return std::nullopt;
}

Report build_report(const Checklist& checklist, const Assessment& assessment,
                    const Readiness& readiness, Seconds now, Audience audience) {
  const bool customer = audience == Audience::customer;
  Report r;
  r.audience = audience;
  r.account = assessment.account;
  r.name = assessment.name;
  r.checklist_id = checklist.id;
  r.checklist_version = checklist.version;
  r.checklist_title = checklist.title;
  r.generated_at = format_timestamp(now);
  r.date = format_date(now);
  r.ready = readiness.ready();
  r.blockers = readiness.blockers;
  r.applicable = readiness.applicable;
  r.answered = readiness.answered;
  r.confirmed = readiness.confirmed;
  for (std::size_t i = 0; i < checklist.sections.size(); ++i) {
    r.sections.push_back(
        {checklist.sections[i].id, checklist.sections[i].title, readiness.sections[i], {}});
  }
  for (const ItemStatus& status : readiness.items) {
    if (status.applicable && !(customer && status.item->internal)) {
      r.sections[status.item->section].items.push_back(report_item(status, assessment, audience));
    }
  }
  if (customer) { // a section of internal items only is not the customer's
    std::erase_if(r.sections, [&](const ReportSection& s) {
      return std::any_of(checklist.sections.begin(), checklist.sections.end(),
                         [&](const Section& c) { return c.id == s.id && c.internal; });
    });
  }
  for (const Stakeholder& s : assessment.stakeholders) {
    // The roles, stance and access are our reading of the power base (a blocker, a sceptic):
    // not the customer's.
    ReportPerson person{s.id, s.name, s.title, {}, {}, {}, {}, {}, {}, {}};
    if (!customer) {
      for (const HeldRole& held : held_roles(assessment, checklist, s.id))
        person.roles.push_back(held.role);
      person.standing = standing_text(assessment, s, r.date);
      person.met = met(assessment, s, r.date);
      person.stance = to_string(s.stance);
      person.access_via = s.access_via;
    }
    for (const ReportSection& section : r.sections) {
      for (const ReportItem& item : section.items) {
        if (item.source != s.id || item.state == State::missing) continue;
        person.said.push_back(item.id);
        person.said_names.push_back(item.label);
      }
    }
    r.power_base.push_back(std::move(person));
  }
  for (const Meeting& m : assessment.meetings) {
    ReportMeeting meeting{
        m.id, m.date, m.purpose, {}, m.attendees, m.ours, customer ? "" : m.outcome, 0, 0};
    for (const std::string& id : m.attendees)
      meeting.attendees.push_back(assessment.name_of(id));
    for (const ReportSection& section : r.sections) {
      for (const ReportItem& item : section.items) {
        const Answer* a = assessment.find_answer(item.id);
        if (a == nullptr || a->state == State::missing) continue;
        if (a->meeting == m.id) ++meeting.answered;
        if (a->confirmed_in == m.id) ++meeting.confirmed;
      }
    }
    r.meetings.push_back(std::move(meeting));
  }
  const auto next_step = [&](const NextStep& step) {
    r.next_steps.push_back({step.id, step.what,
                            step.owner.empty() ? "" : assessment.name_of(step.owner), step.owner,
                            step.due, step.done, step.meeting, overdue(step, r.date)});
  };
  for (const NextStep* step : open_next_steps(assessment))
    next_step(*step);
  for (const NextStep& step : assessment.next_steps) {
    if (!step.done.empty()) next_step(step);
  }
  // A retired answer's item is gone, and with it whether the customer may see it.
  for (const auto& [id, answer] : assessment.retired) {
    if (customer) break;
    ReportItem item;
    item.id = id;
    item.state = answer.state;
    fill_answer(item, &answer, nullptr, assessment);
    r.retired.push_back(std::move(item));
  }
  return r;
}

std::vector<std::string> answer_lines(const ReportItem& item) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= item.answer.size()) {
    const std::size_t end = std::min(item.answer.find('\n', start), item.answer.size());
    std::string line = trim(std::string_view(item.answer).substr(start, end - start));
    if (!line.empty()) lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

namespace {

using L = ReportLayout;
constexpr std::array<ReportFormatInfo, 6> kReportFormats = {{
    {ReportFormat::text, "text", "txt", L::document, report_text, "for a terminal (default)"},
    {ReportFormat::md, "md", "md", L::file_per_account, report_md, "Markdown, for git hosts"},
    {ReportFormat::html, "html", "html", L::file_per_account, report_html,
     "one printable page, no scripts"},
    {ReportFormat::json, "json", "json", L::document, report_json, "one JSON document"},
    {ReportFormat::csv, "csv", "csv", L::document, report_csv, "one row per item"},
    {ReportFormat::ndjson, "ndjson", "ndjson", L::document, report_ndjson,
     "one JSON object per account and line"},
}};
static_assert(kReportFormats.size() == static_cast<std::size_t>(ReportFormat::ndjson) + 1,
              "one row per ReportFormat");

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kReportFormats.size(); ++i) {
    if (static_cast<std::size_t>(kReportFormats[i].format) != i) return false;
  }
  return true;
}
static_assert(in_enum_order(), "kReportFormats is indexed by ReportFormat");

} // namespace

std::span<const ReportFormatInfo> report_formats() { return kReportFormats; }

const ReportFormatInfo& format_info(ReportFormat format) {
  return kReportFormats.at(static_cast<std::size_t>(format));
}

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  for (const ReportFormatInfo& info : report_formats()) {
    if (info.name == name) return info.format;
  }
  return std::nullopt;
}

std::string_view extension(ReportFormat format) { return format_info(format).extension; }

std::string render_report(const Report& report, ReportFormat format) {
  return format_info(format).render(report);
}

ReportDocument::ReportDocument(ReportFormat format, Seconds now)
    : m_format(format), m_generated_at(format_timestamp(now)) {}

std::string ReportDocument::head() const {
  if (m_format == ReportFormat::csv) return report_csv_header();
  if (m_format == ReportFormat::json) {
    return fmt::format("{{\"cna_report\": 2, \"generated_at\": \"{}\", \"accounts\": [\n",
                       m_generated_at);
  }
  return "";
}

std::string ReportDocument::body(const Report& report) const {
  switch (m_format) {
  case ReportFormat::csv:
    return report_csv_rows(report);
  case ReportFormat::json:
    return report_json_account(report);
  case ReportFormat::ndjson:
    return report_ndjson(report);
  default:
    return render_report(report, m_format);
  }
}

std::string ReportDocument::part(std::string body) {
  const bool first = m_parts++ == 0;
  switch (m_format) {
  case ReportFormat::csv:
  case ReportFormat::ndjson:
    return body;
  case ReportFormat::json:
    return (first ? "" : ",\n") + body;
  default:
    return (first ? "" : "\n") + body;
  }
}

std::string ReportDocument::tail() const {
  if (m_format != ReportFormat::json) return "";
  return m_parts > 0 ? "\n]}\n" : "]}\n";
}

std::string display_text(std::string_view text) {
  if (text.find('\r') == std::string_view::npos) return visible(text, true);
  std::string lines;
  lines.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      lines += text[i];
    } else if (i + 1 == text.size() || text[i + 1] != '\n') {
      lines += '\n'; // a lone CR ends a line too; a CRLF's LF follows
    }
  }
  return visible(lines, true);
}

std::string verdict(const Report& report) {
  if (report.ready) return "READY";
  return fmt::format("BLOCKED ({} blocker{})", report.blockers, report.blockers == 1 ? "" : "s");
}

bool confirmed_by_other(const ReportItem& item) {
  // An internal answer is verified by the rep, never read back: no one confirms it "with" anyone.
  return !item.internal && !item.confirmed_at.empty() && !item.source.empty() &&
         item.confirmed_with != item.source;
}

std::string confirmation(const ReportItem& item) {
  if (item.confirmed_at.empty()) return "";
  std::string out = local_date_of(item.confirmed_at); // the rep's day
  if (item.internal) return out + " verified by " + item.confirmed_by + " (internal)";
  if (!item.confirmed_with_name.empty()) out += " with " + item.confirmed_with_name;
  if (confirmed_by_other(item)) out += ", not with " + item.source_name + " who said it";
  if (!item.confirmed_in.empty()) out += " in " + item.confirmed_in;
  return out;
}

std::string step_state(const ReportNextStep& step) {
  if (!step.done.empty()) return "done " + step.done;
  return step.overdue ? "OVERDUE" : "open";
}

std::string said_by(const ReportItem& item) {
  if (item.meeting.empty()) return item.source_name;
  return item.source_name + (item.source_name.empty() ? "in " : ", in ") + item.meeting;
}

std::string meeting_label(const Assessment& assessment, const std::string& id) {
  const Meeting* m = assessment.find_meeting(id);
  if (m == nullptr) return id;
  return fmt::format("{} ({})", m->purpose.empty() ? "a meeting" : m->purpose, m->date);
}

std::string state_word(State state) { return std::string(state_info(state).word); }

std::string gate_word(const ReportItem& item) {
  if (item.blocker) return std::string(to_string(*item.blocker));
  const bool done = item.state == State::answered || item.state == State::na;
  return !item.required && !done ? "optional" : "ok";
}

} // namespace cna
