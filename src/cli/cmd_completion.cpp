// `cna completion bash|zsh|fish`: shell completion scripts, generated from the command tree itself
// (every subcommand and option CLI11 knows), so they cannot drift from it. Account names complete
// from `cna status --json` in the workspace the shell is in.
#include <fmt/format.h>
#include <memory>
#include <string>
#include <vector>

#include "cli/app.hpp"

namespace cna::cli {

namespace {

constexpr std::string_view kShells = "bash zsh fish";

// One command of the tree: its path ("", "checklist", "checklist fmt"), its subcommands and its
// options ("--check", "-o"), in the order CLI11 holds them.
struct Node {
  std::string path;
  std::vector<std::string> subcommands;
  std::vector<std::string> options;
};

void collect(const CLI::App& app, const std::string& path, std::vector<Node>& nodes) {
  Node node{path, {}, {}};
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames())
      node.options.push_back("--" + name);
    for (const std::string& name : option->get_snames())
      node.options.push_back("-" + name);
  }
  const std::vector<const CLI::App*> subs =
      app.get_subcommands([](const CLI::App* sub) { return !sub->get_name().empty(); });
  for (const CLI::App* sub : subs)
    node.subcommands.push_back(sub->get_name());
  if (path == "completion") node.subcommands.emplace_back(kShells); // its argument
  nodes.push_back(node);
  for (const CLI::App* sub : subs)
    collect(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), nodes);
}

// The commands whose first argument is an account.
constexpr std::string_view kAccountCommands =
    "start confirm answer import who status brief check report proposal log";

// clang-format off
constexpr std::string_view kBash = R"sh(# cna completion for bash: eval "$(cna completion bash)" in ~/.bashrc
_cna_words() {
  case "$1" in
@CASES@  esac
}
_cna_accounts() {
  command cna status --json 2>/dev/null | sed -n 's/^{"account":"\([a-z0-9-]*\)".*/\1/p'
}
_cna() {
  local cur=${COMP_WORDS[COMP_CWORD]} path="" word i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    case "$word" in
      -C) ((i++)) ;;
      -*) ;;
      *) case " $(_cna_words "$path") " in *" $word "*) path="${path:+$path }$word" ;; esac ;;
    esac
  done
  local words
  words=$(_cna_words "$path")
  case " @ACCOUNT_COMMANDS@ " in *" $path "*) [[ $cur == -* ]] || words="$words $(_cna_accounts)" ;; esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _cna cna
)sh";
// clang-format on

std::string replaced(std::string text, std::string_view marker, std::string_view by) {
  const auto at = text.find(marker);
  if (at != std::string::npos) text.replace(at, marker.size(), by);
  return text;
}

std::string bash(const std::vector<Node>& nodes) {
  std::string cases;
  for (const Node& n : nodes) {
    std::vector<std::string> words = n.subcommands;
    words.insert(words.end(), n.options.begin(), n.options.end());
    cases += fmt::format("    \"{}\") echo \"{}\" ;;\n", n.path, fmt::join(words, " "));
  }
  return replaced(replaced(std::string(kBash), "@CASES@", cases), "@ACCOUNT_COMMANDS@",
                  kAccountCommands);
}

std::string fish(const std::vector<Node>& nodes) {
  std::string out = "# cna completion for fish: cna completion fish | source\n"
                    "complete -c cna -f\n";
  for (const Node& n : nodes) {
    // The condition that the words typed so far are exactly this node's path.
    const std::string at =
        n.path.empty() ? "__fish_use_subcommand"
                       : fmt::format("test \"(string join ' ' (__fish_print_cmd_args_without_"
                                     "options)[2..])\" = '{}'",
                                     n.path);
    if (!n.subcommands.empty())
      out += fmt::format("complete -c cna -n \"{}\" -a '{}'\n", at, fmt::join(n.subcommands, " "));
    for (const std::string& option : n.options) {
      const bool is_long = option.rfind("--", 0) == 0;
      out += fmt::format("complete -c cna -n \"{}\" -{} '{}'\n", at, is_long ? "l" : "s",
                         option.substr(is_long ? 2 : 1));
    }
  }
  out += fmt::format("complete -c cna -n '__fish_seen_subcommand_from {}' -a '(command cna status "
                     "--json 2>/dev/null | string replace -rf \"^{{\\\"account\\\":\\\"([a-z0-9-]+)"
                     "\\\".*\" \\'$1\\')'\n",
                     kAccountCommands);
  return out;
}

int run_completion(const CLI::App& root, const std::string& shell) {
  std::vector<Node> nodes;
  collect(root, "", nodes);
  if (shell == "fish") {
    fmt::print("{}", fish(nodes));
  } else if (shell == "zsh") {
    // zsh runs bash completion functions through bashcompinit.
    fmt::print("{}", "# cna completion for zsh: eval \"$(cna completion zsh)\" in ~/.zshrc\n"
                     "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && "
                     "bashcompinit\n" +
                         bash(nodes));
  } else {
    fmt::print("{}", bash(nodes));
  }
  return 0;
}

} // namespace

void add_completion(CLI::App& app, Globals& g) {
  auto shell = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("completion", "Shell completion script: bash, zsh or fish");
  sub->add_option("shell", *shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"})); // kShells
  sub->footer("Examples:\n"
              "  eval \"$(cna completion bash)\"      (in ~/.bashrc)\n"
              "  eval \"$(cna completion zsh)\"       (in ~/.zshrc)\n"
              "  cna completion fish | source       (in ~/.config/fish/config.fish)");
  sub->callback(
      [shell, &app, &g] { g.action = [shell, &app] { return run_completion(app, *shell); }; });
}

} // namespace cna::cli
