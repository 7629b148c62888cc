// Helpers shared by the unit tests: a checklist from its text and a bare item, a fresh folder per
// test case, scoped environment and working directory, and the error an expression throws.
#pragma once

#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/error.hpp"

namespace cna::test {

// The tests' clock: 2026-11-23T10:00:00Z, the CNA_NOW of the end-to-end suites.
inline constexpr Seconds kNow = 1795428000;

// The checklist `text` describes; the test case fails, naming the first problem, when it does not
// load.
inline Checklist checklist_from(const std::string& text, const std::string& file = "deal.json") {
  ChecklistLoad load = load_checklist(text, file);
  REQUIRE_MESSAGE(load.checklist,
                  (load.problems.empty() ? "" : format_problem(load.problems.front())));
  return std::move(*load.checklist);
}

// An item of `type` with only its id set.
inline Item item_of(std::string id, ItemType type) {
  Item item;
  item.id = std::move(id);
  item.type = type;
  return item;
}

// A new empty folder under the system temp folder, removed with everything in it.
class TempDir {
public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cna-unit-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(m_path, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(m_path, ec);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const {
    return m_path / name;
  }

private:
  std::filesystem::path m_path;
};

// Sets (or, with nullopt, unsets) an environment variable for the scope.
class ScopedEnv {
public:
  ScopedEnv(std::string name, const std::optional<std::string>& value) : m_name(std::move(name)) {
    if (const char* old = std::getenv(m_name.c_str())) m_old = old;
    if (value) {
      ::setenv(m_name.c_str(), value->c_str(), 1);
    } else {
      ::unsetenv(m_name.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;
  ~ScopedEnv() {
    if (m_old) {
      ::setenv(m_name.c_str(), m_old->c_str(), 1);
    } else {
      ::unsetenv(m_name.c_str());
    }
  }

private:
  std::string m_name;
  std::optional<std::string> m_old;
};

// Changes the working directory for the scope.
class ScopedCwd {
public:
  explicit ScopedCwd(const std::filesystem::path& dir) : m_old(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ScopedCwd(const ScopedCwd&) = delete;
  ScopedCwd& operator=(const ScopedCwd&) = delete;
  ~ScopedCwd() {
    std::error_code ec;
    std::filesystem::current_path(m_old, ec);
  }

private:
  std::filesystem::path m_old;
};

struct Thrown {
  Exit code = Exit::ok;
  std::string message;
  bool thrown = false;
};

// Runs `f`; returns the cna::Error it threw (thrown == false when it returned normally).
template <typename F> Thrown thrown_by(F&& f) {
  Thrown t;
  try {
    f();
  } catch (const Error& e) {
    t.thrown = true;
    t.code = e.code();
    t.message = e.what();
  }
  return t;
}

inline bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

inline void write_text(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// "line:col" of the nth (1-based) occurrence of `needle` in `text`, counted in bytes as the
// JSON reader counts them. Lets expectations name what they point at instead of bare numbers.
inline std::string line_col(std::string_view text, std::string_view needle, int nth = 1) {
  std::size_t at = std::string_view::npos;
  for (std::size_t from = 0; nth > 0; --nth) {
    at = text.find(needle, from);
    if (at == std::string_view::npos) throw std::runtime_error("needle not found");
    from = at + 1;
  }
  int line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') ++line, start = i + 1;
  }
  return std::to_string(line) + ":" + std::to_string(at - start + 1);
}

} // namespace cna::test
