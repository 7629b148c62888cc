// `cna completion bash|zsh|fish`: shell completion (docs/commands.md). Each script is a small
// adaptor that, on every Tab, runs `cna complete-words -- WORD...` with the words typed after
// `cna`. That hidden command walks the command tree CLI11 holds (subcommands, options, their
// positionals and choices) and the workspace the line names (`-C DIR`), so completion cannot
// drift from the commands: nothing here lists a command. It prints one candidate per line
// ("word<TAB>description"), then ":files" or ":dirs" when file names complete there too.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cna/proposal.hpp"

namespace cna::cli {

namespace {

// What the values of an argument are.
enum class Kind {
  none,          // free text: nothing to offer
  account,       // an account of the workspace
  item,          // an item id of the account on the line
  stakeholder,   // a stakeholder id of the account on the line
  subject,       // an item or a stakeholder id (`log --item`)
  value,         // an answer to the item on the line (its options, yes/no, stakeholders)
  checklist,     // a checklist id the workspace sees
  checklist_ref, // a checklist id, builtin:ID, or a file
  template_ref,  // a template name, or a file
  role,          // a stakeholder role
  file,
  dir
};

struct ArgumentKind {
  std::string_view name; // "path name" for a name whose meaning depends on the command
  Kind kind;
};

// Arguments by name: positionals by their name, options by their first long (else short) name.
// Choices (`--format`, `--color`, the shell) come from the option's own check, not from here.
constexpr std::array kArgumentKinds{
    ArgumentKind{"who add id", Kind::none},
    ArgumentKind{"checklist new id", Kind::none},
    ArgumentKind{"id", Kind::stakeholder},
    ArgumentKind{"account", Kind::account},
    ArgumentKind{"ACCOUNT", Kind::account},
    ArgumentKind{"item", Kind::item},
    ArgumentKind{"ITEM", Kind::item},
    ArgumentKind{"value", Kind::value},
    ArgumentKind{"file", Kind::file},
    ArgumentKind{"base", Kind::file},
    ArgumentKind{"ours", Kind::file},
    ArgumentKind{"theirs", Kind::file},
    ArgumentKind{"dir", Kind::dir},
    ArgumentKind{"checklist", Kind::checklist_ref},
    ArgumentKind{"old", Kind::checklist_ref},
    ArgumentKind{"new", Kind::checklist_ref},
    ArgumentKind{"-C", Kind::dir},
    ArgumentKind{"--checklist", Kind::checklist},
    ArgumentKind{"--template", Kind::template_ref},
    ArgumentKind{"--with", Kind::stakeholder},
    ArgumentKind{"--source", Kind::stakeholder},
    ArgumentKind{"--item", Kind::subject},
    ArgumentKind{"--role", Kind::role},
    ArgumentKind{"--output", Kind::file},
};

constexpr std::string_view kHiddenCommand = "complete-words";

bool visible(const CLI::App* app) { return !app->get_group().empty() && !app->get_name().empty(); }
bool visible(const CLI::Option* option) { return !option->get_group().empty(); }
bool positional(const CLI::Option* option) {
  return option->get_positional() && !option->nonpositional();
}

// "check" for the node `cna check`, "who add" for `cna who ACCOUNT add`.
std::string path_of(const CLI::App* app) {
  std::string path;
  for (; app != nullptr && app->get_parent() != nullptr; app = app->get_parent())
    path = path.empty() ? app->get_name() : app->get_name() + " " + path;
  return path;
}

// The name an option is known by in kArgumentKinds: its first long name, else its short one.
std::string key_of(const CLI::Option* option) {
  if (positional(option)) return option->get_name(true);
  if (!option->get_lnames().empty()) return "--" + option->get_lnames().front();
  return option->get_snames().empty() ? std::string() : "-" + option->get_snames().front();
}

Kind kind_of(const CLI::App* command, const CLI::Option* option) {
  const std::string key = key_of(option);
  const std::string qualified = path_of(command) + " " + key;
  for (const ArgumentKind& a : kArgumentKinds) {
    if (a.name == qualified) return a.kind;
  }
  for (const ArgumentKind& a : kArgumentKinds) {
    if (a.name == key) return a.kind;
  }
  return Kind::none;
}

// The choices of an option checked against a set: CLI11 shows them as "TEXT:{md,html,json}".
std::vector<std::string> choices_of(const CLI::Option* option) {
  const std::string type = option->get_type_name();
  const auto open = type.find('{');
  const auto close = type.find('}', open);
  std::vector<std::string> out;
  if (open == std::string::npos || close == std::string::npos) return out;
  std::string_view list(type.data() + open + 1, close - open - 1);
  while (!list.empty()) {
    const auto comma = list.find(',');
    out.emplace_back(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return out;
}

// A flag takes no value; everything else takes the next word (or "=value").
bool takes_value(const CLI::Option* option) { return option->get_type_size_max() > 0; }

// The option `name` ("--format", "-C") as the command or one of its parents knows it (global
// options fall through to the root).
const CLI::Option* find_option(const CLI::App* command, const std::string& name) {
  for (const CLI::App* app = command; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* option : app->get_options()) {
      if (!positional(option) && option->check_name(name)) return option;
    }
  }
  return nullptr;
}

const CLI::App* find_subcommand(const CLI::App* command, const std::string& name) {
  for (const CLI::App* sub : command->get_subcommands([](const CLI::App* a) { return visible(a); }))
    if (sub->get_name() == name) return sub;
  return nullptr;
}

std::vector<const CLI::Option*> positionals_of(const CLI::App* command) {
  return command->get_options([](const CLI::Option* o) { return positional(o) && visible(o); });
}

// What the words before the current one say.
struct Line {
  const CLI::App* command = nullptr;
  std::optional<std::filesystem::path> dir; // -C DIR
  std::string account;
  std::string item;
  const CLI::Option* pending = nullptr;    // an option still waiting for its value
  std::map<const CLI::Option*, int> given; // positionals and how many values each took
  bool only_positionals = false;           // after "--"
};

std::filesystem::path expand_home(const std::string& word) {
  const char* home = std::getenv("HOME");
  if (word.starts_with("~/") && home != nullptr)
    return std::filesystem::path(home) / word.substr(2);
  return word;
}

void take_value(Line& line, const CLI::Option* option, const std::string& value) {
  const Kind kind = kind_of(line.command, option);
  if (option->check_name("-C")) line.dir = expand_home(value);
  if (kind == Kind::account) line.account = value;
  if (kind == Kind::item) line.item = value;
}

// The next positional of the command that still takes a value; nullptr when none.
const CLI::Option* next_positional(const Line& line) {
  for (const CLI::Option* option : positionals_of(line.command)) {
    const auto it = line.given.find(option);
    const int taken = it == line.given.end() ? 0 : it->second;
    if (taken < option->get_items_expected_max()) return option;
  }
  return nullptr;
}

Line read_line(const CLI::App& root, const std::vector<std::string>& words) {
  Line line;
  line.command = &root;
  for (const std::string& word : words) {
    if (line.pending != nullptr) {
      take_value(line, line.pending, word);
      line.pending = nullptr;
    } else if (word == "--" && !line.only_positionals) {
      line.only_positionals = true;
    } else if (word.size() > 1 && word[0] == '-' && !line.only_positionals) {
      const auto equals = word.find('=');
      const CLI::Option* option = find_option(line.command, word.substr(0, equals));
      if (option == nullptr || !takes_value(option)) continue;
      if (equals == std::string::npos) {
        line.pending = option;
      } else {
        take_value(line, option, word.substr(equals + 1));
      }
    } else if (const CLI::App* sub = find_subcommand(line.command, word);
               sub != nullptr && !line.only_positionals) {
      line.command = sub;
    } else if (const CLI::Option* option = next_positional(line)) {
      ++line.given[option];
      take_value(line, option, word);
    }
  }
  return line;
}

// One candidate: the word, and what it is (shown by zsh and fish).
struct Candidate {
  std::string word;
  std::string about;
};

std::string first_line(const std::string& text, std::size_t width = 60) {
  std::string line = text.substr(0, text.find('\n'));
  std::replace(line.begin(), line.end(), '\t', ' ');
  if (line.size() > width) line = line.substr(0, width - 3) + "...";
  return line;
}

Globals workspace_of(const Line& line) {
  Globals g;
  g.dir = line.dir;
  return g;
}

std::optional<Account> account_of(const Line& line) {
  if (line.account.empty()) return std::nullopt;
  return open_or_create(workspace_of(line), line.account, "", "");
}

void add_stakeholders(const Line& line, std::vector<Candidate>& out) {
  if (const std::optional<Account> account = account_of(line)) {
    for (const Stakeholder& s : account->assessment.stakeholders)
      out.push_back({s.id, first_line(s.name)});
  }
}

void add_items(const Line& line, std::vector<Candidate>& out) {
  if (const std::optional<Account> account = account_of(line)) {
    for (const Item& item : account->checklist.items)
      out.push_back({item.id, first_line(item.prompt)});
  }
}

// The answers the walk's grammar takes for the item on the line, where they are a fixed set.
void add_answer_values(const Line& line, std::vector<Candidate>& out) {
  const std::optional<Account> account = account_of(line);
  const Item* item = account ? account->checklist.find(line.item) : nullptr;
  if (item == nullptr) return;
  for (const Option& option : item->options)
    out.push_back({option.value, first_line(option.label)});
  if (item->type == ItemType::yesno) {
    out.push_back({"yes", ""});
    out.push_back({"no", ""});
  }
  if (item->type == ItemType::person) add_stakeholders(line, out);
}

std::vector<std::string> template_names(const Workspace& workspace) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(workspace.root() / "templates", ec))
    if (entry.path().extension() == ".mustache") names.push_back(entry.path().stem().string());
  for (std::string& name : builtin_template_names())
    names.push_back(std::move(name));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

// The values of `kind`; `files` is set to "files" or "dirs" when paths complete there too.
void add_values(const Line& line, Kind kind, std::vector<Candidate>& out, std::string& files) {
  switch (kind) {
  case Kind::none:
    return;
  case Kind::account:
    for (const std::string& a : Workspace::locate(line.dir).accounts())
      out.push_back({a, ""});
    return;
  case Kind::item:
    add_items(line, out);
    return;
  case Kind::stakeholder:
    add_stakeholders(line, out);
    return;
  case Kind::subject:
    add_items(line, out);
    add_stakeholders(line, out);
    return;
  case Kind::value:
    add_answer_values(line, out);
    return;
  case Kind::checklist:
  case Kind::checklist_ref:
    for (const Workspace::ChecklistEntry& c : Workspace::locate(line.dir).checklists())
      out.push_back({c.id, c.origin});
    if (kind == Kind::checklist_ref) {
      for (const Checklist& c : builtin_checklists())
        out.push_back({"builtin:" + c.id, "built-in"});
      files = "files";
    }
    return;
  case Kind::template_ref:
    for (const std::string& name : template_names(Workspace::locate(line.dir)))
      out.push_back({name, "template"});
    files = "files";
    return;
  case Kind::role:
    for (const std::string& role : stakeholder_roles())
      out.push_back({role, ""});
    return;
  case Kind::file:
    files = "files";
    return;
  case Kind::dir:
    files = "dirs";
    return;
  }
}

// The values an option or positional takes: its choices, else what its kind names.
void add_argument(const Line& line, const CLI::Option* option, const std::string& prefix,
                  std::vector<Candidate>& out, std::string& files) {
  std::vector<Candidate> values;
  const std::vector<std::string> choices = choices_of(option);
  for (const std::string& c : choices)
    values.push_back({c, ""});
  if (choices.empty()) add_values(line, kind_of(line.command, option), values, files);
  for (Candidate& v : values)
    out.push_back({prefix + v.word, std::move(v.about)});
}

// The command's own options and the global ones (they fall through to the root), each once;
// --version only where it means something, before any command.
void add_options(const CLI::App* command, std::vector<Candidate>& out) {
  const CLI::App* root = command;
  while (root->get_parent() != nullptr)
    root = root->get_parent();
  std::vector<std::string> seen;
  for (const CLI::App* app : {command, root}) {
    for (const CLI::Option* option : app->get_options()) {
      if (positional(option) || !visible(option)) continue;
      const std::string name = option->get_lnames().empty() ? "-" + option->get_snames().front()
                                                            : "--" + option->get_lnames().front();
      if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
      if (name == "--version" && command != root) continue;
      seen.push_back(name);
      out.push_back({name, first_line(option->get_description())});
    }
  }
}

std::vector<Candidate> candidates(const CLI::App& root, const std::vector<std::string>& words,
                                  std::string& files) {
  std::vector<Candidate> out;
  if (words.empty()) return out;
  const std::vector<std::string> before(words.begin(), words.end() - 1);
  const std::string& current = words.back();
  const Line line = read_line(root, before);
  if (line.pending != nullptr) {
    add_argument(line, line.pending, "", out, files);
    return out;
  }
  if (current.starts_with("-") && !line.only_positionals) {
    const auto equals = current.find('=');
    const CLI::Option* option = find_option(line.command, current.substr(0, equals));
    if (equals != std::string::npos && option != nullptr && takes_value(option)) {
      add_argument(line, option, current.substr(0, equals + 1), out, files);
    } else {
      add_options(line.command, out);
    }
    return out;
  }
  const CLI::Option* next = next_positional(line);
  // A command's required positional comes before its subcommands (`cna who ACCOUNT add`).
  if (next == nullptr || !next->get_required()) {
    for (const CLI::App* sub :
         line.command->get_subcommands([](const CLI::App* a) { return visible(a); }))
      out.push_back({sub->get_name(), first_line(sub->get_description())});
  }
  if (next != nullptr) add_argument(line, next, "", out, files);
  return out;
}

int run_complete_words(const CLI::App& root, const std::vector<std::string>& words) {
  std::string files;
  std::vector<Candidate> found;
  try {
    found = candidates(root, words, files);
  } catch (const std::exception&) {
    // A bad workspace or account: no candidates from it, and no message in the middle of a line.
  }
  for (const Candidate& c : found) {
    if (c.about.empty()) {
      fmt::print("{}\n", c.word);
    } else {
      fmt::print("{}\t{}\n", c.word, c.about);
    }
  }
  if (!files.empty()) fmt::print(":{}\n", files);
  return 0;
}

// clang-format off
// bash: the words up to the cursor, split on blanks (COMP_WORDS splits at ":" and "=", which
// `builtin:ID` and `--format=md` hold); the replies lose what readline treats as already typed.
constexpr std::string_view kBash = R"sh(# cna completion for bash (generated by `cna completion bash`).
# Installed: share/bash-completion/completions/cna. By hand: eval "$(cna completion bash)" in ~/.bashrc.
_cna() {
  local cna_line=${COMP_LINE:0:COMP_POINT} cna_item cna_files="" cna_cur cna_drop
  local -a cna_words
  read -r -a cna_words <<<"$cna_line"
  [[ $cna_line == *[[:space:]] ]] && cna_words+=("")
  cna_cur=${cna_words[${#cna_words[@]}-1]}
  cna_drop=""
  case $COMP_WORDBREAKS in *:*) [[ $cna_cur == *:* ]] && cna_drop=${cna_cur%"${cna_cur##*:}"} ;; esac
  case $COMP_WORDBREAKS in *=*) [[ ${cna_cur#"$cna_drop"} == *=* ]] && cna_drop=${cna_cur%"${cna_cur##*=}"} ;; esac
  COMPREPLY=()
  while IFS= read -r cna_item; do
    case $cna_item in
      :files) cna_files=f ;;
      :dirs) cna_files=d ;;
      *)
        cna_item=${cna_item%%$'\t'*}
        [[ $cna_item == "$cna_cur"* ]] && COMPREPLY+=("${cna_item#"$cna_drop"}")
        ;;
    esac
  done < <(command cna complete-words -- "${cna_words[@]:1}" 2>/dev/null)
  if [[ -n $cna_files ]]; then
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    if [[ $cna_files == d ]]; then
      COMPREPLY+=($(compgen -d -- "$cna_cur"))
    else
      COMPREPLY+=($(compgen -f -- "$cna_cur"))
    fi
  fi
}
complete -F _cna cna
)sh";

// zsh: native (compinit), every local named cna_* so that no zsh special ($path, $words, $reply)
// is shadowed or changed.
constexpr std::string_view kZsh = R"sh(#compdef cna
# cna completion for zsh (generated by `cna completion zsh`).
# Installed: share/zsh/vendor-completions/_cna. By hand: eval "$(cna completion zsh)" in ~/.zshrc,
# after compinit.
_cna() {
  local cna_item cna_files=
  local -a cna_lines cna_found cna_shown
  cna_lines=("${(@f)$(command cna complete-words -- "${(@)words[2,CURRENT]}" 2>/dev/null)}")
  for cna_item in "${cna_lines[@]}"; do
    case $cna_item in
      '') ;;
      :files) cna_files=f ;;
      :dirs) cna_files=d ;;
      *$'\t'*)
        cna_found+=("${cna_item%%$'\t'*}")
        cna_shown+=("${cna_item%%$'\t'*}  -- ${cna_item#*$'\t'}")
        ;;
      *)
        cna_found+=("$cna_item")
        cna_shown+=("$cna_item")
        ;;
    esac
  done
  (( ${#cna_found} )) && compadd -l -d cna_shown -a cna_found
  if [[ $cna_files == f ]]; then
    _files
  elif [[ $cna_files == d ]]; then
    _files -/
  fi
  return 0
}
if [[ ${funcstack[1]} == _cna ]]; then
  _cna "$@"
elif (( $+functions[compdef] )); then
  compdef _cna cna
fi
)sh";

// fish: one `complete` line; the candidates (with their descriptions) come from cna itself.
constexpr std::string_view kFish = R"sh(# cna completion for fish (generated by `cna completion fish`).
# Installed: share/fish/vendor_completions.d/cna.fish. By hand: cna completion fish | source
function __cna_complete
    set -l cna_words (commandline -opc)
    set -l cna_cur (commandline -ct)
    set -e cna_words[1]
    set -l cna_files
    for cna_item in (command cna complete-words -- $cna_words "$cna_cur" 2>/dev/null)
        switch $cna_item
            case :files
                set cna_files f
            case :dirs
                set cna_files d
            case '*'
                echo $cna_item
        end
    end
    if test "$cna_files" = f
        __fish_complete_path "$cna_cur"
    else if test "$cna_files" = d
        __fish_complete_directories "$cna_cur"
    end
end
complete -c cna -f -a '(__cna_complete)'
)sh";
// clang-format on

struct ShellScript {
  std::string_view shell;
  std::string_view script;
};
constexpr std::array kScripts{ShellScript{"bash", kBash}, ShellScript{"zsh", kZsh},
                              ShellScript{"fish", kFish}};

} // namespace

void add_completion(CLI::App& app, Globals& g) {
  auto shell = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("completion", "Shell completion script: bash, zsh or fish");
  std::vector<std::string> shells;
  for (const ShellScript& s : kScripts)
    shells.emplace_back(s.shell);
  sub->add_option("shell", *shell, "bash, zsh or fish")->required()->check(CLI::IsMember(shells));
  sub->footer("Installed packages load them by themselves. From a build:\n"
              "  eval \"$(cna completion bash)\"      (in ~/.bashrc)\n"
              "  eval \"$(cna completion zsh)\"       (in ~/.zshrc, after compinit)\n"
              "  cna completion fish | source       (in ~/.config/fish/config.fish)");
  sub->callback([shell, &g] {
    g.action = [shell] {
      for (const ShellScript& s : kScripts)
        if (s.shell == *shell) fmt::print("{}", s.script);
      return 0;
    };
  });

  // What the scripts run on each Tab; hidden from --help and from completion itself.
  auto words = std::make_shared<std::vector<std::string>>();
  auto* complete = app.add_subcommand(std::string(kHiddenCommand), "Completion candidates");
  complete->group("");
  complete->add_option("words", *words, "The words after cna, the last being completed");
  complete->callback(
      [words, &app, &g] { g.action = [words, &app] { return run_complete_words(app, *words); }; });
}

} // namespace cna::cli
