#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fmt/format.h>
#include <future>
#include <string>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "cna/json.hpp"
#include "cna/store.hpp"
#include "test_support.hpp"

using namespace cna;
using cna::test::contains;
using cna::test::read_text;
using cna::test::ScopedEnv;
using cna::test::TempDir;
using cna::test::thrown_by;
using cna::test::write_text;
namespace fs = std::filesystem;

namespace {

Answer answered(Value value, std::string source = "dana-lee") {
  Answer a;
  a.state = State::answered;
  a.value = std::move(value);
  a.source = std::move(source);
  a.answered_at = "2026-11-23T10:04:00Z";
  a.answered_by = "sam";
  a.item_sha256 = std::string(64, 'a');
  return a;
}

// An assessment holding every value type and every answer state.
Assessment full_assessment() {
  Assessment a;
  a.account = "acme";
  a.name = "Acme Corp";
  a.checklist = {"discovery", "1.0.0", std::string(64, 'c')};
  a.stakeholders = {
      {"dana-lee", "Dana Lee", "VP Operations", {"economic-buyer", "champion"}, {}, {}, {}, ""},
      {"sam-k", "Sam K", "", {}, {}, {}, {}, ""}};
  a.answers.emplace_back("goal", answered(Value(std::string("Cut costs\nby 10%"))));
  a.answers.emplace_back("systems", answered(Value(std::vector<std::string>{"crm", "erp"})));
  a.answers.emplace_back("incumbent", answered(Value(true)));
  a.answers.emplace_back("users", answered(Value(250.0)));
  a.answers.emplace_back("growth", answered(Value(12.5)));
  a.answers.emplace_back("negative", answered(Value(-3.0)));
  a.answers.emplace_back("budget", answered(Value(Money{250000, "EUR"})));
  a.answers.emplace_back("fee", answered(Value(Money{99.95, "USD"})));
  a.answers.emplace_back("decision_date", answered(Value(std::string("2026-12-01"))));
  Answer confirmed = answered(Value(std::string("dana-lee")));
  confirmed.note = "said twice";
  confirmed.confirmed_at = "2026-11-24T09:00:00Z";
  confirmed.confirmed_by = "sam";
  confirmed.confirmed_with = "dana-lee";
  a.answers.emplace_back("owner", confirmed);
  Answer na;
  na.state = State::na;
  na.reason = "direct deal";
  a.answers.emplace_back("partner", na);
  Answer unknown;
  unknown.state = State::unknown;
  unknown.owner = "sam";
  unknown.due = "2026-12-01";
  a.answers.emplace_back("paper_process", unknown);
  Answer conflict;
  conflict.state = State::conflict;
  a.answers.emplace_back("timeline", conflict);
  a.retired.emplace_back("old_item", answered(Value(std::string("kept"))));
  a.history.push_back({"2026-11-23T10:04:00Z", "sam", "goal", "answered",
                       Value(std::string("Cut costs")), "dana-lee", "", ""});
  a.history.push_back({"2026-11-23T10:05:00Z", "sam", "budget", "answered",
                       Value(Money{250000, "EUR"}), "", "", ""});
  a.history.push_back(
      {"2026-11-23T10:06:00Z", "sam", "dana-lee", "stakeholder-added", Value{}, "", "", ""});
  return a;
}

void check_same(const Assessment& x, const Assessment& y) {
  CHECK(x.cna == y.cna);
  CHECK(x.account == y.account);
  CHECK(x.name == y.name);
  CHECK(x.checklist.id == y.checklist.id);
  CHECK(x.checklist.version == y.checklist.version);
  CHECK(x.checklist.sha256 == y.checklist.sha256);
  REQUIRE(x.stakeholders.size() == y.stakeholders.size());
  for (std::size_t i = 0; i < x.stakeholders.size(); ++i) {
    CHECK(x.stakeholders[i].id == y.stakeholders[i].id);
    CHECK(x.stakeholders[i].name == y.stakeholders[i].name);
    CHECK(x.stakeholders[i].title == y.stakeholders[i].title);
    CHECK(x.stakeholders[i].roles == y.stakeholders[i].roles);
  }
  for (const auto* list : {&x.answers, &x.retired}) {
    const auto& other = list == &x.answers ? y.answers : y.retired;
    REQUIRE(list->size() == other.size());
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto& [id, a] = (*list)[i];
      const auto& [id2, b] = other[i];
      CAPTURE(id);
      CHECK(id == id2);
      CHECK(a.state == b.state);
      CHECK(a.value == b.value);
      CHECK(a.reason == b.reason);
      CHECK(a.owner == b.owner);
      CHECK(a.due == b.due);
      CHECK(a.source == b.source);
      CHECK(a.note == b.note);
      CHECK(a.answered_at == b.answered_at);
      CHECK(a.answered_by == b.answered_by);
      CHECK(a.item_sha256 == b.item_sha256);
      CHECK(a.confirmed_at == b.confirmed_at);
      CHECK(a.confirmed_by == b.confirmed_by);
      CHECK(a.confirmed_with == b.confirmed_with);
    }
  }
  REQUIRE(x.history.size() == y.history.size());
  for (std::size_t i = 0; i < x.history.size(); ++i) {
    CHECK(x.history[i].at == y.history[i].at);
    CHECK(x.history[i].by == y.history[i].by);
    CHECK(x.history[i].item == y.history[i].item);
    CHECK(x.history[i].action == y.history[i].action);
    CHECK(x.history[i].value == y.history[i].value);
    CHECK(x.history[i].source == y.history[i].source);
  }
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(dir))
    out.push_back(entry.path().filename());
  std::sort(out.begin(), out.end());
  return out;
}

struct FileId {
  ino_t inode = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileId&) const = default;
};

FileId file_id(const fs::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return {st.st_ino,
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

Assessment minimal(const std::string& account) {
  Assessment a;
  a.account = account;
  a.name = account;
  a.checklist = {"discovery", "1.0.0", std::string(64, 'c')};
  return a;
}

} // namespace

TEST_SUITE_BEGIN("core::store");

TEST_CASE("store: serialize and parse round-trip every value type") {
  const Assessment a = full_assessment();
  const std::string text = serialize_assessment(a);
  const Assessment b = parse_assessment(text, "acme.json");
  check_same(a, b);
  CHECK(serialize_assessment(b) == text);

  const Json j = Json::parse(text);
  CHECK(j["answers"]["budget"]["value"] == Json::parse(R"({"amount": 250000, "currency": "EUR"})"));
  CHECK(j["answers"]["fee"]["value"]["amount"] == 99.95);
  CHECK(j["answers"]["users"]["value"].is_number_integer());
  CHECK(j["answers"]["negative"]["value"] == -3);
  CHECK(j["answers"]["growth"]["value"] == 12.5);
  CHECK(j["answers"]["systems"]["value"] == Json::parse(R"(["crm", "erp"])"));
  CHECK(j["answers"]["incumbent"]["value"] == true);
  CHECK(j["answers"]["partner"] == Json::parse(R"({"state": "na", "reason": "direct deal"})"));
  CHECK(j["answers"]["paper_process"] ==
        Json::parse(R"({"state": "unknown", "owner": "sam", "due": "2026-12-01"})"));
  CHECK(j["history"][1]["value"] == Json::parse(R"({"amount": 250000, "currency": "EUR"})"));
  CHECK_FALSE(j["history"][2].contains("value"));
  CHECK(contains(text, "\"amount\": 250000,"));
  CHECK(contains(text, "\"value\": 250,"));
  CHECK_FALSE(contains(text, "250000.0"));
  CHECK_FALSE(contains(text, "250.0"));
  CHECK(text.back() == '\n');
}

TEST_CASE("store: serialization is canonical") {
  const Assessment a = full_assessment();
  const std::string text = serialize_assessment(a);
  CHECK(serialize_assessment(a) == text);
  CHECK(serialize_assessment(full_assessment()) == text);

  SUBCASE("top-level keys in a fixed order, whatever the file's order") {
    const std::string shuffled = R"({"history": [], "answers": {"b": {"source": "x", "value": "v",
      "state": "answered"}}, "name": "Acme", "account": "acme", "cna": 1,
      "checklist": {"sha256": "s", "version": "1.0.0", "id": "discovery"}, "stakeholders": []})";
    const std::string canonical = serialize_assessment(parse_assessment(shuffled, "a.json"));
    CHECK(canonical == "{\n"
                       "  \"cna\": 1,\n"
                       "  \"account\": \"acme\",\n"
                       "  \"name\": \"Acme\",\n"
                       "  \"checklist\": {\n"
                       "    \"id\": \"discovery\",\n"
                       "    \"version\": \"1.0.0\",\n"
                       "    \"sha256\": \"s\"\n"
                       "  },\n"
                       "  \"stakeholders\": [],\n"
                       "  \"answers\": {\n"
                       "    \"b\": {\n"
                       "      \"state\": \"answered\",\n"
                       "      \"value\": \"v\",\n"
                       "      \"source\": \"x\"\n"
                       "    }\n"
                       "  },\n"
                       "  \"retired\": {},\n"
                       "  \"history\": []\n"
                       "}\n");
  }
  SUBCASE("answer fields in a fixed order") {
    const Json j = Json::parse(text);
    std::vector<std::string> keys;
    for (const auto& [key, value] : j["answers"]["owner"].items())
      keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"state", "value", "source", "note", "answered_at",
                                           "answered_by", "item_sha256", "confirmed_at",
                                           "confirmed_by", "confirmed_with"});
  }
}

TEST_CASE("store: unknown fields are kept") {
  const std::string text = R"({
  "cna": 1, "account": "acme", "name": "Acme",
  "checklist": {"id": "discovery", "version": "1.0.0", "sha256": "s"},
  "stakeholders": [{"id": "dana", "name": "Dana", "x_linkedin": "https://example.com/dana"}],
  "answers": {"goal": {"state": "answered", "value": "v", "x_score": {"a": [1, 2.5]}}},
  "retired": {"old": {"state": "answered", "value": 3, "x_why": "renamed"}},
  "history": [{"at": "t", "by": "sam", "item": "goal", "action": "answered", "x_tool": "crm"}],
  "x_top": {"nested": true},
  "zz_last": null
})";
  const Assessment a = parse_assessment(text, "acme.json");
  const std::string out = serialize_assessment(a);
  const Json j = Json::parse(out);
  CHECK(j["x_top"] == Json::parse(R"({"nested": true})"));
  CHECK(j.contains("zz_last"));
  CHECK(j["stakeholders"][0]["x_linkedin"] == "https://example.com/dana");
  CHECK(j["answers"]["goal"]["x_score"] == Json::parse(R"({"a": [1, 2.5]})"));
  CHECK(j["retired"]["old"]["x_why"] == "renamed");
  CHECK(j["history"][0]["x_tool"] == "crm");
  // Kept, then stable: a second round trip changes nothing.
  CHECK(serialize_assessment(parse_assessment(out, "acme.json")) == out);
}

TEST_CASE("store: bad assessment files are Exit::data errors naming the file") {
  const std::string good = serialize_assessment(full_assessment());
  struct Case {
    const char* name;
    std::string text;
    const char* message;
  };
  const Case cases[] = {
      {"empty", "", "acme.json is empty"},
      {"white space only", "  \n\t\n", "acme.json is empty"},
      {"truncated", good.substr(0, good.size() / 2), "acme.json:"},
      {"truncated at the end", good.substr(0, good.size() - 3), "unexpected end of file"},
      {"not an object", "[]", "expected an object"},
      {"missing cna", R"({"account": "acme"})", "missing \"cna\": 1"},
      {"cna not a number", R"({"cna": "1"})", "missing \"cna\": 1"},
      {"newer format", R"({"cna": 2})", "written by a newer cna (format version 2)"},
      {"wrong state", R"({"cna": 1, "answers": {"goal": {"state": "done"}}})",
       "answers.goal: unknown state \"done\""},
      {"missing state", R"({"cna": 1, "answers": {"goal": {"value": "x"}}})", "unknown state"},
      {"answers not an object", R"({"cna": 1, "answers": []})", "\"answers\" must be an object"},
      {"answer not an object", R"({"cna": 1, "answers": {"goal": "x"}})",
       "answers.goal: expected an object"},
      {"value not a value",
       R"({"cna": 1, "answers": {"goal": {"state": "answered", "value": {"a": 1}}}})",
       "\"value\" is not a value cna knows"},
      {"list of numbers", R"({"cna": 1, "answers": {"goal": {"state": "answered", "value": [1]}}})",
       "\"value\" must hold strings"},
      {"money without currency",
       R"({"cna": 1, "answers": {"b": {"state": "answered", "value": {"amount": 1}}}})",
       "is not a value cna knows"},
      {"note not a string", R"({"cna": 1, "answers": {"goal": {"state": "na", "note": 5}}})",
       "\"note\" must be a string"},
      {"stakeholders not an array", R"({"cna": 1, "stakeholders": {}})",
       "\"stakeholders\" must be an array"},
      {"stakeholder not an object", R"({"cna": 1, "stakeholders": ["dana"]})",
       "stakeholders[0]: expected an object"},
      {"roles not strings", R"({"cna": 1, "stakeholders": [{"id": "d", "roles": [1]}]})",
       "stakeholders[0]: roles must be strings"},
      {"roles not an array", R"({"cna": 1, "stakeholders": [{"id": "d", "roles": "champion"}]})",
       "stakeholders[0]: roles must be an array of strings"},
      {"history not an array", R"({"cna": 1, "history": {}})", "\"history\" must be an array"},
      {"history entry not an object", R"({"cna": 1, "history": [1]})",
       "history[0]: expected an object"},
      {"duplicate key", R"({"cna": 1, "answers": {"goal": {"state": "na", "state": "answered"}}})",
       "duplicate key answers.goal.state"},
      {"duplicate key in history",
       R"({"cna": 1, "history": [{"at": "t"}, {"at": "t", "at": "u"}]})",
       "duplicate key history[1].at"},
      {"conflict markers",
       "{\n  \"cna\": 1,\n<<<<<<< HEAD\n  \"name\": \"A\"\n=======\n  \"name\": \"B\"\n>>>>>>> "
       "theirs\n}\n",
       "acme.json:3:1: unresolved git merge conflict markers"},
      {"invalid UTF-8", "{\"cna\": 1, \"name\": \"\xff\"}", "invalid UTF-8"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.name));
    const auto t = thrown_by([&] { (void)parse_assessment(c.text, "acme.json"); });
    CAPTURE(t.message);
    CHECK(t.thrown);
    CHECK(t.code == Exit::data);
    CHECK(contains(t.message, "acme.json"));
    CHECK(contains(t.message, c.message));
    // Every one says how to recover, since cna will not overwrite the file.
    CHECK((contains(t.message, "git checkout -- acme.json") ||
           contains(t.message, "resolve the conflict (keep one side)")));
  }
}

TEST_CASE("store: pinned_checklist") {
  CHECK(pinned_checklist(full_assessment(), "acme.json") == "discovery");
  for (const char* text : {R"({"cna": 1, "account": "acme", "answers": {}})",
                           R"({"cna": 1, "checklist": {}})", R"({"cna": 1, "checklist": null})"}) {
    CAPTURE(std::string(text));
    const Assessment a = parse_assessment(text, "assessments/acme.json");
    const auto t = thrown_by([&] { (void)pinned_checklist(a, "assessments/acme.json"); });
    CHECK(t.code == Exit::data);
    CHECK(contains(t.message, "assessments/acme.json: no checklist pinned"));
    CHECK(contains(t.message, "git checkout -- assessments/acme.json"));
  }
}

TEST_CASE("store: read_file refuses what is not a small regular file") {
  TempDir dir;
  SUBCASE("a regular file is read whole") {
    write_text(dir / "a.json", std::string("x\0y", 3));
    CHECK(read_file(dir / "a.json", 100) == std::string("x\0y", 3));
    CHECK(read_file(dir / "a.json", 3) == std::string("x\0y", 3)); // exactly at the limit
    write_text(dir / "empty", "");
    CHECK(read_file(dir / "empty", 10).empty());
  }
  SUBCASE("missing") {
    const auto t = thrown_by([&] { (void)read_file(dir / "nope.json", 100); });
    CHECK(t.code == Exit::data);
    CHECK(contains(t.message, "nope.json does not exist"));
    CHECK_FALSE(read_file_if_exists(dir / "nope.json", 100));
  }
  SUBCASE("a directory") {
    fs::create_directory(dir / "sub");
    const auto t = thrown_by([&] { (void)read_file(dir / "sub", 100); });
    CHECK(t.code == Exit::data);
    CHECK(contains(t.message, "not a regular file (a directory)"));
    CHECK(thrown_by([&] { (void)read_file_if_exists(dir / "sub", 100); }).code == Exit::data);
  }
  SUBCASE("a FIFO, without blocking") {
    const fs::path fifo = dir / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    auto result = std::async(std::launch::async,
                             [&] { return thrown_by([&] { (void)read_file(fifo, 100); }); });
    if (result.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
      // Unblock the reader so the test can end, then fail.
      const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
      if (fd >= 0) ::close(fd);
      FAIL("read_file blocked on a FIFO");
    }
    const auto t = result.get();
    CHECK(t.code == Exit::data);
    CHECK(contains(t.message, "not a regular file (a FIFO)"));
  }
  SUBCASE("a device") {
    const auto t = thrown_by([&] { (void)read_file("/dev/zero", 100); });
    CHECK(t.code == Exit::data);
    CHECK(contains(t.message, "/dev/zero is not a regular file (a device or socket)"));
  }
  SUBCASE("a file over the limit") {
    write_text(dir / "big.json", std::string(101, 'x'));
    const auto t = thrown_by([&] { (void)read_file(dir / "big.json", 100); });
    CHECK(t.code == Exit::data);
    CHECK(contains(t.message, "big.json is 101 bytes, more than the limit"));
  }
  SUBCASE("a symlink to a regular file is read") {
    write_text(dir / "target", "abc");
    fs::create_symlink(dir / "target", dir / "link");
    CHECK(read_file(dir / "link", 100) == "abc");
  }
}

TEST_CASE("store: atomic_write") {
  TempDir dir;
  const fs::path file = dir / "acme.json";
  SUBCASE("creates, replaces, and leaves no temp file") {
    atomic_write(file, "one\n");
    CHECK(read_text(file) == "one\n");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"acme.json"});
    const FileId before = file_id(file);
    atomic_write(file, "two\n");
    CHECK(read_text(file) == "two\n");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"acme.json"});
    CHECK(file_id(file).inode != before.inode); // replaced by rename, not rewritten in place
    atomic_write(file, "");
    CHECK(read_text(file).empty());
  }
  SUBCASE("the mode given, exactly: 0600 by default; mode_of keeps the file's") {
    atomic_write(file, "new");
    CHECK((fs::status(file).permissions() & fs::perms::all) == fs::perms(0600));
    fs::permissions(file, fs::perms(0640));
    atomic_write(file, "newer", mode_of(file, kPrivateMode));
    CHECK((fs::status(file).permissions() & fs::perms::all) == fs::perms(0640));
    atomic_write(file, "newest", 0644);
    CHECK((fs::status(file).permissions() & fs::perms::all) == fs::perms(0644));
  }
  SUBCASE("a symlink planted at a temp name is never followed (issue 15)") {
    // The names cna used before: .NAME.tmp.<pid> and the store's .NAME.tmp.saving.
    const fs::path victim = dir / "victim.txt";
    write_text(victim, "victim\n");
    fs::permissions(victim, fs::perms(0644));
    fs::create_symlink(victim, dir / fmt::format(".acme.json.tmp.{}", ::getpid()));
    fs::create_symlink(victim, dir / ".acme.json.tmp.saving");
    atomic_write(file, "report\n");
    CHECK(read_text(file) == "report\n");
    CHECK(read_text(victim) == "victim\n");
    CHECK((fs::status(victim).permissions() & fs::perms::all) == fs::perms(0644));
    // The temp names differ from one write to the next: nothing to predict.
    AtomicFile one(file), two(file);
    CHECK(one.temp() != two.temp());
    CHECK(one.temp().filename().string().starts_with(".acme.json.tmp."));
  }
  SUBCASE("a folder that does not exist fails with Exit::io") {
    const auto t = thrown_by([&] { atomic_write(dir / "missing" / "acme.json", "x"); });
    CHECK(t.code == Exit::io);
    CHECK(contains(t.message, "cannot save"));
    CHECK(contains(t.message, "missing/acme.json"));
    // No previous version to speak of: the message does not promise one.
    CHECK(contains(t.message, "(nothing was written)"));
    CHECK_FALSE(contains(t.message, "previous version"));
    CHECK_FALSE(fs::exists(dir / "missing"));
  }
  SUBCASE("a failing rename leaves the target and no temp file") {
    fs::create_directory(file); // a non-empty folder where the file should go
    write_text(file / "keep", "k");
    const auto t = thrown_by([&] { atomic_write(file, "x"); });
    CHECK(t.code == Exit::io);
    CHECK(contains(t.message, "rename failed"));
    CHECK(contains(t.message, "the previous version is intact"));
    CHECK(read_text(file / "keep") == "k");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"acme.json"});
  }
  SUBCASE("a failing write (file size limit) keeps the old file and no temp file") {
    write_text(file, "the old content\n");
    const std::string big(256 * 1024, 'x');
    struct rlimit old_limit {};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = old_limit;
    small.rlim_cur = 64 * 1024;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    const auto t = thrown_by([&] { atomic_write(file, big); });
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);
    CHECK(t.code == Exit::io);
    CHECK(contains(t.message, "writing failed"));
    CHECK(read_text(file) == "the old content\n");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"acme.json"});
  }
}

TEST_CASE("store: require_inside") {
  TempDir root;
  TempDir outside;
  fs::create_directory(root / "assessments");
  write_text(outside / "acme.json", "{}");
  write_text(root / "real.json", "{}");
  SUBCASE("a plain path, or one that does not exist, is fine") {
    CHECK_FALSE(thrown_by([&] { require_inside(root / "real.json", root.path()); }).thrown);
    CHECK_FALSE(thrown_by([&] { require_inside(root / "nope.json", root.path()); }).thrown);
  }
  SUBCASE("a symlink inside is fine") {
    fs::create_symlink(root / "real.json", root / "assessments" / "acme.json");
    CHECK_FALSE(
        thrown_by([&] { require_inside(root / "assessments" / "acme.json", root.path()); }).thrown);
    fs::create_symlink("../real.json", root / "assessments" / "rel.json");
    CHECK_FALSE(
        thrown_by([&] { require_inside(root / "assessments" / "rel.json", root.path()); }).thrown);
  }
  SUBCASE("a symlink leading outside is refused") {
    fs::create_symlink(outside / "acme.json", root / "assessments" / "acme.json");
    const auto t =
        thrown_by([&] { require_inside(root / "assessments" / "acme.json", root.path()); });
    CHECK(t.code == Exit::data);
    CHECK(contains(t.message, "leads outside the workspace through a symlink"));
  }
  SUBCASE("a symlinked folder leading outside is refused too") {
    fs::remove_all(root / "assessments");
    fs::create_directory_symlink(outside.path(), root / "assessments");
    const auto t =
        thrown_by([&] { require_inside(root / "assessments" / "acme.json", root.path()); });
    CHECK(t.code == Exit::data);
  }
  SUBCASE("a sibling folder sharing the root's name as a prefix is outside") {
    const fs::path sibling = root.path().string() + "-evil";
    fs::create_directory(sibling);
    write_text(sibling / "x.json", "{}");
    fs::create_symlink(sibling / "x.json", root / "assessments" / "x.json");
    const auto t = thrown_by([&] { require_inside(root / "assessments" / "x.json", root.path()); });
    fs::remove_all(sibling);
    CHECK(t.code == Exit::data);
  }
  SUBCASE("a relative symlink climbing out is refused") {
    fs::create_symlink("../../../../../../../../etc/hostname", root / "assessments" / "h.json");
    CHECK(thrown_by([&] { require_inside(root / "assessments" / "h.json", root.path()); }).code ==
          Exit::data);
  }
}

TEST_CASE("store: AssessmentStore::update") {
  TempDir root;
  const fs::path file = root / "assessments" / "acme.json";
  const auto create = [] { return minimal("acme"); };
  const auto add_answer = [](const std::string& item, const std::string& value) {
    return [item, value](Assessment& a) { a.answer(item) = answered(Value(value)); };
  };

  SUBCASE("creates the file (and its folder) from `create`") {
    AssessmentStore store(file, root.path());
    CHECK_FALSE(store.exists());
    const Assessment a = store.update(add_answer("goal", "grow"), create);
    CHECK(store.exists());
    CHECK(read_text(file) == serialize_assessment(a));
    CHECK(store.load().find_answer("goal") != nullptr);
    CHECK(names_in(root / "assessments") ==
          std::vector<std::string>{".acme.json.lock", "acme.json"});
  }
  SUBCASE("without `create`, a missing file is an error and nothing is written") {
    AssessmentStore store(file, root.path());
    const auto t = thrown_by([&] { (void)store.update(add_answer("goal", "grow")); });
    CHECK(t.code == Exit::data);
    CHECK(contains(t.message, "does not exist"));
    CHECK_FALSE(fs::exists(file));
    CHECK(thrown_by([&] { (void)store.load(); }).code == Exit::data);
  }
  SUBCASE("re-reads under the lock: two stores on one file keep both changes") {
    AssessmentStore first(file, root.path());
    AssessmentStore second(file, root.path());
    first.update(add_answer("a", "1"), create);
    second.update(add_answer("b", "2"), create);
    first.update(add_answer("c", "3"), create);
    const Assessment result = second.update(add_answer("d", "4"), create);
    for (const char* id : {"a", "b", "c", "d"}) {
      CAPTURE(id);
      CHECK(result.find_answer(id) != nullptr);
    }
    CHECK(first.load().answers.size() == 4);
  }
  SUBCASE("concurrent updates from two threads lose nothing") {
    AssessmentStore(file, root.path()).update([](Assessment&) {}, create);
    const auto worker = [&](const std::string& prefix) {
      AssessmentStore store(file, root.path());
      for (int i = 0; i < 15; ++i) {
        store.update(add_answer(prefix + std::to_string(i), "v"), create);
      }
    };
    std::thread one(worker, "x");
    std::thread two(worker, "y");
    one.join();
    two.join();
    CHECK(AssessmentStore(file, root.path()).load().answers.size() == 30);
  }
  SUBCASE("nothing changed: the file is not rewritten") {
    AssessmentStore store(file, root.path());
    store.update(add_answer("goal", "grow"), create);
    const FileId before = file_id(file);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    store.update([](Assessment&) {}, create);
    store.update(add_answer("goal", "grow"), create); // the same answer again
    CHECK(file_id(file) == before);
  }
  SUBCASE("nothing changed in a hand-formatted file: left as it is") {
    const std::string by_hand = "{\"cna\": 1, \"account\": \"acme\", \"name\": \"Acme\",\n"
                                " \"answers\": {}}\n";
    fs::create_directories(file.parent_path());
    write_text(file, by_hand);
    AssessmentStore(file, root.path()).update([](Assessment&) {});
    CHECK(read_text(file) == by_hand);
  }
  SUBCASE("a file that does not parse is never overwritten") {
    fs::create_directories(file.parent_path());
    const std::string broken = "{\"cna\": 1, \"answers\": {\n";
    write_text(file, broken);
    bool called = false;
    const auto t = thrown_by([&] {
      (void)AssessmentStore(file, root.path()).update([&](Assessment&) { called = true; }, create);
    });
    CHECK(t.code == Exit::data);
    CHECK(contains(t.message, file.string()));
    CHECK_FALSE(called);
    CHECK(read_text(file) == broken);
    CHECK(names_in(file.parent_path()) == std::vector<std::string>{".acme.json.lock", "acme.json"});
  }
  SUBCASE("a change that throws writes nothing") {
    AssessmentStore store(file, root.path());
    store.update(add_answer("goal", "grow"), create);
    const std::string before = read_text(file);
    CHECK_THROWS_AS(store.update([](Assessment& a) {
      a.answer("other") = answered(Value(std::string("x")));
      throw Error(Exit::usage, "no");
    }),
                    Error);
    CHECK(read_text(file) == before);
  }
  SUBCASE("stale temp files of killed saves are removed") {
    fs::create_directories(file.parent_path());
    AssessmentStore store(file, root.path());
    store.update(add_answer("goal", "grow"), create);
    write_text(file.parent_path() / ".acme.json.tmp.saving", "half");
    write_text(file.parent_path() / ".other.json.tmp.saving", "not ours");
    write_text(file.parent_path() / "notes.txt", "kept");
    const std::string before = read_text(file);
    store.update([](Assessment&) {});
    CHECK(read_text(file) == before);
    CHECK(names_in(file.parent_path()) == std::vector<std::string>{".acme.json.lock",
                                                                   ".other.json.tmp.saving",
                                                                   "acme.json", "notes.txt"});
  }
  SUBCASE("a held lock times out with Exit::busy") {
    AssessmentStore store(file, root.path());
    store.update(add_answer("goal", "grow"), create);
    const std::string before = read_text(file);
    const fs::path lock = file.parent_path() / ".acme.json.lock";
    const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    {
      ScopedEnv timeout("CNA_LOCK_TIMEOUT_MS", "150");
      bool called = false;
      const auto start = std::chrono::steady_clock::now();
      const auto t = thrown_by([&] {
        (void)store.update([&](Assessment& a) {
          called = true;
          a.answer("x") = answered(Value(std::string("y")));
        });
      });
      const auto waited = std::chrono::steady_clock::now() - start;
      CHECK(t.code == Exit::busy);
      CHECK(contains(t.message, "acme.json is busy"));
      CHECK(contains(t.message, "CNA_LOCK_TIMEOUT_MS"));
      CHECK_FALSE(called);
      CHECK(waited >= std::chrono::milliseconds(150));
      CHECK(waited < std::chrono::seconds(3));
      CHECK(read_text(file) == before);
    }
    ::flock(fd, LOCK_UN);
    ::close(fd);
    // Released: the next save goes through.
    store.update(add_answer("x", "y"));
    CHECK(store.load().find_answer("x") != nullptr);
  }
  SUBCASE("a malformed CNA_LOCK_TIMEOUT_MS is a usage error") {
    ScopedEnv timeout("CNA_LOCK_TIMEOUT_MS", "soon");
    const auto t = thrown_by([&] { (void)AssessmentStore(file, root.path()).update({}, create); });
    CHECK(t.code == Exit::usage);
    CHECK_FALSE(fs::exists(file));
  }
  SUBCASE("a symlink leading outside the workspace is refused") {
    TempDir outside;
    const std::string theirs = serialize_assessment(minimal("acme"));
    write_text(outside / "acme.json", theirs);
    fs::create_directories(file.parent_path());
    fs::create_symlink(outside / "acme.json", file);
    AssessmentStore store(file, root.path());
    CHECK(thrown_by([&] { (void)store.load(); }).code == Exit::data);
    const auto t = thrown_by([&] { (void)store.update(add_answer("goal", "grow"), create); });
    CHECK(t.code == Exit::data);
    CHECK(contains(t.message, "outside the workspace"));
    CHECK(read_text(outside / "acme.json") == theirs);
    CHECK(fs::is_symlink(file));
  }
  SUBCASE("a path without a folder part works in the current folder") {
    cna::test::ScopedCwd cwd(root.path());
    AssessmentStore store("solo.json", root.path());
    store.update(add_answer("goal", "grow"), [] { return minimal("solo"); });
    CHECK(fs::exists(root / "solo.json"));
    CHECK(store.load().account == "solo");
  }
}

TEST_SUITE_END();
