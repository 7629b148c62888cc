#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "cna/builtins.hpp"
#include "cna/checklist_tools.hpp"
#include "cna/item_types.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;
using cna::test::thrown_by;

namespace {

// A checklist of one section "one" around `items` (JSON objects separated by commas), or around
// `sections` when they are given whole.
std::string checklist_text(const std::string& items, const std::string& version = "1.0.0",
                           const std::string& extra_sections = "") {
  return R"({"cna": 1, "id": "mini", "version": ")" + version +
         R"(", "title": "Mini", "sections": [{"id": "one", "title": "One", "items": [)" + items +
         "]}" + extra_sections + "]}";
}

Checklist load(const std::string& text) { return test::checklist_from(text, "x.json"); }

const std::string kGoal = R"({"id": "goal", "type": "text", "prompt": "Goal?", "help": "h"})";

std::string fields(const ItemChange& c) {
  std::string out;
  for (const FieldChange& f : c.fields)
    out += (out.empty() ? "" : "; ") + f.field + (f.detail.empty() ? "" : " " + f.detail) + " " +
           std::string(to_string(f.bump));
  return out;
}

} // namespace

TEST_SUITE_BEGIN("core::checklist_tools");

TEST_CASE("format_checklist: canonical key order, options as written, 2-space indent") {
  const std::string text =
      R"({"sections": [{"items": [{"options": [{"help": "h", "value": "a"}, "b"], "prompt": "P?",)"
      R"( "type": "choice", "help": "x", "id": "pick"}], "title": "S", "id": "s"}],)"
      R"( "title": "T", "version": "1.0.0", "id": "t", "cna": 1, "$schema": "./s.json"})";
  const FormattedChecklist f = format_checklist(text, "t.json");
  CHECK(f.problems.empty());
  CHECK(f.text == R"({
  "$schema": "./s.json",
  "cna": 1,
  "id": "t",
  "version": "1.0.0",
  "title": "T",
  "sections": [
    {
      "id": "s",
      "title": "S",
      "items": [
        {
          "id": "pick",
          "type": "choice",
          "prompt": "P?",
          "help": "x",
          "options": [
            {
              "value": "a",
              "help": "h"
            },
            "b"
          ]
        }
      ]
    }
  ]
}
)");
  CHECK(format_checklist(f.text, "t.json").text == f.text); // idempotent
}

TEST_CASE("format_checklist: every item key in the loader's order; unicode kept as written") {
  const FormattedChecklist g = format_checklist(
      checklist_text(
          kGoal + "," +
          R"j({"tags": ["t"], "when": "answered(goal)", "renamed_from": ["old"], "min_length": 2,)j"
          R"( "pattern": "[a-z]+", "reconfirm_after_days": 9, "na": true, "source": false,)"
          R"( "required": false, "clarify": ["c"], "help": "Café \u00e9", "prompt": "P?",)"
          R"( "type": "text", "id": "later"})"),
      "x.json");
  REQUIRE_FALSE(g.text.empty());
  const auto item = nlohmann::ordered_json::parse(g.text)["sections"][0]["items"][1];
  std::vector<std::string> keys;
  for (const auto& [key, value] : item.items())
    keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"id", "type", "prompt", "help", "clarify", "required",
                                         "source", "na", "reconfirm_after_days", "pattern",
                                         "min_length", "renamed_from", "when", "tags"});
  CHECK(contains(g.text, "\"help\": \"Café é\""));
}

TEST_CASE("format_checklist: refuses a file with errors, formats one with warnings") {
  const FormattedChecklist bad = format_checklist(
      checklist_text(R"({"id": "goal", "type": "numbr", "prompt": "Goal?"})"), "bad.json");
  CHECK(bad.text.empty());
  CHECK(has_errors(bad.problems));
  CHECK(std::any_of(bad.problems.begin(), bad.problems.end(),
                    [](const Problem& p) { return contains(p.message, "unknown type"); }));
  const FormattedChecklist syntax = format_checklist("{\"cna\": 1,", "cut.json");
  CHECK(syntax.text.empty());
  REQUIRE(syntax.problems.size() == 1);
  CHECK(contains(syntax.problems[0].where, "cut.json:1:"));
  const FormattedChecklist warned = format_checklist(
      checklist_text(R"({"id": "goal", "type": "text", "prompt": "Goal?"})"), "w.json");
  CHECK_FALSE(warned.text.empty());
  REQUIRE(warned.problems.size() == 1);
  CHECK(warned.problems[0].severity == Severity::warning);
}

TEST_CASE("format_checklist: the shipped checklists are canonical") {
  for (const BuiltinFile& f : builtin_files()) {
    if (!f.name.starts_with("checklists/")) continue;
    INFO(f.name);
    CHECK(format_checklist(f.content, f.name).text == f.content);
  }
}

TEST_CASE("diff_checklists: one change at a time, its kind, fields, bump and re-confirmation") {
  struct Case {
    const char* name;
    std::string before;
    std::string after;
    ChangeKind kind;
    const char* item;
    std::string fields;
    Bump bump;
    bool reconfirm;
  };
  const std::string choice =
      R"({"id": "pick", "type": "choice", "prompt": "P?", "help": "h", "options": [)";
  const std::vector<Case> cases = {
      {"added", kGoal, kGoal + R"(, {"id": "more", "type": "text", "prompt": "M?", "help": "h"})",
       ChangeKind::added, "more", "", Bump::minor, false},
      {"removed", kGoal + R"(, {"id": "more", "type": "text", "prompt": "M?", "help": "h"})", kGoal,
       ChangeKind::removed, "more", "", Bump::major, false},
      {"renamed", kGoal,
       R"({"id": "aim", "type": "text", "prompt": "Goal?", "help": "h", "renamed_from": ["goal"]})",
       ChangeKind::renamed, "aim", "", Bump::minor, false},
      {"renamed and reworded", kGoal,
       R"({"id": "aim", "type": "text", "prompt": "Aim?", "help": "h", "renamed_from": ["x", "goal"]})",
       ChangeKind::renamed, "aim", "prompt minor", Bump::minor, true},
      {"type", kGoal, R"({"id": "goal", "type": "number", "prompt": "Goal?", "help": "h"})",
       ChangeKind::changed, "goal", "type text → number major", Bump::major, true},
      {"prompt", kGoal, R"({"id": "goal", "type": "text", "prompt": "Aim?", "help": "h"})",
       ChangeKind::changed, "goal", "prompt minor", Bump::minor, true},
      {"help and clarify", kGoal,
       R"({"id": "goal", "type": "text", "prompt": "Goal?", "help": "better", "clarify": ["c"], "tags": ["t"]})",
       ChangeKind::reworded, "goal", "help patch; clarify patch; tags patch", Bump::patch, false},
      {"options removed", choice + R"("a", "b"]})", choice + R"("a"]})", ChangeKind::changed,
       "pick", "options removed b major", Bump::major, true},
      {"options added", choice + R"("a", "b"]})", choice + R"("a", "b", "c", "d"]})",
       ChangeKind::changed, "pick", "options added c, d minor", Bump::minor, true},
      {"option label", choice + R"("a", "b"]})", choice + R"({"value": "a", "label": "A"}, "b"]})",
       ChangeKind::changed, "pick", "options labels minor", Bump::minor, true},
      {"option order", choice + R"("a", "b"]})", choice + R"("b", "a"]})", ChangeKind::changed,
       "pick", "options order minor", Bump::minor, true},
      {"option help", choice + R"("a", "b"]})", choice + R"({"value": "a", "help": "x"}, "b"]})",
       ChangeKind::reworded, "pick", "options help patch", Bump::patch, false},
      {"other removed", choice + R"("a", "b"], "other": true})", choice + R"("a", "b"]})",
       ChangeKind::changed, "pick", "other no longer allowed major", Bump::major, true},
      {"other allowed", choice + R"("a", "b"]})", choice + R"("a", "b"], "other": true})",
       ChangeKind::changed, "pick", "other now allowed minor", Bump::minor, true},
      {"min raised, max raised",
       R"({"id": "n", "type": "number", "prompt": "N?", "help": "h", "min": 1, "max": 5})",
       R"({"id": "n", "type": "number", "prompt": "N?", "help": "h", "min": 2, "max": 9})",
       ChangeKind::changed, "n", "min 1 → 2 major; max 5 → 9 minor", Bump::major, true},
      {"limits loosened", R"({"id": "n", "type": "number", "prompt": "N?", "help": "h", "min": 1})",
       R"({"id": "n", "type": "number", "prompt": "N?", "help": "h", "max": 7})",
       ChangeKind::changed, "n", "min 1 → none minor; max none → 7 major", Bump::major, true},
      {"scale range from defaults", R"({"id": "s", "type": "scale", "prompt": "S?", "help": "h"})",
       R"({"id": "s", "type": "scale", "prompt": "S?", "help": "h", "min": 0, "max": 5})",
       ChangeKind::changed, "s", "min 1 → 0 minor", Bump::minor, true},
      {"integer", R"({"id": "n", "type": "number", "prompt": "N?", "help": "h"})",
       R"({"id": "n", "type": "number", "prompt": "N?", "help": "h", "integer": true, "unit": "u"})",
       ChangeKind::changed, "n", "unit minor; integer no → yes major", Bump::major, true},
      {"pattern added", kGoal,
       R"({"id": "goal", "type": "text", "prompt": "Goal?", "help": "h", "pattern": "[a-z]+"})",
       ChangeKind::changed, "goal", "pattern major", Bump::major, true},
      {"min_length lowered",
       R"({"id": "goal", "type": "text", "prompt": "Goal?", "help": "h", "min_length": 9})",
       R"({"id": "goal", "type": "text", "prompt": "Goal?", "help": "h", "min_length": 3})",
       ChangeKind::changed, "goal", "min_length 9 → 3 minor", Bump::minor, true},
      {"condition and flags",
       kGoal + R"(, {"id": "goal2", "type": "text", "prompt": "Goal?", "help": "h"})",
       kGoal + R"(, {"id": "goal2", "type": "text", "prompt": "Goal?", "help": "h",)"
               R"j( "when": "answered(goal)", "required": false, "na": true,)j"
               R"( "reconfirm_after_days": 5})",
       ChangeKind::changed, "goal2",
       "when answered(goal) minor; required yes → no minor; na no → yes minor; "
       "reconfirm_after_days none → 5 minor",
       Bump::minor, false},
      {"written differently, reads the same",
       R"({"id": "n", "type": "number", "prompt": "N?", "help": "h", "min": 1})",
       R"({"id": "n", "type": "number", "prompt": "N?", "help": "h", "min": 1.0})",
       ChangeKind::changed, "n", "definition minor", Bump::minor, true},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const ChecklistDiff d =
        diff_checklists(load(checklist_text(c.before)), load(checklist_text(c.after, "9.0.0")));
    REQUIRE(d.items.size() == 1);
    const ItemChange& change = d.items[0];
    CHECK(change.kind == c.kind);
    CHECK(change.item == c.item);
    CHECK(fields(change) == c.fields);
    CHECK(change.bump == c.bump);
    CHECK(change.reconfirm == c.reconfirm);
    CHECK(d.bump == c.bump);
    CHECK(d.others.empty());
  }
}

TEST_CASE("diff_checklists: sections, the checklist's own fields, and the order of changes") {
  const std::string two = R"(, {"id": "two", "title": "Two", "items": [{"id": "b", "type": "text",)"
                          R"( "prompt": "B?", "help": "h"}]})";
  const Checklist before = load(checklist_text(kGoal, "1.2.3", two));
  std::string after_text = checklist_text(
      R"({"id": "b", "type": "text", "prompt": "B?", "help": "h"}, )" + kGoal, "1.2.4",
      R"(, {"id": "three", "title": "Three", "items": [{"id": "c", "type": "yesno", "prompt": "C?",)"
      R"( "help": "h"}]})");
  after_text.replace(after_text.find("\"Mini\""), 6, "\"Mini 2\"");
  const ChecklistDiff d = diff_checklists(before, load(after_text));
  REQUIRE(d.items.size() == 2);
  CHECK(d.items[0].item == "b");
  CHECK(fields(d.items[0]) == "section two → one minor");
  CHECK(d.items[1].kind == ChangeKind::added);
  CHECK(d.items[1].item == "c");
  REQUIRE(d.others.size() == 3);
  CHECK(d.others[0].field == "title");
  CHECK(d.others[1].detail == "added three");
  CHECK(d.others[2].detail == "removed two");
  CHECK(d.bump == Bump::minor);
  CHECK(d.least_version == "1.3.0");
  CHECK_FALSE(d.version_ok); // 1.2.4 < 1.3.0
}

TEST_CASE("diff_checklists: the least version for each bump, and whether the new one is enough") {
  struct Case {
    std::string after_items;
    const char* old_version;
    const char* new_version;
    const char* least;
    bool ok;
  };
  const std::string reworded = R"({"id": "goal", "type": "text", "prompt": "Goal?", "help": "x"})";
  const std::vector<Case> cases = {
      {kGoal, "1.4.2", "1.4.2", "1.4.2", true},    // nothing changed
      {kGoal, "1.4.2", "1.4.1", "1.4.2", false},   // nothing changed, but the version went down
      {reworded, "1.4.2", "1.4.3", "1.4.3", true}, // patch
      {reworded, "1.4.2", "2.0.0", "1.4.3", true},
      {reworded, "1.4.2", "1.4.2", "1.4.3", false},
      {kGoal + R"(, {"id": "x", "type": "text", "prompt": "X?", "help": "h"})", "1.4.2", "1.5.0",
       "1.5.0", true}, // minor
      {kGoal + R"(, {"id": "x", "type": "text", "prompt": "X?", "help": "h"})", "0.9.9", "0.9.10",
       "0.10.0", false},
      {R"({"id": "goal", "type": "date", "prompt": "Goal?", "help": "h"})", "1.4.2", "1.99.0",
       "2.0.0", false}, // major
      {R"({"id": "goal", "type": "date", "prompt": "Goal?", "help": "h"})", "10.4.2", "11.0.0",
       "11.0.0", true},
  };
  for (const Case& c : cases) {
    INFO(c.after_items, " ", c.new_version);
    const ChecklistDiff d = diff_checklists(load(checklist_text(kGoal, c.old_version)),
                                            load(checklist_text(c.after_items, c.new_version)));
    CHECK(d.least_version == c.least);
    CHECK(d.version_ok == c.ok);
  }
  const ChecklistDiff same =
      diff_checklists(load(checklist_text(kGoal)), load(checklist_text(kGoal)));
  CHECK(same.items.empty());
  CHECK(same.bump == Bump::none);
}

TEST_CASE("diff_json: the documented shape") {
  const ChecklistDiff d = diff_checklists(
      load(checklist_text(kGoal)),
      load(checklist_text(R"({"id": "aim", "type": "longtext", "prompt": "Goal?", "help": "h",)"
                          R"( "renamed_from": ["goal"]})",
                          "2.0.0")));
  const auto j = nlohmann::json::parse(diff_json(d));
  CHECK(j["cna_checklist_diff"] == 1);
  CHECK(j["old"] == nlohmann::json({{"id", "mini"}, {"version", "1.0.0"}}));
  CHECK(j["new"]["version"] == "2.0.0");
  CHECK(j["items"] == nlohmann::json::parse(R"([{"item": "aim", "change": "renamed", "from": "goal",
    "fields": [{"field": "type", "detail": "text → longtext", "bump": "major"}],
    "reconfirm": true, "bump": "major"}])"));
  CHECK(j["others"] == nlohmann::json::array());
  CHECK(j["bump"] == "major");
  CHECK(j["least_version"] == "2.0.0");
  CHECK(j["version_ok"] == true);
}

TEST_CASE("starter_checklist: valid without warnings, canonical, every type, a condition") {
  for (const char* id : {"renewal", "key_account_review", "x"}) {
    INFO(id);
    const std::string text = starter_checklist(id);
    const ChecklistLoad l = load_checklist(text, "starter.json");
    CHECK(l.problems.empty());
    REQUIRE(l.checklist);
    CHECK(l.checklist->id == id);
    CHECK(format_checklist(text, "starter.json").text == text);
    std::set<ItemType> types;
    bool condition = false;
    for (const Item& item : l.checklist->items) {
      types.insert(item.type);
      condition = condition || item.condition != nullptr;
      CHECK_FALSE(item.help.empty());
      CHECK_FALSE(item.clarify.empty());
    }
    CHECK(types.size() == item_types().size());
    CHECK(condition);
    CHECK(l.checklist->sections.size() >= 2);
  }
  CHECK(load_checklist(starter_checklist("key_account_review"), "s").checklist->title ==
        "Key account review");
  for (const char* bad : {"", "Renewal", "9lives", "a-b", "a\"b"}) {
    INFO(bad);
    const auto t = thrown_by([&] { (void)starter_checklist(bad); });
    CHECK(t.code == Exit::usage);
    CHECK(contains(t.message, "is not a checklist id"));
  }
}

TEST_SUITE_END();
