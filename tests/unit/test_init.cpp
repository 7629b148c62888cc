#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cna/init.hpp"
#include "cna/workspace.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;
using cna::test::read_text;
using cna::test::TempDir;
using cna::test::thrown_by;
using cna::test::write_text;

namespace fs = std::filesystem;

namespace {

std::vector<NewFile> skeleton_in(const fs::path& root) {
  std::vector<NewFile> files = workspace_skeleton();
  for (NewFile& f : files)
    f.path = root / f.path;
  return files;
}

} // namespace

TEST_SUITE_BEGIN("core::init");

TEST_CASE("workspace_skeleton: docs/workspace.md's files") {
  std::map<std::string, std::string> files;
  for (const NewFile& f : workspace_skeleton())
    files[f.path.string()] = f.content;
  CHECK(nlohmann::json::parse(files.at("cna.json")) ==
        nlohmann::json::parse(R"({"cna": 1, "default_checklist": "discovery",
                                  "reconfirm_after_days": 30})"));
  CHECK(files.at(".gitattributes") == "assessments/*.json merge=cna\n");
  CHECK(files.at(".gitignore") == ".*.tmp.*\n.*.lock\n");
  for (const char* dir : {"checklists", "assessments", "templates"})
    CHECK(files.contains(std::string(dir) + "/.gitkeep"));
  CHECK(merge_driver_setup().back() == "git config merge.cna.driver 'cna merge-driver %O %A %B'");
  CHECK(contains(merge_driver_setup().front(), "git config merge.cna.name "));
}

TEST_CASE("create_new_files: writes the skeleton into a new folder, which is then a workspace") {
  TempDir tmp;
  const fs::path root = tmp / "team" / "ws";
  create_new_files(skeleton_in(root));
  for (const char* dir : {"checklists", "assessments", "templates"})
    CHECK(fs::is_directory(root / dir));
  CHECK(read_text(root / ".gitattributes") == "assessments/*.json merge=cna\n");
  const Workspace ws = Workspace::locate(root);
  CHECK(ws.config().default_checklist == "discovery");
  CHECK(ws.config().reconfirm_after_days == 30);
  CHECK(ws.accounts().empty());
}

TEST_CASE("create_new_files: refuses when anything is in the way, and writes nothing") {
  TempDir tmp;
  SUBCASE("an existing file") {
    write_text(tmp / ".gitignore", "mine\n");
    const auto t = thrown_by([&] { create_new_files(skeleton_in(tmp.path())); });
    CHECK(t.code == Exit::no);
    CHECK(contains(t.message, (tmp / ".gitignore").string() + " already exists; nothing was "
                                                              "written"));
    CHECK(read_text(tmp / ".gitignore") == "mine\n");
    CHECK_FALSE(fs::exists(tmp / "cna.json"));
    CHECK_FALSE(fs::exists(tmp / "checklists"));
  }
  SUBCASE("two existing files are both named") {
    write_text(tmp / "cna.json", "{}");
    fs::create_directories(tmp / "templates" / ".gitkeep");
    const auto t = thrown_by([&] { create_new_files(skeleton_in(tmp.path())); });
    CHECK(t.code == Exit::no);
    CHECK(contains(t.message, "cna.json, "));
    CHECK(contains(t.message, "templates/.gitkeep already exist;"));
    CHECK(read_text(tmp / "cna.json") == "{}");
  }
  SUBCASE("a dangling symlink") {
    fs::create_symlink(tmp / "nowhere", tmp / ".gitattributes");
    CHECK(thrown_by([&] { create_new_files(skeleton_in(tmp.path())); }).code == Exit::no);
    CHECK_FALSE(fs::exists(tmp / "nowhere"));
  }
  SUBCASE("a file where a folder goes") {
    write_text(tmp / "checklists", "");
    const auto t = thrown_by([&] { create_new_files(skeleton_in(tmp.path())); });
    CHECK(t.code == Exit::no);
    CHECK(contains(t.message, "checklists (not a folder) already exists"));
    CHECK_FALSE(fs::exists(tmp / "cna.json"));
  }
  SUBCASE("existing empty folders are fine") {
    fs::create_directories(tmp / "assessments");
    create_new_files(skeleton_in(tmp.path()));
    CHECK(fs::exists(tmp / "assessments" / ".gitkeep"));
  }
}

TEST_CASE("create_new_files: a failure part way (a full disk) leaves nothing, so init runs again") {
  TempDir tmp;
  const fs::path root = tmp / "team" / "ws";
  std::vector<NewFile> files = skeleton_in(root);
  // A name the file system refuses (too long), after the others: as a disk that fills up at the
  // last file.
  files.push_back({root / "templates" / std::string(300, 'x'), "never"});
  const auto t = thrown_by([&] { create_new_files(files); });
  CHECK(t.code == Exit::io);
  CHECK(contains(t.message, "nothing of the workspace was left behind"));
  CHECK_FALSE(fs::exists(tmp / "team"));
  create_new_files(skeleton_in(root));
  CHECK(read_text(root / ".gitignore") == ".*.tmp.*\n.*.lock\n");
}

TEST_SUITE_END();
