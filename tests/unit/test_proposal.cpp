#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <string>

#include "cna/proposal.hpp"
#include "cna/workspace.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;
using cna::test::TempDir;
using cna::test::thrown_by;
using cna::test::write_text;

namespace {

ReportItem item(const std::string& id, ItemType type, const std::string& answer, Value value) {
  ReportItem i;
  i.id = id;
  i.prompt = "Prompt of " + id + "?";
  i.type = type;
  i.state = State::answered;
  i.value = std::move(value);
  i.answer = answer;
  i.source = "dana";
  i.source_name = "Dana Lee";
  i.confirmed_at = "2026-11-22T09:00:00Z";
  i.confirmed_with = "dana";
  i.confirmed_with_name = "Dana Lee";
  return i;
}

// A ready report, built by hand: the proposal only reads the model.
Report sample() {
  Report r;
  r.account = "acme";
  r.name = "Acme Corp";
  r.checklist_id = "discovery";
  r.checklist_version = "1.0.0";
  r.checklist_title = "Discovery";
  r.generated_at = "2026-11-23T10:00:00Z";
  r.date = "2026-11-23";
  r.ready = true;
  r.power_base = {{"dana",
                   "Dana Lee",
                   "VP Operations",
                   {"economic-buyer", "champion"},
                   {"business_goal"},
                   {"Goal"},
                   {},
                   {},
                   {},
                   {}},
                  {"raj", "Raj Patel", "", {}, {}, {}, {}, {}, {}, {}}};
  ReportSection objectives{"objectives", "Objectives", {}, {}};
  objectives.items.push_back(item("business_goal", ItemType::longtext, "Grow north\nKeep churn low",
                                  std::string("Grow north\nKeep churn low")));
  objectives.items.back().note = "from the kick-off";
  ReportSection value{"value", "Value", {}, {}};
  value.items.push_back(item("ranked_needs", ItemType::list, "Speed\nAudit trail",
                             std::vector<std::string>{"Speed", "Audit trail"}));
  ReportItem na = item("partner", ItemType::text, "direct deal", {});
  na.state = State::na;
  value.items.push_back(na);
  ReportSection decision{"decision", "Decision", {}, {}};
  decision.items.push_back(
      item("decision_date", ItemType::date, "2026-12-15", std::string("2026-12-15")));
  decision.items.push_back(
      item("compelling_event", ItemType::date, "2026-12-01", std::string("2026-12-01")));
  r.sections = {objectives, value, decision};
  return r;
}

TemplateLookup lookup(const std::map<std::string, std::string>& templates) {
  return [templates](const std::string& name) -> std::optional<Template> {
    const auto it = templates.find(name);
    if (it == templates.end()) return std::nullopt;
    return Template{name, "templates/" + name + ".mustache", it->second};
  };
}

std::string render(const std::string& text, const std::map<std::string, std::string>& partials = {},
                   const Report& report = sample()) {
  return ProposalTemplate({"main", "templates/main.mustache", text}, lookup(partials))
      .render(report);
}

// The message of the Error(data) that checking `text` throws.
std::string refused(const std::string& text,
                    const std::map<std::string, std::string>& partials = {}) {
  const auto t = thrown_by([&] { (void)render(text, partials); });
  CHECK(t.thrown);
  CHECK(t.code == Exit::data);
  return t.message;
}

} // namespace

TEST_SUITE_BEGIN("core::proposal");

TEST_CASE("the data model: account, name, date, checklist, stakeholders") {
  CHECK(render("{{account}}|{{name}}|{{date}}|{{checklist.id}} {{checklist.version}} "
               "{{checklist.title}}") == "acme|Acme Corp|2026-11-23|discovery 1.0.0 Discovery");
  CHECK(render("{{#stakeholders}}{{name}}{{#title}}, {{title}}{{/title}} ({{roles}});"
               "{{/stakeholders}}") ==
        "Dana Lee, VP Operations (economic-buyer, champion);Raj Patel ();");
}

TEST_CASE("the data model: items by id, sections by id and in order, answered items only") {
  CHECK(render("{{item.business_goal.prompt}}|{{item.business_goal.source}}, "
               "{{item.business_goal.source_title}}|"
               "{{item.business_goal.confirmed_at}} with "
               "{{item.business_goal.confirmed_with}}|{{item.business_goal.note}}") ==
        "Prompt of business\\_goal?|Dana Lee, VP Operations|2026-11-22 with Dana Lee|from the "
        "kick-off");
  CHECK(render("{{#item.business_goal}}{{#lines}}[{{.}}]{{/lines}}{{/item.business_goal}}") ==
        "[Grow north][Keep churn low]");
  CHECK(render("{{item.business_goal.answer}}") == "Grow north ↵ Keep churn low");
  CHECK(render("{{#section.value.items}}{{id}};{{/section.value.items}}") == "ranked\\_needs;");
  CHECK(render("{{#sections}}{{id}}:{{#items}}{{id}},{{/items}} {{/sections}}") ==
        "objectives:business\\_goal, value:ranked\\_needs, "
        "decision:decision\\_date,compelling\\_event, ");
  CHECK(render("{{#item.partner}}shown{{/item.partner}}{{^item.partner}}absent{{/item.partner}}") ==
        "absent");
  CHECK(render("{{#item.decision_date}}{{#note}}note{{/note}}{{^note}}none{{/note}}"
               "{{/item.decision_date}}") == "none");
}

TEST_CASE("the data model: needs in rank order, the timeline by date") {
  CHECK(render("{{#needs}}{{rank}}. {{need}}\n{{/needs}}") == "1. Speed\n2. Audit trail\n");
  CHECK(render("{{#timeline}}{{date}} {{id}}; {{/timeline}}") ==
        "2026-12-01 compelling\\_event; 2026-12-15 decision\\_date; ");
}

TEST_CASE("{{x}} escapes for Markdown; {{{x}}} is the author's choice") {
  Report r = sample();
  r.name = "[x](javascript:alert(1)) <script>alert(1)</script>";
  CHECK(render("{{name}}", {}, r) ==
        "\\[x\\]\\(javascript\\:alert\\(1\\)\\) \\<script\\>alert\\(1\\)\\</script\\>");
  CHECK(render("{{&name}}", {}, r) == r.name);
  CHECK(render("{{{name}}}", {}, r) == r.name);
}

TEST_CASE("partials come from templates, never from data of the same name") {
  Report r = sample();
  r.sections[0].items[0].note = "{{> note}}"; // would recurse if rendered as a template
  CHECK(render("{{#item.business_goal}}{{> note}}{{/item.business_goal}}",
               {{"note", "N: {{note}}"}}, r) == "N: {{\\> note}}");
  CHECK(contains(refused("{{#item.business_goal}}{{> answer}}{{/item.business_goal}}"),
                 "templates/main.mustache:1: partial \"answer\" not found (templates/"
                 "answer.mustache)"));
  CHECK(contains(refused("x\n{{> ../etc/passwd}}"),
                 "templates/main.mustache:2: partial \"../etc/passwd\" is not a template name"));
}

TEST_CASE("a partial that includes itself is an error, not a crash") {
  CHECK(refused("{{> a}}", {{"a", "A {{> a}}"}}) ==
        "templates/a.mustache:1: partial \"a\" includes itself (main → a → a)");
  CHECK(refused("one\n{{> a}}", {{"a", "{{> b}}"}, {"b", "b\nb\n{{#x}}{{> a}}{{/x}}"}}) ==
        "templates/b.mustache:3: partial \"a\" includes itself (main → a → b → a)");
  CHECK(contains(refused("{{> main}}", {{"main", "x"}}), "includes itself (main → main)"));
  SUBCASE("also behind changed delimiters") {
    CHECK(contains(refused("{{=<% %>=}}\n<%> a %>", {{"a", "{{=| |=}}|> a|"}}),
                   "templates/a.mustache:1: partial \"a\" includes itself"));
  }
}

TEST_CASE("partials nest at most 16 deep") {
  std::map<std::string, std::string> chain;
  for (int i = 1; i < 17; ++i)
    chain["p" + std::to_string(i)] = "{{> p" + std::to_string(i + 1) + "}}";
  chain["p17"] = "deep";
  CHECK(contains(refused("{{> p1}}", chain), "partials nested deeper than 16"));
  chain["p16"] = "deep enough";
  CHECK(render("{{> p1}}", chain) == "deep enough");
}

TEST_CASE("syntax errors name the file, the line and the tag") {
  CHECK(refused("# Title\n\n{{#needs}}\n- {{need}}\n") ==
        "templates/main.mustache:3: unclosed section \"needs\"");
  CHECK(refused("a\n{{/needs}}") == "templates/main.mustache:2: unopened section \"needs\"");
  CHECK(refused("a\nb {{name\nc") == "templates/main.mustache:2: unclosed tag \"{{name\"");
  CHECK(refused("{{= x =}}") ==
        "templates/main.mustache:1: invalid set delimiter tag \"{{= x =}}\"");
  CHECK(refused("{{> a}}", {{"a", "ok\n{{#x}}"}}) ==
        "templates/a.mustache:2: unclosed section \"x\"");
  CHECK(refused("\xff{{x}}") == "templates/main.mustache: not valid UTF-8");
}

TEST_CASE("sections nested too deep are refused before kainjow recurses through them") {
  std::string deep;
  for (int i = 0; i < 100000; ++i)
    deep += "{{#a}}";
  CHECK(refused(deep) == "templates/main.mustache:1: sections nested deeper than 64");
  std::string fine;
  for (int i = 0; i < 64; ++i)
    fine = "{{#item}}" + fine + "{{/item}}";
  CHECK(render(fine + "ok") == "ok");
}

TEST_CASE("work is bounded: templates that multiply it are refused quickly, naming the file") {
  Report nine = sample();
  while (nine.sections.size() < 9)
    nine.sections.push_back(nine.sections.front());
  const auto over_budget = [](const std::function<void()>& run) {
    const auto start = std::chrono::steady_clock::now();
    const auto t = thrown_by(run);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    CHECK(t.code == Exit::data);
    return t.message;
  };
  SUBCASE("twelve nested sections over a list of nine") {
    std::string nested = "x";
    for (int i = 0; i < 12; ++i)
      nested = "{{#sections}}" + nested + "{{/sections}}";
    CHECK(contains(over_budget([&] { (void)render(nested, {}, nine); }),
                   "templates/main.mustache: rendering would take more than"));
  }
  SUBCASE("ten partials, each including the next ten times") {
    std::map<std::string, std::string> partials;
    for (int i = 1; i < 10; ++i) {
      std::string body;
      for (int j = 0; j < 10; ++j)
        body += "{{> p" + std::to_string(i + 1) + "}}";
      partials["p" + std::to_string(i)] = body;
    }
    partials["p10"] = "x";
    CHECK(contains(over_budget([&] { (void)render("{{> p1}}", partials); }),
                   "templates/main.mustache: rendering would take more than"));
  }
  SUBCASE("the output is bounded even without newlines, and with them") {
    const RenderBudget small{1000000, 1U << 20U};
    std::string wide = "{{#sections}}" + std::string(1000, 'x') + "{{/sections}}";
    for (int i = 0; i < 4; ++i)
      wide = "{{#sections}}" + wide + "{{/sections}}";
    const ProposalTemplate t({"main", "templates/main.mustache", wide}, lookup({}));
    CHECK(contains(over_budget([&] { (void)t.render(nine, small); }), "or 1 MiB"));
    const ProposalTemplate lines({"main", "templates/main.mustache",
                                  "{{#sections}}{{#sections}}{{#sections}}{{#sections}}" +
                                      std::string(1000, 'x') +
                                      "\n{{/sections}}{{/sections}}{{/sections}}{{/sections}}"},
                                 lookup({}));
    CHECK(contains(over_budget([&] { (void)lines.render(nine, small); }), "or 1 MiB"));
  }
  SUBCASE("a proposal of 5,000 answers fits") {
    Report big = sample();
    big.sections.resize(1);
    big.sections[0].items.resize(5000, big.sections[0].items[0]);
    const std::string out =
        render("{{#sections}}{{#items}}- {{prompt}}: {{answer}}\n{{/items}}{{/sections}}", {}, big);
    CHECK(std::count(out.begin(), out.end(), '\n') == 5000);
  }
}

TEST_CASE("templates by name: the workspace's, else the built-in one; or a file's path") {
  TempDir dir;
  write_text(dir / "cna.json", "{\"cna\": 1}\n");
  const Workspace ws = Workspace::locate(dir.path());
  const std::optional<Template> builtin = find_template(ws, "proposal");
  REQUIRE(builtin);
  CHECK(builtin->file == "templates/proposal.mustache");
  CHECK(contains(builtin->text, "{{> proposal-item}}"));
  CHECK_FALSE(find_template(ws, "nope"));
  CHECK_FALSE(find_template(ws, "../cna"));
  std::filesystem::create_directories(dir / "templates");
  write_text(dir / "templates" / "proposal-item.mustache", "ITEM {{id}}\n");
  const std::optional<Template> mine = find_template(ws, "proposal-item");
  REQUIRE(mine);
  CHECK(mine->file == (dir / "templates" / "proposal-item.mustache").string());
  SUBCASE("the built-in proposal renders with the workspace's partial") {
    const ProposalTemplate t(*builtin,
                             [&ws](const std::string& n) { return find_template(ws, n); });
    const std::string out = t.render(sample());
    CHECK(contains(out, "# Proposal for Acme Corp\n"));
    CHECK(contains(out, "ITEM business\\_goal\n"));
    CHECK(contains(out, "1. Speed\n2. Audit trail\n"));
    CHECK(contains(out, "- **2026-12-01**: Prompt of compelling\\_event?\n"));
    CHECK(contains(out, "- Dana Lee, VP Operations\n- Raj Patel\n"));
  }
  SUBCASE("choose_template") {
    CHECK(choose_template(ws, "proposal").file == "templates/proposal.mustache");
    write_text(dir / "mine.mustache", "{{name}}");
    const Template path = choose_template(ws, (dir / "mine.mustache").string());
    CHECK(path.text == "{{name}}");
    CHECK(path.name.empty());
    const auto unknown = thrown_by([&] { (void)choose_template(ws, "letter"); });
    CHECK(unknown.code == Exit::usage);
    CHECK(contains(unknown.message, "no template \"letter\""));
    CHECK(contains(unknown.message, "built in: proposal"));
    CHECK(thrown_by([&] { (void)choose_template(ws, "missing.mustache"); }).code == Exit::data);
  }
}

TEST_SUITE_END();
