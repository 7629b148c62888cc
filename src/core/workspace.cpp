#include "cna/workspace.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fmt/format.h>

#include "cna/builtins.hpp"
#include "cna/error.hpp"
#include "cna/input.hpp"
#include "cna/json.hpp"
#include "cna/store.hpp"
#include "cna/text.hpp"

namespace fs = std::filesystem;

namespace cna {

namespace {

constexpr std::size_t kMaxConfigBytes = 1U << 20U;

Config read_config(const fs::path& file) {
  Config config;
  const auto text = read_file_if_exists(file, kMaxConfigBytes);
  if (!text) return config;
  const ParsedJson parsed = parse_json(*text, file.string());
  const Json& j = parsed.value;
  const auto bad = [&](const std::string& why) {
    return Error(Exit::data, fmt::format("{}: {}", file.string(), why));
  };
  if (!j.is_object()) throw bad("expected a JSON object");
  if (const auto it = j.find("cna"); it == j.end() || !it->is_number_integer() || *it != 1) {
    throw bad("\"cna\" must be 1");
  }
  if (const auto it = j.find("default_checklist"); it != j.end()) {
    if (!it->is_string() || !is_id(it->get<std::string>())) throw bad("bad \"default_checklist\"");
    config.default_checklist = it->get<std::string>();
  }
  if (const auto it = j.find("reconfirm_after_days"); it != j.end()) {
    if (!it->is_number_integer() || *it < 1 || *it > 36500) {
      throw bad("\"reconfirm_after_days\" must be a whole number of days from 1 to 36500");
    }
    config.reconfirm_after_days = it->get<int>();
  }
  if (const auto it = j.find("default_currency"); it != j.end()) {
    const std::string c = it->is_string() ? it->get<std::string>() : "";
    if (!is_currency_code(c)) {
      throw bad("\"default_currency\" must be an ISO 4217 code such as \"EUR\"");
    }
    config.default_currency = c;
  }
  if (const auto it = j.find("decimal_mark"); it != j.end()) {
    const std::string mark = it->is_string() ? it->get<std::string>() : "";
    if (mark != "." && mark != ",") throw bad("\"decimal_mark\" must be \".\" or \",\"");
    config.conventions.decimal = mark == "." ? DecimalMark::dot : DecimalMark::comma;
  }
  if (const auto it = j.find("date_order"); it != j.end()) {
    const std::string order = it->is_string() ? it->get<std::string>() : "";
    if (order != "day-month-year" && order != "month-day-year") {
      throw bad("\"date_order\" must be \"day-month-year\" or \"month-day-year\"");
    }
    config.conventions.dates =
        order == "day-month-year" ? DateOrder::day_month_year : DateOrder::month_day_year;
  }
  return config;
}

fs::path default_root() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg != nullptr && *xdg == '/') return fs::path(xdg) / "cna";
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    throw Error(Exit::usage,
                "no workspace: set HOME, XDG_DATA_HOME or CNA_WORKSPACE, or use -C DIR");
  }
  return fs::path(home) / ".local" / "share" / "cna";
}

} // namespace

Workspace Workspace::locate(const std::optional<fs::path>& dir) {
  Workspace w;
  std::error_code ec;
  const char* env = std::getenv("CNA_WORKSPACE");
  if (dir || (env != nullptr && *env != '\0')) {
    w.m_root = dir ? *dir : fs::path(env);
    if (fs::exists(w.m_root, ec) && !fs::is_directory(w.m_root, ec)) {
      throw Error(Exit::usage, fmt::format("{} is not a folder", w.m_root.string()));
    }
  } else {
    for (fs::path p = fs::current_path(ec); !p.empty(); p = p.parent_path()) {
      if (fs::is_regular_file(p / "cna.json", ec)) {
        w.m_root = p;
        break;
      }
      if (p == p.parent_path()) break;
    }
    if (w.m_root.empty()) w.m_root = default_root();
  }
  w.m_exists = fs::is_regular_file(w.m_root / "cna.json", ec);
  if (w.m_exists) w.m_config = read_config(w.m_root / "cna.json");
  return w;
}

fs::path Workspace::assessment_path(const std::string& account) const {
  return assessments_dir() / (account + ".json");
}

fs::path Workspace::archive_path(const std::string& account) const {
  return assessments_dir() / "archive" / (account + ".json");
}

std::vector<std::string> Workspace::accounts() const {
  std::vector<std::string> out;
  // readdir rather than directory_iterator: a portfolio is thousands of names, and a path per
  // entry costs more than the rest of a warm `cna status`.
  DIR* dir = ::opendir(assessments_dir().c_str());
  // No folder yet is no accounts; one that cannot be listed (no permission, a plain file, a
  // symlink loop) is not: an empty portfolio would look like success.
  if (dir == nullptr && errno == ENOENT) return out;
  if (dir == nullptr) {
    throw Error(Exit::io, fmt::format("cannot list the accounts in {}: {}",
                                      assessments_dir().string(), std::strerror(errno)));
  }
  while (const dirent* entry = ::readdir(dir)) {
    const std::string_view name = entry->d_name;
    constexpr std::string_view kJson = ".json";
    if (!name.ends_with(kJson)) continue;
    const std::string_view slug = name.substr(0, name.size() - kJson.size());
    if (is_slug(slug)) out.emplace_back(slug);
  }
  ::closedir(dir);
  std::sort(out.begin(), out.end());
  return out;
}

Checklist Workspace::checklist(const std::string& id) const {
  const fs::path file = m_root / "checklists" / (id + ".json");
  if (is_id(id)) {
    require_inside(file, m_root);
    if (const auto text = read_file_if_exists(file, kMaxChecklistBytes)) {
      ChecklistLoad load = load_checklist(*text, file.string());
      if (!load.checklist) {
        std::string message = fmt::format("checklist {} does not validate:", file.string());
        for (const Problem& p : load.problems) {
          if (p.severity == Severity::error) message += "\n  " + format_problem(p);
        }
        throw Error(Exit::data, message);
      }
      if (load.checklist->id != id) {
        throw Error(Exit::data, fmt::format("{} holds checklist \"{}\"; the file name must match "
                                            "its id",
                                            file.string(), load.checklist->id));
      }
      return std::move(*load.checklist);
    }
    if (const Checklist* c = builtin_checklist(id)) return *c;
  }
  std::vector<std::string> ids;
  for (const ChecklistEntry& e : checklists())
    ids.push_back(e.id);
  throw Error(Exit::usage, fmt::format("unknown checklist \"{}\" (available: {})", visible(id),
                                       fmt::join(ids, ", ")));
}

std::vector<Workspace::ChecklistEntry> Workspace::checklists() const {
  std::vector<ChecklistEntry> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(m_root / "checklists", ec)) {
    const fs::path& p = entry.path();
    if (p.extension() == ".json" && is_id(p.stem().string())) {
      out.push_back({p.stem().string(), p.string(), p});
    }
  }
  // The built-ins by their file names (each one's id: the checklist unit tests hold them to it),
  // not parsed: listing is on the path of every warm `cna status`.
  constexpr std::string_view kFolder = "checklists/", kJson = ".json";
  for (const BuiltinFile& f : builtin_files()) {
    if (!f.name.starts_with(kFolder) || !f.name.ends_with(kJson)) continue;
    const std::string id(
        f.name.substr(kFolder.size(), f.name.size() - kFolder.size() - kJson.size()));
    if (std::none_of(out.begin(), out.end(), [&](const auto& e) { return e.id == id; })) {
      out.push_back({id, "built-in", {}});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

void Workspace::ensure_exists() const {
  if (m_exists) return;
  std::error_code ec;
  fs::create_directories(assessments_dir(), ec);
  if (ec) {
    throw Error(Exit::io,
                fmt::format("cannot create the workspace {}: {}", m_root.string(), ec.message()));
  }
  if (!fs::exists(m_root / "cna.json", ec)) {
    atomic_write(m_root / "cna.json",
                 fmt::format("{{\n  \"cna\": 1,\n  \"default_checklist\": \"{}\",\n  "
                             "\"reconfirm_after_days\": {}\n}}\n",
                             m_config.default_checklist, m_config.reconfirm_after_days));
  }
}

void require_slug(const std::string& account) {
  if (is_slug(account)) return;
  const std::string suggestion = suggest_slug(account);
  throw Error(Exit::usage,
              fmt::format("\"{}\" is not an account name: use lower-case letters, digits and "
                          "dashes, starting with a letter or digit, at most 63 characters{}",
                          visible(account),
                          suggestion.empty() ? std::string()
                                             : fmt::format(" (try \"{}\", and --name for the "
                                                           "display name)",
                                                           suggestion)));
}

} // namespace cna
