#include "cli/output.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/app.hpp"
#include "cna/text.hpp"

namespace cna::cli {

namespace {
bool g_color = false;
bool g_quiet = false;

// Whether an environment variable is set to something other than "" (and, for CLICOLOR-style
// switches, other than "0").
bool env_set(const char* name, bool zero_is_off = false) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return false;
  return !zero_is_off || std::string_view(value) != "0";
}

// The order (docs/commands.md, "Colours"): --color always|never; then NO_COLOR (no-color.org:
// set and not empty means no colour); then CLICOLOR_FORCE (not "0") or FORCE_COLOR (set and not
// empty) force colours on a pipe; then CLICOLOR=0 turns them off; else colours on a terminal
// whose TERM is not "dumb".
bool use_color(std::string_view option) {
  if (option != "auto") return option == "always";
  if (env_set("NO_COLOR")) return false;
  if (env_set("CLICOLOR_FORCE", true) || env_set("FORCE_COLOR")) return true;
  const char* clicolor = std::getenv("CLICOLOR");
  if (clicolor != nullptr && std::string_view(clicolor) == "0") return false;
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) == 1 && (term == nullptr || std::string_view(term) != "dumb");
}

} // namespace

void set_output_options(const Globals& g) {
  g_quiet = g.quiet;
  g_color = use_color(g.color);
}

bool quiet() { return g_quiet; }

std::string paint(std::string_view text, Tone tone) {
  if (!g_color || tone == Tone::plain) return std::string(text);
  const char* sgr = "";
  switch (tone) {
  case Tone::bold:
    sgr = "1";
    break;
  case Tone::dim:
    sgr = "2";
    break;
  case Tone::good:
    sgr = "32";
    break;
  case Tone::warn:
    sgr = "33";
    break;
  case Tone::bad:
    sgr = "31";
    break;
  case Tone::accent:
    sgr = "36";
    break;
  case Tone::plain:
    break;
  }
  return "\x1b[" + std::string(sgr) + "m" + std::string(text) + "\x1b[0m";
}

std::string show(std::string_view text) { return visible(text); }

std::size_t terminal_columns() {
  winsize size{};
  if (isatty(STDOUT_FILENO) != 1 || ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) return 0;
  return size.ws_col;
}

void say(std::string_view text, Tone tone, std::size_t indent) {
  const std::size_t columns = terminal_columns();
  for (const std::string& line : wrap(text, columns > indent + 10 ? columns - indent : 0))
    fmt::print("{:{}}{}\n", "", indent, paint(line, tone));
}

void say_heading(std::string_view head, Tone head_tone, std::string_view tail, Tone tail_tone,
                 std::size_t gap) {
  const std::size_t columns = terminal_columns();
  const std::vector<std::string> lines = wrap(head, columns);
  for (std::size_t k = 0; k + 1 < lines.size(); ++k)
    fmt::print("{}\n", paint(lines[k], head_tone));
  const bool fits =
      columns == 0 || display_width(lines.back()) + gap + display_width(tail) <= columns;
  fmt::print("{}{:{}}{}\n", paint(lines.back(), head_tone), fits ? "" : "\n", fits ? gap : 0,
             paint(tail, tail_tone));
}

void print_labelled(std::string_view label, Tone label_tone, std::string_view text, Tone tone) {
  constexpr std::size_t kIndent = 2;
  const std::size_t columns = terminal_columns();
  const bool lines = text.find('\n') != std::string_view::npos;
  // Later lines start under the text ("  now: " wide), or 2 further in under a label of its own.
  const std::size_t hang = label.empty() ? kIndent
                           : lines       ? kIndent + 2
                                         : kIndent + label.size() + 1;
  const std::size_t width = columns > hang + 10 ? columns - hang : 0;
  if (!label.empty() && lines) fmt::print("{:{}}{}\n", "", kIndent, paint(label, label_tone));
  bool first = !lines;
  for (const std::string& line : wrap(text, width)) {
    if (first && !label.empty()) {
      fmt::print("{:{}}{} {}\n", "", kIndent, paint(label, label_tone), paint(line, tone));
    } else {
      fmt::print("{:{}}{}\n", "", first ? kIndent : hang, paint(line, tone));
    }
    first = false;
  }
}

std::string bar(std::size_t done, std::size_t total, std::size_t width) {
  const std::size_t filled = total == 0 ? width : (done * width + total / 2) / total;
  std::string out;
  for (std::size_t i = 0; i < width; ++i)
    out += i < filled ? "█" : "░";
  return out;
}

} // namespace cna::cli
