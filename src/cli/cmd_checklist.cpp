// `cna checklist list|show|validate|fmt|diff|new`: checklists as code (docs/checklist-format.md and
// docs/checklists-as-code.md).
#include <filesystem>
#include <fmt/format.h>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/builtins.hpp"
#include "cna/checklist_tools.hpp"
#include "cna/init.hpp"
#include "cna/store.hpp"
#include "cna/text.hpp"
#include "cna/views.hpp"

namespace fs = std::filesystem;

namespace cna::cli {

namespace {

struct ChecklistOptions {
  bool json = false;
  bool check = false;               // fmt --check
  std::string checklist;            // show, new (the id), diff (OLD)
  std::string other;                // diff (NEW)
  std::optional<fs::path> output;   // new -o
  std::vector<std::string> targets; // validate, fmt
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
  if (quiet()) return status;
  std::size_t id_width = 0;
  std::size_t version_width = 0;
  for (const Checklist& c : checklists) {
    id_width = std::max(id_width, cells(show(c.id)));
    version_width = std::max(version_width, cells(show(c.version)));
  }
  for (const Checklist& c : checklists) {
    const bool overrides = c.origin != "built-in" && builtin_checklist(c.id) != nullptr;
    fmt::print("{}  {}  {:>4} items  {}  {}\n", paint(pad(show(c.id), id_width), Tone::bold),
               pad(show(c.version), version_width), c.items.size(), show(c.title),
               paint(show(display_path(c.origin)) +
                         (overrides ? fmt::format(" (overrides builtin:{})", c.id) : ""),
                     Tone::dim));
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
// A file's path, "builtin:ID" (the shipped checklist, even where the workspace overrides it), or
// an id as the workspace resolves it.
Checklist checklist_named(const Globals& g, const std::string& argument) {
  constexpr std::string_view kBuiltin = "builtin:";
  if (argument.starts_with(kBuiltin)) {
    const std::string id = argument.substr(kBuiltin.size());
    if (const Checklist* c = builtin_checklist(id)) return *c;
    throw Error(Exit::usage, fmt::format("no built-in checklist \"{}\"", visible(id)));
  }
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
  } else if (!quiet()) {
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
    // -q: the errors only, no warnings and no summary line.
    if (!quiet() || p.severity == Severity::error) fmt::print("{}\n", show(format_problem(p)));
    if (p.severity == Severity::error) ++errors;
  }
  if (quiet()) return errors > 0;
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

// ---- fmt

// Formats one file; returns the exit status it adds (0, or the first failure's).
int format_one(const std::string& file, bool check, int status) {
  try {
    const std::string text = read_file(file, kMaxChecklistBytes);
    const FormattedChecklist formatted = format_checklist(text, file);
    if (formatted.text.empty()) {
      for (const Problem& p : formatted.problems) {
        if (p.severity == Severity::error) fmt::print(stderr, "{}\n", show(format_problem(p)));
      }
      throw Error(Exit::no, fmt::format("{} has errors; not formatted", file));
    }
    if (formatted.text == text) return status;
    // Through a symlink to the file it names, so the link stays a link.
    if (!check) {
      const fs::path target = fs::weakly_canonical(file);
      atomic_write(target, formatted.text, mode_of(target, kPrivateMode));
    }
    if (!quiet()) fmt::print("{}\n", show(file));
    return status == 0 ? static_cast<int>(check ? Exit::no : Exit::ok) : status;
  } catch (const Error& e) {
    return report(e, status);
  }
}

int format_files(const ChecklistOptions& o) {
  int status = 0;
  for (const std::string& file : o.targets)
    status = format_one(file, o.check, status);
  return status;
}

// ---- diff

std::string fields_text(const std::vector<FieldChange>& fields) {
  std::vector<std::string> out;
  for (const FieldChange& f : fields)
    out.push_back(f.detail.empty() ? f.field : fmt::format("{} ({})", f.field, f.detail));
  return fmt::format("{}", fmt::join(out, ", "));
}

void print_diff(const ChecklistDiff& d) {
  fmt::print("{} {} → {} {}\n", show(d.old_id), show(d.old_version), show(d.new_id),
             show(d.new_version));
  for (const ItemChange& c : d.items) {
    std::string what = show(c.item);
    if (c.kind == ChangeKind::renamed) what = show(c.from) + " → " + what;
    if (c.kind == ChangeKind::removed) what += " (its answers are kept as retired)";
    if (!c.fields.empty()) what += ": " + show(fields_text(c.fields));
    fmt::print("  {:<9} {}  {}\n", to_string(c.kind), what,
               paint(fmt::format("[{}{}]", to_string(c.bump), c.reconfirm ? ", re-confirm" : ""),
                     Tone::dim));
  }
  for (const FieldChange& f : d.others) {
    fmt::print("  {:<9} {}  {}\n", "checklist", show(fields_text({f})),
               paint(fmt::format("[{}]", to_string(f.bump)), Tone::dim));
  }
  if (d.bump == Bump::none) {
    fmt::print("no changes\n");
    return;
  }
  fmt::print("implies a {} bump: the new version should be at least {}; {} is {}\n",
             to_string(d.bump), show(d.least_version), show(d.new_version),
             d.version_ok ? paint("enough", Tone::good) : paint("too small", Tone::bad));
}

int diff(const Globals& g, const ChecklistOptions& o) {
  const ChecklistDiff d =
      diff_checklists(checklist_named(g, o.checklist), checklist_named(g, o.other));
  if (o.json) {
    fmt::print("{}", diff_json(d));
  } else if (!quiet()) {
    print_diff(d);
  }
  return d.version_ok ? 0 : 1; // a too-small version bump is a "no", for hooks and CI
}

// ---- new

int new_checklist(const Globals& g, const ChecklistOptions& o) {
  const std::string text = starter_checklist(o.checklist); // refuses a bad id
  fs::path path;
  if (o.output) {
    path = *o.output;
  } else {
    const Workspace ws = open_workspace(g);
    ws.ensure_exists();
    path = ws.root() / "checklists" / (o.checklist + ".json");
  }
  create_new_files({{path, text}});
  if (!quiet()) {
    fmt::print("wrote {}\nedit it, then: cna checklist validate {}\n",
               show(display_path(path.string())), show(display_path(path.string())));
  }
  return 0;
}

} // namespace

void add_checklist(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ChecklistOptions>();
  auto* sub =
      app.add_subcommand("checklist", "Checklists as code: list, show, validate, fmt, diff, new");
  sub->require_subcommand(1);
  sub->footer("Examples:\n  cna checklist list\n  cna checklist show discovery\n"
              "  cna checklist validate checklists/*.json\n"
              "Run 'cna checklist COMMAND --help' for each command's examples.");

  auto* list_cmd =
      sub->add_subcommand("list", "The checklists of the workspace and the built-in ones");
  list_cmd->add_flag("--json", o->json, kJsonHelp);
  list_cmd->footer("Examples:\n  cna checklist list\n  cna checklist list --json");
  list_cmd->callback([o, &g] { g.action = [o, &g] { return list(g, *o); }; });

  auto* show_cmd =
      sub->add_subcommand("show", "A checklist's outline: sections, items, conditions");
  show_cmd->add_option("checklist", o->checklist, "Checklist: an id, a file or builtin:ID")
      ->required();
  show_cmd->add_flag("--json", o->json, kJsonHelp);
  show_cmd->footer("Examples:\n  cna checklist show discovery\n"
                   "  cna checklist show checklists/renewal.json --json");
  show_cmd->callback([o, &g] { g.action = [o, &g] { return show_checklist(g, *o); }; });

  auto* validate_cmd = sub->add_subcommand(
      "validate",
      "Check checklist files and report every problem, compiler style (exit 1 on errors)");
  validate_cmd->add_option("checklist", o->targets,
                           "Files or checklist ids (default: every checklist of the workspace "
                           "and the built-in ones)");
  validate_cmd->footer("Examples:\n  cna checklist validate                    # every checklist\n"
                       "  cna checklist validate checklists/*.json");
  validate_cmd->callback([o, &g] { g.action = [o, &g] { return validate(g, *o); }; });

  auto* fmt_cmd = sub->add_subcommand(
      "fmt", "Rewrite checklist files in the canonical form and list them; --check lists the files "
             "that differ and exits 1 without writing");
  fmt_cmd->add_option("file", o->targets, "Checklist files")->required();
  fmt_cmd->add_flag("--check", o->check, "Write nothing; exit 1 when a file is not canonical");
  fmt_cmd->footer("Examples:\n  cna checklist fmt checklists/renewal.json\n"
                  "  cna checklist fmt --check checklists/*.json   # in CI");
  fmt_cmd->callback([o, &g] { g.action = [o] { return format_files(*o); }; });

  auto* diff_cmd = sub->add_subcommand(
      "diff", "Items added, removed, renamed and changed between two checklists (files or ids), "
              "and the version bump that implies");
  diff_cmd
      ->add_option("old", o->checklist,
                   "The old checklist: a file, an id, or builtin:ID (the shipped one)")
      ->required();
  diff_cmd->add_option("new", o->other, "The new checklist: a file, an id, or builtin:ID")
      ->required();
  diff_cmd->add_flag("--json", o->json, kJsonHelp);
  diff_cmd->footer("Exits 1 when NEW's version is smaller than the changes imply.\n"
                   "Examples:\n  cna checklist diff discovery checklists/discovery.json\n"
                   "  git show HEAD~1:checklists/renewal.json > /tmp/old.json\n"
                   "  cna checklist diff /tmp/old.json checklists/renewal.json --json");
  diff_cmd->callback([o, &g] { g.action = [o, &g] { return diff(g, *o); }; });

  auto* new_cmd = sub->add_subcommand(
      "new", "Write a starter checklist (default: checklists/ID.json in the workspace); never "
             "overwrites");
  new_cmd->add_option("id", o->checklist, "The new checklist's id")->required();
  new_cmd->add_option("-o,--output", o->output, "Write to FILE instead")->type_name("FILE");
  new_cmd->footer("Examples:\n  cna checklist new renewal               # checklists/renewal.json\n"
                  "  cna checklist new renewal -o drafts/renewal.json");
  new_cmd->callback([o, &g] { g.action = [o, &g] { return new_checklist(g, *o); }; });
}

} // namespace cna::cli
