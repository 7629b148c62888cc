// The report as one self-contained printable HTML file: inline CSS, a per-section chart in inline
// SVG, no script and no external resource, and a CSP that would refuse them anyway.
#include <fmt/format.h>

#include "cna/quality.hpp"

#include "cna/report.hpp"

namespace cna {

namespace {

constexpr std::string_view kHead = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 14px/1.45 system-ui, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d2430;
  max-width: 64rem; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ font-size: 1.6rem; margin: 0 0 .3rem; }}
h2 {{ font-size: 1.15rem; margin: 1.8rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 1px solid #d6dbe3; }}
table {{ border-collapse: collapse; width: 100%; margin: .4rem 0; }}
th, td {{ border: 1px solid #d6dbe3; padding: .3rem .45rem; text-align: left;
  vertical-align: top; }}
th {{ background: #f2f4f7; }}
td {{ white-space: pre-line; overflow-wrap: break-word; }}
td.state {{ white-space: nowrap; }}
td.n {{ text-align: right; }}
.meta, .id {{ color: #5b6472; }}
.id {{ font-size: .85em; }}
.verdict {{ font-weight: 700; font-size: 1.1rem; }}
.ready, .ok {{ color: #17663a; }}
.blocked, .bad {{ color: #a32020; }}
.chart text {{ font-size: 12px; fill: #1d2430; }}
ul {{ margin: 0; padding-left: 1.1rem; }}
@media print {{ body {{ max-width: none; margin: 0; }} h2 {{ break-after: avoid; }}
  tr, svg {{ break-inside: avoid; }} }}
</style>
</head>
<body>
)";

constexpr int kChartWidth = 640;
constexpr int kBarWidth = 560;
constexpr int kRowHeight = 36;

std::string td(std::string_view text, std::string_view cls = "") {
  return cls.empty() ? fmt::format("<td>{}</td>", text)
                     : fmt::format("<td class=\"{}\">{}</td>", cls, text);
}

int share(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0 : static_cast<int>(part * kBarWidth / whole);
}

// A section's items by what the bar shows: settled (answered or n/a and holding nothing: confirmed,
// or optional with nothing to read back), answered but still holding the gate, and the rest.
struct BarCounts {
  std::size_t settled = 0;
  std::size_t answered = 0; // settled ones included
  std::size_t applicable = 0;
};

BarCounts bar_counts(const ReportSection& s) {
  BarCounts c;
  for (const ReportItem& item : s.items) {
    const bool done = item.state == State::answered || item.state == State::na;
    ++c.applicable;
    if (done) ++c.answered;
    if (done && !item.blocker) ++c.settled;
  }
  return c;
}

// One bar per section: settled (green), answered but still holding the gate (amber), the rest
// grey. Green is what the verdict counts, so a READY report shows no amber.
std::string chart(const Report& r) {
  const int height = static_cast<int>(r.sections.size()) * kRowHeight + 24;
  std::string out = fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-labelledby=\"chart-title\">\n"
      "<title id=\"chart-title\">Readiness by section: items settled and answered of those "
      "that apply</title>\n",
      kChartWidth, height);
  int y = 0;
  for (const ReportSection& s : r.sections) {
    const BarCounts p = bar_counts(s);
    const int settled = share(p.settled, p.applicable);
    const int answered = std::max(share(p.answered, p.applicable), settled);
    out += fmt::format("<text x=\"0\" y=\"{}\">{}</text>\n", y + 12, html_escape(s.title));
    out += fmt::format("<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"#e3e7ed\"/>\n",
                       y + 18, kBarWidth);
    out += fmt::format("<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"#e0a526\"/>\n",
                       y + 18, answered);
    out += fmt::format("<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"#2e8b57\"/>\n",
                       y + 18, settled);
    out += fmt::format("<text x=\"{}\" y=\"{}\">{}/{}</text>\n", kBarWidth + 8, y + 27, p.settled,
                       p.applicable);
    y += kRowHeight;
  }
  out += fmt::format("<rect x=\"0\" y=\"{0}\" width=\"10\" height=\"10\" fill=\"#2e8b57\"/>"
                     "<text x=\"14\" y=\"{1}\">settled</text>"
                     "<rect x=\"100\" y=\"{0}\" width=\"10\" height=\"10\" fill=\"#e0a526\"/>"
                     "<text x=\"114\" y=\"{1}\">answered, still holding the gate</text>\n",
                     y + 6, y + 15);
  return out + "</svg>\n";
}

std::string section_table(const ReportSection& s) {
  std::string out = "<table>\n<tr><th>Question</th><th>Answer</th><th>Source</th>"
                    "<th>Confirmed</th><th>State</th><th>Note</th></tr>\n";
  for (const ReportItem& item : s.items) {
    out += "<tr>" +
           td(fmt::format("{} <span class=\"id\">{}</span>", html_escape(item.prompt),
                          html_escape(item.id))) +
           td(html_escape(item.answer)) + td(html_escape(said_by(item))) +
           td(html_escape(confirmation(item))) +
           td(state_word(item.state) + " · " + gate_word(item),
              item.blocker ? "state bad" : "state ok") +
           td(html_escape(item.note)) + "</tr>\n";
  }
  return out + "</table>\n";
}

std::string power_base(const Report& r) {
  if (r.power_base.empty()) return "<p>No stakeholders yet.</p>\n";
  std::string out = "<table>\n<tr><th>Stakeholder</th><th>Title</th><th>Roles</th>"
                    "<th>Said</th></tr>\n";
  for (const ReportPerson& p : r.power_base) {
    out += "<tr>" + td(html_escape(p.name)) + td(html_escape(p.title)) +
           td(html_escape(fmt::format("{}{}", fmt::join(p.roles, ", "),
                                      p.standing.empty() ? "" : " · " + p.standing))) +
           td(html_escape(fmt::format("{}", fmt::join(p.said_names, "\n")))) + "</tr>\n";
  }
  return out + "</table>\n";
}

std::string next_steps(const Report& r) {
  if (r.next_steps.empty()) return "";
  std::string out = fmt::format("<h2>Next steps ({})</h2>\n<table>\n<tr><th>Next step</th>"
                                "<th>Owner</th><th>Due</th><th>State</th></tr>\n",
                                r.next_steps.size());
  for (const ReportNextStep& step : r.next_steps) {
    out += "<tr>" + td(html_escape(step.what)) + td(html_escape(step.owner)) + td(step.due) +
           td(step_state(step), step.overdue ? "bad" : "") + "</tr>\n";
  }
  return out + "</table>\n";
}

std::string meetings(const Report& r) {
  if (r.meetings.empty()) return "";
  std::string out = fmt::format("<h2>Meetings ({})</h2>\n<table>\n<tr><th>Date</th><th>Purpose</th>"
                                "<th>With</th><th>Ours</th><th>Outcome</th><th>Answered</th>"
                                "<th>Read back</th></tr>\n",
                                r.meetings.size());
  for (const ReportMeeting& m : r.meetings) {
    out += "<tr>" + td(m.date) + td(html_escape(m.purpose)) +
           td(html_escape(fmt::format("{}", fmt::join(m.attendees, ", ")))) +
           td(html_escape(fmt::format("{}", fmt::join(m.ours, ", ")))) +
           td(html_escape(m.outcome)) + td(std::to_string(m.answered), "n") +
           td(std::to_string(m.confirmed), "n") + "</tr>\n";
  }
  return out + "</table>\n";
}

std::string open_items(const Report& r) {
  const std::vector<const ReportItem*> open = r.open_items();
  std::string out = fmt::format("<h2>Open items ({})</h2>\n", open.size());
  if (open.empty()) {
    return out + "<p>None: every applicable item is answered, attributed and confirmed.</p>\n";
  }
  out += "<table>\n<tr><th>Item</th><th>Reason</th><th>Detail</th><th>Question</th>"
         "<th>Ask also</th></tr>\n";
  for (const ReportItem* item : open) {
    std::string asks;
    for (const std::string& q : item->clarify)
      asks += "<li>" + html_escape(q) + "</li>";
    out += "<tr>" + td(html_escape(item->id)) + td(gate_word(*item), "bad") +
           td(html_escape(item->detail)) + td(html_escape(item->prompt)) +
           td(asks.empty() ? "" : "<ul>" + asks + "</ul>") + "</tr>\n";
  }
  return out + "</table>\n";
}

std::string retired(const Report& r) {
  if (r.retired.empty()) return "";
  std::string out = fmt::format("<h2>Retired answers ({})</h2>\n<p>Their items left the "
                                "checklist; the answers are kept.</p>\n",
                                r.retired.size());
  out += "<table>\n<tr><th>Item</th><th>State</th><th>Answer</th><th>Source</th><th>Note</th>"
         "</tr>\n";
  for (const ReportItem& item : r.retired) {
    out += "<tr>" + td(html_escape(item.id)) + td(state_word(item.state)) +
           td(html_escape(item.answer)) + td(html_escape(said_by(item))) +
           td(html_escape(item.note)) + "</tr>\n";
  }
  return out + "</table>\n";
}

// A small bar of `part` of `whole` (inline SVG, `width` px), its share as its title.
std::string mini_bar(std::size_t part, std::size_t whole, std::string_view what, int width = 80) {
  const auto filled =
      static_cast<int>(whole == 0 ? 0 : part * static_cast<std::size_t>(width) / whole);
  return fmt::format("<svg class=\"mini\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" "
                     "height=\"8\" viewBox=\"0 0 {0} 8\" role=\"img\"><title>{1}% {2}</title>"
                     "<rect x=\"0\" y=\"0\" width=\"{0}\" height=\"8\" fill=\"#e3e7ed\"/>"
                     "<rect x=\"0\" y=\"0\" width=\"{3}\" height=\"8\" fill=\"#2e8b57\"/></svg>",
                     width, percent(part, whole), what, filled);
}

// A share as the index shows it: the bar, then "67% · 2/3".
std::string share_cell(std::size_t part, std::size_t whole, std::string_view what) {
  return td(fmt::format("{}<br>{}% · {}/{}", mini_bar(part, whole, what), percent(part, whole),
                        part, whole),
            "n");
}

std::string last_met(const Quality& q, Seconds now) {
  const auto d = days_since(q.last_meeting, now);
  if (!d) return "never";
  return *d == 0 ? q.last_meeting + " (today)"
                 : fmt::format("{} ({} days ago)", q.last_meeting, *d);
}

} // namespace

std::string portfolio_html(const std::vector<PortfolioEntry>& entries, Seconds now) {
  const std::string title =
      fmt::format("Portfolio: {} account{}", entries.size(), entries.size() == 1 ? "" : "s");
  std::string out = fmt::format(kHead, fmt::arg("title", title));
  Quality total;
  std::size_t ready = 0;
  for (const PortfolioEntry& e : entries) {
    const Quality& q = e.quality;
    for (const auto member :
         {&Quality::applicable, &Quality::answered, &Quality::sourced, &Quality::confirmed,
          &Quality::overdue, &Quality::stale_soon, &Quality::stakeholders, &Quality::met})
      total.*member += q.*member;
    if (q.blockers == 0) ++ready;
  }
  out += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"meta\">{} · {} ready · {} overdue next "
                     "step{} · {} going stale within a week</p>\n</header>\n",
                     title, format_date(now), ready, total.overdue, total.overdue == 1 ? "" : "s",
                     total.stale_soon);
  out += "<h2>Across the portfolio</h2>\n<table>\n<tr><th>Answered</th><th>Sourced</th>"
         "<th>Confirmed</th><th>Stakeholders met</th></tr>\n<tr>" +
         share_cell(total.answered, total.applicable, "answered") +
         share_cell(total.sourced, total.applicable, "sourced") +
         share_cell(total.confirmed, total.applicable, "confirmed") +
         share_cell(total.met, total.stakeholders, "met") + "</tr>\n</table>\n";
  out += "<h2>Accounts</h2>\n<table>\n<tr><th>Account</th><th>Rep</th><th>Answered</th>"
         "<th>Sourced</th><th>Confirmed</th><th>Met</th><th>Voices</th><th>Last met</th>"
         "<th>Overdue</th><th>Stale 7d</th><th>Verdict</th></tr>\n";
  for (const PortfolioEntry& e : entries) {
    const Quality& q = e.quality;
    out += "<tr>" +
           td(fmt::format("<a href=\"{0}.html\">{1}</a> <span class=\"id\">{2}</span>",
                          html_escape(e.account), html_escape(e.name), html_escape(e.account))) +
           td(html_escape(q.rep)) + share_cell(q.answered, q.applicable, "answered") +
           share_cell(q.sourced, q.applicable, "sourced") +
           share_cell(q.confirmed, q.applicable, "confirmed") +
           td(fmt::format("{}/{}", q.met, q.stakeholders), q.met == 0 ? "n bad" : "n") +
           td(q.single_threaded() ? std::string("1 (single-threaded)") : std::to_string(q.voices),
              q.single_threaded() ? "n bad" : "n") +
           td(last_met(q, now), "state") +
           td(std::to_string(q.overdue), q.overdue == 0 ? "n" : "n bad") +
           td(std::to_string(q.stale_soon), "n") +
           td(q.blockers == 0 ? std::string("READY") : fmt::format("BLOCKED ({})", q.blockers),
              q.blockers == 0 ? "state ready" : "state blocked") +
           "</tr>\n";
  }
  out +=
      "</table>\n<p class=\"meta\">Sourced: the answer names who said it. Confirmed: read back "
      "and holding nothing. Voices: the stakeholders the answers come from; single-threaded when "
      "at least two all come from one. Stale 7d: confirmations that expire within a week.</p>\n";
  return out + "</body>\n</html>\n";
}

std::string html_escape(std::string_view raw) {
  const std::string text = display_text(raw);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string report_html(const Report& r) {
  const std::string title = "Needs assessment: " + html_escape(r.name);
  std::string out = fmt::format(kHead, fmt::arg("title", title));
  out += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"audience\">{}</p>\n", title,
                     html_escape(audience_info(r.audience).heading));
  out += fmt::format("<p class=\"meta\">Account {} · {} ({} {}) · {}</p>\n", html_escape(r.account),
                     html_escape(r.checklist_title), html_escape(r.checklist_id),
                     html_escape(r.checklist_version), r.date);
  out +=
      fmt::format("<p class=\"verdict {}\">{} · {} applicable items, {} answered, {} "
                  "confirmed</p>\n</header>\n",
                  r.ready ? "ready" : "blocked", verdict(r), r.applicable, r.answered, r.confirmed);
  out += "<h2>Readiness by section</h2>\n" + chart(r);
  for (const ReportSection& s : r.sections) {
    out += fmt::format("<h2>{}</h2>\n", html_escape(s.title));
    out += s.items.empty() ? "<p>No applicable items.</p>\n" : section_table(s);
  }
  out += "<h2>Power base</h2>\n" + power_base(r) + next_steps(r) + meetings(r) + open_items(r) +
         retired(r);
  return out + "</body>\n</html>\n";
}

} // namespace cna
