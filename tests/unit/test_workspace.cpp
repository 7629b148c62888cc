#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cna/workspace.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;
using cna::test::read_text;
using cna::test::ScopedCwd;
using cna::test::ScopedEnv;
using cna::test::TempDir;
using cna::test::thrown_by;
using cna::test::write_text;
namespace fs = std::filesystem;

namespace {

const char* const kConfig =
    R"({"cna": 1, "default_checklist": "deal", "reconfirm_after_days": 14, "default_currency": "EUR"})";

std::string checklist_json(const std::string& id, const std::string& title = "Team") {
  return R"({"cna": 1, "id": ")" + id + R"(", "version": "1.0.0", "title": ")" + title +
         R"(", "sections": [{"id": "one", "title": "One", "items": [
  {"id": "goal", "type": "text", "prompt": "Goal?", "help": "h"}]}]})";
}

bool same_folder(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec);
}

} // namespace

TEST_SUITE_BEGIN("core::workspace");

TEST_CASE("workspace: locate") {
  TempDir dir;
  ScopedEnv no_env("CNA_WORKSPACE", std::nullopt);
  const fs::path ws = dir / "ws";
  fs::create_directories(ws / "a" / "b" / "c");
  write_text(ws / "cna.json", kConfig);

  SUBCASE("-C DIR") {
    const Workspace w = Workspace::locate(ws);
    CHECK(w.root() == ws);
    CHECK(w.config().default_checklist == "deal");
    CHECK(w.config().reconfirm_after_days == 14);
    CHECK(w.config().default_currency == "EUR");
    CHECK(w.assessments_dir() == ws / "assessments");
    CHECK(w.assessment_path("acme") == ws / "assessments" / "acme.json");
  }
  SUBCASE("-C DIR without cna.json: the defaults") {
    const Workspace w = Workspace::locate(dir / "empty");
    CHECK(w.root() == dir / "empty");
    CHECK(w.config().default_checklist == "discovery");
    CHECK(w.config().reconfirm_after_days == 30);
    CHECK(w.config().default_currency.empty());
  }
  SUBCASE("-C naming a file is a usage error") {
    CHECK(thrown_by([&] { (void)Workspace::locate(ws / "cna.json"); }).code == Exit::usage);
  }
  SUBCASE("CNA_WORKSPACE") {
    ScopedEnv env("CNA_WORKSPACE", ws.string());
    ScopedCwd cwd(dir.path());
    CHECK(Workspace::locate(std::nullopt).root() == ws);
  }
  SUBCASE("-C wins over CNA_WORKSPACE") {
    ScopedEnv env("CNA_WORKSPACE", (dir / "other").string());
    CHECK(Workspace::locate(ws).root() == ws);
  }
  SUBCASE("walking up from a nested folder to cna.json") {
    ScopedCwd cwd(ws / "a" / "b" / "c");
    const Workspace w = Workspace::locate(std::nullopt);
    CHECK(same_folder(w.root(), ws));
    CHECK(w.config().default_checklist == "deal");
  }
  SUBCASE("the nearest cna.json wins") {
    write_text(ws / "a" / "cna.json", R"({"cna": 1, "reconfirm_after_days": 3})");
    ScopedCwd cwd(ws / "a" / "b");
    const Workspace w = Workspace::locate(std::nullopt);
    CHECK(same_folder(w.root(), ws / "a"));
    CHECK(w.config().reconfirm_after_days == 3);
  }
  SUBCASE("a folder named cna.json does not count") {
    fs::create_directories(dir / "x" / "cna.json");
    fs::create_directories(dir / "x" / "y");
    ScopedCwd cwd(dir / "x" / "y");
    ScopedEnv xdg("XDG_DATA_HOME", (dir / "xdg").string());
    CHECK(Workspace::locate(std::nullopt).root() == dir / "xdg" / "cna");
  }
  SUBCASE("none found: ${XDG_DATA_HOME}/cna") {
    fs::create_directories(dir / "elsewhere");
    ScopedCwd cwd(dir / "elsewhere");
    ScopedEnv xdg("XDG_DATA_HOME", (dir / "xdg").string());
    const Workspace w = Workspace::locate(std::nullopt);
    CHECK(w.root() == dir / "xdg" / "cna");
    CHECK_FALSE(fs::exists(dir / "xdg")); // created on the first write only
    w.ensure_exists();
    CHECK(fs::is_directory(dir / "xdg" / "cna" / "assessments"));
    CHECK(contains(read_text(dir / "xdg" / "cna" / "cna.json"), "\"cna\": 1"));
    CHECK(Workspace::locate(dir / "xdg" / "cna").config().default_checklist == "discovery");
  }
  SUBCASE("none found, no XDG_DATA_HOME: ~/.local/share/cna") {
    fs::create_directories(dir / "elsewhere");
    ScopedCwd cwd(dir / "elsewhere");
    ScopedEnv xdg("XDG_DATA_HOME", std::nullopt);
    ScopedEnv home("HOME", (dir / "home").string());
    CHECK(Workspace::locate(std::nullopt).root() == dir / "home" / ".local" / "share" / "cna");
  }
  SUBCASE("a relative XDG_DATA_HOME is ignored, as the spec says") {
    fs::create_directories(dir / "elsewhere");
    ScopedCwd cwd(dir / "elsewhere");
    ScopedEnv xdg("XDG_DATA_HOME", "relative/data");
    ScopedEnv home("HOME", (dir / "home").string());
    CHECK(Workspace::locate(std::nullopt).root() == dir / "home" / ".local" / "share" / "cna");
  }
}

TEST_CASE("workspace: a bad cna.json is Exit::data naming it") {
  const char* cases[] = {
      "",
      "{",
      "[]",
      R"({"cna": 2})",
      R"({"cna": "1"})",
      R"({"default_checklist": "deal"})",
      R"({"cna": 1, "default_checklist": "Bad Id"})",
      R"({"cna": 1, "default_checklist": 5})",
      R"({"cna": 1, "reconfirm_after_days": 0})",
      R"({"cna": 1, "reconfirm_after_days": "30"})",
      R"({"cna": 1, "reconfirm_after_days": 99999999999})",
      R"({"cna": 1, "default_currency": "eur"})",
      R"({"cna": 1, "default_currency": 978})",
      "{\"cna\": 1, \"x\": \"\xff\"}",
  };
  for (const char* text : cases) {
    CAPTURE(std::string(text));
    TempDir dir;
    write_text(dir / "cna.json", text);
    const auto t = thrown_by([&] { (void)Workspace::locate(dir.path()); });
    CAPTURE(t.message);
    CHECK(t.code == Exit::data);
    CHECK(contains(t.message, (dir / "cna.json").string()));
  }
}

TEST_CASE("workspace: checklists") {
  TempDir dir;
  const fs::path ws = dir.path();
  write_text(ws / "cna.json", R"({"cna": 1})");
  fs::create_directories(ws / "checklists");
  const Workspace w = Workspace::locate(ws);

  SUBCASE("the built-in one when the workspace has none") {
    const Checklist c = w.checklist("discovery");
    CHECK(c.id == "discovery");
    CHECK(c.origin == "built-in");
    CHECK(c.items.size() >= 30);
  }
  SUBCASE("the workspace's file overrides the built-in one") {
    write_text(ws / "checklists" / "discovery.json", checklist_json("discovery", "Ours"));
    const Checklist c = w.checklist("discovery");
    CHECK(c.title == "Ours");
    CHECK(c.items.size() == 1);
    CHECK(c.origin == (ws / "checklists" / "discovery.json").string());
    const auto entries = w.checklists();
    REQUIRE(entries.size() == 3); // the other built-ins: key_account_review, renewal
    CHECK(entries[0].id == "discovery");
    CHECK(entries[0].origin == (ws / "checklists" / "discovery.json").string());
  }
  SUBCASE("the team's own checklists are listed with the built-ins, by id") {
    write_text(ws / "checklists" / "renewal.json", checklist_json("renewal"));
    write_text(ws / "checklists" / "Not An Id.json", checklist_json("x"));
    write_text(ws / "checklists" / "notes.txt", "");
    CHECK(w.checklist("renewal").id == "renewal");
    const auto entries = w.checklists();
    std::vector<std::string> ids;
    for (const auto& e : entries)
      ids.push_back(e.id);
    CHECK(ids == std::vector<std::string>{"discovery", "key_account_review", "renewal"});
  }
  SUBCASE("a file whose id differs from its name is refused") {
    write_text(ws / "checklists" / "renewal.json", checklist_json("discovery"));
    const auto t = thrown_by([&] { (void)w.checklist("renewal"); });
    CHECK(t.code == Exit::data);
    CHECK(contains(t.message, "renewal.json holds checklist \"discovery\""));
  }
  SUBCASE("every problem of an invalid one is reported") {
    const std::string text =
        R"({"cna": 2, "id": "bad", "version": "1.0", "title": "Bad", "sections": [
  {"id": "one", "title": "One", "items": [{"id": "a", "type": "numbr", "prompt": "A?"}]}]})";
    write_text(ws / "checklists" / "bad.json", text);
    const auto t = thrown_by([&] { (void)w.checklist("bad"); });
    CHECK(t.code == Exit::data);
    const std::string file = (ws / "checklists" / "bad.json").string();
    CHECK(contains(t.message, "checklist " + file + " does not validate:"));
    CHECK(contains(t.message, "\n  " + file + ":" + cna::test::line_col(text, "2") +
                                  ": cna: error: unsupported format version"));
    CHECK(contains(t.message, "\n  " + file + ":" + cna::test::line_col(text, "\"1.0\"") +
                                  ": version: error: expected a semantic version"));
    CHECK(contains(t.message, "\n  " + file + ":" + cna::test::line_col(text, "\"numbr\"") +
                                  ": sections[0].items[0].type: error: unknown type"));
    CHECK_FALSE(contains(t.message, "warning")); // only the errors
  }
  SUBCASE("a syntax error in the workspace's file") {
    write_text(ws / "checklists" / "discovery.json", "{\n  \"cna\": 1,,\n}");
    const auto t = thrown_by([&] { (void)w.checklist("discovery"); });
    CHECK(t.code == Exit::data);
    CHECK(contains(t.message, "discovery.json:2:12"));
  }
  SUBCASE("an unknown id is a usage error listing the available ones") {
    write_text(ws / "checklists" / "renewal.json", checklist_json("renewal"));
    const auto t = thrown_by([&] { (void)w.checklist("nope"); });
    CHECK(t.code == Exit::usage);
    CHECK(
        contains(t.message,
                 "unknown checklist \"nope\" (available: discovery, key_account_review, renewal)"));
  }
  SUBCASE("an id that is not an id never reaches the file system") {
    write_text(ws / "secret.json", checklist_json("secret"));
    for (const char* id : {"../secret", "/etc/passwd", "", "Discovery", "a/b"}) {
      CAPTURE(std::string(id));
      CHECK(thrown_by([&] { (void)w.checklist(id); }).code == Exit::usage);
    }
  }
  SUBCASE("a checklist file that is a symlink leading outside is refused") {
    TempDir outside;
    write_text(outside / "discovery.json", checklist_json("discovery", "Theirs"));
    fs::create_symlink(outside / "discovery.json", ws / "checklists" / "discovery.json");
    CHECK(thrown_by([&] { (void)w.checklist("discovery"); }).code == Exit::data);
  }
}

TEST_CASE("workspace: accounts") {
  TempDir dir;
  const Workspace w = Workspace::locate(dir.path());
  CHECK(w.accounts().empty()); // no assessments folder yet
  fs::create_directories(w.assessments_dir());
  for (const char* name : {"zeta.json", "acme.json", "Bad Name.json", "notes.txt",
                           ".acme.json.lock", ".acme.json.tmp.1", "con.json"}) {
    write_text(w.assessments_dir() / name, "{}");
  }
  CHECK(w.accounts() == std::vector<std::string>{"acme", "zeta"});
}

TEST_CASE("workspace: require_slug suggests a slug") {
  CHECK_FALSE(thrown_by([] { require_slug("acme-corp"); }).thrown);
  struct Case {
    const char* name;
    const char* suggestion; // "" when none can be made
  };
  const Case cases[] = {
      {"Acme Corp", "acme-corp"},       {"  ACME!!", "acme"},
      {"con", "con-account"},           {"-acme", "acme"},
      {"\xe6\x97\xa5\xe6\x9c\xac", ""}, {"a\x1b]0;x\x07", "a-0-x"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.name));
    const auto t = thrown_by([&] { require_slug(c.name); });
    CHECK(t.code == Exit::usage);
    CHECK(contains(t.message, "is not an account name"));
    CHECK(contains(t.message, "lower-case letters, digits and dashes"));
    if (*c.suggestion != '\0') {
      CHECK(contains(t.message, std::string("try \"") + c.suggestion + "\""));
    } else {
      CHECK_FALSE(contains(t.message, "try"));
    }
    CHECK(t.message.find('\x1b') == std::string::npos); // shown made visible
  }
}

TEST_SUITE_END();
