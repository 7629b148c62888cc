// The report as CSV (RFC 4180): one row per applicable item, then one per retired answer (gate
// "retired"), then one per next step and one per meeting (gates "next-step", "meeting"), for
// spreadsheets and scripts: each display column (answer, source, confirmed_with) has the raw value
// beside it (value and currency, source_id, confirmed_with_id), and every row says whether its
// account is ready, so one export answers both questions.
#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <string_view>
#include <variant>

#include "cna/json.hpp"
#include "cna/report.hpp"

namespace cna {

namespace {

// What a spreadsheet would read as the start of a formula.
constexpr std::string_view kFormulaStart = "=+-@\t\r";

// One CSV row; the field at `verbatim` (a number cna wrote) goes out as it is: it needs no
// quotes, and its leading minus is a sign, not a formula.
std::string row(std::initializer_list<std::string_view> fields,
                std::size_t verbatim = std::string_view::npos) {
  std::string out;
  std::size_t i = 0;
  for (const std::string_view field : fields) {
    if (i != 0) out += ',';
    if (i++ == verbatim) {
      out += field;
    } else {
      append_csv_cell(out, field);
    }
  }
  return out + "\r\n";
}

// An answer's value as stored, for a script or a warehouse: a string as it is (an option's value,
// an ISO date, a stakeholder id, text), several entries as a JSON array, a number without
// grouping, yes/no as true/false, money as its amount (its currency goes in its own column).
std::string raw_value(const Value& value) {
  if (!has_value(value)) return "";
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* money = std::get_if<Money>(&value))
    return dump_json(value_to_json(Value(money->amount)), -1);
  return dump_json(value_to_json(value), -1);
}

std::string currency(const Value& value) {
  const auto* money = std::get_if<Money>(&value);
  return money == nullptr ? "" : money->currency;
}

bool is_number(const Value& value) {
  return std::holds_alternative<double>(value) || std::holds_alternative<Money>(value);
}

constexpr std::size_t kValueColumn = 9; // "value" in report_csv_header()

std::string item_row(const Report& r, std::string_view section, const ReportItem& item,
                     std::string_view type, std::string_view gate, std::string_view detail) {
  return row({r.account,
              r.checklist_id,
              r.ready ? "true" : "false",
              section,
              item.id,
              type,
              item.prompt,
              state_word(item.state),
              item.answer,
              raw_value(item.value),
              currency(item.value),
              item.source_name,
              item.source,
              item.note,
              item.confirmed_at,
              item.confirmed_by,
              item.confirmed_with_name,
              item.confirmed_with,
              gate,
              detail},
             is_number(item.value) ? kValueColumn : std::string_view::npos);
}

// A row after the items for a record that is not an item, a next step or a meeting: its kind
// in type and gate, its fields in the item columns that fit them, the rest empty.
struct RecordRow {
  std::string_view id{};
  std::string_view kind{}; // "next-step", "meeting"
  std::string_view prompt{};
  std::string_view state{};
  std::string_view answer{};
  std::string_view value{};
  std::string_view source{};
  std::string_view source_id{};
  std::string_view note{};
  std::string_view detail{};
};

std::string record_row(const Report& r, const RecordRow& f) {
  return row({r.account,
              r.checklist_id,
              r.ready ? "true" : "false",
              "",
              f.id,
              f.kind,
              f.prompt,
              f.state,
              f.answer,
              f.value,
              "",
              f.source,
              f.source_id,
              f.note,
              "",
              "",
              "",
              "",
              f.kind,
              f.detail});
}

// A next step (gate "next-step"): the step in prompt, open, overdue or done in state and as a
// person reads it in answer, the due date in value, the owner in source and source_id, the day
// it was done in detail.
std::string next_step_row(const Report& r, const ReportNextStep& step) {
  const std::string answer = step_state(step);
  return record_row(r, {.id = step.id,
                        .kind = "next-step",
                        .prompt = step.what,
                        .state = !step.done.empty() ? "done"
                                 : step.overdue     ? "overdue"
                                                    : "open",
                        .answer = answer,
                        .value = step.due,
                        .source = step.owner,
                        .source_id = step.owner_id,
                        .detail = step.done});
}

// A meeting (gate "meeting"): the purpose in prompt, the outcome in answer, the date in value,
// who was there in source and source_id (one per line), ours in note, how many answers were
// given and read back in it in detail.
std::string meeting_row(const Report& r, const ReportMeeting& m) {
  const std::string attendees = fmt::format("{}", fmt::join(m.attendees, "\n"));
  const std::string ids = fmt::format("{}", fmt::join(m.attendee_ids, "\n"));
  const std::string ours = fmt::format("{}", fmt::join(m.ours, "\n"));
  const std::string detail = fmt::format("{} answered, {} read back", m.answered, m.confirmed);
  return record_row(r, {.id = m.id,
                        .kind = "meeting",
                        .prompt = m.purpose,
                        .answer = m.outcome,
                        .value = m.date,
                        .source = attendees,
                        .source_id = ids,
                        .note = ours,
                        .detail = detail});
}

} // namespace

void append_csv_cell(std::string& out, std::string_view raw) {
  // Printable ASCII that needs neither quotes nor a formula guard, the common case, as it is.
  const auto plain = [](char c) { return c >= 0x20 && c < 0x7F && c != ',' && c != '"'; };
  const auto formula_start = [](char c) { return kFormulaStart.find(c) != std::string_view::npos; };
  const std::size_t first = raw.find_first_not_of(' ');
  if (std::all_of(raw.begin(), raw.end(), plain) &&
      (first == std::string_view::npos || !formula_start(raw[first]))) {
    out += raw;
    return;
  }
  std::string text = display_text(raw);
  const std::size_t shown = text.find_first_not_of(' ');
  if ((!raw.empty() && formula_start(raw.front())) ||
      (shown != std::string::npos && formula_start(text[shown]))) {
    text.insert(0, 1, '\'');
  }
  if (std::none_of(text.begin(), text.end(),
                   [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; })) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"'; // a quote inside is doubled
    out += c;
  }
  out += '"';
}

std::string csv_cell(std::string_view raw) {
  std::string out;
  append_csv_cell(out, raw);
  return out;
}

std::string report_csv(const Report& r) { return report_csv_header() + report_csv_rows(r); }

std::string report_csv_header() {
  return row({"account",      "checklist",      "ready",
              "section",      "item",           "type",
              "prompt",       "state",          "answer",
              "value",        "currency",       "source",
              "source_id",    "note",           "confirmed_at",
              "confirmed_by", "confirmed_with", "confirmed_with_id",
              "gate",         "detail"});
}

std::string report_csv_rows(const Report& r) {
  std::string out;
  for (const ReportSection& s : r.sections) {
    for (const ReportItem& item : s.items)
      out += item_row(r, s.id, item, to_string(item.type), gate_word(item), item.detail);
  }
  for (const ReportItem& item : r.retired)
    out += item_row(r, "", item, "", "retired", "its item left the checklist");
  for (const ReportNextStep& step : r.next_steps)
    out += next_step_row(r, step);
  for (const ReportMeeting& m : r.meetings)
    out += meeting_row(r, m);
  return out;
}

} // namespace cna
