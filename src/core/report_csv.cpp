// The report as CSV (RFC 4180): one row per applicable item, then one per retired answer (gate
// "retired"), for spreadsheets and scripts.
#include <string_view>

#include "cna/report.hpp"

namespace cna {

namespace {

// What a spreadsheet would read as the start of a formula.
constexpr std::string_view kFormulaStart = "=+-@\t\r";

std::string row(std::initializer_list<std::string_view> fields) {
  std::string out;
  for (const std::string_view field : fields)
    out += (out.empty() ? "" : ",") + csv_cell(field);
  return out + "\r\n";
}

} // namespace

std::string csv_cell(std::string_view raw) {
  std::string text = display_text(raw);
  const std::size_t first = text.find_first_not_of(' ');
  const bool formula =
      (!raw.empty() && kFormulaStart.find(raw.front()) != std::string_view::npos) ||
      (first != std::string::npos && kFormulaStart.find(text[first]) != std::string_view::npos);
  if (formula) text.insert(0, 1, '\'');
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"'; // a quote inside is doubled
    quoted += c;
  }
  return quoted + "\"";
}

std::string report_csv(const Report& r) { return report_csv_header() + report_csv_rows(r); }

std::string report_csv_header() {
  return row({"account", "checklist", "section", "item", "prompt", "state", "answer", "source",
              "note", "confirmed_at", "confirmed_by", "confirmed_with", "gate", "detail"});
}

std::string report_csv_rows(const Report& r) {
  std::string out;
  for (const ReportSection& s : r.sections) {
    for (const ReportItem& item : s.items) {
      out += row({r.account, r.checklist_id, s.id, item.id, item.prompt, state_word(item.state),
                  item.answer, item.source_name, item.note, item.confirmed_at, item.confirmed_by,
                  item.confirmed_with_name, gate_word(item), item.detail});
    }
  }
  for (const ReportItem& item : r.retired) {
    out += row({r.account, r.checklist_id, "", item.id, "", state_word(item.state), item.answer,
                item.source_name, item.note, item.confirmed_at, item.confirmed_by,
                item.confirmed_with_name, "retired", "its item left the checklist"});
  }
  return out;
}

} // namespace cna
