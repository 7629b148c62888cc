#include <doctest/doctest.h>

#include <algorithm>
#include <fmt/format.h>
#include <string>
#include <vector>

#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/json.hpp"
#include "cna/readiness.hpp"
#include "cna/record.hpp"
#include "cna/report.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;

namespace {

using cna::test::kNow;

const Checklist& checklist() {
  static const Checklist c = test::checklist_from(R"j({
  "cna": 1, "id": "deal", "version": "1.2.0", "title": "Deal review",
  "sections": [
    {"id": "one", "title": "First things", "items": [
      {"id": "goal", "type": "longtext", "prompt": "Goal?", "help": "h",
       "clarify": ["How will you measure it?", "What if nothing changes?"]},
      {"id": "scope", "type": "choice", "prompt": "Scope?", "help": "h",
       "options": [{"value": "pilot", "label": "A pilot"}, "company"]},
      {"id": "owner", "type": "person", "prompt": "Owner?", "help": "h",
       "when": "scope == 'company'"},
      {"id": "needs", "type": "list", "prompt": "Needs?", "help": "h"}
    ]},
    {"id": "two", "title": "Second", "items": [
      {"id": "users", "type": "number", "prompt": "Users?", "help": "h", "unit": "seats"},
      {"id": "urgency", "type": "scale", "prompt": "Urgency?", "help": "h",
       "labels": ["low", "some", "medium", "high", "now"]},
      {"id": "partner", "type": "text", "prompt": "Partner?", "help": "h", "na": true},
      {"id": "date", "type": "date", "prompt": "Decision date?", "help": "h"},
      {"id": "extra", "type": "text", "prompt": "Anything else?", "help": "h", "required": false}
    ]}
  ]
})j");
  return c;
}

Answer answered(const std::string& item, Value value, bool confirmed = true) {
  Answer a;
  a.state = State::answered;
  a.value = std::move(value);
  a.source = "dana";
  a.note = item == "goal" ? "from the kick-off" : "";
  a.answered_at = format_timestamp(kNow - days(2));
  a.answered_by = "sam";
  a.item_sha256 = checklist().find(item)->sha256;
  if (confirmed) {
    a.confirmed_at = format_timestamp(kNow - days(1));
    a.confirmed_by = "sam";
    a.confirmed_with = "dana";
  }
  return a;
}

Assessment assessment() {
  Assessment a = new_assessment("acme", "Acme Corp", checklist());
  a.stakeholders.push_back(
      {"dana", "Dana Lee", "VP Operations", {"economic-buyer"}, {}, {}, {}, ""});
  a.stakeholders.push_back({"raj", "Raj Patel", "", {}, {}, {}, {}, ""});
  a.answer("goal") = answered("goal", std::string("Grow north\nKeep churn low"));
  a.answer("scope") = answered("scope", std::string("pilot"));
  a.answer("owner") = answered("owner", std::string("raj")); // kept, but does not apply
  a.answer("needs") = answered("needs", std::vector<std::string>{"Speed", "Audit trail"});
  a.answer("users") = answered("users", 120.0, false);
  a.answer("urgency") = answered("urgency", 4.0);
  Answer na = answered("partner", {});
  na.state = State::na;
  na.reason = "direct deal";
  a.answer("partner") = na;
  Answer unknown;
  unknown.state = State::unknown;
  unknown.owner = "sam";
  unknown.due = "2026-12-01";
  a.answer("date") = unknown;
  return a;
}

Report report(const Assessment& a = assessment()) {
  return build_report(checklist(), a, assess(checklist(), a, kNow, 30), kNow);
}

// How often `c` occurs in Markdown `text` not escaped by a backslash: a table row's cell
// separators are its unescaped pipes.
std::size_t unescaped(const std::string& text, char c = '|') {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == c) {
      ++n;
    }
  }
  return n;
}

// What every format must carry safely (tests/e2e/test_report.sh uses the same list).
const std::vector<std::string> kInjections = {
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "=HYPERLINK(\"http://evil\")",
    "+1",
    "-1",
    "@SUM(A1)",
    "\tleading tab",
    "\rleading CR",
    "a | b\nsecond line",
    "\x1b]0;pwned\x07",
    "![img](http://evil/x.png) <b>bold</b> &amp; *em* _u_ `code` ~~s~~ $x$",
    "# heading",
    "1. list",
    "www.evil.com jo@acme.com https://evil.com"};

} // namespace

TEST_SUITE_BEGIN("core::report");

TEST_CASE("the model holds account, checklist, date and the gate's verdict") {
  const Report r = report();
  CHECK(r.account == "acme");
  CHECK(r.name == "Acme Corp");
  CHECK(r.checklist_id == "deal");
  CHECK(r.checklist_version == "1.2.0");
  CHECK(r.checklist_title == "Deal review");
  CHECK(r.generated_at == "2026-11-23T10:00:00Z");
  CHECK(r.date == "2026-11-23");
  CHECK_FALSE(r.ready);
  CHECK(r.blockers == 2); // users unconfirmed, date unknown
  CHECK(r.applicable == 8);
  CHECK(verdict(r) == "BLOCKED (2 blockers)");
}

TEST_CASE("sections hold the applicable items only, with their progress") {
  const Report r = report();
  REQUIRE(r.sections.size() == 2);
  CHECK(r.sections[0].title == "First things");
  std::vector<std::string> ids;
  for (const ReportItem& item : r.sections[0].items)
    ids.push_back(item.id);
  CHECK(ids == std::vector<std::string>{"goal", "scope", "needs"}); // owner does not apply
  CHECK(r.sections[0].progress.applicable == 3);
  CHECK(r.sections[0].progress.confirmed == 3);
  CHECK(r.sections[1].progress.blocked == 2);
  CHECK(r.find("owner") == nullptr);
}

TEST_CASE("answers are shown as a person reads them") {
  const Report r = report();
  CHECK(r.find("goal")->answer == "Grow north\nKeep churn low");
  CHECK(r.find("scope")->answer == "A pilot"); // the option's label
  CHECK(r.find("needs")->answer == "Speed\nAudit trail");
  CHECK(answer_lines(*r.find("needs")) == std::vector<std::string>{"Speed", "Audit trail"});
  CHECK(r.find("users")->answer == "120 seats");
  CHECK(r.find("urgency")->answer == "4 of 5 (high)");
  CHECK(r.find("partner")->answer == "direct deal");
  CHECK(r.find("date")->answer == "sam to find out by 2026-12-01");
  CHECK(r.find("extra")->answer.empty());
  CHECK(r.find("goal")->note == "from the kick-off");
  SUBCASE("a person item shows the stakeholder's name") {
    Assessment a = assessment();
    a.answer("scope") = answered("scope", std::string("company"));
    const Report company = report(a);
    REQUIRE(company.find("owner") != nullptr);
    CHECK(company.find("owner")->answer == "Raj Patel");
  }
}

TEST_CASE("sources and confirmations name the stakeholders") {
  const Report r = report();
  const ReportItem& goal = *r.find("goal");
  CHECK(goal.source == "dana");
  CHECK(goal.source_name == "Dana Lee");
  CHECK(goal.confirmed_with_name == "Dana Lee");
  CHECK(confirmation(goal) == "2026-11-22 with Dana Lee");
  CHECK(confirmation(*r.find("users")).empty());
}

TEST_CASE("states and the gate in words") {
  const Report r = report();
  CHECK(state_word(State::na) == "n/a");
  CHECK(state_word(State::answered) == "answered");
  CHECK(gate_word(*r.find("goal")) == "ok");
  CHECK(gate_word(*r.find("users")) == "unconfirmed");
  CHECK(gate_word(*r.find("date")) == "unknown");
  CHECK(gate_word(*r.find("extra")) == "optional");
}

TEST_CASE("the power base says who said what; open items carry their clarifying questions") {
  const Report r = report();
  REQUIRE(r.power_base.size() == 2);
  CHECK(r.power_base[0].name == "Dana Lee");
  CHECK(r.power_base[0].said ==
        std::vector<std::string>{"goal", "scope", "needs", "users", "urgency", "partner"});
  CHECK(r.power_base[1].said.empty()); // raj's answer is to an item that does not apply
  const auto open = r.open_items();
  REQUIRE(open.size() == 2);
  CHECK(open[0]->id == "users");
  CHECK(open[1]->id == "date");
  CHECK(open[1]->detail == "sam to find out by 2026-12-01");
  CHECK(r.find("goal")->clarify.size() == 2);
}

TEST_CASE("formats by name, with their file extensions") {
  CHECK(parse_report_format("md") == ReportFormat::md);
  CHECK(parse_report_format("html") == ReportFormat::html);
  CHECK_FALSE(parse_report_format("pdf"));
  CHECK(extension(ReportFormat::text) == "txt");
  CHECK(extension(ReportFormat::csv) == "csv");
  // One table: every row by its name, in enum order, with a renderer.
  for (const ReportFormatInfo& f : report_formats()) {
    CHECK(parse_report_format(f.name) == f.format);
    CHECK(&format_info(f.format) == &f);
    CHECK(static_cast<bool>(f.render));
  }
  CHECK(parse_report_format("ndjson") == ReportFormat::ndjson);
  CHECK(format_info(ReportFormat::md).layout == ReportLayout::file_per_account);
  CHECK(format_info(ReportFormat::ndjson).layout == ReportLayout::document);
}

TEST_CASE("ndjson: one complete report per line, for --all") {
  const std::string line = render_report(report(), ReportFormat::ndjson);
  CHECK(line.back() == '\n');
  CHECK(line.find('\n') == line.size() - 1);
  const Json j = Json::parse(line);
  CHECK(j["cna_report"] == 2);
  CHECK(j["account"] == "acme");
  ReportDocument doc(ReportFormat::ndjson, kNow);
  const std::string text = doc.head() + doc.part(report()) + doc.part(report()) + doc.tail();
  CHECK(std::count(text.begin(), text.end(), '\n') == 2);
}

TEST_CASE("display_text reads CR and CRLF as newlines and makes controls visible") {
  CHECK(display_text("a\r\nb\rc") == "a\nb\nc");
  CHECK(display_text("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07");
  CHECK(display_text("x\xe2\x80\xaey") == "x<U+202E>y");
}

TEST_CASE("markdown_escape: inert, one line") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plain text, 2 words", "plain text, 2 words"},
      {"<script>alert(1)</script>", "\\<script\\>alert\\(1\\)\\</script\\>"},
      {"[x](javascript:alert(1))", "\\[x\\]\\(javascript\\:alert\\(1\\)\\)"},
      {"a | b", "a \\| b"},
      {"one\ntwo\r\nthree\rfour", "one ↵ two ↵ three ↵ four"},
      {"  indented\n\n\nlast  ", "indented ↵ last"},
      {"# heading", "\\# heading"},
      {"C# and F#", "C# and F#"},
      {"- item", "\\- item"},
      {"+ item", "\\+ item"},
      {"=== x", "\\=== x"},
      {"1. first", "1\\. first"},
      {"v1.2 and 2.5", "v1.2 and 2.5"},
      {"1.0.0 and 2.", "1.0.0 and 2."},
      {"12.", "12\\."},
      {"*em* _u_ `code` ~~s~~", "\\*em\\* \\_u\\_ \\`code\\` \\~\\~s\\~\\~"},
      {"&amp; ! $5 to $10", "\\&amp; \\! \\$5 to \\$10"},
      {"back\\slash", "back\\\\slash"},
      {"see www.evil.com or WWW.x.org", "see www\\.evil.com or WWW\\.x.org"},
      {"https://evil.com", "https\\://evil.com"},
      {"jo@acme.com", "jo@&#8288;acme.com"},
      {"\x1b]0;pwned\x07", "\\\\x1b\\]0;pwned\\\\x07"},
  };
  for (const auto& [input, expected] : cases) {
    CAPTURE(input);
    CHECK(markdown_escape(input) == expected);
  }
}

TEST_CASE("markdown_escape keeps a table row intact whatever the answer holds") {
  for (const std::string& text : kInjections) {
    CAPTURE(text);
    const std::string row = "| " + markdown_escape(text) + " | x |";
    CHECK(unescaped(row) == 3);
    CHECK(row.find('\n') == std::string::npos);
    CHECK(unescaped(row, '<') == 0);
  }
}

TEST_CASE("html_escape: entities for & < > \" ', newlines kept, controls visible") {
  CHECK(html_escape("<script>alert('x')</script> & \"q\"") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  CHECK(html_escape("a\r\nb") == "a\nb");
  CHECK(html_escape("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07");
  for (const std::string& text : kInjections) {
    CAPTURE(text);
    const std::string escaped = html_escape(text);
    CHECK(escaped.find('<') == std::string::npos);
    CHECK(escaped.find('\x1b') == std::string::npos);
  }
}

TEST_CASE("csv_cell: RFC 4180 quoting and formulas neutralised") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plain", "plain"},
      {"", ""},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""},
      {"=1+2", "'=1+2"},
      {"+1", "'+1"},
      {"-1", "'-1"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\t=1", "'    =1"},
      {"\rx", "\"'\nx\""},
      {"  =1", "'  =1"},
      {"a-b = c", "a-b = c"},
      {"\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"},
  };
  for (const auto& [input, expected] : cases) {
    CAPTURE(input);
    CHECK(csv_cell(input) == expected);
  }
}

TEST_CASE("the CSV has the raw value beside the answer as shown") {
  Report r = report();
  const auto cells = [&r](std::string_view id) {
    const std::string csv = render_report(r, ReportFormat::csv);
    const std::size_t at = csv.find(fmt::format(",{},", id));
    REQUIRE(at != std::string::npos);
    return csv.substr(at, csv.find("\r\n", at) - at);
  };
  // An option's value, not its label; entries as a JSON array; a number without its unit.
  CHECK(contains(cells("scope"), ",scope,choice,Scope?,answered,A pilot,pilot,,"));
  CHECK(contains(cells("needs"),
                 ",needs,list,Needs?,answered,\"Speed\nAudit trail\",\"[\"\"Speed\"\","
                 "\"\"Audit trail\"\"]\",,"));
  CHECK(contains(cells("users"), ",answered,120 seats,120,,"));
  CHECK(contains(cells("urgency"), "),4,,"));
  // Money: the amount, its currency beside it; a negative number keeps its sign (no formula
  // guard on a number cna wrote), while text that looks like one is still neutralised.
  ReportItem* found = nullptr;
  for (ReportSection& section : r.sections) {
    for (ReportItem& item : section.items)
      found = item.id == "users" ? &item : found;
  }
  REQUIRE(found != nullptr);
  ReportItem& users = *found;
  users.value = Money{-1250.5, "EUR"};
  CHECK(contains(cells("users"), ",-1250.5,EUR,"));
  users.value = std::string("-1250.5");
  CHECK(contains(cells("users"), ",'-1250.5,,"));
}

TEST_CASE("the CSV has a header and one row per applicable item") {
  const std::string csv = render_report(report(), ReportFormat::csv);
  CHECK(csv.rfind("account,checklist,ready,section,item,type,prompt,state,answer,value,currency,"
                  "source,source_id,note,confirmed_at,confirmed_by,confirmed_with,"
                  "confirmed_with_id,gate,detail\r\n",
                  0) == 0);
  CHECK(contains(csv, "acme,deal,false,one,goal,longtext,Goal?,answered,\"Grow north\nKeep churn "
                      "low\",\"Grow north\nKeep churn low\",,Dana Lee,dana,from the kick-off,"
                      "2026-11-22T10:00:00Z,sam,Dana Lee,dana,ok,\r\n"));
  CHECK(contains(csv, "acme,deal,false,two,partner,text,Partner?,n/a,direct deal,,,"));
  CHECK_FALSE(contains(csv, ",owner,"));
  std::size_t rows = 0;
  for (std::size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 1))
    ++rows;
  CHECK(rows == 1 + 8);
}

TEST_CASE("the JSON report has the documented, versioned shape") {
  const Json j = Json::parse(render_report(report(), ReportFormat::json));
  CHECK(j.begin().key() == "cna_report");
  CHECK(j["cna_report"] == 2);
  CHECK(j["generated_at"] == "2026-11-23T10:00:00Z");
  CHECK(j["account"] == "acme");
  CHECK(j["checklist"]["version"] == "1.2.0");
  CHECK(j["ready"] == false);
  // One meaning per key (docs/json.md): counts are "applicable" and "blocked", lists "items" and
  // "blockers".
  CHECK(j["blocked"] == 2);
  CHECK(j["applicable"] == 8);
  CHECK(j["sections"][0]["applicable"].is_number());
  const Json& goal = j["sections"][0]["items"][0];
  CHECK(goal["id"] == "goal");
  CHECK(goal["value"] == "Grow north\nKeep churn low");
  CHECK(goal["source_name"] == "Dana Lee");
  CHECK(goal["confirmed"]["with"] == "dana");
  CHECK(goal["blocker"].is_null());
  const Json& users = j["sections"][1]["items"][0];
  CHECK(users["value"] == 120);
  CHECK(users["confirmed"].is_null());
  CHECK(users["blocker"]["reason"] == "unconfirmed");
  CHECK(j["power_base"][0]["said"].size() == 6);
  const Json& said = j["power_base"][0]["said"][0];
  CHECK(said["item"] == "goal");
  CHECK(said["state"] == "answered");
  CHECK(said["value"] == "Grow north\nKeep churn low");
  CHECK(said["answer"].is_string());
  CHECK(j["blockers"].size() == 2);
  CHECK(j["blockers"][1]["item"] == "date");
  CHECK(j["blockers"][0]["reason"].is_string());
  CHECK(j["blockers"][0]["clarify"].is_array());
}

TEST_CASE("JSON stays valid for any input, invalid UTF-8 included") {
  Assessment a = assessment();
  a.name = "bad \xff byte \x1b and \"quotes\"";
  const Json j = Json::parse(render_report(report(a), ReportFormat::json));
  CHECK(contains(j["name"].get<std::string>(), "\"quotes\""));
  CHECK(contains(j["name"].get<std::string>(), "\x1b"));
}

TEST_CASE("several accounts make one document") {
  SUBCASE("json") {
    ReportDocument doc(ReportFormat::json, kNow);
    std::string text = doc.head();
    text += doc.part(report());
    text += doc.part(report());
    const Json j = Json::parse(text + doc.tail());
    CHECK(j["cna_report"] == 2);
    CHECK(j["accounts"].size() == 2);
    CHECK_FALSE(j["accounts"][0].contains("cna_report"));
    CHECK(j["accounts"][1]["account"] == "acme");
  }
  SUBCASE("json with no account") {
    ReportDocument doc(ReportFormat::json, kNow);
    CHECK(Json::parse(doc.head() + doc.tail())["accounts"].empty());
  }
  SUBCASE("csv: one header") {
    ReportDocument doc(ReportFormat::csv, kNow);
    std::string text = doc.head();
    text += doc.part(report());
    text += doc.part(report());
    CHECK(text.find("account,checklist") == 0);
    CHECK(text.find("account,checklist", 1) == std::string::npos);
    CHECK(contains(text, "\r\nacme,deal,false,one,goal,"));
  }
}

TEST_CASE("markdown: intact tables, READY or the blocker count") {
  Assessment a = assessment();
  a.answer("goal").confirmed_at.clear(); // open, with its clarifying questions
  const std::string md = render_report(report(a), ReportFormat::md);
  CHECK(contains(md, "# Needs assessment: Acme Corp\n"));
  CHECK(contains(md, "| Status | **BLOCKED (3 blockers)** ·"));
  CHECK(contains(md, "| Goal? (goal) | Grow north ↵ Keep churn low | Dana Lee |  | answered · "
                     "unconfirmed | from the kick-off |"));
  CHECK(contains(md, "| Scope? (scope) | A pilot | Dana Lee | 2026-11-22 with Dana Lee | answered "
                     "· ok |  |"));
  CHECK(contains(md, "## Open items (3)"));
  CHECK(contains(md, "How will you measure it? · What if nothing changes?"));
  // Every table row of a table has as many cells as its header.
  std::size_t columns = 0;
  std::size_t start = 0;
  while (start < md.size()) {
    const std::size_t end = md.find('\n', start);
    const std::string line = md.substr(start, end - start);
    start = end + 1;
    if (line.empty() || line[0] != '|') {
      columns = 0;
      continue;
    }
    if (columns == 0) columns = unescaped(line);
    CAPTURE(line);
    CHECK(unescaped(line) == columns);
  }
}

TEST_CASE("html: one self-contained file with a CSP, a chart and no script") {
  const std::string html = render_report(report(), ReportFormat::html);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(contains(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                       "style-src 'unsafe-inline'; img-src data:\">"));
  CHECK(contains(html, "<svg class=\"chart\""));
  CHECK(contains(html, ">First things</text>"));
  CHECK_FALSE(contains(html, "<script"));
  CHECK_FALSE(contains(html, "src="));
  CHECK_FALSE(contains(html, "href="));
  CHECK(contains(html, "BLOCKED (2 blockers)"));
  CHECK(contains(html, "<td>Grow north\nKeep churn low</td>"));
}

TEST_CASE("text: made visible, READY when every item is confirmed") {
  Assessment a = assessment();
  a.answer("users") = answered("users", 120.0);
  Answer date = answered("date", std::string("2026-12-01"));
  a.answer("date") = date;
  a.answer("goal").note = "\x1b]0;pwned\x07";
  const std::string text = render_report(report(a), ReportFormat::text);
  CHECK(contains(text, "Status: READY"));
  CHECK(contains(text, "    answer:    Grow north\n               Keep churn low\n"));
  CHECK(contains(text, "note:      \\x1b]0;pwned\\x07"));
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(contains(text, "Open items (0)"));
}

TEST_CASE("every format carries every injection safely") {
  Assessment a = assessment();
  std::vector<std::string> lines = kInjections;
  a.answer("needs") = answered("needs", lines);
  a.answer("goal") = answered("goal", std::string("=HYPERLINK(\"http://evil\")"));
  a.answer("goal").note = "@SUM(A1)";
  a.name = "<script>alert(1)</script>";
  const Report r = report(a);
  const std::string html = render_report(r, ReportFormat::html);
  CHECK_FALSE(contains(html, "<script"));
  CHECK_FALSE(contains(html, "<b>"));
  const std::string md = render_report(r, ReportFormat::md);
  CHECK(unescaped(md, '<') == 0);
  CHECK(unescaped(md, '(') == unescaped(render_report(report(), ReportFormat::md), '('));
  const std::string csv = render_report(r, ReportFormat::csv);
  CHECK(contains(csv, ",\"'=HYPERLINK(\"\"http://evil\"\")\",\"'=HYPERLINK(\"\"http://evil\"\")\",,"
                      "Dana Lee,dana,'@SUM(A1),"));
  for (const ReportFormat f : {ReportFormat::md, ReportFormat::html, ReportFormat::csv,
                               ReportFormat::text, ReportFormat::json}) {
    CHECK(render_report(r, f).find('\x1b') == std::string::npos);
  }
}

TEST_SUITE_END();
