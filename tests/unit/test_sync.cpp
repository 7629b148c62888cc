#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cna/assessment_file.hpp"
#include "cna/sync.hpp"

using namespace cna;

namespace {

HistoryEntry change(const std::string& item, const std::string& action,
                    const std::string& at = "2026-11-20T10:00:00Z") {
  return {at, "sam", item, action, Value(std::string("v")), "", "", ""};
}

// An assessment file's text holding `history`.
std::string file_with(const std::vector<HistoryEntry>& history) {
  Assessment a;
  a.account = "acme";
  a.name = "Acme";
  a.checklist = {"deal", "1.0.0", "abc"};
  a.history = history;
  return serialize_assessment(a);
}

} // namespace

TEST_SUITE_BEGIN("core::sync");

TEST_CASE("sync_message: the accounts, and what their new history entries are, by kind") {
  const HistoryEntry old_answer = change("goal", "answered", "2026-11-01T10:00:00Z");
  const std::string before = file_with({old_answer});
  const std::string after =
      file_with({old_answer, change("goal", "answered"), change("budget", "na"),
                 change("plan", "unknown"), change("goal", "confirmed"),
                 change("dana", "stakeholder-added"), change("x", "checklist-updated")});
  const std::string fresh = file_with({change("goal", "answered")});
  CHECK(sync_message({{"acme", before, after}, {"nordbahn", "", fresh}}, {}) ==
        "cna sync: acme, nordbahn (4 answers, 1 confirmation, 1 stakeholder change, 1 other "
        "change)");
  CHECK(sync_message({{"acme", before, after}}, {"cna.json"}) ==
        "cna sync: acme, cna.json (3 answers, 1 confirmation, 1 stakeholder change, 1 other "
        "change)");
}

TEST_CASE("sync_message: an entry the file had before is not counted, even when it repeats") {
  const HistoryEntry twice = change("goal", "note");
  CHECK(sync_message({{"acme", file_with({twice}), file_with({twice, twice})}}, {}) ==
        "cna sync: acme (1 note)");
  CHECK(sync_message({{"acme", file_with({twice}), file_with({twice})}}, {}) == "cna sync: acme");
}

TEST_CASE("sync_message: removed accounts, other files, unreadable files, a long list") {
  CHECK(sync_message({{"acme", file_with({}), ""}}, {}) == "cna sync: acme (removed)");
  CHECK(sync_message({}, {"checklists/renewal.json"}) == "cna sync: checklists/renewal.json");
  CHECK(sync_message({{"acme", "", "{ not json"}}, {}) == "cna sync: acme");
  std::vector<ChangedAccount> many;
  for (const char* name : {"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"})
    many.push_back({name, "", file_with({change("goal", "answered")})});
  CHECK(sync_message(many, {}) ==
        "cna sync: a1, a2, a3, a4, a5, a6, a7, a8 and 2 more (10 answers)");
}

TEST_CASE("sync_pathspecs: the workspace's own files, nothing else") {
  CHECK(sync_pathspecs() == std::vector<std::string>{":(literal)cna.json",
                                                     ":(glob)assessments/*.json",
                                                     ":(glob)checklists/**/*.json"});
}

TEST_SUITE_END();
