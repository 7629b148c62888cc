#include "cli/output.hpp"

#include <cstdlib>
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

std::string bar(std::size_t done, std::size_t total, std::size_t width) {
  const std::size_t filled = total == 0 ? width : (done * width + total / 2) / total;
  std::string out;
  for (std::size_t i = 0; i < width; ++i)
    out += i < filled ? "█" : "░";
  return out;
}

} // namespace cna::cli
