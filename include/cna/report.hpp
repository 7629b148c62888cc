// The confirmed-needs report (docs/reports.md): one model built from the checklist, the
// assessment and its readiness, and one small renderer per format. Renderers return strings; the
// caller decides stdout or a file. Each format has one escaping function, used for everything
// that format carries from a file or a person.
//
// The JSON shape (`--format json` or `--json`), version 2 (docs/json.md, keys as in views.hpp):
//   {"cna_report": 2, "generated_at": "2026-11-23T10:00:00Z", "audience": "internal" | "customer",
//    "account", "name",
//    "checklist": {"id", "version", "title"},
//    "ready", "applicable", "answered", "confirmed", "blocked" (counts of items),
//    "sections": [{"id", "title", "applicable", "answered", "confirmed", "blocked",
//                  "items": [ITEM]}],
//    "power_base": [{"id", "name", "title", "roles", "said": [SAID]}],
//    "next_steps": [NEXT_STEP] (views.hpp), "meetings": [{"id", "date", "purpose",
//                  "attendees": [{"id", "name"}], "ours", "outcome", "answered", "confirmed"}],
//    "blockers": [{"item", "prompt", "reason", "detail", "clarify": ["question", ...]}],
//    "retired": [SAID + {"source", "source_name", "note"}]}
//   (retired: answers of items the checklist no longer has, kept; text, md and html list them
//   under "Retired answers" when there are any, csv as rows with gate "retired")
//   ITEM: {"id", "prompt", "type", "required", "state", "value" (as stored), "answer" (as shown),
//          "source" (stakeholder id), "source_name", "note",
//          "confirmed": {"at", "by", "with", "with_name", "with_source"} | null
//          (with_source: confirmed with the stakeholder who said it; null when no one said it),
//          "blocker": {"reason", "detail"} | null, "clarify": ["question", ...]}
// `report --all` writes {"cna_report": 1, "generated_at", "accounts": [ACCOUNT, ...]}, each ACCOUNT
// the object above without "cna_report" and "generated_at", one per line.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/quality.hpp"
#include "cna/readiness.hpp"

namespace cna {

// Who a report is for (`cna report --audience`): the account team sees everything; the customer
// never sees an internal item (docs/checklist-format.md, "internal"), stakeholders' roles or
// retired answers, and reads each item's customer-facing label instead of the question asked.
enum class Audience { internal, customer };
struct AudienceInfo {
  Audience audience;
  std::string_view name;    // as given to --audience and in the JSON
  std::string_view heading; // what the top of a Markdown, HTML or text report says
};
inline constexpr std::array<AudienceInfo, 2> kAudiences{{
    {Audience::internal, "internal", "Internal: for the account team, not for the customer"},
    {Audience::customer, "customer", "For the customer: internal notes are left out"},
}};
[[nodiscard]] const AudienceInfo& audience_info(Audience audience);
[[nodiscard]] std::optional<Audience> parse_audience(std::string_view name);

// One applicable item as the report shows it.
struct ReportItem {
  std::string id;
  std::string prompt; // the question; for the customer, the item's label when it has one
  std::string label;  // the customer-facing label, else the question
  bool internal = false;
  ItemType type = ItemType::text;
  bool required = true;
  State state = State::missing;
  Value value;        // as stored (answered)
  std::string answer; // as shown: option labels, stakeholder names, one list entry per line;
                      // the n/a reason; "OWNER to find out by DUE" when unknown
  std::string source; // stakeholder id
  std::string source_name;
  std::string note;
  std::string confirmed_at; // empty when not confirmed
  std::string confirmed_by;
  std::string confirmed_with; // stakeholder id
  std::string confirmed_with_name;
  std::string meeting;      // the meeting it was said in, as a person knows it (meeting_label)
  std::string confirmed_in; // the meeting it was read back in, the same way
  std::optional<Reason> blocker;
  std::string detail;
  std::vector<std::string> clarify;
};

struct ReportSection {
  std::string id;
  std::string title;
  SectionProgress progress;
  std::vector<ReportItem> items; // applicable items only
};

struct ReportPerson {
  std::string id;
  std::string name;
  std::string title;
  std::vector<std::string> roles; // those held (power_base.hpp); none for the customer
  std::vector<std::string> said;  // ids of the items this stakeholder is the source of
  // The same items as a person reads them (their label, else the question): what the text,
  // Markdown and HTML reports show; the JSON keeps the ids.
  std::vector<std::string> said_names;
  // For the account team only, unset for the customer: met, stance and access as text
  // (standing_text) and as values.
  std::string standing;
  std::optional<bool> met;
  std::string stance;
  std::vector<std::string> access_via;
};

// A meeting as the report shows it: people by name; the outcome for the account team only.
struct ReportMeeting {
  std::string id;
  std::string date;
  std::string purpose;
  std::vector<std::string> attendees;    // names
  std::vector<std::string> attendee_ids; // stakeholder ids, in the same order (JSON and CSV)
  std::vector<std::string> ours;
  std::string outcome;
  std::size_t answered = 0;  // answers given in it
  std::size_t confirmed = 0; // read back in it
};

// A next step as the report shows it: the owner by name.
struct ReportNextStep {
  std::string id;
  std::string what;
  std::string owner;    // a name
  std::string owner_id; // as stored: a stakeholder id, or one of our own people by name
  std::string due;      // YYYY-MM-DD or ""
  std::string done;     // YYYY-MM-DD or ""
  std::string meeting;  // the meeting it was agreed in (its id), "" when none
  bool overdue = false;
};

struct Report {
  Audience audience = Audience::internal;
  std::string account;
  std::string name;
  std::string checklist_id;
  std::string checklist_version;
  std::string checklist_title;
  std::string generated_at; // "2026-11-23T10:00:00Z"
  std::string date;         // "2026-11-23"
  bool ready = false;
  std::size_t blockers = 0;
  std::size_t applicable = 0;
  std::size_t answered = 0; // answered or n/a
  std::size_t confirmed = 0;
  std::vector<ReportSection> sections;
  std::vector<ReportPerson> power_base;
  std::vector<ReportMeeting> meetings;    // by date
  std::vector<ReportNextStep> next_steps; // the open ones by due date, then those done
  // Answers of items the checklist dropped (docs/checklists-as-code.md), kept and shown: id, state,
  // answer (as stored, list entries one per line), source, note and confirmation; no prompt.
  std::vector<ReportItem> retired;

  [[nodiscard]] const ReportItem* find(std::string_view id) const;
  [[nodiscard]] std::vector<const ReportItem*> open_items() const; // the blockers, in order
};

// Built once from the three; `now` dates the report.
[[nodiscard]] Report build_report(const Checklist& checklist, const Assessment& assessment,
                                  const Readiness& readiness, Seconds now,
                                  Audience audience = Audience::internal);

// The lines of an answer as shown (list and multi entries, longtext lines), empty ones dropped.
[[nodiscard]] std::vector<std::string> answer_lines(const ReportItem& item);

enum class ReportFormat { text, md, html, json, csv, ndjson };

// How `report --all` lays a format out: one file per account in a folder, or one document.
enum class ReportLayout { file_per_account, document };

// The report formats: one row each, in enum order. cmd_report's --format check and help, the
// file extension, the layout of --all and the renderer all come from this table.
struct ReportFormatInfo {
  ReportFormat format;
  std::string_view name;      // as given to --format
  std::string_view extension; // of the file --all writes per account
  ReportLayout layout;
  std::string (*render)(const Report&); // one account's report
  std::string_view help;
};
[[nodiscard]] std::span<const ReportFormatInfo> report_formats();
[[nodiscard]] const ReportFormatInfo& format_info(ReportFormat format);

[[nodiscard]] std::optional<ReportFormat> parse_report_format(std::string_view name);
[[nodiscard]] std::string_view extension(ReportFormat format); // "md", "html", "txt", ...

// One account's report in the format.
[[nodiscard]] std::string render_report(const Report& report, ReportFormat format);

// Several accounts in one document (`report --all`), written one account at a time so a large
// portfolio never sits in memory: head(), part() for each account, tail(). body() is the costly
// part of part() and thread-safe: the portfolio renders accounts on all cores, and joins them in
// order with part(body).
class ReportDocument {
public:
  ReportDocument(ReportFormat format, Seconds now);
  [[nodiscard]] std::string head() const;
  [[nodiscard]] std::string body(const Report& report) const;
  [[nodiscard]] std::string part(std::string body); // with what separates it from the last
  [[nodiscard]] std::string part(const Report& report) { return part(body(report)); }
  [[nodiscard]] std::string tail() const;

private:
  ReportFormat m_format;
  std::string m_generated_at;
  std::size_t m_parts = 0;
};

// Text from a file or a person made displayable: visible() with newlines kept, CR and CRLF read
// as newlines. The text report uses it directly; each escaping function below starts with it.
[[nodiscard]] std::string display_text(std::string_view text);

// The escaping function of each format.
//   Markdown: one inert line for a table cell or a paragraph: no live link, autolink, raw HTML,
//   emphasis, code, table pipe or block marker; newlines become " ↵ ".
[[nodiscard]] std::string markdown_escape(std::string_view text);
//   HTML: & < > " ' as entities (newlines kept; the stylesheet shows them).
[[nodiscard]] std::string html_escape(std::string_view text);

// One account of the HTML portfolio index (`cna report --all --format html -o DIR`).
struct PortfolioEntry {
  std::string account; // its slug: its report is ACCOUNT.html beside the index
  std::string name;
  Quality quality;
};
// The index: the figures of `cna status` per account (quality_of), the portfolio's totals and
// small inline-SVG bars, each account linking to its report; self-contained as report_html.
[[nodiscard]] std::string portfolio_html(const std::vector<PortfolioEntry>& entries, Seconds now);
//   CSV: one RFC 4180 field, quoted when needed; a cell a spreadsheet would run as a formula
//   (starting with = + - @, a tab or CR, also after spaces) gets a leading '.
[[nodiscard]] std::string csv_cell(std::string_view text);
void append_csv_cell(std::string& out, std::string_view text); // the same, onto `out`

// The renderers, one per format (report_<format>.cpp).
[[nodiscard]] std::string report_text(const Report& report);
[[nodiscard]] std::string report_md(const Report& report);
[[nodiscard]] std::string report_html(const Report& report);
[[nodiscard]] std::string report_json(const Report& report);
[[nodiscard]] std::string report_json_account(const Report& report); // one line, for --all
[[nodiscard]] std::string report_ndjson(const Report& report);       // that line and a newline
[[nodiscard]] std::string report_csv(const Report& report);          // the header and the rows
[[nodiscard]] std::string report_csv_header();
[[nodiscard]] std::string report_csv_rows(const Report& report);

// "Scope the pilot (2026-12-02)": a meeting as a person knows it (its id when it is gone).
[[nodiscard]] std::string meeting_label(const Assessment& assessment, const std::string& id);

// "open", "OVERDUE" or "done 2026-11-30".
[[nodiscard]] std::string step_state(const ReportNextStep& step);

// Who said it and where: "Dana Lee, in Scope the pilot (2026-12-02)" (the name alone when said
// outside a meeting).
[[nodiscard]] std::string said_by(const ReportItem& item);

// Words the renderers share: "READY" or "BLOCKED (3 blockers)"; "2026-11-23 with Dana Lee"
// (empty when not confirmed); the state ("answered", "n/a", "unknown", "missing", "conflict");
// the gate ("ok", "optional", or the blocker's reason such as "unconfirmed").
[[nodiscard]] std::string verdict(const Report& report);
// (", not with Katrin Vogel who said it" when the stakeholder who confirmed it is not the one who
// said it).
[[nodiscard]] std::string confirmation(const ReportItem& item);
// Confirmed, and with someone other than its source (an item with a source only).
[[nodiscard]] bool confirmed_by_other(const ReportItem& item);
[[nodiscard]] std::string state_word(State state);
[[nodiscard]] std::string gate_word(const ReportItem& item);

} // namespace cna
