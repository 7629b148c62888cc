// `cna checklist list|show|validate`: checklists as code (DESIGN sections 3 and 7).
#include <filesystem>
#include <fmt/format.h>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/builtins.hpp"
#include "cna/store.hpp"
#include "cna/text.hpp"
#include "cna/views.hpp"

namespace fs = std::filesystem;

namespace cna::cli {

namespace {

struct ChecklistOptions {
  bool json = false;
  std::string checklist;            // show
  std::vector<std::string> targets; // validate
};

// A path as the person would type it from here ("checklists/x.json"), or "built-in".
std::string display_path(const std::string& origin) {
  if (origin == "built-in") return origin;
  std::error_code ec;
  const fs::path here = fs::current_path(ec);
  return ec ? origin : fs::path(origin).lexically_proximate(here).string();
}

bool is_file_argument(const std::string& argument) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(argument, ec));
}

// ---- list

int list(const Globals& g, const ChecklistOptions& o) {
  const Workspace ws = open_workspace(g);
  std::vector<Checklist> checklists;
  int status = 0;
  for (const Workspace::ChecklistEntry& e : ws.checklists()) {
    try {
      checklists.push_back(ws.checklist(e.id));
    } catch (const Error& error) {
      status = report(error, status);
    }
  }
  if (o.json) {
    fmt::print("{}", checklists_json(checklists));
    return status;
  }
  std::size_t id_width = 0;
  std::size_t version_width = 0;
  for (const Checklist& c : checklists) {
    id_width = std::max(id_width, cells(show(c.id)));
    version_width = std::max(version_width, cells(show(c.version)));
  }
  for (const Checklist& c : checklists) {
    fmt::print("{}  {}  {:>4} items  {}  {}\n", paint(pad(show(c.id), id_width), Tone::bold),
               pad(show(c.version), version_width), c.items.size(), show(c.title),
               paint(show(display_path(c.origin)), Tone::dim));
  }
  return status;
}

// ---- show

// "range: 1..5 (labels)" or "count: 1..3" where the item has limits; empty otherwise.
std::string limits(const Item& item) {
  if (item.type == ItemType::scale) {
    std::string out = fmt::format("range: {}..{}", format_number(item.scale_min()),
                                  format_number(item.scale_max()));
    if (!item.labels.empty()) out += show(fmt::format(" ({})", fmt::join(item.labels, ", ")));
    return out;
  }
  if (!item.min && !item.max) return "";
  const auto bound = [](std::optional<double> v) { return v ? format_number(*v) : ""; };
  const bool counts = item.type == ItemType::multi || item.type == ItemType::list;
  return fmt::format("{}: {}..{}", counts ? "count" : "range", bound(item.min), bound(item.max));
}

// "when: ...", the options, the limits and the flags that differ from the defaults.
std::vector<std::string> details(const Item& item) {
  std::vector<std::string> out;
  if (!item.when.empty()) out.push_back("when: " + show(item.when));
  if (!item.options.empty()) {
    std::vector<std::string> values;
    for (const Option& option : item.options)
      values.push_back(show(option.value));
    if (item.other) values.emplace_back("other: TEXT");
    out.push_back(fmt::format("options: {}", fmt::join(values, ", ")));
  }
  if (std::string range = limits(item); !range.empty()) out.push_back(std::move(range));
  if (!item.unit.empty() || item.integer) {
    out.push_back(fmt::format("{}{}{}", item.integer ? "whole number" : "",
                              item.integer && !item.unit.empty() ? ", " : "",
                              item.unit.empty() ? "" : "unit: " + show(item.unit)));
  }
  if (!item.pattern.empty()) out.push_back("pattern: " + show(item.pattern));
  std::vector<std::string> flags;
  if (!item.required) flags.emplace_back("optional");
  if (!item.source) flags.emplace_back("no source");
  if (item.na) flags.emplace_back("n/a allowed");
  if (!flags.empty()) out.push_back(fmt::format("{}", fmt::join(flags, " · ")));
  return out;
}

void print_outline(const Checklist& c) {
  fmt::print("{}\n{} {} · {} · {} items in {} sections\n", paint(show(c.title), Tone::bold),
             show(c.id), show(c.version), show(display_path(c.origin)), c.items.size(),
             c.sections.size());
  if (!c.description.empty()) fmt::print("{}\n", show(c.description));
  std::size_t id_width = 0;
  for (const Item& item : c.items)
    id_width = std::max(id_width, cells(show(item.id)));
  constexpr std::size_t kTypeWidth = 8;
  const std::string indent(3 + id_width + 2 + kTypeWidth + 2, ' ');
  for (std::size_t s = 0; s < c.sections.size(); ++s) {
    const Section& section = c.sections[s];
    fmt::print("\n{}. {}  {}\n", s + 1, paint(show(section.title), Tone::bold),
               paint(fmt::format("({})", show(section.id)), Tone::dim));
    for (const std::size_t index : section.items) {
      const Item& item = c.items[index];
      fmt::print("   {}  {}  {}\n", pad(show(item.id), id_width),
                 paint(pad(to_string(item.type), kTypeWidth), Tone::accent), show(item.prompt));
      for (const std::string& line : details(item))
        fmt::print("{}{}\n", indent, paint(line, Tone::dim));
    }
  }
}

// A checklist file given by path (validated, every problem on stderr), or a checklist id.
Checklist checklist_named(const Globals& g, const std::string& argument) {
  if (!is_file_argument(argument)) return open_workspace(g).checklist(argument);
  ChecklistLoad load = load_checklist(read_file(argument, kMaxChecklistBytes), argument);
  if (!load.checklist) {
    for (const Problem& p : load.problems)
      fmt::print(stderr, "{}\n", show(format_problem(p)));
    throw Error(Exit::data, fmt::format("{} does not validate", argument));
  }
  return std::move(*load.checklist);
}

int show_checklist(const Globals& g, const ChecklistOptions& o) {
  const Checklist c = checklist_named(g, o.checklist);
  if (o.json) {
    fmt::print("{}", checklist_json(c));
  } else {
    print_outline(c);
  }
  return 0;
}

// ---- validate

struct Target {
  std::string label;            // how problems name it
  std::optional<fs::path> file; // else a built-in
  std::string_view builtin;
};

std::vector<Target> every_checklist(const Workspace& ws) {
  std::vector<Target> targets;
  for (const Workspace::ChecklistEntry& e : ws.checklists()) {
    if (e.origin != "built-in") targets.push_back({display_path(e.path.string()), e.path, {}});
  }
  for (const BuiltinFile& f : builtin_files()) {
    if (f.name.starts_with("checklists/"))
      targets.push_back({std::string(f.name), std::nullopt, f.content});
  }
  return targets;
}

// Each argument is an existing file, or the id of a checklist of the workspace or a built-in.
std::vector<Target> named_checklists(const Workspace& ws,
                                     const std::vector<std::string>& arguments) {
  std::vector<Target> targets;
  const auto entries = ws.checklists();
  for (const std::string& argument : arguments) {
    if (is_file_argument(argument)) {
      targets.push_back({argument, fs::path(argument), {}});
      continue;
    }
    const auto entry = std::find_if(entries.begin(), entries.end(),
                                    [&](const auto& e) { return e.id == argument; });
    if (entry == entries.end()) {
      std::vector<std::string> ids;
      for (const auto& e : entries)
        ids.push_back(e.id);
      throw Error(Exit::usage,
                  fmt::format("\"{}\" is neither a file nor a checklist id (known: {})",
                              visible(argument), fmt::join(ids, ", ")));
    }
    if (entry->origin != "built-in") {
      targets.push_back({display_path(entry->path.string()), entry->path, {}});
      continue;
    }
    for (const BuiltinFile& f : builtin_files()) {
      if (f.name == "checklists/" + argument + ".json")
        targets.push_back({std::string(f.name), std::nullopt, f.content});
    }
  }
  return targets;
}

std::string count(std::size_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

// Prints the target's problems and its summary line; returns whether it has errors.
bool validate_one(const Target& target) {
  std::vector<Problem> problems;
  try {
    const std::string text =
        target.file ? read_file(*target.file, kMaxChecklistBytes) : std::string(target.builtin);
    problems = load_checklist(text, target.label).problems;
  } catch (const Error& e) {
    problems.push_back({target.label, e.what(), Severity::error});
  }
  std::size_t errors = 0;
  for (const Problem& p : problems) {
    fmt::print("{}\n", show(format_problem(p)));
    if (p.severity == Severity::error) ++errors;
  }
  const std::size_t warnings = problems.size() - errors;
  const std::string label = show(target.label) + (target.file ? "" : " (built-in)");
  if (errors > 0) {
    fmt::print("{}: {}\n", label,
               paint(fmt::format("{}, {}", count(errors, "error"), count(warnings, "warning")),
                     Tone::bad));
  } else {
    fmt::print("{}: {}{}\n", label, paint("ok", Tone::good),
               warnings > 0 ? fmt::format(" ({})", count(warnings, "warning")) : "");
  }
  return errors > 0;
}

int validate(const Globals& g, const ChecklistOptions& o) {
  const Workspace ws = open_workspace(g);
  const std::vector<Target> targets =
      o.targets.empty() ? every_checklist(ws) : named_checklists(ws, o.targets);
  bool failed = false;
  for (const Target& target : targets)
    failed = validate_one(target) || failed;
  return static_cast<int>(failed ? Exit::no : Exit::ok);
}

} // namespace

void add_checklist(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ChecklistOptions>();
  auto* sub = app.add_subcommand("checklist", "Checklists as code: list, show, validate");
  sub->require_subcommand(1);

  auto* list_cmd =
      sub->add_subcommand("list", "The checklists of the workspace and the built-in ones");
  list_cmd->add_flag("--json", o->json, "Print JSON (shape documented in the README)");
  list_cmd->callback([o, &g] { g.action = [o, &g] { return list(g, *o); }; });

  auto* show_cmd =
      sub->add_subcommand("show", "A checklist's outline: sections, items, conditions");
  show_cmd->add_option("checklist", o->checklist, "Checklist id or file")->required();
  show_cmd->add_flag("--json", o->json, "Print JSON (shape documented in the README)");
  show_cmd->callback([o, &g] { g.action = [o, &g] { return show_checklist(g, *o); }; });

  auto* validate_cmd = sub->add_subcommand(
      "validate",
      "Check checklist files and report every problem, compiler style (exit 1 on errors)");
  validate_cmd->add_option("checklist", o->targets,
                           "Files or checklist ids (default: every checklist of the workspace "
                           "and the built-in ones)");
  validate_cmd->callback([o, &g] { g.action = [o, &g] { return validate(g, *o); }; });
}

} // namespace cna::cli
